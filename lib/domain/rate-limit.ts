/**
 * A sliding-window limit: at most `max` admissions in any `perMs`. Returns whether this one is admitted and the log
 * to keep (only times inside the window, so it stays small).
 */
export function admit(log: readonly number[], at: number, max: number, perMs: number): { allowed: boolean; log: number[] } {
  const recent = log.filter((t) => t <= at && at - t < perMs);
  const allowed = recent.length < max;
  return { allowed, log: allowed ? [...recent, at] : recent };
}
