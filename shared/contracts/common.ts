import { z } from 'zod';

export const idSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9_.:-]+$/, 'invalid id');
/**
 * Dates and times at the edge: real calendar dates only (no 2027-02-31, no month 13) in the years Rådslag can
 * format and compute with; a year such as 0000 or 9999 is refused with 400 instead of failing later.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;
const inYears = (iso: string): boolean => {
  const ms = Date.parse(iso);
  // A malformed value is reported by the format check alone (one message, in the reader's language).
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso) || !Number.isFinite(ms)) return true;
  const years = [Number(iso.slice(0, 4)), new Date(ms).getUTCFullYear()];
  return years.every((y) => y >= MIN_YEAR && y <= MAX_YEAR);
};
const yearMessage = `must be a date in the years ${MIN_YEAR}–${MAX_YEAR}`;
export const instantSchema = z.iso.datetime({ offset: true }).refine(inYears, yearMessage);
/** YYYY-MM-DD, a real date (zod checks month lengths and leap years). */
export const calendarDateSchema = z.iso.date().refine(inYears, yearMessage);
/** HH:MM on a 24-hour clock. */
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM (00:00–23:59)');

/** An IANA time zone the runtime knows (Intl), so formatting a meeting's times cannot fail later. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone }).format(0);
    return true;
  } catch {
    return false;
  }
}
export const timeZoneSchema = z.string().min(1).max(64).refine(isKnownTimeZone, 'unknown time zone: use an IANA name such as Europe/Stockholm');
/** Names and titles as people write them; control characters are refused. */
export const textLine = (max = 300) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'control characters are not allowed');
export const optionalTextLine = (max = 300) => textLine(max).nullish();
export const longText = (max = 50_000) =>
  z
    .string()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'control characters are not allowed');
export const versionSchema = z.number().int().min(1);
export const emailSchema = z.email().max(320);
export const httpsUrlSchema = z.url({ protocol: /^https?$/ }).max(2000);
