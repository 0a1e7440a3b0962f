// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findBadgeAnchor, isDarkPage, readPageHandle } from '@/lib/tiktok-page';

function load(name: string, path = '/@sunny.cooks'): Document {
  const html = readFileSync(`tests/fixtures/tiktok/${name}`, 'utf8').replace(
    /<script>[\s\S]*?<\/script>/,
    // The fixtures render the handle from the URL; do it here without running scripts.
    '',
  );
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
      const anchor = findBadgeAnchor(load(page));
      expect(anchor?.placement).toBe('after');
      expect(anchor?.element.getAttribute('data-e2e')).toBe('user-title');
    }
  });

  it('fall back to the first heading when the data-e2e anchors are gone', () => {
    const anchor = findBadgeAnchor(load('profile-no-anchors.html'));
    expect(anchor).toMatchObject({ placement: 'fallback' });
    expect(anchor?.element.tagName).toBe('H1');
  });

  it('find nothing on the feed, or before the header has rendered', () => {
    expect(findBadgeAnchor(load('feed.html'))).toBeNull();
    const empty = load('profile.html');
    empty.getElementById('title')!.textContent = '';
    expect(findBadgeAnchor(empty)).toBeNull();
  });

  it('read the handle the header shows and the theme', () => {
    expect(readPageHandle(load('profile.html', '/@Sunny.Cooks'))).toBe('sunny.cooks');
    expect(isDarkPage(load('profile-dark.html'))).toBe(true);
    expect(isDarkPage(load('profile.html'))).toBe(false);
  });
});
