import type { Habit } from '@/lib/domain/schedule/estimate';

// 2024-01-01 was a Monday: weekday d (0 = Monday) falls on January d + 1.
const weekday = (day: number, language: string) => new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, day + 1));

/** "Tue–Thu" for a run of days, "Mon, Wed, Fri" otherwise, "every day" for all seven — in the UI language. */
export function habitDays(days: readonly number[], language: string, everyDay: string): string {
  if (days.length === 7) return everyDay;
  const consecutive = days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
  if (consecutive && days.length > 2) return `${weekday(days[0]!, language)}–${weekday(days[days.length - 1]!, language)}`;
  return days.map((d) => weekday(d, language)).join(', ');
}

/** "20:00" (or "8:00 PM") in the UI language. */
export function habitTime(habit: Habit, language: string): string {
  const at = Date.UTC(2024, 0, 1, 0, habit.minuteOfDay);
  return new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(at);
}
