import type { CalendarDate, Instant } from '../domain/council';
import type { ItemRange } from '../domain/attendance';
import type { AbsenceIntent, MeetingSummary, PartialAttendance } from './types';
import { wallClock } from './zoned';

const WEEKDAYS = {
  sv: ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
const MONTHS = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** "09.00" in Swedish (as in the minutes), "09:00" in English. */
export function formatClock(at: Instant, locale: 'sv' | 'en', timeZone = 'Europe/Stockholm'): string {
  const w = wallClock(at, timeZone);
  return `${pad(w.hour)}${locale === 'sv' ? '.' : ':'}${pad(w.minute)}`;
}

/** "fredag 20 september 2024 kl 09.00" / "Friday 20 September 2024 at 09:00". */
export function formatMeetingTime(at: Instant, locale: 'sv' | 'en', timeZone = 'Europe/Stockholm'): string {
  const w = wallClock(at, timeZone);
  const date = `${WEEKDAYS[locale][w.weekday]} ${w.day} ${MONTHS[locale][w.month - 1]} ${w.year}`;
  return `${date} ${locale === 'sv' ? 'kl' : 'at'} ${formatClock(at, locale, timeZone)}`;
}

function formatDate(date: CalendarDate, locale: 'sv' | 'en'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[locale][m - 1]} ${y}`;
}

const range = (r: ItemRange): string => (r.from === r.to ? `${r.from}` : `${r.from}–${r.to}`);

function meetingText(m: MeetingSummary, locale: 'sv' | 'en'): string {
  return `${m.bodyName} ${formatMeetingTime(m.startsAt, locale)}`;
}

function partialText(p: PartialAttendance, locale: 'sv' | 'en'): string {
  const sv = locale === 'sv';
  const parts: string[] = [];
  if (p.itemRange) parts.push(sv ? `deltar i punkt ${range(p.itemRange)}` : `attending item${p.itemRange.from === p.itemRange.to ? '' : 's'} ${range(p.itemRange)}`);
  if (p.missedItemRange) parts.push(sv ? `frånvarande under punkt ${range(p.missedItemRange)}` : `absent for item${p.missedItemRange.from === p.missedItemRange.to ? '' : 's'} ${range(p.missedItemRange)}`);
  if (p.arrivesAt) parts.push(sv ? `ansluter kl ${formatClock(p.arrivesAt, 'sv')}` : `arriving at ${formatClock(p.arrivesAt, 'en')}`);
  if (p.leavesAt) parts.push(sv ? `går kl ${formatClock(p.leavesAt, 'sv')}` : `leaving at ${formatClock(p.leavesAt, 'en')}`);
  if (parts.length === 0) parts.push(sv ? 'del av mötet' : 'part of the meeting');
  return parts.join(', ');
}

export interface DescribeOptions {
  /** Whether an ersättare will be called in for a full förhinder (the bot knows the sender's role). Default true. */
  substituteCalledIn?: boolean;
}

/** A short confirmation or question for the chat reply, Swedish or English. */
export function describeAbsenceIntent(intent: AbsenceIntent, locale: 'sv' | 'en', options: DescribeOptions = {}): string {
  const sv = locale === 'sv';
  switch (intent.kind) {
    case 'absence': {
      const where = meetingText(intent.meeting, locale);
      const sentences: string[] = [];
      if (intent.partial) {
        sentences.push(sv ? `Delvis närvaro registrerad för ${where}: ${partialText(intent.partial, locale)}.` : `Partial attendance recorded for ${where}: ${partialText(intent.partial, locale)}.`);
      } else {
        sentences.push(sv ? `Förhinder registrerat för ${where}.` : `Absence recorded for ${where}.`);
      }
      if (intent.substitute) {
        sentences.push(sv ? `${intent.substitute.name} tillfrågas först som ersättare.` : `${intent.substitute.name} will be asked first to substitute.`);
      } else if (!intent.partial && options.substituteCalledIn !== false) {
        sentences.push(sv ? 'Ersättare kallas in.' : 'A substitute will be called in.');
      }
      return sentences.join(' ');
    }
    case 'withdrawal': {
      const where = meetingText(intent.meeting, locale);
      return sv ? `Förhinder återkallat för ${where}. Välkommen!` : `Absence withdrawn for ${where}. See you there!`;
    }
    case 'ambiguous': {
      const what = intent.understood.kind === 'withdrawal' ? (sv ? 'återkallandet' : 'the withdrawal') : sv ? 'förhindret' : 'the absence';
      switch (intent.reason) {
        case 'several_meetings':
          return sv ? `Vilket möte gäller ${what}?` : `Which meeting is ${what} for?`;
        case 'no_meeting_on_date': {
          const dates = (intent.dates ?? []).map((d) => formatDate(d, locale)).join(sv ? ' eller ' : ' or ');
          return sv ? `Jag hittar inget av dina möten ${dates ? `den ${dates}` : 'då'}. Vilket möte menar du?` : `I can't find any of your meetings ${dates ? `on ${dates}` : 'then'}. Which meeting do you mean?`;
        }
        case 'no_date':
          return sv ? `Vilket möte gäller ${what}?` : `Which meeting is ${what} for?`;
        case 'no_upcoming_meeting':
          return sv ? 'Jag hittar inga kommande möten för dig.' : 'I can’t find any upcoming meetings for you.';
        case 'time_outside_meeting': {
          const m = intent.options[0];
          return sv
            ? `Tiden du angav ligger utanför mötet${m ? ` ${meetingText(m, locale)}` : ''}. Vilken tid menar du?`
            : `The time you gave is outside the meeting${m ? ` ${meetingText(m, locale)}` : ''}. What time do you mean?`;
        }
        case 'no_absence_on_record':
          return sv ? 'Du har inget anmält förhinder för det mötet.' : 'You have no absence recorded for that meeting.';
        case 'low_confidence': {
          const m = intent.options[0];
          const where = m ? ` ${sv ? 'för' : 'for'} ${meetingText(m, locale)}` : '';
          if (intent.understood.kind === 'withdrawal') return sv ? `Vill du återkalla ditt förhinder${where}?` : `Do you want to withdraw your absence${where}?`;
          return sv ? `Vill du anmäla förhinder${where}?` : `Do you want to report an absence${where}?`;
        }
      }
      return sv ? 'Vilket möte menar du?' : 'Which meeting do you mean?';
    }
    case 'not_understood':
      return sv
        ? 'Jag förstod inte. Skriv till exempel ”Förhinder 21/3” eller ”Jag kan inte komma på fredag”.'
        : 'I didn’t understand. Write for example “I can’t attend on 21 March” or “Apologies for Friday”.';
  }
}
