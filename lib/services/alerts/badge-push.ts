import { badgeView, followState, type BadgeAnswer, type BadgePush } from '@/lib/domain/badge-view';
import { apiErrorText } from '@/lib/platform/error-text';
import { isFollowsChange } from '@/lib/platform/follows';
import { kept } from '@/lib/domain/kept';
import { sendToTab as sendToTabOf } from '@/lib/platform/tabs';
import { badgeTabsItem, cacheItem, changedCacheHandles, demoItem, MAX_BADGE_TABS, pinsItem } from '@/lib/platform/storage';
import type { WorkerState } from '@/lib/services/worker-state';

interface BadgePushDeps {
  state: Pick<WorkerState, 'follows' | 'pins' | 'demo'>;
  sendToTab?: (tabId: number, push: BadgePush) => Promise<unknown>;
}

/** What the badge for `handle` shows now. */
async function badgeAnswer(state: BadgePushDeps['state'], handle: string): Promise<BadgeAnswer> {
  const [list, pins, demo, entry] = await Promise.all([state.follows(), state.pins(), state.demo.get(), cacheItem(handle).get()]);
  return { view: badgeView(entry, apiErrorText), ...followState(list, pins, handle), demo };
}

/**
 * Keeps the badges on open TikTok tabs current without letting them read storage: the background remembers which
 * tab shows which handle (session storage, so a restarted worker still knows) and sends a fresh answer only there
 * when that creator's entry, the follow list or demo mode changes.
 */
export function createBadgePush(deps: BadgePushDeps) {
  const sendToTab = deps.sendToTab ?? sendToTabOf;
  // Read once per wake and after each change of ours: every answer of a cycle asks which tabs show its creator.
  const badgeTabs = kept(() => badgeTabsItem.get());
  /** Per tab, the last answer it was given (handle and answer as JSON): an identical one is not sent again. */
  const sent = new Map<number, string>();
  /** Tabs whose visit is being answered: the reply carries the creator's new entry, a push would repeat it. */
  const answering = new Map<number, string>();
  const sentKey = (handle: string, answer: BadgeAnswer) => `${handle}\n${JSON.stringify(answer)}`;

  async function register(tabId: number, handle: string) {
    badgeTabs.drop();
    await badgeTabsItem.update((tabs) => {
      // Re-inserted last, so the least recently used tabs are the ones dropped past the cap.
      const rest = Object.entries(tabs).filter(([id]) => id !== String(tabId));
      return Object.fromEntries([...rest, [String(tabId), handle]].slice(-MAX_BADGE_TABS));
    });
  }

  async function forget(tabId: number) {
    sent.delete(tabId);
    badgeTabs.drop();
    await badgeTabsItem.update((tabs) => Object.fromEntries(Object.entries(tabs).filter(([id]) => id !== String(tabId))));
  }

  async function push(handles: ReadonlySet<string> | 'all') {
    const tabs = Object.entries(await badgeTabs.get()).filter(
      ([id, handle]) => handles === 'all' || (handles.has(handle) && answering.get(Number(id)) !== handle),
    );
    const answers = new Map<string, Promise<BadgeAnswer>>();
    await Promise.all(
      tabs.map(async ([id, handle]) => {
        if (!answers.has(handle)) answers.set(handle, badgeAnswer(deps.state, handle));
        const answer = await answers.get(handle)!;
        const key = sentKey(handle, answer);
        if (sent.get(Number(id)) === key) return;
        sent.set(Number(id), key);
        // A tab that closed or left TikTok has nobody listening: forget it.
        await sendToTab(Number(id), { type: 'badge', handle, answer }).catch(() => forget(Number(id)));
      }),
    );
  }

  return {
    /**
     * A visit from the top frame of `tabId`: the tab is registered for later updates and `reply` answers it. Pushes of
     * the entry the visit itself wrote are not sent: the reply carries it.
     */
    async visit(tabId: number, handle: string, reply: () => Promise<BadgeAnswer>): Promise<BadgeAnswer> {
      answering.set(tabId, handle);
      try {
        const [answer] = await Promise.all([reply(), register(tabId, handle)]);
        sent.set(tabId, sentKey(handle, answer));
        return answer;
      } finally {
        if (answering.get(tabId) === handle) answering.delete(tabId);
      }
    },
    forget,
    async onStorageChanged(changes: Record<string, unknown>, areaName: string) {
      if (badgeTabsItem.changedIn(changes, areaName)) badgeTabs.drop();
      if (isFollowsChange(changes) || demoItem.changedIn(changes, areaName) || pinsItem.changedIn(changes, areaName)) return push('all');
      const handles = new Set(changedCacheHandles(changes, areaName));
      if (handles.size) await push(handles);
    },
  };
}
export type BadgeUpdater = ReturnType<typeof createBadgePush>;
