import { BIN_MS, binEnd, binOf, type LocalOffset } from './week';

/**
 * When the next paid check is due after one at `from`: the time by which the planned rate (checks per bin) adds up to
 * one check. Entering a likely hour from a quiet one therefore brings the check forward at once.
 */
export function nextCheckAt(rates: Float64Array, from: number, offset: LocalOffset): number {
  let t = from;
  let owed = 1;
  // The floor keeps every rate above zero; the guard only stops a bad table from looping for ever.
  for (let guard = 0; guard < rates.length * 2; guard++) {
    const perMs = rates[binOf(t, offset)]! / BIN_MS;
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
