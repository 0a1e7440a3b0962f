import { browser, type Browser } from 'wxt/browser';

/** Every alarm the background keeps, by name (tests and the bench fire them by these names too). */
export const ALARMS = {
  /** The periodic check of every followed creator. */
  poll: 'poll',
  /** A check after a backoff or Retry-After, or fired at once. */
  retry: 'poll-retry',
  /** Writes the follow list to sync again after sync refused it for its write rate. */
  followsSync: 'follows-sync',
} as const;

export type AlarmName = (typeof ALARMS)[keyof typeof ALARMS];

export const getAlarm = (name: AlarmName) => browser.alarms.get(name);
export const setAlarm = (name: AlarmName, when: Browser.alarms.AlarmCreateInfo) => browser.alarms.create(name, when);
export const clearAlarm = (name: AlarmName) => browser.alarms.clear(name);
export const onAlarm = (listener: (alarm: Pick<Browser.alarms.Alarm, 'name'>) => void) => browser.alarms.onAlarm.addListener(listener);
