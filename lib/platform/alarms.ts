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
