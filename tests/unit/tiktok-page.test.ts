// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findAccountLists, findBadgeAnchor, isDarkPage, MAX_LIVE_MARKERS, readAccountList, readEmbeddedState, readLiveMarkers, readProfileHeader, selectors } from '@/lib/tiktok/page';

/** A fixture page as it looks once its inline router has rendered `path` (done here, without running page scripts). */
function load(name: string, path = '/@sunny.cooks'): Document {
  const html = readFileSync(`tests/fixtures/tiktok/${name}`, 'utf8').replace(/<script>[\s\S]*?<\/script>/, '');
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const handle = path.slice(2);
  for (const id of ['title', 'subtitle']) {
    const el = doc.getElementById(id);
    if (el) el.textContent = handle;
  }
  return doc;
}

describe('TikTok page selectors on saved fixtures', () => {
  it('anchor the badge after the profile title (light and dark)', () => {
    for (const page of ['profile.html', 'profile-dark.html']) {
      const doc = load(page);
      const anchor = findBadgeAnchor(doc);
      expect(anchor?.placement).toBe('after');
      expect(anchor?.element.getAttribute('data-e2e')).toBe('user-title');
      for (const key of ['profilePage', 'profileSubtitle', 'profileAvatar', 'followButton', 'profileHeader'] as const) {
        expect(doc.querySelector(selectors[key]), key).not.toBeNull();
      }
    }
  });

  it('wait for the header of the profile the address shows, not the one the user came from', () => {
    const doc = load('profile.html', '/@sunny.cooks');
    expect(findBadgeAnchor(doc, 'night.owl')).toBeNull();
    expect(findBadgeAnchor(doc, 'sunny.cooks')?.placement).toBe('after');
    doc.getElementById('title')!.textContent = '@Night.Owl';
    expect(findBadgeAnchor(doc, 'night.owl')?.placement).toBe('after');
  });

  it('fall back to the first heading when the data-e2e anchors are gone', () => {
    const anchor = findBadgeAnchor(load('profile-no-anchors.html'));
    expect(anchor).toMatchObject({ placement: 'fallback' });
    expect(anchor?.element.tagName).toBe('H1');
  });

  it('fall back to the header container when there is no heading either', () => {
    const doc = load('profile-no-anchors.html');
    doc.getElementById('title')!.remove();
    const anchor = findBadgeAnchor(doc);
    expect(anchor?.placement).toBe('fallback');
    expect(anchor?.element.className).toContain('DivShareLayoutHeader');
  });

  it('find nothing on the feed or a video page', () => {
    expect(findBadgeAnchor(load('feed.html'))).toBeNull();
    // The video page has an h1, but one TikTok tags as a video description.
    expect(findBadgeAnchor(load('video.html'))).toBeNull();
  });

  it('find nothing before the header has rendered, rather than a spot the badge would jump from', () => {
    for (const page of ['profile.html', 'profile-no-anchors.html']) {
      const empty = load(page);
      empty.getElementById('title')!.textContent = ' ';
      expect(findBadgeAnchor(empty), page).toBeNull();
    }
  });

  it('tell the dark theme from the light one', () => {
    expect(isDarkPage(load('profile-dark.html'))).toBe(true);
    expect(isDarkPage(load('profile.html'))).toBe(false);
  });
});

describe('LIVE markers in lists', () => {
  it('reads the accounts a page marks live, by tag or by a link to the live room, and only TikTok links', () => {
    expect(readLiveMarkers(load('feed-live-sidebar.html')).sort()).toEqual(['night_owl', 'sunny.cooks']);
    expect(readLiveMarkers(load('feed.html'))).toEqual([]);
    expect(readLiveMarkers(load('profile.html', '/@Sunny.Cooks'))).toEqual([]);
  });

  it('reads at most a bounded number, however many a page shows', () => {
    const page = new DOMParser().parseFromString(
      `<ul>${Array.from({ length: 500 }, (_, i) => `<li><a href="/@creator${i}"><span data-e2e="live-tag">LIVE</span></a></li>`).join('')}</ul>`,
      'text/html',
    );
    expect(readLiveMarkers(page)).toHaveLength(MAX_LIVE_MARKERS);
  });
});

