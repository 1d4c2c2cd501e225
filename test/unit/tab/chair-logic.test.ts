import { describe, expect, it } from 'vitest';
import type { AgendaItem, ChairHandover, Decision, Membership, Person } from '../../../shared/domain';
import type { AttendanceRow } from '../../../shared/contracts/meeting-views';
import { handoverCandidates } from '../../../tab/src/pages/chair-handover';
import { canRunItem, unconfirmedOf } from '../../../tab/src/pages/chair-runner';
import type { MeetingBundle } from '../../../tab/src/pages/meeting-data';

const person = (id: string, name: string) => ({ id, name }) as Person;
const seat = (personId: string, role: Membership['role'], bodyId = 'b1') => ({ personId, role, bodyId }) as Membership;
const row = (personId: string, state: string, replacesPersonId: string | null = null) => ({ attendance: { personId, state, replacesPersonId } }) as unknown as AttendanceRow;
const item = (number: number, status: AgendaItem['status']) => ({ id: `i${number}`, number, status, title: `Punkt ${number}` }) as AgendaItem;

function bundle(over: Partial<MeetingBundle> = {}, me = 'siw'): MeetingBundle {
  return {
    meeting: { id: 'm', chairPersonId: 'siw', bodyIds: ['b1', 'b2'], secretaryPersonIds: [] },
    items: [item(1, 'done'), item(2, 'active'), item(3, 'pending')],
    people: new Map([person('siw', 'Siw Lunander'), person('per', 'Per Nyman'), person('anders', 'Anders Holm'), person('karin', 'Karin Haster'), person('eva', 'Eva Ersättare'), person('olle', 'Olle Ersättare'), person('kim', 'Kim Ordförande')].map((p) => [p.id, p])),
    memberships: [seat('siw', 'ordförande'), seat('per', 'vice_ordförande'), seat('karin', 'ledamot'), seat('anders', 'ledamot'), seat('eva', 'ersättare'), seat('olle', 'ersättare'), seat('kim', 'ordförande', 'b2'), seat('lin', 'sekreterare')],
    decisions: [],
    tasks: null,
    attendance: [row('karin', 'förhinder'), row('anders', 'present'), row('eva', 'present', 'karin'), row('olle', 'expected'), row('per', 'absent')],
    callIns: null,
    currentChairPersonId: 'siw',
    handovers: [],
    quorum: null,
    bodyNames: new Map(),
    me: { person: { id: me }, roles: [], isAdmin: false },
    minutesStamp: 1,
    ...over,
  } as unknown as MeetingBundle;
}

describe('tab: the chair runner', () => {
  it('offers the chair to serving people of every body, sorted by name: not förhinder or absent, not the chair, ersättare only when serving', () => {
    expect(handoverCandidates(bundle(), 'siw').map((c) => c.name)).toEqual(['Anders Holm', 'Eva Ersättare', 'Kim Ordförande']);
  });

  it('offers running an item only to whom the server lets run it (the chair of that item after handovers, or the secretary)', () => {
    const handovers = [{ id: 'h', personId: 'anders', fromItemNumber: 2, toItemNumber: 2, at: '2026-12-04T10:00:00Z' } as ChairHandover];
    expect([1, 2, 3].map((n) => canRunItem(bundle({ handovers }), n))).toEqual([true, false, true]);
    expect([1, 2, 3].map((n) => canRunItem(bundle({ handovers }, 'anders'), n))).toEqual([false, true, false]);
    expect(canRunItem({ ...bundle({}, 'lin'), meeting: { ...bundle().meeting, secretaryPersonIds: ['lin'] } } as MeetingBundle, 3)).toBe(true);
  });

  it('lists as unconfirmed the proposed decisions and the open votes, with their item', () => {
    const d = (id: string, status: Decision['status'], vote: Decision['vote'] = null) => ({ id, itemId: 'i2', text: `Beslut ${id}`, status, vote }) as Decision;
    const decisions = [d('a', 'confirmed'), d('b', 'proposed'), d('c', 'proposed', { question: 'Bifall?', openedAt: 'x', closedAt: null, eligiblePersonIds: [], votes: [] })];
    expect(unconfirmedOf(bundle({ decisions }))).toEqual([
      { id: 'b', label: '2. Beslut b', vote: false },
      { id: 'c', label: '2. Beslut c', vote: true },
    ]);
  });
});
