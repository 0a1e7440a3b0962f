import type { RecentLive } from '@/lib/domain/recent-lives';
import { isFollowListLocal, isFollowsChange, readFollows, setAsideCount, syncShare } from '@/lib/platform/follows';
import type { Budget, Follow, CacheEntry, KeyState, PollState, Settings } from '@/lib/domain/model';
import { dailyBudget, otherDevices } from '@/lib/domain/budget';
import { balanceItem, budgetItem, changedCacheHandles, demoItem, deviceItem, tallyItem, keyStateItem, pollStateItem, readCacheEntries, pinsItem, recentLivesItem, settingsItem } from '@/lib/platform/storage';

/** Everything the popup and options show, read from storage at once (no network). */
export interface Snapshot {
  follows: Follow[];
  /** The cached answers of the followed creators. */
  entries: CacheEntry[];
  keyState: KeyState;
  poll: PollState;
  settings: Settings;
  demo: boolean;
  followsInLocal: boolean;
  /** Stored pieces of the follow list this build could not read, kept aside. */
  followsSetAside: number;
  /** The last go-lives of followed creators, newest first. */
  recentLives: RecentLive[];
  /** Pinned creators (those still followed come first in their section). */
  pins: string[];
  /** The share of the browser's sync space the follow list takes (0–1). */
  syncShare: number;
  /** The monthly budget (null until a key's balance gave the default) and the daily one smart checking spends. */
  budget: Budget | null;
  creditsPerDay: number;
  /** The account's balance as last asked (free), and when. */
  balance: { balance: number; at: number } | null;
  /** Other browsers sharing the account's budget (each plans its part). */
  otherBrowsers: number;
}

/** `readFollowList`: the worker passes the list it keeps in memory. */
export async function readSnapshot(readFollowList: () => Promise<Follow[]> = readFollows): Promise<Snapshot> {
  const [follows, keyState, poll, settings, demo, followsInLocal, followsSetAside, recentLives, pins, share, budget, balance, tally, device] = await Promise.all([
    readFollowList(),
    keyStateItem.get(),
    pollStateItem.get(),
    settingsItem.get(),
    demoItem.get(),
    isFollowListLocal(),
    setAsideCount(),
    recentLivesItem.get(),
    pinsItem.get(),
    syncShare(),
    budgetItem.get(),
    balanceItem.get(),
    tallyItem.get(),
    deviceItem.get(),
  ]);
  const entries = [...(await readCacheEntries(follows.map((f) => f.handle))).values()];
  // Of creators still followed: one unfollowed while live (or demo mode's, once it is off) would stay "live now".
  const followed = new Set(follows.map((f) => f.handle));
  const recent = recentLives.filter((live) => followed.has(live.handle));
  const creditsPerDay = dailyBudget(budget, settings);
  const otherBrowsers = otherDevices(tally, device ?? '', Date.now());
  return { follows, entries, keyState, poll, settings, demo, followsInLocal, followsSetAside, recentLives: recent, pins, syncShare: share, budget, creditsPerDay, balance, otherBrowsers };
}


const SNAPSHOT_ITEMS = [keyStateItem, pollStateItem, settingsItem, demoItem, recentLivesItem, pinsItem, budgetItem, balanceItem, tallyItem];

/** Whether a storage change touches what `readSnapshot` reads (logs, tallies and the schedule's book do not). */
export function isSnapshotChange(changes: Record<string, unknown>, areaName: string): boolean {
  return (
    isFollowsChange(changes) || SNAPSHOT_ITEMS.some((item) => item.changedIn(changes, areaName)) || changedCacheHandles(changes, areaName).length > 0
  );
}
