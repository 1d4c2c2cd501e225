import * as chrono from 'chrono-node';
import type { CalendarDate, Instant } from '../domain/council';
import { addDays, calendarDate, isoWeek, isoWeekMonday, localDate, offsetMinutes, weekdayOf } from './zoned';

/**
 * What a message says about WHEN. chrono's Swedish parser (forward dates, reference in the meeting zone)
 * reads absolute dates and weekdays; the rules here fill what it misses: "i morgon", "nästa möte",
 * "mötet i maj", "vecka 13", "den 21", "nästa fredag" (which Swedes use for both of the next two Fridays).
 */
export type DateRef =
  | { kind: 'days'; dates: CalendarDate[]; start: number; end: number }
  | { kind: 'range'; from: CalendarDate; to: CalendarDate; start: number; end: number }
  | { kind: 'next_meeting'; start: number; end: number };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface Span {
  start: number;
  end: number;
}

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, january: 1, februari: 2, feb: 2, february: 2, mars: 3, march: 3, april: 4, apr: 4,
  maj: 5, may: 5, juni: 6, june: 6, juli: 7, july: 7, augusti: 8, aug: 8, august: 8, september: 9, sept: 9,
  sep: 9, oktober: 10, okt: 10, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const MONTH = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');

const WEEKDAYS: Record<string, number> = {
  sondag: 0, mandag: 1, tisdag: 2, onsdag: 3, torsdag: 4, fredag: 5, lordag: 6,
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
};
const WEEKDAY = Object.keys(WEEKDAYS).join('|');

/** Swedish weekday names typed without diacritics, restored for chrono (same length, so indices hold). */
const RESTORE: [RegExp, string][] = [
  [/\bmandag/g, 'måndag'],
  [/\blordag/g, 'lördag'],
  [/\bsondag/g, 'söndag'],
];

