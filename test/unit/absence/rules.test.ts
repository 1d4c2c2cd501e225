import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findClockTimes } from '../../../shared/absence/clock';
import { findDateRefs } from '../../../shared/absence/dates';
import { correctTypos, fold } from '../../../shared/absence/normalize';
import { attendedFromMissed, findItemRange, scoreBodies } from '../../../shared/absence/signals';
import { isoWeek, isoWeekMonday, localDate, zonedInstant } from '../../../shared/absence/zoned';
import { ABSENCE_CONFIDENCE_THRESHOLD, interpretAbsenceMessage } from '../../../shared/absence';
import { CHEF, MEETINGS, NOW, RAD, context } from './fixture';

const TZ = 'Europe/Stockholm';
const clock = (text: string) => findClockTimes(fold(text)).map(({ hour, minute, role }) => ({ hour, minute, role }));

describe('clock rules (what chrono sv misses)', () => {
  it.each([
    ['kl 10.30', { hour: 10, minute: 30, role: 'neutral' }],
    ['kl. 10:30', { hour: 10, minute: 30, role: 'neutral' }],
    ['10.30', { hour: 10, minute: 30, role: 'neutral' }],
    ['ansluter kl 10.30', { hour: 10, minute: 30, role: 'arrive' }],
    ['kommer 10.30', { hour: 10, minute: 30, role: 'arrive' }],
    ['måste gå 11', { hour: 11, minute: 0, role: 'leave' }],
    ['går kl 11', { hour: 11, minute: 0, role: 'leave' }],
    ['är med fram till kl 11', { hour: 11, minute: 0, role: 'leave' }],
    ['är med från 10.30', { hour: 10, minute: 30, role: 'arrive' }],
    ['leave at 11', { hour: 11, minute: 0, role: 'leave' }],
    ['leave at 2pm', { hour: 14, minute: 0, role: 'leave' }],
    ['är där runt halv tio', { hour: 9, minute: 30, role: 'arrive' }],
    ['kommer kvart i tio', { hour: 9, minute: 45, role: 'arrive' }],
    ['går halv tre', { hour: 14, minute: 30, role: 'leave' }],
    ['måste gå 3', { hour: 15, minute: 0, role: 'leave' }],
    ['kan inte komma kl 13', { hour: 13, minute: 0, role: 'neutral' }],
  ])('%s', (text, expected) => {
    expect(clock(text)).toEqual([expected]);
  });

  it('does not read dates, item ranges or years as times', () => {
    expect(clock('förhinder 16/5')).toEqual([]);
    expect(clock('punkt 1-5')).toEqual([]);
    expect(clock('2025-03-21')).toEqual([]);
    expect(clock('ansluter 21/3')).toEqual([]);
  });
});

describe('item ranges', () => {
  it.each([
    ['punkt 1–5', { from: 1, to: 5 }, 'attend'],
    ['punkt 1-5', { from: 1, to: 5 }, 'attend'],
    ['p. 3-4', { from: 3, to: 4 }, 'attend'],
    ['items 1 to 5', { from: 1, to: 5 }, 'attend'],
    ['punkterna 2 till 4', { from: 2, to: 4 }, 'attend'],
    ['punkt 3', { from: 3, to: 3 }, 'attend'],
    ['missar punkt 3-4', { from: 3, to: 4 }, 'miss'],
    ['kan inte vara med på punkt 1-2', { from: 1, to: 2 }, 'miss'],
  ])('%s', (text, range, sense) => {
    expect(findItemRange(fold(text))).toMatchObject({ range, sense });
  });

  it('rejects a backwards range', () => {
    expect(findItemRange(fold('punkt 5-2'))).toBeNull();
  });

  it('turns missed items at either end of a known agenda into the attended range, and keeps a gap as missed', () => {
    const items = [1, 2, 3, 4, 5, 6].map((number) => ({ number, title: '' }));
    expect(attendedFromMissed({ from: 1, to: 2 }, items)).toEqual({ from: 3, to: 6 });
    expect(attendedFromMissed({ from: 5, to: 6 }, items)).toEqual({ from: 1, to: 4 });
    expect(attendedFromMissed({ from: 3, to: 4 }, items)).toBeNull();
    expect(attendedFromMissed({ from: 1, to: 2 }, undefined)).toBeNull();
  });
});

