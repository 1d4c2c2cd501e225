/**
 * The rules behind the member's side panel, as pure functions the server and the tab share: who is offered
 * check-in and when (check-in-rule.ts), who counts as taking part remotely, and who leads an item in a
 * joint meeting (agenda-chair.ts leadsItem).
 */
import { describe, expect, it } from 'vitest';
import type { ChairHandover } from '../../../shared/domain';
import { leadsItem } from '../../../shared/services/agenda-chair';
import { attendsRemotely, checkInRefusal, checkInUndoable, type CheckInFacts } from '../../../shared/services/check-in-rule';

const meeting: CheckInFacts['meeting'] = { bodyIds: ['b1'], startsAt: '2026-12-18T08:00:00.000Z', timeZone: 'Europe/Stockholm', status: 'planned', startedAt: null, endedAt: null, secretaryPersonIds: ['sec'] };
const memberships = [
  { bodyId: 'b1', personId: 'led', role: 'ledamot' as const },
  { bodyId: 'b1', personId: 'ers', role: 'ersättare' as const },
  { bodyId: 'b1', personId: 'tj', role: 'tjänsteperson' as const },
  { bodyId: 'b2', personId: 'other', role: 'ledamot' as const },
];
const facts = (personId: string, now: string, attendance: CheckInFacts['attendance'] = [], m = meeting): CheckInFacts => ({ meeting: m, personId, memberships, attendance, now });

describe('check-in: expected people, on the meeting day', () => {
  it('a ledamot, an official and the secretary may check in on the day, in Stockholm time (also 00.30 local)', () => {
    for (const p of ['led', 'tj', 'sec']) expect(checkInRefusal(facts(p, '2026-12-18T12:00:00.000Z'))).toBeNull();
    // 00.30 in Stockholm on the 18th is still the 17th in UTC.
    expect(checkInRefusal(facts('led', '2026-12-17T23:30:00.000Z'))).toBeNull();
    expect(checkInRefusal(facts('led', '2026-12-17T22:30:00.000Z'))).toBe('not_meeting_day');
  });

  it('14 days early is refused; after the meeting ended too', () => {
    expect(checkInRefusal(facts('led', '2026-12-04T08:00:00.000Z'))).toBe('not_meeting_day');
    expect(checkInRefusal(facts('led', '2026-12-18T12:00:00.000Z', [], { ...meeting, startedAt: '2026-12-18T08:00:00.000Z', endedAt: '2026-12-18T10:00:00.000Z' }))).toBe('meeting_over');
  });

  it('a check-in can be undone while the meeting runs, not after it ended (the panel hides "Ångra" by the same rule)', () => {
    expect(checkInUndoable(meeting)).toBe(true);
    const running = { ...meeting, startedAt: '2026-12-18T08:00:00.000Z' };
    expect(checkInUndoable(running)).toBe(true);
    expect(checkInUndoable({ ...running, endedAt: '2026-12-18T10:00:00.000Z' })).toBe(false);
  });

  it('an ersättare only when called in; someone with förhinder or from another body is not expected', () => {
    const day = '2026-12-18T09:00:00.000Z';
    expect(checkInRefusal(facts('ers', day))).toBe('not_expected');
    expect(checkInRefusal(facts('ers', day, [{ personId: 'ers', state: 'expected', replacesPersonId: 'led' }]))).toBeNull();
    expect(checkInRefusal(facts('led', day, [{ personId: 'led', state: 'förhinder', replacesPersonId: null }]))).toBe('not_expected');
    expect(checkInRefusal(facts('other', day))).toBe('not_expected');
  });

  it('remote: a Teams-only meeting, or an open interval from Teams join events', () => {
    expect(attendsRemotely({ mode: 'teams' }, [])).toBe(true);
    expect(attendsRemotely({ mode: 'hybrid' }, [{ to: null, source: 'teams_event' }])).toBe(true);
    expect(attendsRemotely({ mode: 'hybrid' }, [{ to: '2026-12-18T09:00:00.000Z', source: 'teams_event' }])).toBe(false);
    expect(attendsRemotely({ mode: 'room' }, [{ to: null, source: 'check_in' }])).toBe(false);
  });
});

describe('who leads an item', () => {
  const joint = { chairPersonId: 'siw', bodyIds: ['b1', 'b2'] };
  const h = (personId: string, from: number, to: number | null): ChairHandover => ({ id: `h-${personId}-${from}`, meetingId: 'm', personId, fromItemNumber: from, toItemNumber: to, at: `2026-12-18T09:0${from}:00.000Z`, recordedBy: 'siw' });
  it('in a joint meeting each council’s chair leads the items nobody was handed', () => {
    expect(leadsItem(joint, [], 1, 'gunnel', ['ordförande'])).toBe(true);
    expect(leadsItem(joint, [], 1, 'anders', ['ledamot'])).toBe(false);
    expect(leadsItem(joint, [h('per', 2, 2)], 2, 'gunnel', ['ordförande'])).toBe(false);
    expect(leadsItem(joint, [h('per', 2, 2)], 2, 'per', ['vice_ordförande'])).toBe(true);
    expect(leadsItem(joint, [h('per', 2, 2)], 3, 'gunnel', ['ordförande'])).toBe(true);
  });
  it('in a one-body meeting only the meeting’s chair (or whoever was handed the item)', () => {
    const one = { chairPersonId: 'siw', bodyIds: ['b1'] };
    expect(leadsItem(one, [], 1, 'siw', ['ordförande'])).toBe(true);
    expect(leadsItem(one, [], 1, 'other', ['ordförande'])).toBe(false);
  });
});
