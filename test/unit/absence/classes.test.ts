/**
 * Förhinder as members write it, by class, in Swedish and English: at least ten phrasings of our own per class
 * (none quoted from the issue). Fixed "now": Wednesday 12 March 2025 09.00 Stockholm unless a row says otherwise
 * (see fixture.ts for the meetings). Each row states the whole reading: which meetings, partial times, whether
 * it is a question (and what it offers), and that a denial is never an absence.
 */
import { describe, expect, it } from 'vitest';
import { detectLanguage, interpretAbsenceMessage, type AbsenceContext, type AbsenceIntent } from '../../../shared/absence';
import { context } from './fixture';

type Expect =
  | { kind: 'absence'; meetings: string[]; partial?: object; reason?: string; unmatchedDates?: string[] }
  | { kind: 'attending'; meetings: string[] }
  | { kind: 'withdrawal'; meetings: string[] }
  | { kind: 'ambiguous'; reason: string; candidates: string[]; offerAll?: boolean; dates?: string[]; understood?: 'absence' | 'withdrawal' }
  | { kind: 'forwarded'; from?: { name: string; email?: string } }
  | { kind: 'not_understood' };

interface Row {
  text: string;
  ctx?: Partial<AbsenceContext>;
  expect: Expect;
  /** The reply's language (detectLanguage with the other language as the client's). */
  lang?: 'sv' | 'en';
}

/** Friday 14 March 2025 08.00 and 16.00 Stockholm: a weekday said on that same weekday. */
const FRI_MORNING = { now: '2025-03-14T07:00:00.000Z' };
const FRI_AFTERNOON = { now: '2025-03-14T15:00:00.000Z' };
/** Friday 14 March 00.30 in Stockholm, still Thursday 23.30 for a sender in London. */
const AFTER_MIDNIGHT = { now: '2025-03-13T23:30:00.000Z' };

