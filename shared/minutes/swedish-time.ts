import { RadslagError } from '../errors/catalog';
import type { Instant } from '../domain';
import { wallClock, type WallClock } from '../absence/zoned';

/** Wall-clock parts of an instant in an IANA zone. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const MONTHS_SV = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
] as const;

const pad = (n: number): string => String(n).padStart(2, '0');

export function zonedParts(instant: Instant, timeZone: string): ZonedParts {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RadslagError('VALIDATION_FAILED', { detail: `ogiltig tidpunkt "${instant}"` });
  let clock: WallClock;
  try {
    clock = wallClock(new Date(ms), timeZone);
  } catch {
    // Intl refuses a zone it does not know.
    throw new RadslagError('VALIDATION_FAILED', { detail: `okänd tidszon "${timeZone}"` });
  }
  const { year, month, day, hour, minute } = clock;
  return { year, month, day, hour, minute };
}

/** "2024-09-20" in the meeting's zone. */
export function isoDateInZone(instant: Instant, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** "09.00": the Swedish formal style used in the 2024 protocol. */
export function clockInZone(instant: Instant, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${pad(p.hour)}.${pad(p.minute)}`;
}

/** "2024-09-20, kl. 09.00–12.00" (en dash); a meeting over midnight gets both dates. */
export function meetingTimeLine(startsAt: Instant, endsAt: Instant, timeZone: string): string {
  const d1 = isoDateInZone(startsAt, timeZone);
  const d2 = isoDateInZone(endsAt, timeZone);
  const t1 = clockInZone(startsAt, timeZone);
  const t2 = clockInZone(endsAt, timeZone);
  if (d1 === d2) return `${d1}, kl. ${t1}–${t2}`;
  return `${d1}, kl. ${t1} – ${d2}, kl. ${t2}`;
}

/** "YYMMDD" as in "Justerade: Jari Mehtäläinen 250403". */
export function yymmddInZone(instant: Instant, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${pad(p.year % 100)}${pad(p.month)}${pad(p.day)}`;
}

/** "31 januari 2022" from a calendar date "2022-01-31". */
export function longSwedishDate(calendarDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(calendarDate);
  if (!m) throw new RadslagError('VALIDATION_FAILED', { detail: `ogiltigt datum "${calendarDate}"` });
  const month = MONTHS_SV[Number(m[2]) - 1];
  if (!month) throw new RadslagError('VALIDATION_FAILED', { detail: `ogiltigt datum "${calendarDate}"` });
  return `${Number(m[3])} ${month} ${m[1]}`;
}

export function isCalendarDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
}
