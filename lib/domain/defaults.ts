import type { PollState, Settings } from '@/lib/domain/model';

/** The values before anything is stored, kept apart from the schemas so the popup can have them without zod. */

export const DEFAULT_SETTINGS: Settings = {
  // 10 minutes: 144 credits a day per follow, fresh enough not to miss a typical stream.
  pollMinutes: 10,
  freshnessSeconds: 60,
  checkVisitedProfiles: true,
  checkVisitedInPrivate: false,
  notifications: true,
  notifyNewFollows: true,
  persistentNotifications: false,
  silentNotifications: false,
  visitLookupsPerMinute: 10,
  // New installs check smartly, at what fixed 10 minutes would cost; existing ones keep their interval (migration 2).
  checkMode: 'smart',
  creditsPerDay: null,
};

export const EMPTY_POLL_STATE: PollState = {
  lastSuccessAt: null,
  lastAttemptAt: null,
  pending: [],
  cycleStartedAt: null,
  pausedFor: null,
  backoffUntil: null,
  backoffAttempt: 0,
  lastError: null,
};
