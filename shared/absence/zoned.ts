import type { CalendarDate, Instant } from '../domain/council';

/** Wall-clock parts of an instant in an IANA zone (Intl only, so it runs anywhere). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/**
 * One formatter per time zone. Creating an Intl.DateTimeFormat costs far more than using one, and reading a
 * förhinder calls wallClock hundreds of times (bench: a fifth of a message's CPU). The memo holds
 * only immutable, deterministic formatters, so no behaviour depends on it — the one exception to "no
 * module-level mutable state", kept for that reason.
 */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = FORMATTERS.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    // A bounded memo: time zones are few (IANA names), but input could name many.
    if (FORMATTERS.size > 100) FORMATTERS.clear();
    FORMATTERS.set(timeZone, f);
  }
  return f;
}

export function wallClock(at: Instant | Date, timeZone: string): WallClock {
  const date = typeof at === 'string' ? new Date(at) : at;
  const parts = formatterFor(timeZone).formatToParts(date);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '0';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')) % 24,
    minute: Number(get('minute')),
    weekday: WEEKDAY_INDEX[get('weekday')] ?? 0,
  };
}

/** Minutes east of UTC of the zone at that instant (60 in Swedish winter, 120 in summer). */
export function offsetMinutes(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant of a wall-clock time on a date in the zone. */
export function zonedInstant(date: CalendarDate, hour: number, minute: number, timeZone: string): Instant {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, hour, minute);
  // Two passes settle the offset also on the days the clocks change.
  let offset = offsetMinutes(new Date(guess), timeZone);
  offset = offsetMinutes(new Date(guess - offset * 60_000), timeZone);
  return new Date(guess - offset * 60_000).toISOString();
}

export function calendarDate(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function localDate(at: Instant | Date, timeZone: string): CalendarDate {
  const w = wallClock(at, timeZone);
  return calendarDate(w.year, w.month, w.day);
}

/** Calendar arithmetic on YYYY-MM-DD without time zones. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return calendarDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** 0 = Sunday … 6 = Saturday */
export function weekdayOf(date: CalendarDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** ISO 8601 week number and its year. */
export function isoWeek(date: CalendarDate): { year: number; week: number } {
  const thursday = addDays(date, 3 - ((weekdayOf(date) + 6) % 7));
  const year = Number(thursday.slice(0, 4));
  const jan4 = calendarDate(year, 1, 4);
  const firstMonday = addDays(jan4, -((weekdayOf(jan4) + 6) % 7));
  const days = Math.round((Date.parse(thursday) - Date.parse(firstMonday)) / 86_400_000);
  return { year, week: Math.floor(days / 7) + 1 };
}

/** Monday of ISO week `week` of `year`. */
export function isoWeekMonday(year: number, week: number): CalendarDate {
  const jan4 = calendarDate(year, 1, 4);
  const firstMonday = addDays(jan4, -((weekdayOf(jan4) + 6) % 7));
  return addDays(firstMonday, (week - 1) * 7);
}
