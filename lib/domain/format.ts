/** Compact viewer counts as TikTok shows them: 950, 4.2K, 12K, 1.3M. */
export function formatViewers(count: number): string {
  if (count < 1000) return String(count);
  const thousands = (count / 1000).toFixed(count < 10_000 ? 1 : 0);
  // 999,500 rounds to 1000 thousands: that is "1M", not "1000K".
  if (Number(thousands) < 1000) return `${thousands.replace(/\.0$/, '')}K`;
  return `${(count / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
}

/** "45s", "12m", "1h 05m" — how long a stream has been live. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** "just now", "40 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function formatAgo(then: number, now: number): string {
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} d ago`;
}

/** "45 min", "1 h", "4.5 h", "2 d" — how often something recurs, rounded as people say it. */
export function formatGap(minutes: number): string {
  if (minutes < 90) return `${Math.max(1, Math.round(minutes))} min`;
  const hours = minutes / 60;
  if (hours < 36) return `${Number(hours.toFixed(hours < 10 ? 1 : 0))} h`;
  return `${Number((hours / 24).toFixed(1))} d`;
}

/** "4 Mbps", "800 kbps". */
export function formatBitrate(bps: number): string {
  return bps >= 1_000_000 ? `${(bps / 1_000_000).toFixed(1).replace(/\.0$/, '')} Mbps` : `${Math.round(bps / 1000)} kbps`;
}

/** The UTC day of a moment, as the credit log keys its counts ("2026-11-25"). */
export function utcDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Credits a day spent by polling: follows × polls a day. */
export function creditsPerDay(follows: number, pollMinutes: number): number {
  return Math.round(follows * ((24 * 60) / pollMinutes));
}
