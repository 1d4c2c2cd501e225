import type { CalendarDate, Instant } from '../domain/council';
import type { ItemRange } from '../domain/attendance';
import type { AbsenceIntent, AbsenceTarget, MeetingSummary, PartialAttendance } from './types';
import { wallClock } from './zoned';

/**
 * The bot's own sentences about a förhinder, Swedish or English. Each is a Phrase: product text with the
 * user's words (names of people and bodies) kept apart as parameters, so a card escapes only those — the bot's
 * own text is never escaped ("Hej\!" must not appear) — and a plain-text chat reply fills them in as written.
 */
export interface Phrase {
  /** Product text with {0}, {1}, … where the parameters go. */
  template: string;
  params: string[];
}

const WEEKDAYS = {
  sv: ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
const MONTHS = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** "09.00" in Swedish (Språkrådet; as in the minutes), "09:00" in English. */
export function formatClock(at: Instant, locale: 'sv' | 'en', timeZone = 'Europe/Stockholm'): string {
  const w = wallClock(at, timeZone);
  return `${pad(w.hour)}${locale === 'sv' ? '.' : ':'}${pad(w.minute)}`;
}

/** "fredag 20 september 2024 kl. 09.00" / "Friday, 20 September 2024 at 09:00" — the one format of cards and messages. */
export function formatMeetingTime(at: Instant, locale: 'sv' | 'en', timeZone = 'Europe/Stockholm'): string {
  const w = wallClock(at, timeZone);
  // As the cards write it (Intl sv-SE / en-GB): "fredag 20 september 2024", "Friday, 20 September 2024".
  const date = `${WEEKDAYS[locale][w.weekday]}${locale === 'en' ? ',' : ''} ${w.day} ${MONTHS[locale][w.month - 1]} ${w.year}`;
  return `${date} ${locale === 'sv' ? 'kl.' : 'at'} ${formatClock(at, locale, timeZone)}`;
}

function formatDate(date: CalendarDate, locale: 'sv' | 'en'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[locale][m - 1]} ${y}`;
}

const range = (r: ItemRange): string => (r.from === r.to ? `${r.from}` : `${r.from}–${r.to}`);

/** Builds a Phrase: `${…}` values are user text (parameters); `own(…)` marks the bot's own words. */
class Own {
  constructor(readonly text: string) {}
}
export const own = (text: string): Own => new Own(text);
type Part = string | Own | Phrase;

function isPhrase(v: unknown): v is Phrase {
  return typeof v === 'object' && v !== null && 'template' in v && 'params' in v;
}

export function phrase(strings: TemplateStringsArray, ...values: Part[]): Phrase {
  const params: string[] = [];
  let template = strings[0]!;
  values.forEach((v, i) => {
    if (v instanceof Own) template += v.text;
    else if (isPhrase(v)) {
      template += v.template.replace(/\{(\d+)\}/g, (_w, n: string) => `{${params.length + Number(n)}}`);
      params.push(...v.params);
    } else {
      template += `{${params.length}}`;
      params.push(v);
    }
    template += strings[i + 1]!;
  });
  return { template, params };
}

export function joinPhrases(parts: Phrase[], separator: string): Phrase {
  return parts.reduce<Phrase>((acc, p, i) => (i === 0 ? p : phrase`${acc}${own(separator)}${p}`), { template: '', params: [] });
}

/** The phrase as plain text (a chat message with textFormat plain: nothing to escape). */
export function plainPhrase(p: Phrase): string {
  return p.template.replace(/\{(\d+)\}/g, (_w, n: string) => p.params[Number(n)] ?? '');
}

/** "Specifika samverkansrådet för folkhälsa, fredag 14 mars 2025 kl. 09.00": body name and day kept apart. */
export function meetingPhrase(m: Pick<MeetingSummary, 'bodyName' | 'startsAt' | 'timeZone'>, locale: 'sv' | 'en'): Phrase {
  return phrase`${m.bodyName}${own(`, ${formatMeetingTime(m.startsAt, locale, m.timeZone)}`)}`;
}

/** "ansluter kl. 10.30, deltar i punkt 2–5" — the partial attendance in words. */
export function partialText(p: PartialAttendance, locale: 'sv' | 'en', timeZone = 'Europe/Stockholm'): string {
  const sv = locale === 'sv';
  const parts: string[] = [];
  if (p.itemRange) parts.push(sv ? `deltar i punkt ${range(p.itemRange)}` : `attending item${p.itemRange.from === p.itemRange.to ? '' : 's'} ${range(p.itemRange)}`);
  if (p.missedItemRange) parts.push(sv ? `frånvarande under punkt ${range(p.missedItemRange)}` : `absent for item${p.missedItemRange.from === p.missedItemRange.to ? '' : 's'} ${range(p.missedItemRange)}`);
  if (p.arrivesAt) parts.push(sv ? `ansluter kl. ${formatClock(p.arrivesAt, 'sv', timeZone)}` : `arriving at ${formatClock(p.arrivesAt, 'en', timeZone)}`);
  if (p.leavesAt) parts.push(sv ? `går kl. ${formatClock(p.leavesAt, 'sv', timeZone)}` : `leaving at ${formatClock(p.leavesAt, 'en', timeZone)}`);
  if (parts.length === 0) parts.push(sv ? 'del av mötet' : 'part of the meeting');
  return parts.join(', ');
}

export interface DescribeOptions {
  /** Whether an ersättare will be called in for a full förhinder (the bot knows the sender's role). Default true. */
  substituteCalledIn?: boolean;
}

function targetPhrase(t: AbsenceTarget, locale: 'sv' | 'en'): Phrase {
  const sv = locale === 'sv';
  const where = meetingPhrase(t.meeting, locale);
  if (!t.partial) return sv ? phrase`Förhinder noterat för ${where}.` : phrase`Absence recorded for ${where}.`;
  const detail = own(partialText(t.partial, locale, t.meeting.timeZone));
  return sv ? phrase`Delvis närvaro noterad för ${where}: ${detail}.` : phrase`Partial attendance recorded for ${where}: ${detail}.`;
}

/** A short confirmation or question, Swedish or English, as a Phrase (see plainPhrase for chat text). */
export function describeAbsencePhrase(intent: AbsenceIntent, locale: 'sv' | 'en', options: DescribeOptions = {}): Phrase {
  const sv = locale === 'sv';
  switch (intent.kind) {
    case 'absence': {
      const sentences: Phrase[] = intent.targets.map((t) => targetPhrase(t, locale));
      const anyFull = intent.targets.some((t) => !t.partial);
      if (intent.substitute) sentences.push(sv ? phrase`${intent.substitute.name}${own(' tillfrågas först som ersättare.')}` : phrase`${intent.substitute.name}${own(' will be asked first to substitute.')}`);
      else if (anyFull && options.substituteCalledIn !== false) sentences.push(phrase`${own(sv ? 'En ersättare kallas in.' : 'A substitute will be called in.')}`);
      if (intent.unmatchedDates?.length) {
        const dates = intent.unmatchedDates.map((d) => formatDate(d, locale)).join(sv ? ' eller ' : ' or ');
        sentences.push(phrase`${own(sv ? `Den ${dates} har du inget möte, så där är inget noterat.` : `You have no meeting on ${dates}, so nothing is recorded there.`)}`);
      }
      return joinPhrases(sentences, ' ');
    }
    case 'withdrawal': {
      const where = joinPhrases(intent.targets.map((t) => meetingPhrase(t.meeting, locale)), sv ? ' och ' : ' and ');
      return sv ? phrase`Förhindret är återkallat för ${where}. Välkommen!` : phrase`Absence withdrawn for ${where}. See you there!`;
    }
    case 'attending': {
      if (intent.meetings.length === 0) return phrase`${own(sv ? 'Okej, inget förhinder är noterat.' : 'All right, no absence is recorded.')}`;
      const where = joinPhrases(intent.meetings.map((m) => meetingPhrase(m, locale)), sv ? ' och ' : ' and ');
      return sv ? phrase`Okej, du kommer till ${where}. Inget förhinder är noterat.` : phrase`All right, you will attend ${where}. No absence is recorded.`;
    }
    case 'forwarded': {
      const from = intent.from?.name;
      const who = from ? (sv ? phrase` från ${from}` : phrase` from ${from}`) : phrase``;
      return sv
        ? phrase`Det här ser ut att vara ett vidarebefordrat meddelande${who}. Jag noterar bara förhinder som personen själv skriver till mig, så inget är noterat. Gäller det dig, skriv förhindret med egna ord. Sekreteraren kan anteckna någon annans förhinder i närvarolistan i Rådslag-fliken.`
        : phrase`This looks like a forwarded message${who}. I only record an absence that the person writes to me themself, so nothing is recorded. If it is about you, write the absence in your own words. The secretary can record someone else's absence in the attendance list in the Rådslag tab.`;
    }
    case 'ambiguous': {
      const what = intent.understood.kind === 'withdrawal' ? (sv ? 'återkallandet' : 'the withdrawal') : sv ? 'förhindret' : 'the absence';
      const first = intent.options[0];
      const where = first ? meetingPhrase(first, locale) : null;
      switch (intent.reason) {
        case 'several_meetings':
        case 'no_date':
          return phrase`${own(sv ? `Vilket möte gäller ${what}?` : `Which meeting is ${what} for?`)}`;
        case 'no_meeting_on_date': {
          const dates = (intent.dates ?? []).map((d) => formatDate(d, locale)).join(sv ? ' eller ' : ' or ');
          return phrase`${own(sv ? `Jag hittar inget av dina möten ${dates ? `den ${dates}` : 'då'}. Vilket möte menar du?` : `I can't find any of your meetings ${dates ? `on ${dates}` : 'then'}. Which meeting do you mean?`)}`;
        }
        case 'no_upcoming_meeting':
          return phrase`${own(sv ? 'Jag hittar inga kommande möten för dig, så inget är noterat.' : 'I can’t find any upcoming meetings for you, so nothing is recorded.')}`;
        case 'time_outside_meeting':
          if (!where) return phrase`${own(sv ? 'Tiden du angav ligger utanför mötet. Vilken tid menar du?' : 'The time you gave is outside the meeting. What time do you mean?')}`;
          return sv ? phrase`Tiden du angav ligger utanför mötet ${where}. Inget är noterat; skriv gärna igen med rätt tid.` : phrase`The time you gave is outside the meeting ${where}. Nothing is recorded; please write again with the right time.`;
        case 'no_absence_on_record':
          return phrase`${own(sv ? 'Du har inget anmält förhinder för det mötet.' : 'You have no absence recorded for that meeting.')}`;
        case 'denied_with_absence_on_record':
          if (intent.options.length > 1) return phrase`${own(sv ? 'Du har förhinder anmält för de här mötena. Vill du ta bort något av dem?' : 'You have an absence recorded for these meetings. Do you want to withdraw any of them?')}`;
          return sv ? phrase`Du har ett förhinder anmält för ${where ?? phrase``}. Vill du ta bort det?` : phrase`You have an absence recorded for ${where ?? phrase``}. Do you want to withdraw it?`;
        case 'low_confidence': {
          if (!where) return phrase`${own(sv ? 'Vill du anmäla förhinder?' : 'Do you want to report an absence?')}`;
          if (intent.options.length > 1) return phrase`${own(sv ? `Vill du anmäla förhinder för de här mötena?` : 'Do you want to report an absence for these meetings?')}`;
          if (intent.understood.kind === 'withdrawal') return sv ? phrase`Vill du återkalla ditt förhinder för ${where}?` : phrase`Do you want to withdraw your absence for ${where}?`;
          return sv ? phrase`Vill du anmäla förhinder för ${where}?` : phrase`Do you want to report an absence for ${where}?`;
        }
      }
      return phrase`${own(sv ? 'Vilket möte menar du?' : 'Which meeting do you mean?')}`;
    }
    case 'not_understood':
      return phrase`${own(
        sv
          ? 'Jag förstod inte, så inget är noterat. Skriv till exempel ”Förhinder 21/3” eller ”Jag kan inte komma på fredag”.'
          : 'I didn’t understand, so nothing is recorded. Write for example “I can’t attend on 21 March” or “Apologies for Friday”.',
      )}`;
  }
}

/** The same as plain text, for a chat reply. */
export function describeAbsenceIntent(intent: AbsenceIntent, locale: 'sv' | 'en', options: DescribeOptions = {}): string {
  return plainPhrase(describeAbsencePhrase(intent, locale, options));
}
