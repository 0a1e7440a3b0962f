import { DEFAULT_FLOOR_GAP_MINUTES } from '@/lib/domain/schedule/plan';
import type { PollState, Settings } from '@/lib/domain/model';

/**
 * Checking has stalled, and the UIs say so: in fixed mode no successful cycle for three intervals; in smart mode a due
 * check not made within twice its gap. Smart checking sees every creator at least every floor gap, so no successful
 * cycle for two floor gaps means some due check waited that long.
 */
export function isStale(state: PollState, settings: Pick<Settings, 'pollMinutes' | 'checkMode'>, now: number): boolean {
  const minutes = settings.checkMode === 'smart' ? 2 * DEFAULT_FLOOR_GAP_MINUTES + 1 : 3 * settings.pollMinutes;
  return state.lastSuccessAt !== null && now - state.lastSuccessAt > minutes * 60_000;
}
