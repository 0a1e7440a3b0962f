import { BIN_MS, binEnd, binOf, type LocalOffset } from './week';

/** How fast the plan spends for the rest of the day (`dayPace`), above its floor, which no pace slows. */
export interface Pace {
  factor: number;
  /** The floor's rate, checks per bin. */
  floor: number;
}
const PLANNED: Pace = { factor: 1, floor: 0 };

/**
 * When the next paid check is due after one at `from`: the time by which the planned rate (checks per bin) adds up to
 * one check. Entering a likely hour from a quiet one therefore brings the check forward at once. `pace` scales what
 * the plan spends above the floor for the rest of the day: a day spent ahead of its budget slows, one behind speeds up.
 */
export function nextCheckAt(rates: Float64Array, from: number, offset: LocalOffset, pace: Pace = PLANNED): number {
  let t = from;
  let owed = 1;
  // The floor keeps every rate above zero; the guard only stops a bad table from looping for ever.
  for (let guard = 0; guard < rates.length * 2; guard++) {
    const rate = rates[binOf(t, offset)]!;
    const perMs = (Math.min(rate, pace.floor) + pace.factor * Math.max(0, rate - pace.floor)) / BIN_MS;
    const end = binEnd(t, offset);
    if (perMs > 0 && t + owed / perMs <= end) return Math.ceil(t + owed / perMs);
    owed -= (end - t) * perMs;
    t = end;
  }
  return t;
}

/** The spacing the plan gives a creator at `t`, in ms: what a free observation may stand in for. */
export function gapAt(rates: Float64Array, t: number, offset: LocalOffset): number {
  const rate = rates[binOf(t, offset)]!;
  return rate > 0 ? BIN_MS / rate : Infinity;
}