describe('a profile’s own live state', () => {
  it('reads the header: offline without a marker, live with a LIVE tag or a link to its own live room', () => {
    const page = load('profile.html', '/@sunny.cooks');
    expect(readProfileHeader(page, 'sunny.cooks')).toBe('offline');
    // The header of another profile (before the SPA has rendered the new one) says nothing.
    expect(readProfileHeader(page, 'night_owl')).toBeNull();
    const avatar = page.querySelector(selectors.profileAvatar)!;
    avatar.insertAdjacentHTML('beforeend', '<a href="/@someone.else/live">LIVE</a>');
    expect(readProfileHeader(page, 'sunny.cooks')).toBe('offline');
    avatar.insertAdjacentHTML('beforeend', '<a href="/@sunny.cooks/live">LIVE</a>');
    expect(readProfileHeader(page, 'sunny.cooks')).toBe('live');
  });

  it('reads TikTok’s embedded state only about the user shown, and a room id alone proves nothing', () => {
    const withState = (id: string, state: object) => {
      const doc = new DOMParser().parseFromString('<html><body></body></html>', 'text/html');
      const script = doc.createElement('script');
      script.id = id;
      script.type = 'application/json';
      script.textContent = JSON.stringify(state);
      doc.body.append(script);
      return doc;
    };
    const live = (status: number) => withState('SIGI_STATE', { LiveRoom: { liveRoomUserInfo: { user: { uniqueId: 'Sunny.Cooks' }, liveRoom: { status } } } });
    expect(readEmbeddedState(live(2), 'sunny.cooks')).toBe('live');
    expect(readEmbeddedState(live(4), 'sunny.cooks')).toBe('offline');
    expect(readEmbeddedState(live(2), 'night_owl')).toBeNull();
    const profile = (roomId: string) =>
      withState('__UNIVERSAL_DATA_FOR_REHYDRATION__', { __DEFAULT_SCOPE__: { 'webapp.user-detail': { userInfo: { user: { uniqueId: 'sunny.cooks', roomId } } } } });
    expect(readEmbeddedState(profile(''), 'sunny.cooks')).toBe('offline');
    expect(readEmbeddedState(profile('7312345678901234567'), 'sunny.cooks')).toBeNull();
    expect(readEmbeddedState(withState('SIGI_STATE', {}), 'sunny.cooks')).toBeNull();
    const broken = withState('SIGI_STATE', {});
    broken.querySelector('script')!.textContent = '{"LiveRoom": ';
    expect(readEmbeddedState(broken, 'sunny.cooks')).toBeNull();
  });
});

describe('account lists on saved fixtures', () => {
  it('find the following dialog and the sidebar, and read every rendered account of each', () => {
    const lists = findAccountLists(load('following-dialog.html'));
    expect(lists.map((l) => l.kind)).toEqual(['dialog', 'sidebar']);
    const dialog = readAccountList(lists[0]!.element);
    expect(dialog.handles).toHaveLength(30);
    expect(dialog.handles.slice(0, 2)).toEqual(['friend.01', 'friend.02']);
    // Entries whose link is no TikTok profile are reported, not guessed at.
    expect(dialog.unreadable).toEqual(['https://evil.example/@friend.99', '/@friend.31/video/7441234567890123456']);
    expect(readAccountList(lists[1]!.element)).toEqual({ handles: ['side.one', 'side.two'], unreadable: [] });
  });

  it('find the sidebar whether its hook is on the container or the heading; no list on a plain profile', () => {
    const sidebar = findAccountLists(load('feed-live-sidebar.html'));
    expect(sidebar.map((l) => l.kind)).toEqual(['sidebar']);
    expect(readAccountList(sidebar[0]!.element).handles).toEqual(['sunny.cooks', 'night_owl', 'quiet_maker']);
    expect(findAccountLists(load('profile.html'))).toEqual([]);
  });

  it('read at most the cap from a list that renders without end', () => {
    const doc = load('following-dialog.html');
    expect(readAccountList(findAccountLists(doc)[0]!.element, 10).handles).toHaveLength(10);
  });
});