describe('dates', () => {
  const refs = (text: string) => findDateRefs(text.toLowerCase(), fold(text), [], NOW, TZ).map(({ start: _s, end: _e, ...r }) => r);

  it.each([
    ['16/5', { kind: 'days', dates: ['2025-05-16'] }],
    ['den 21 mars', { kind: 'days', dates: ['2025-03-21'] }],
    ['på fredag', { kind: 'days', dates: ['2025-03-14'] }],
    ['pa mandag', { kind: 'days', dates: ['2025-03-17'] }],
    ['imorgon', { kind: 'days', dates: ['2025-03-13'] }],
    ['i morgon', { kind: 'days', dates: ['2025-03-13'] }],
    ['idag', { kind: 'days', dates: ['2025-03-12'] }],
    ['i övermorgon', { kind: 'days', dates: ['2025-03-14'] }],
    ['den 21', { kind: 'days', dates: ['2025-03-21'] }],
    ['den 5', { kind: 'days', dates: ['2025-04-05'] }],
    ['2/3', { kind: 'days', dates: ['2026-03-02'] }],
    ['nästa fredag', { kind: 'days', dates: ['2025-03-14', '2025-03-21'] }],
    ['fredag nästa vecka', { kind: 'days', dates: ['2025-03-21'] }],
    ['nästa möte', { kind: 'next_meeting' }],
    ['next meeting', { kind: 'next_meeting' }],
    ['mötet i maj', { kind: 'range', from: '2025-05-01', to: '2025-05-31' }],
    ['i mars', { kind: 'range', from: '2025-03-12', to: '2025-03-31' }],
    ['i februari', { kind: 'range', from: '2026-02-01', to: '2026-02-28' }],
    ['vecka 13', { kind: 'range', from: '2025-03-24', to: '2025-03-30' }],
    ['v. 2', { kind: 'range', from: '2026-01-05', to: '2026-01-11' }],
    ['nästa vecka', { kind: 'range', from: '2025-03-17', to: '2025-03-23' }],
    ['March 21', { kind: 'days', dates: ['2025-03-21'] }],
    ['on Friday', { kind: 'days', dates: ['2025-03-14'] }],
  ])('%s', (text, expected) => {
    expect(refs(text)).toEqual([expected]);
  });

  it('ignores chrono reading short words as weekdays ("to", "on", "ti")', () => {
    expect(refs('items 1 to 5')).toEqual([]);
    expect(refs('on it')).toEqual([]);
  });
});

describe('normalisation and body names', () => {
  it('folds diacritics keeping the length, so indices hold in the original', () => {
    const text = 'Förhinder på fredag, Erik König 🤒';
    expect(fold(text)).toHaveLength(text.length);
    expect(fold(text)).toBe('forhinder pa fredag, erik konig   ');
  });

  it('repairs typos in known words but leaves real words alone', () => {
    expect(correctTypos('forhindet pa fredag')).toEqual({ text: 'forhinder pa fredag', repairs: 1 });
    expect(correctTypos('kan inet komma')).toEqual({ text: 'kan inte komma', repairs: 1 });
    expect(correctTypos('andra moten i kommun')).toEqual({ text: 'andra moten i kommun', repairs: 0 });
  });

  it('scores bodies by topic and kind: "folkhälsorådet" is the council, "chefsgruppen" the group', () => {
    const rad = scoreBodies(fold('folkhälsorådet'), MEETINGS);
    expect(rad.get(RAD)!).toBeGreaterThan(rad.get(CHEF)!);
    const chef = scoreBodies(fold('chefsgruppen'), MEETINGS);
    expect(chef.get(CHEF)!).toBeGreaterThan(chef.get(RAD)!);
    const none = scoreBodies(fold('förhinder på fredag'), MEETINGS);
    expect([...none.values()].every((s) => s === 0)).toBe(true);
  });
});

describe('Stockholm wall clock', () => {
  it('converts across the switch to summer time', () => {
    expect(zonedInstant('2025-03-14', 9, 0, TZ)).toBe('2025-03-14T08:00:00.000Z');
    expect(zonedInstant('2025-04-09', 9, 0, TZ)).toBe('2025-04-09T07:00:00.000Z');
    expect(zonedInstant('2025-03-30', 12, 0, TZ)).toBe('2025-03-30T10:00:00.000Z');
    expect(localDate('2025-03-12T23:30:00.000Z', TZ)).toBe('2025-03-13');
  });

  it('numbers ISO weeks', () => {
    expect(isoWeek('2025-03-12')).toEqual({ year: 2025, week: 11 });
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeekMonday(2025, 13)).toBe('2025-03-24');
  });
});