const CLASSES: Record<string, Row[]> = {
  'affirmative absence': [
    { text: 'Tyvärr kan jag inte delta på torsdag', expect: { kind: 'absence', meetings: ['C0'] } },
    { text: 'Jag har förhinder till rådets möte den 9 april', expect: { kind: 'absence', meetings: ['R4'] } },
    { text: 'Anmäler förhinder 27/3', expect: { kind: 'absence', meetings: ['C2'] } },
    { text: 'Jag kommer inte till chefsgruppen 16 maj', expect: { kind: 'absence', meetings: ['C3'] } },
    { text: 'Har tyvärr ingen möjlighet att närvara på fredag', expect: { kind: 'absence', meetings: ['R1'] } },
    { text: 'Jag är förhindrad den 20 maj', expect: { kind: 'absence', meetings: ['R3'] } },
    { text: 'Lämnar återbud till mötet i morgon', expect: { kind: 'absence', meetings: ['C0'] } },
    { text: 'Kan ej närvara 9/4', expect: { kind: 'absence', meetings: ['R4'] } },
    { text: 'Jag missar mötet på torsdag', expect: { kind: 'absence', meetings: ['C0'] } },
    { text: 'Är bortrest på fredag', expect: { kind: 'absence', meetings: ['R1'], reason: 'bortrest' } },
    { text: 'Sjukskriven hela veckan, kan inte komma på fredag', expect: { kind: 'absence', meetings: ['R1'], reason: 'sjuk' } },
    { text: 'Jag är inte med på fredag', expect: { kind: 'absence', meetings: ['R1'] } },
    { text: 'Tyvärr inte möjligt för mig på fredag', expect: { kind: 'absence', meetings: ['R1'] } },
  ],
  denial: [
    { text: 'Jag har inte förhinder den 14/3', expect: { kind: 'attending', meetings: ['R1'] } },
    { text: 'Jag har inget förhinder på fredag', expect: { kind: 'attending', meetings: ['R1'] } },
    { text: 'Nej, jag kommer', expect: { kind: 'attending', meetings: [] } },
    { text: 'Jag kommer på torsdag som vanligt', expect: { kind: 'attending', meetings: ['C0'] } },
    { text: 'Har inga förhinder i maj', expect: { kind: 'attending', meetings: ['C3', 'R3'] } },
    { text: 'Jag är inte förhindrad den 9/4', expect: { kind: 'attending', meetings: ['R4'] } },
    { text: 'Räkna med mig på fredag', expect: { kind: 'attending', meetings: ['R1'] } },
    { text: 'Jag missar inte mötet på fredag', expect: { kind: 'attending', meetings: ['R1'] } },
    { text: 'I can make it on Friday', lang: 'en', expect: { kind: 'attending', meetings: ['R1'] } },
    { text: "I'll be there tomorrow", lang: 'en', expect: { kind: 'attending', meetings: ['C0'] } },
    { text: "No apologies from me, I'm coming on 20 May", lang: 'en', expect: { kind: 'attending', meetings: ['R3'] } },
    // A förhinder on record for the denied meeting: a question (withdraw it?), never a silent change.
    { text: 'Jag har inte förhinder på fredag', ctx: { activeAbsenceMeetingIds: ['R1'] }, expect: { kind: 'ambiguous', reason: 'denied_with_absence_on_record', candidates: ['R1'], understood: 'withdrawal' } },
    // Denied in one clause, given in the next: only the given one is read.
    { text: 'Jag har inte förhinder 14/3, men den 9/4 kan jag inte', expect: { kind: 'absence', meetings: ['R4'] } },
    { text: 'Jag har förhinder 14/3 men kan komma 9/4', expect: { kind: 'absence', meetings: ['R1'] } },
  ],
  'relative day and weekday': [
    { text: 'Förhinder i övermorgon', expect: { kind: 'absence', meetings: ['R1'] } },
    { text: 'Förhinder måndag', expect: { kind: 'ambiguous', reason: 'no_meeting_on_date', candidates: ['C1', 'R2'], dates: ['2025-03-17'] } },
    { text: 'Förhinder tisdag den 20 maj', expect: { kind: 'absence', meetings: ['R3'] } },
    // "på fredag" on a Friday is next week's Friday, in the morning and in the afternoon alike.
    { text: 'Kan inte komma på fredag', ctx: FRI_MORNING, expect: { kind: 'ambiguous', reason: 'several_meetings', candidates: ['C1', 'R2'], offerAll: true } },
    { text: 'Kan inte komma på fredag', ctx: FRI_AFTERNOON, expect: { kind: 'ambiguous', reason: 'several_meetings', candidates: ['C1', 'R2'], offerAll: true } },
    { text: 'Förhinder på fredag i rådet', ctx: FRI_MORNING, expect: { kind: 'absence', meetings: ['R2'] } },
    { text: 'Förhinder nästa fredag i chefsgruppen', ctx: FRI_MORNING, expect: { kind: 'absence', meetings: ['C1'] } },
    { text: 'Förhinder idag', ctx: FRI_MORNING, expect: { kind: 'absence', meetings: ['R1'] } },
    { text: 'Förhinder idag, fredag', ctx: FRI_MORNING, expect: { kind: 'absence', meetings: ['R1'] } },
    // Past days name no coming meeting.
    { text: 'Jag var sjuk i fredags, förhinder', expect: { kind: 'ambiguous', reason: 'no_date', candidates: ['C0', 'R1'] } },
    // "imorgon" is the sender's own tomorrow: 00.30 in Stockholm is still Thursday evening in London.
    { text: 'Förhinder imorgon', ctx: AFTER_MIDNIGHT, expect: { kind: 'ambiguous', reason: 'no_meeting_on_date', candidates: ['C1', 'R2'], dates: ['2025-03-15'] } },
    { text: 'Förhinder imorgon', ctx: { ...AFTER_MIDNIGHT, senderUtcOffsetMinutes: 0 }, expect: { kind: 'absence', meetings: ['R1'] } },
    { text: 'Absent on Thursday', lang: 'en', expect: { kind: 'absence', meetings: ['C0'] } },
  ],
  'dates with a dot': [
    { text: 'Förhinder 14.3', expect: { kind: 'absence', meetings: ['R1'] } },
    { text: 'Förhinder 14.3.', expect: { kind: 'absence', meetings: ['R1'] } },
    { text: 'Förhinder den 9.4', expect: { kind: 'absence', meetings: ['R4'] } },
    { text: 'kan inte 16.5', expect: { kind: 'absence', meetings: ['C3'] } },
    { text: 'Förhinder 20.05', expect: { kind: 'absence', meetings: ['R3'] } },
    { text: 'Förhinder 27.3.2025', expect: { kind: 'absence', meetings: ['C2'] } },
    { text: 'Förhinder 27.03.25', expect: { kind: 'absence', meetings: ['C2'] } },
    { text: 'Förhinder den 21.3 kl. 13', expect: { kind: 'absence', meetings: ['R2'] } },
    { text: 'Ansluter 10.30 den 21.3', expect: { kind: 'absence', meetings: ['C1'], partial: { arrivesAt: '2025-03-21T09:30:00.000Z' } } },
    { text: 'Måste gå 11.00 den 14.3', expect: { kind: 'absence', meetings: ['R1'], partial: { leavesAt: '2025-03-14T10:00:00.000Z' } } },
    { text: 'Förhinder 13.3 och 14.3', expect: { kind: 'absence', meetings: ['C0', 'R1'] } },
    { text: 'Absent 9.4', lang: 'en', expect: { kind: 'absence', meetings: ['R4'] } },
  ],
  'several meetings': [
    { text: 'Förhinder mötena i maj', expect: { kind: 'absence', meetings: ['C3', 'R3'] } },
    { text: 'Jag kan inte komma på något av mötena i april', expect: { kind: 'absence', meetings: ['R4'] } },
    { text: 'Förhinder hela dagen den 21/3', expect: { kind: 'absence', meetings: ['C1', 'R2'] } },
    { text: 'Förhinder imorgon och på fredag', expect: { kind: 'absence', meetings: ['C0', 'R1'] } },
    { text: 'Kan inte 13/3 eller 14/3', expect: { kind: 'absence', meetings: ['C0', 'R1'] } },
    { text: 'Förhinder 14/3 och 28/3', expect: { kind: 'absence', meetings: ['R1'], unmatchedDates: ['2025-03-28'] } },
    { text: 'Förhinder båda mötena den 21/3', expect: { kind: 'absence', meetings: ['C1', 'R2'] } },
    { text: 'Förhinder den 21 mars', expect: { kind: 'ambiguous', reason: 'several_meetings', candidates: ['C1', 'R2'], offerAll: true } },
    { text: 'Förhinder nästa vecka', expect: { kind: 'ambiguous', reason: 'several_meetings', candidates: ['C1', 'R2'], offerAll: true } },
    { text: 'Förhinder 14/3 och 21/3', expect: { kind: 'ambiguous', reason: 'several_meetings', candidates: ['R1', 'C1', 'R2'], offerAll: true } },
    { text: 'Absent for both meetings on 21 March', lang: 'en', expect: { kind: 'absence', meetings: ['C1', 'R2'] } },
    { text: "Can't attend the meetings in May", lang: 'en', expect: { kind: 'absence', meetings: ['C3', 'R3'] } },
  ],
  'partial attendance': [
    { text: 'Kommer 10.30 på fredag', expect: { kind: 'absence', meetings: ['R1'], partial: { arrivesAt: '2025-03-14T09:30:00.000Z' } } },
    { text: 'Måste gå 11 på fredag', expect: { kind: 'absence', meetings: ['R1'], partial: { leavesAt: '2025-03-14T10:00:00.000Z' } } },
    { text: 'Kan bara första timmen på fredag', expect: { kind: 'absence', meetings: ['R1'], partial: { leavesAt: '2025-03-14T09:00:00.000Z' } } },
    { text: 'Deltar punkt 2–5 på fredag', expect: { kind: 'absence', meetings: ['R1'], partial: { itemRange: { from: 2, to: 5 } } } },
    { text: 'Missar första halvtimmen på fredag', expect: { kind: 'absence', meetings: ['R1'], partial: { arrivesAt: '2025-03-14T08:30:00.000Z' } } },
    { text: 'Kan bara vara med sista timmen imorgon', expect: { kind: 'absence', meetings: ['C0'], partial: { arrivesAt: '2025-03-13T14:00:00.000Z' } } },
    { text: 'Är med från kl. 14 den 21/3', expect: { kind: 'absence', meetings: ['R2'], partial: { arrivesAt: '2025-03-21T13:00:00.000Z' } } },
    { text: 'Är med fram till 15.30 på torsdag', expect: { kind: 'absence', meetings: ['C0'], partial: { leavesAt: '2025-03-13T14:30:00.000Z' } } },
    { text: 'Bara punkt 1-3 den 14/3', expect: { kind: 'absence', meetings: ['R1'], partial: { itemRange: { from: 1, to: 3 } } } },
    { text: 'Blir sen på fredag', expect: { kind: 'absence', meetings: ['R1'], partial: {} } },
    { text: 'I can only stay for the first hour on Friday', lang: 'en', expect: { kind: 'absence', meetings: ['R1'], partial: { leavesAt: '2025-03-14T09:00:00.000Z' } } },
    { text: 'Joining at 10:30 on Friday', lang: 'en', expect: { kind: 'absence', meetings: ['R1'], partial: { arrivesAt: '2025-03-14T09:30:00.000Z' } } },
    // Attending, then a limit: partial attendance on the day the attending clause names.
    { text: 'Jag kommer på fredag men måste gå kl. 11', expect: { kind: 'absence', meetings: ['R1'], partial: { leavesAt: '2025-03-14T10:00:00.000Z' } } },
    { text: "I'll be there on Friday but have to leave at 11", lang: 'en', expect: { kind: 'absence', meetings: ['R1'], partial: { leavesAt: '2025-03-14T10:00:00.000Z' } } },
  ],
  withdrawal: [
    { text: 'Jag kan ändå komma på fredag', expect: { kind: 'withdrawal', meetings: ['R1'] } },
    { text: 'Kommer ändå imorgon', expect: { kind: 'withdrawal', meetings: ['C0'] } },
    { text: 'Tar tillbaka mitt förhinder 9/4', expect: { kind: 'withdrawal', meetings: ['R4'] } },
    { text: 'Stryk mitt förhinder för den 16 maj', expect: { kind: 'withdrawal', meetings: ['C3'] } },
    { text: 'Jag har inte förhinder längre, jag kommer på fredag', expect: { kind: 'withdrawal', meetings: ['R1'] } },
    { text: 'Kan komma iaf på fredag', expect: { kind: 'withdrawal', meetings: ['R1'] } },
    { text: 'Förhindret gäller inte längre för 20/5', expect: { kind: 'withdrawal', meetings: ['R3'] } },
    { text: 'I can come after all tomorrow', lang: 'en', expect: { kind: 'withdrawal', meetings: ['C0'] } },
    { text: 'Please cancel my absence for 9 April', lang: 'en', expect: { kind: 'withdrawal', meetings: ['R4'] } },
    { text: 'Jag kan ändå komma', ctx: { activeAbsenceMeetingIds: ['R2'] }, expect: { kind: 'withdrawal', meetings: ['R2'] } },
    { text: 'Jag kan ändå komma', ctx: { activeAbsenceMeetingIds: ['R2', 'C3'] }, expect: { kind: 'ambiguous', reason: 'several_meetings', candidates: ['R2', 'C3'], offerAll: true, understood: 'withdrawal' } },
  ],
  English: [
    { text: "Sorry, can't make it on Friday", lang: 'en', expect: { kind: 'absence', meetings: ['R1'] } },
    { text: "I won't be able to attend tomorrow", lang: 'en', expect: { kind: 'absence', meetings: ['C0'] } },
    { text: 'Unable to attend the council meeting on 9 April', lang: 'en', expect: { kind: 'absence', meetings: ['R4'] } },
    { text: "I'm away on holiday on 16 May", lang: 'en', expect: { kind: 'absence', meetings: ['C3'], reason: 'on holiday' } },
    { text: "I'm off sick tomorrow", lang: 'en', expect: { kind: 'absence', meetings: ['C0'], reason: 'sick' } },
    { text: 'Apologies for the meeting on 20 May', lang: 'en', expect: { kind: 'absence', meetings: ['R3'] } },
    { text: 'I need to leave at 11:30 on Friday', lang: 'en', expect: { kind: 'absence', meetings: ['R1'], partial: { leavesAt: '2025-03-14T10:30:00.000Z' } } },
    { text: "Can't attend on Thursday", lang: 'en', expect: { kind: 'absence', meetings: ['C0'] } },
    { text: "I'll miss the meeting on 27 March", lang: 'en', expect: { kind: 'absence', meetings: ['C2'] } },
    { text: "Double-booked on 21 March, can't attend the afternoon meeting", lang: 'en', expect: { kind: 'absence', meetings: ['R2'], reason: 'another meeting' } },
    { text: 'Absent next Thursday for the group', lang: 'en', expect: { kind: 'absence', meetings: ['C0'] } },
  ],
  'mixed and colloquial': [
    { text: 'kan ej imorgon', expect: { kind: 'absence', meetings: ['C0'] } },
    { text: 'kan int komma på fredag', expect: { kind: 'absence', meetings: ['R1'] } },
    { text: 'e sjuk imorgon', expect: { kind: 'absence', meetings: ['C0'], reason: 'sjuk' } },
    { text: 'funkar inte på fredag', expect: { kind: 'absence', meetings: ['R1'] } },
    { text: 'vabbar imorgon', expect: { kind: 'absence', meetings: ['C0'], reason: 'vab' } },
    { text: 'vab på fredag', expect: { kind: 'absence', meetings: ['R1'], reason: 'vab' } },
    { text: 'ledig på fredag', expect: { kind: 'absence', meetings: ['R1'], reason: 'ledig' } },
    { text: 'bortrest 27/3', expect: { kind: 'absence', meetings: ['C2'], reason: 'bortrest' } },
    { text: 'på semester 16/5', expect: { kind: 'absence', meetings: ['C3'], reason: 'semester' } },
    { text: 'krockar på torsdag', expect: { kind: 'absence', meetings: ['C0'], reason: 'annat möte' } },
    { text: "sorry can't make it friday", lang: 'en', expect: { kind: 'absence', meetings: ['R1'] } },
    { text: 'sorry, kan inte imorgon', lang: 'sv', expect: { kind: 'absence', meetings: ['C0'] } },
    { text: 'Förhinder on friday', expect: { kind: 'absence', meetings: ['R1'] } },
    { text: 'kmr inte imorgon', expect: { kind: 'absence', meetings: ['C0'] } },
    { text: 'det går inte för mig på fredag', expect: { kind: 'absence', meetings: ['R1'] } },
  ],
  'forwarded e-mail': [
    { text: '---------- Forwarded message ---------\nFrom: Karin Haster <karin@example.se>\nDate: Mon, 10 Mar 2025\nSubject: Förhinder\n\nHej, jag kan inte komma på fredag.', expect: { kind: 'forwarded', from: { name: 'Karin Haster', email: 'karin@example.se' } } },
    { text: 'Vidarebefordrat meddelande:\nFrån: Erik König\nSkickat: den 10 mars 2025\nÄmne: förhinder\n\nJag är sjuk på fredag', expect: { kind: 'forwarded', from: { name: 'Erik König' } } },
    { text: 'VB: Förhinder 16/5', expect: { kind: 'forwarded' } },
    { text: "Fwd: can't attend on Friday", expect: { kind: 'forwarded' } },
    { text: 'Från: Anna Berg <anna.berg@kumla.se>\nSkickat: den 10 mars 2025 08:12\nTill: Sekreteraren\nÄmne: Förhinder\n\nJag har förhinder 21/3', expect: { kind: 'forwarded', from: { name: 'Anna Berg', email: 'anna.berg@kumla.se' } } },
    { text: 'Begin forwarded message:\n\nFrom: Ola <ola@example.se>\nforhinder imorgon', expect: { kind: 'forwarded', from: { name: 'Ola', email: 'ola@example.se' } } },
    { text: '-----Ursprungligt meddelande-----\nFrån: Per Persson\nSkickat: måndag 10 mars 2025\nKan inte komma', expect: { kind: 'forwarded', from: { name: 'Per Persson' } } },
    { text: 'From: Lisa Larsson [mailto:lisa@example.se]\nSent: Monday, March 10, 2025\nI cannot attend tomorrow', expect: { kind: 'forwarded', from: { name: 'Lisa Larsson', email: 'lisa@example.se' } } },
    { text: 'Vidarebefordrat meddelande från Kalle: förhinder på fredag', expect: { kind: 'forwarded' } },
    { text: 'FW: Apologies for 20 May', expect: { kind: 'forwarded' } },
    // Not a forward: "från" without a header.
    { text: 'Förhinder på fredag, är med från kl. 11', expect: { kind: 'absence', meetings: ['R1'], partial: { arrivesAt: '2025-03-14T10:00:00.000Z' } } },
  ],
  'ambiguous, asked with a way to say no': [
    { text: 'Förhinder den 21/3', expect: { kind: 'ambiguous', reason: 'several_meetings', candidates: ['C1', 'R2'], offerAll: true } },
    { text: 'Jag har förhinder', expect: { kind: 'ambiguous', reason: 'no_date', candidates: ['C0', 'R1'] } },
    { text: 'Jag kanske inte kan komma på fredag', expect: { kind: 'ambiguous', reason: 'low_confidence', candidates: ['R1'] } },
    { text: 'Eventuellt förhinder 16/5', expect: { kind: 'ambiguous', reason: 'low_confidence', candidates: ['C3'] } },
    { text: 'Förhinder den 28 mars', expect: { kind: 'ambiguous', reason: 'no_meeting_on_date', candidates: ['R4', 'C3'], dates: ['2025-03-28'] } },
    { text: 'Ansluter kl 14 på fredag', expect: { kind: 'ambiguous', reason: 'time_outside_meeting', candidates: ['R1'] } },
    { text: 'Förhinder nästa möte', expect: { kind: 'ambiguous', reason: 'several_meetings', candidates: ['C0', 'R1'] } },
    { text: "Maybe I can't come on Friday", lang: 'en', expect: { kind: 'ambiguous', reason: 'low_confidence', candidates: ['R1'] } },
    { text: 'Absent in May', lang: 'en', expect: { kind: 'ambiguous', reason: 'several_meetings', candidates: ['C3', 'R3'], offerAll: true } },
    { text: 'Kan jag ha förhinder den 9/4?', expect: { kind: 'ambiguous', reason: 'low_confidence', candidates: ['R4'] } },
    { text: 'Jag har inget förhinder 9/4', ctx: { activeAbsenceMeetingIds: ['R4'] }, expect: { kind: 'ambiguous', reason: 'denied_with_absence_on_record', candidates: ['R4'], understood: 'withdrawal' } },
  ],
};