export function mask(text: string, spans: Span[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

function overlaps(a: Span, spans: Span[]): boolean {
  return spans.some((s) => a.start < s.end && a.end > s.start);
}

function endOfMonth(year: number, month: number): CalendarDate {
  return addDays(calendarDate(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1), -1);
}

/** Next calendar date after `today` (or today itself when allowed) that falls on weekday `wd`. */
function nextWeekday(today: CalendarDate, wd: number, includeToday: boolean): CalendarDate {
  let diff = (wd - weekdayOf(today) + 7) % 7;
  if (diff === 0 && !includeToday) diff = 7;
  return addDays(today, diff);
}

/**
 * The sender's calendar day when the message was written: from their own UTC offset (Teams' localTimestamp)
 * when known, else in the meetings' zone. Never the server's clock.
 */
export function senderToday(now: Instant, timeZone: string, senderUtcOffsetMinutes?: number): CalendarDate {
  if (senderUtcOffsetMinutes === undefined) return localDate(now, timeZone);
  const t = new Date(Date.parse(now) + senderUtcOffsetMinutes * 60_000);
  return calendarDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The next occurrence of day.month on or after `today` (a date already past this year is next year's). */
function forwardDate(today: CalendarDate, day: number, month: number): CalendarDate | null {
  const [ty] = today.split('-').map(Number) as [number];
  for (const year of [ty, ty + 1]) {
    const candidate = calendarDate(year, month, day);
    if (endOfMonth(year, month) < candidate) return null;
    if (candidate >= today) return candidate;
  }
  return null;
}

/** Words right before a number that make it a clock time, not a date ("kl 12.03", "ansluter 10.10"). */
const TIME_CUE = /\b(?:kl\.?|klockan|fran|till|mellan|efter|fore|innan|runt|ca\.?|cirka|ansluter|ansluta|kommer|komma|gar|ga|lamnar|lamna|avviker|at|from|until|by|around|join|joining|leave|leaving|arrive|arriving)\s*$/;

/**
 * Day.month with a dot, as Swedes write it: "12.3", "12.3.", "den 3.12", "3.12.2025". A two-digit second part
 * ("12.03") is a date unless a time word comes first ("kl 12.03", "ansluter 10.10"); "10.30" is never a date.
 */
export function findDotDates(folded: string, today: CalendarDate): Extract<DateRef, { kind: 'days' }>[] {
  const out: Extract<DateRef, { kind: 'days' }>[] = [];
  for (const m of folded.matchAll(/(?<![\d.:/,-])(\d{1,2})\.(\d{1,2})(?:\.((?:20)?\d{2})(?!\d))?\.?(?![\d]|[.:]\d)/g)) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    const before = folded.slice(0, m.index);
    if (TIME_CUE.test(before)) continue;
    let date: CalendarDate | null;
    if (m[3]) {
      const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
      date = endOfMonth(year, month) >= calendarDate(year, month, day) ? calendarDate(year, month, day) : null;
    } else date = forwardDate(today, day, month);
    if (date) out.push({ kind: 'days', dates: [date], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export function findDateRefs(lowered: string, folded: string, taken: Span[], now: Instant, timeZone: string, senderUtcOffsetMinutes?: number): DateRef[] {
  const today = senderToday(now, timeZone, senderUtcOffsetMinutes);
  const refs: DateRef[] = [];
  const used: Span[] = [...taken];
  const take = (m: RegExpMatchArray, ref: DistributiveOmit<DateRef, 'start' | 'end'>): void => {
    const span = { start: m.index!, end: m.index! + m[0].length };
    if (overlaps(span, used)) return;
    used.push(span);
    refs.push({ ...ref, ...span } as DateRef);
  };
  const scan = (re: RegExp, fn: (m: RegExpMatchArray) => void): void => {
    for (const m of folded.matchAll(re)) fn(m);
  };

  scan(/\b(?:nasta|kommande|next|upcoming)\s+(?:[a-z]*mote[tn]?|sammantrade[tn]?|traff(?:en)?|meeting|session|gang)\b/g, (m) =>
    take(m, { kind: 'next_meeting' }),
  );
  scan(/\b(?:i\s+)?(?:over\s*morgon|overmorgon)\b|\bday\s+after\s+tomorrow\b/g, (m) => take(m, { kind: 'days', dates: [addDays(today, 2)] }));
  scan(/\b(?:i\s*morgon|i\s*morn|tomorrow)\b/g, (m) => take(m, { kind: 'days', dates: [addDays(today, 1)] }));
  scan(/\b(?:i\s*dag|today|tonight|this\s+(?:morning|afternoon|evening)|i\s*(?:kvall|eftermiddag|formiddag))\b/g, (m) => take(m, { kind: 'days', dates: [today] }));
  // Past days name no meeting to come; kept from chrono, which would read "i fredags" as the coming Friday.
  scan(new RegExp(`\\bi\\s+(?:${WEEKDAY.split('|').filter((w) => !w.endsWith('day')).join('|')})s\\b|\\b(?:last|forra)\\s+(?:${WEEKDAY})(?:en)?\\b|\\bi\\s*gar\\b|\\byesterday\\b`, 'g'), (m) => {
    used.push({ start: m.index!, end: m.index! + m[0].length });
  });
  for (const d of findDotDates(folded, today)) if (!overlaps(d, used)) {
    used.push(d);
    refs.push(d);
  }

  // Weeks.
  scan(/\b(?:vecka|veckan|v\.?|week|wk)\s*(\d{1,2})\b/g, (m) => {
    const week = Number(m[1]);
    if (week < 1 || week > 53) return;
    const current = isoWeek(today);
    const year = week >= current.week ? current.year : current.year + 1;
    const monday = isoWeekMonday(year, week);
    take(m, { kind: 'range', from: monday < today ? today : monday, to: addDays(monday, 6) });
  });
  scan(new RegExp(`\\b(${WEEKDAY})\\s+(?:nasta|kommande)\\s+vecka\\b|\\b(${WEEKDAY})\\s+next\\s+week\\b|\\bnext\\s+week\\s+(?:on\\s+)?(${WEEKDAY})\\b`, 'g'), (m) => {
    const wd = WEEKDAYS[(m[1] ?? m[2] ?? m[3])!]!;
    const nextMonday = nextWeekday(today, 1, false);
    take(m, { kind: 'days', dates: [addDays(nextMonday, (wd + 6) % 7)] });
  });
  scan(/\b(?:nasta|kommande)\s+vecka\b|\bnext\s+week\b/g, (m) => {
    const monday = nextWeekday(today, 1, false);
    take(m, { kind: 'range', from: monday, to: addDays(monday, 6) });
  });
  scan(/\b(?:denna|den\s+har|i)\s+veckan?\b|\bthis\s+week\b/g, (m) => {
    const sunday = nextWeekday(today, 0, true);
    take(m, { kind: 'range', from: today, to: sunday });
  });
  // "nästa fredag": this coming Friday or the one after; meetings decide, and both having one is a question.
  // Said on that same weekday, "nästa fredag" is only next week's Friday.
  scan(new RegExp(`\\b(?:nasta|kommande|next)\\s+(${WEEKDAY})\\b`, 'g'), (m) => {
    const wd = WEEKDAYS[m[1]!]!;
    const first = nextWeekday(today, wd, false);
    take(m, { kind: 'days', dates: weekdayOf(today) === wd ? [first] : [first, addDays(first, 7)] });
  });

  // A weekday alone ("på fredag", "fredag", "on Friday") is the next such day AFTER today: said on a Friday,
  // "på fredag" is next week's Friday whatever the hour (today is "idag"). Said together with "idag"
  // ("idag fredag") it names today. A weekday followed by a date ("fredag 21/3") is left to the date.
  const saysToday = /\b(?:i\s*dag|today)\b/.test(folded);
  scan(new RegExp(`\\b(?:(?:pa|nu\\s+pa|on|this|denna|den\\s+har)\\s+)?(${WEEKDAY})\\b(?!\\s*(?:den\\s+)?\\d)(?!'s|\\s+(?:nasta|kommande)\\s+vecka|\\s+next\\s+week)`, 'g'), (m) => {
    const wd = WEEKDAYS[m[1]!]!;
    const date = saysToday && weekdayOf(today) === wd ? today : nextWeekday(today, wd, false);
    take(m, { kind: 'days', dates: [date] });
  });

  // "fredagens möte": the coming Friday's meeting.
  scan(new RegExp(`\\b(${WEEKDAY.split('|').filter((w) => !w.endsWith('day')).join('|')})ens\\b|\\b(${WEEKDAY.split('|').filter((w) => w.endsWith('day')).join('|')})'s\\b`, 'g'), (m) =>
    take(m, { kind: 'days', dates: [nextWeekday(today, WEEKDAYS[(m[1] ?? m[2])!]!, true)] }),
  );

  // A month without a day: "mötet i maj", "majmötet", "in May", "the May meeting".
  const monthRange = (name: string): { from: CalendarDate; to: CalendarDate } => {
    const month = MONTHS[name]!;
    const [ty, tm] = today.split('-').map(Number) as [number, number];
    const year = month < tm ? ty + 1 : ty;
    const first = calendarDate(year, month, 1);
    return { from: first < today ? today : first, to: endOfMonth(year, month) };
  };
  scan(new RegExp(`(?<![\\d/]\\s*)\\b(?:i|in|under|during|pa)\\s+(${MONTH})\\b(?!\\s*\\d)`, 'g'), (m) => take(m, { kind: 'range', ...monthRange(m[1]!) }));
  scan(new RegExp(`\\b(${MONTH})-?(?:motet|mote)\\b|\\bthe\\s+(${MONTH})\\s+meeting\\b`, 'g'), (m) => take(m, { kind: 'range', ...monthRange((m[1] ?? m[2])!) }));

  // "den 21" / "den 21:a" without a month: the next 21st.
  scan(new RegExp(`\\bden\\s+(\\d{1,2})(?::?[ae])?\\b(?![\\d/.:]|\\s*(?:${MONTH})\\b)`, 'g'), (m) => {
    const day = Number(m[1]);
    if (day < 1 || day > 31) return;
    let [y, mo] = today.split('-').map(Number) as [number, number];
    for (let i = 0; i < 12; i++) {
      const candidate = calendarDate(y, mo, day);
      if (candidate >= today && endOfMonth(y, mo) >= candidate) return take(m, { kind: 'days', dates: [candidate] });
      mo = mo === 12 ? 1 : mo + 1;
      if (mo === 1) y++;
    }
  });

  // The rest is chrono's: "16/5", "den 21 mars", "på fredag", "March 21", "21st of March".
  let forChrono = mask(lowered, used);
  for (const [re, word] of RESTORE) forChrono = forChrono.replace(re, word);
  const reference = { instant: new Date(now), timezone: senderUtcOffsetMinutes ?? offsetMinutes(new Date(now), timeZone) };
  const results = [
    ...chrono.sv.parse(forChrono, reference, { forwardDate: true }),
    ...chrono.en.parse(forChrono, reference, { forwardDate: true }),
  ];
  for (const r of results) {
    const span = { start: r.index, end: r.index + r.text.length };
    if (overlaps(span, used)) continue;
    // Weekdays alone are read above (chrono's reading of "fredag" on a Friday depends on the hour, and it takes
    // "to", "on", "ti", "fr" for weekdays); only a certain day of the month is chrono's.
    if (!r.start.isCertain('day')) continue;
    if (/^\s*(nu|now)\s*$/.test(r.text)) continue;
    used.push(span);
    refs.push({ kind: 'days', dates: [calendarDate(r.start.get('year')!, r.start.get('month')!, r.start.get('day')!)], ...span });
  }
  return refs.sort((a, b) => a.start - b.start);
}
