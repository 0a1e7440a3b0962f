import { ALARMS, clearAlarm, getAlarm, setAlarm } from '@/lib/platform/alarms';
import type { Follow } from '@/lib/domain/model';
import { settingsItem } from '@/lib/platform/storage';
import { DUE_SLACK_MS, type SmartSchedule } from '@/lib/checking/smart-schedule';
import { nextUtcDay } from '@/lib/domain/budget';

interface EnsureOptions {
  /** A first check within the minute (a new install). */
  fireSoon?: boolean;
  /** Not before this time (checks that could not be made come back later, not every 30 s). */
  notBefore?: number;
}

/**
 * Keeps the poll alarm as configured without resetting its schedule on every wake: periodic in fixed mode; in smart
 * mode one alarm for the earliest due check (the browser fires alarms at most every 30 s).
 */
export function createPollAlarm({ smart, now, follows: readFollows }: {
  smart: SmartSchedule;
  now: () => number;
  follows: () => Promise<Follow[]>;
}) {
  return async function ensureAlarm(options: EnsureOptions = {}) {
    const settings = await settingsItem.get();
    const existing = await getAlarm(ALARMS.poll);
    if (settings.checkMode === 'fixed') {
      if (existing && existing.periodInMinutes === settings.pollMinutes) return;
      await setAlarm(ALARMS.poll, { periodInMinutes: settings.pollMinutes, delayInMinutes: options.fireSoon ? 0.5 : settings.pollMinutes });
      return;
    }
    const follows = await readFollows();
    // Nobody to check: no alarm, and no book written (erasing the data leaves nothing behind).
    if (!follows.length) {
      if (existing) await clearAlarm(ALARMS.poll);
      return;
    }
    await smart.refresh(follows);
    const earliest = await smart.earliest();
    if (earliest === null) {
      if (existing) await clearAlarm(ALARMS.poll);
      return;
    }
    // Not past the next UTC midnight either: the day's pace set the next checks, and a new day's budget sets them again.
    const when = Math.max(Math.min(earliest, nextUtcDay(now())), now() + DUE_SLACK_MS, options.notBefore ?? 0);
    // An alarm still to come, no later than needed, stays: moved to `when` at every call, it would go 30 s on with
    // each page's signals, and a TikTok tab sending them would keep the due checks from ever being made. One that
    // comes early costs a wake, not a credit: the cycle checks only who is due.
    const soonest = Math.max(now(), options.notBefore ?? 0);
    if (existing && !existing.periodInMinutes && existing.scheduledTime > soonest && existing.scheduledTime < when + 1000) return;
    await setAlarm(ALARMS.poll, { when });
  };
}