function shape(intent: AbsenceIntent, want: Expect): Record<string, unknown> {
  switch (intent.kind) {
    case 'absence': {
      const out: Record<string, unknown> = { kind: 'absence', meetings: intent.targets.map((t) => t.meetingId) };
      if ('partial' in want) out.partial = intent.partial;
      if ('reason' in want) out.reason = intent.reason;
      if ('unmatchedDates' in want) out.unmatchedDates = intent.unmatchedDates;
      return out;
    }
    case 'withdrawal':
      return { kind: 'withdrawal', meetings: intent.targets.map((t) => t.meetingId) };
    case 'attending':
      return { kind: 'attending', meetings: intent.meetings.map((m) => m.id) };
    case 'ambiguous': {
      const out: Record<string, unknown> = { kind: 'ambiguous', reason: intent.reason, candidates: intent.candidates };
      if (intent.offerAll) out.offerAll = true;
      if (intent.dates) out.dates = intent.dates;
      if ('understood' in want) out.understood = intent.understood.kind;
      return out;
    }
    case 'forwarded':
      return intent.from ? { kind: 'forwarded', from: intent.from } : { kind: 'forwarded' };
    case 'not_understood':
      return { kind: 'not_understood' };
  }
}

describe('förhinder by class, Swedish and English', () => {
  it('has at least 10 phrasings per class, in both languages', () => {
    for (const [name, rows] of Object.entries(CLASSES)) expect(rows.length, name).toBeGreaterThanOrEqual(10);
    const all = Object.values(CLASSES).flat();
    expect(all.filter((r) => r.lang === 'en').length).toBeGreaterThanOrEqual(20);
  });

  for (const [name, rows] of Object.entries(CLASSES)) {
    describe(name, () => {
      it.each(rows.map((r) => [r.text, r] as const))('%j', (_t, row) => {
        const intent = interpretAbsenceMessage(row.text, context({ locale: row.lang ?? 'sv', ...row.ctx }));
        expect(shape(intent, row.expect)).toEqual(row.expect);
        // Never a silent guess: a question carries no meeting to record against.
        if (intent.kind === 'ambiguous') expect(intent).not.toHaveProperty('meetingId');
        if (row.lang) expect(detectLanguage(row.text, row.lang === 'en' ? 'sv' : 'en')).toBe(row.lang);
      });
    });
  }

  it('never reads a denial as an absence, whatever is around it', () => {
    const denials = ['Jag har inte förhinder', 'Jag har inget förhinder', 'Nej, jag kommer', 'I can make it', "I'll be there", 'Jag är inte förhindrad'];
    const whens = ['den 14/3', 'på fredag', 'imorgon', '14.3', 'nästa möte', ''];
    for (const d of denials)
      for (const w of whens) {
        const intent = interpretAbsenceMessage(`${d} ${w}`.trim(), context());
        expect(intent.kind, `${d} ${w}`).not.toBe('absence');
        if (intent.kind === 'ambiguous') expect(intent.understood.kind, `${d} ${w}`).not.toBe('absence');
      }
  });
});
