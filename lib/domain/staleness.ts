import type { PollState, Settings } from '@/lib/domain/model';

/** In smart mode, checking counts as stalled after this long without a successful cycle. */
const SMART_STALL_MINUTES = 121;

/**
 * Checking has stalled, and the UIs say so: in fixed mode no successful cycle for three intervals; in smart mode none
 * for two hours (a list's checks, spread over the day, come more often than that unless the budget is very small).
 */
export function isStale(state: PollState, settings: Pick<Settings, 'pollMinutes' | 'checkMode'>, now: number): boolean {
  const minutes = settings.checkMode === 'smart' ? SMART_STALL_MINUTES : 3 * settings.pollMinutes;
  return state.lastSuccessAt !== null && now - state.lastSuccessAt > minutes * 60_000;
}