describe('safety', () => {
  it('does not take "kan inte"/"can\'t" about something else for a förhinder', () => {
    expect(interpretAbsenceMessage('Jag kan inte öppna bilagan till fredagens möte', context()).kind).toBe('not_understood');
    expect(interpretAbsenceMessage("I can't find the agenda for Friday", context({ locale: 'en' })).kind).toBe('not_understood');
  });

  it('never records when the sender has no upcoming meeting', () => {
    const intent = interpretAbsenceMessage('Förhinder på fredag', context({ meetings: [] }));
    expect(intent).toMatchObject({ kind: 'ambiguous', reason: 'no_upcoming_meeting', candidates: [] });
  });

  it('ignores meetings already over', () => {
    const intent = interpretAbsenceMessage('Förhinder idag', context({ now: '2025-03-13T16:00:00.000Z' }));
    expect(intent).toMatchObject({ kind: 'ambiguous', reason: 'no_meeting_on_date' });
  });

  it('strips Teams mention markup', () => {
    expect(interpretAbsenceMessage('<at>Rådslag</at> förhinder på fredag', context())).toMatchObject({ kind: 'absence', meetingId: 'R1' });
  });

  it('keeps what it understood when it has to ask', () => {
    const intent = interpretAbsenceMessage('Förhinder den 21 mars, Erik König går in för mig. Är sjuk.', context());
    expect(intent).toMatchObject({
      kind: 'ambiguous',
      reason: 'several_meetings',
      understood: { kind: 'absence', substitute: { personId: 'p-erik' }, reason: 'sjuk' },
    });
  });

  it('is total and well-formed for any text: never throws, never records below the threshold, asks without a meeting id', () => {
    const fragments = ['förhinder', 'kan inte', 'komma', 'på fredag', '16/5', 'kl 10.30', 'punkt 1-5', 'nästa möte', 'i maj', 'vecka 13', 'kanske', '?', 'Erik König går in för mig', 'ändå', 'hej', 'rådet', 'chefsgruppen', 'måste gå 11', 'idag', 'imorgon', "can't", 'attend', 'tomorrow'];
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.array(fc.constantFrom(...fragments), { maxLength: 6 }).map((a) => a.join(' '))), (text) => {
        const intent = interpretAbsenceMessage(text, context());
        expect(interpretAbsenceMessage(text, context())).toEqual(intent);
        if (intent.kind === 'absence' || intent.kind === 'withdrawal') {
          expect(intent.confidence).toBeGreaterThanOrEqual(ABSENCE_CONFIDENCE_THRESHOLD);
          expect(MEETINGS.some((m) => m.id === intent.meetingId)).toBe(true);
        }
        if (intent.kind === 'ambiguous') {
          expect(intent).not.toHaveProperty('meetingId');
          expect(intent.candidates.every((id) => MEETINGS.some((m) => m.id === id))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('answering a question card', () => {
  it('reads the text again against the meeting the person picked, partial attendance included', () => {
    const text = 'Deltar bara i punkt 1-2 den 21 mars, Erik König går in för mig sen';
    expect(interpretAbsenceMessage(text, context())).toMatchObject({
      kind: 'ambiguous',
      reason: 'several_meetings',
      candidates: ['C1', 'R2'],
      understood: { kind: 'absence', partial: { itemRange: { from: 1, to: 2 } }, substitute: { personId: 'p-erik' } },
    });
    expect(interpretAbsenceMessage(text, context({ resolvedMeetingId: 'R2' }))).toMatchObject({
      kind: 'absence',
      meetingId: 'R2',
      partial: { itemRange: { from: 1, to: 2 } },
      substitute: { personId: 'p-erik' },
    });
    const timed = interpretAbsenceMessage('Förhinder den 21 mars, måste gå kl 15', context({ resolvedMeetingId: 'R2' }));
    expect(timed).toMatchObject({ kind: 'absence', meetingId: 'R2', partial: { leavesAt: '2025-03-21T14:00:00.000Z' } });
  });

  it('counts the pick as confirmation of a hedged text, but still refuses chit-chat and unknown meetings', () => {
    expect(interpretAbsenceMessage('Jag kanske inte kan komma på fredag', context({ resolvedMeetingId: 'R1' }))).toMatchObject({ kind: 'absence', meetingId: 'R1' });
    expect(interpretAbsenceMessage('hej', context({ resolvedMeetingId: 'R1' }))).toEqual({ kind: 'not_understood' });
    expect(interpretAbsenceMessage('Förhinder', context({ resolvedMeetingId: 'nope' }))).toMatchObject({ kind: 'ambiguous', reason: 'no_upcoming_meeting' });
  });
});
