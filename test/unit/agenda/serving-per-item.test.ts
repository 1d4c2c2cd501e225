/**
 * Tjänstgöring per item from join/leave facts: an ersättare takes or gives back a seat only between items, a
 * ledamot who leaves does not come back except after jäv, and the quorum of each item from who served.
 */
import { describe, expect, it } from 'vitest';
import { deriveItemSeats, servingPeriodsFrom, type Attendance, type Membership, type MembershipRole } from '../../../shared/domain';
import { quorumAtItem } from '../../../shared/services/quorum';

const B = 'body';
const seat = (personId: string, role: MembershipRole, org: string, extra: Partial<Membership> = {}): Membership => ({
  id: `m-${personId}`, tenantId: 't', bodyId: B, personId, role, organisationId: org, version: 1, ...extra,
});
const row = (personId: string, extra: Partial<Attendance> = {}): Attendance => ({
  id: `a-${personId}`, tenantId: 't', meetingId: 'M', personId, bodyId: B, state: 'present', source: 'teams_event', partOfMeeting: false, updatedAt: '2026-12-04T08:00:00Z', version: 1, ...extra,
});
const at = (min: number): string => new Date(Date.parse('2026-12-04T09:00:00Z') + min * 60_000).toISOString();
const iv = (personId: string, from: number, to: number | null) => ({ personId, from: at(from), to: to === null ? null : at(to) });
// Six items of ten minutes each, 09.00–10.00.
const items = [1, 2, 3, 4, 5, 6].map((n) => ({ number: n, startedAt: at((n - 1) * 10), endedAt: at(n * 10) }));

const memberships = [
  seat('L1', 'ordförande', 'Region'),
  seat('L2', 'ledamot', 'Kumla'),
  seat('L3', 'ledamot', 'Laxå'),
  seat('L4', 'ledamot', 'Nora'),
  seat('L5', 'ledamot', 'Askersund'),
  seat('E2', 'ersättare', 'Kumla', { substituteOrder: 1 }),
  seat('E3', 'ersättare', 'Laxå', { substituteOrder: 1 }),
  seat('E4', 'ersättare', 'Nora', { substituteOrder: 1 }),
];
const attendance = [row('L1'), row('L2'), row('L3'), row('L4'), row('L5'), row('E2', { replacesPersonId: 'L2', source: 'call_in' }), row('E3'), row('E4')];
const intervals = [
  iv('L1', -5, null),
  iv('L2', 35, null), // arrives during item 4
  iv('L3', -5, 21), // steps out for item 3 (jäv) and is back before item 4
  iv('L3', 29, null),
  iv('L4', -5, 15), // leaves during item 2 ...
  iv('L4', 45, null), // ... and comes back during item 5: too late, the seat is the ersättare's
  iv('L5', -5, 45), // leaves during item 5, nobody to take the seat
  iv('E2', -5, null),
  iv('E3', -5, null),
  iv('E4', -5, null),
];
const input = { bodyIds: [B], memberships, attendance, intervals, items, recusals: [{ personId: 'L3', itemNumber: 3 }] };

describe('tjänstgöring per item', () => {
  const seats = deriveItemSeats(input);
  const periods = servingPeriodsFrom(seats, 'M', (() => { let n = 0; return () => `p${(n += 1)}`; })());
  const line = (s: string) => periods.filter((p) => p.seatPersonId === s).map((p) => `${p.servingPersonId} ${p.fromItem}–${p.toItem}`);

  it('a ledamot arriving during item 4 takes the seat from item 5; the ersättare serves to the end of item 4', () => {
    expect(line('L2')).toEqual(['E2 1–4', 'L2 5–6']);
  });
  it('jäv on item 3: an ersättare serves just for it and the ledamot returns after it', () => {
    expect(line('L3')).toEqual(['L3 1–2', 'E3 3–3', 'L3 4–6']);
  });
  it('a ledamot who leaves does not come back; the ersättare takes the seat from the next item', () => {
    expect(line('L4')).toEqual(['L4 1–2', 'E4 3–6']);
  });
  it('a seat nobody can fill stays empty after its ledamot left', () => {
    expect(line('L5')).toEqual(['L5 1–5']);
    expect(line('L1')).toEqual(['L1 1–6']);
  });
  it('quorum per item from who served', () => {
    expect(quorumAtItem(seats, 4, [B], memberships)).toEqual({ present: 5, total: 5, quorate: true });
    expect(quorumAtItem(seats, 6, [B], memberships)).toEqual({ present: 4, total: 5, quorate: true });
    expect(quorumAtItem(seats.filter((s) => !['L2', 'L3'].includes(s.seatPersonId)), 6, [B], memberships).present).toBe(2);
  });
  it('a ledamot who arrives while nobody holds the seat takes it at once', () => {
    const noErs = deriveItemSeats({ ...input, attendance: attendance.filter((a) => a.personId !== 'E2') });
    expect(noErs.filter((s) => s.seatPersonId === 'L2').map((s) => s.servingPersonId)).toEqual([null, null, null, 'L2', 'L2', 'L2']);
  });
  it('an ersättare arriving during an item waits for the next one', () => {
    const lateErs = deriveItemSeats({ ...input, intervals: [...intervals.filter((i) => i.personId !== 'E4'), iv('E4', 22, null)] });
    expect(lateErs.filter((s) => s.seatPersonId === 'L4').map((s) => s.servingPersonId)).toEqual(['L4', 'L4', null, 'E4', 'E4', 'E4']);
  });
  it("without join/leave facts the secretary's rows decide (punkt 2–5)", () => {
    const rows = [row('L1', { source: 'secretary' }), row('L2', { source: 'secretary', itemRange: { from: 2, to: 5 } }), row('E2', { source: 'secretary', replacesPersonId: 'L2' })];
    const s = deriveItemSeats({ ...input, attendance: rows, intervals: [], recusals: [] });
    expect(s.filter((x) => x.seatPersonId === 'L2').map((x) => x.servingPersonId)).toEqual(['E2', 'L2', 'L2', 'L2', 'L2', 'E2']);
  });
  it("a joint meeting: each council's seats from its own list, one ersättare per council", () => {
    const C = 'other';
    const joint = [
      ...memberships,
      seat('L2', 'ledamot', 'Kumla', { bodyId: C, id: 'm-L2-C' }), // on both councils' lists
      seat('E5', 'ersättare', 'Kumla', { bodyId: C, id: 'm-E5-C' }),
    ];
    const rows = [...attendance.filter((a) => a.personId !== 'L2'), row('L2'), row('L2', { id: 'a-L2-C', bodyId: C, state: 'förhinder' }), row('E5', { bodyId: C })];
    const s = deriveItemSeats({ ...input, bodyIds: [B, C], memberships: joint, attendance: rows, intervals: [...intervals, iv('E5', -5, null)] });
    // Present on the first council's list (from item 5, after she arrived), struck on the other's: E5 serves there throughout.
    expect(s.filter((x) => x.bodyId === C && x.seatPersonId === 'L2').map((x) => x.servingPersonId)).toEqual(['E5', 'E5', 'E5', 'E5', 'E5', 'E5']);
    expect(s.filter((x) => x.bodyId === B && x.seatPersonId === 'L2').map((x) => x.servingPersonId)).toEqual(['E2', 'E2', 'E2', 'E2', 'L2', 'L2']);
  });
});
