import { describe, expect, it } from 'vitest';
import type { AgendaItem, Attendance, ChairHandover, EvaluationEntry, Meeting, Membership, MembershipRole } from '../../../shared/domain';
import type { Repositories } from '../../../shared/ports/store';
import { meetingPolicyContext } from '../../../shared/services/access';
import { currentChairFor, currentItemNumber, handoverCovers } from '../../../shared/services/agenda-chair';
import { defaultInsertPosition } from '../../../shared/services/agenda-service';
import { joinSwedish, standardDecisionText } from '../../../shared/services/decision-texts';
import { summariseEvaluation } from '../../../shared/services/evaluation-service';
import { quorumFor, servingMembers, votingSeats } from '../../../shared/services/quorum';

const B = 'body-1';
let n = 0;
const membership = (personId: string | null, role: MembershipRole, bodyId = B): Membership => ({
  id: `m${++n}`,
  tenantId: 't',
  bodyId,
  personId,
  role,
  organisationId: null,
  version: 1,
});
const att = (personId: string, state: Attendance['state'], extra: Partial<Attendance> = {}): Attendance => ({
  id: `a-${personId}`,
  tenantId: 't',
  meetingId: 'm',
  personId,
  bodyId: B,
  state,
  source: 'secretary',
  partOfMeeting: false,
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
  ...extra,
});
const handover = (personId: string, from: number, to: number | null, at: string): ChairHandover => ({ id: `h-${personId}-${at}`, meetingId: 'm', personId, fromItemNumber: from, toItemNumber: to, at, recordedBy: 'sec' });
const item = (number: number, status: AgendaItem['status'], standardKey: AgendaItem['standardKey'] = null): AgendaItem => ({
  id: `i${number}`,
  meetingId: 'm',
  number,
  title: `Punkt ${number}`,
  presenters: [],
  kind: 'information',
  standardKey,
  attachments: [],
  status,
  notes: '',
  version: 1,
});

describe('current chair per item', () => {
  const meeting = { chairPersonId: 'behcet' };
  it('is the meeting chair without handovers', () => {
    expect(currentChairFor(meeting, [], 5)).toBe('behcet');
  });
  it('is Siw from item 11 to the end after "Siw Lunander tog över som mötesordförande"', () => {
    const hs = [handover('siw', 11, null, '2026-03-20T10:00:00Z')];
    expect(currentChairFor(meeting, hs, 10)).toBe('behcet');
    expect(currentChairFor(meeting, hs, 11)).toBe('siw');
    expect(currentChairFor(meeting, hs, 14)).toBe('siw');
  });
  it('covers only the given items, and the latest covering handover wins', () => {
    const hs = [handover('siw', 5, 7, '2026-03-20T09:00:00Z'), handover('jari', 6, 6, '2026-03-20T09:30:00Z')];
    expect([4, 5, 6, 7, 8].map((i) => currentChairFor(meeting, hs, i))).toEqual(['behcet', 'siw', 'jari', 'siw', 'behcet']);
    expect(handoverCovers({ fromItemNumber: 5, toItemNumber: null }, 99)).toBe(true);
    expect(handoverCovers({ fromItemNumber: 5, toItemNumber: 7 }, 8)).toBe(false);
  });
  it('the item the meeting is at: the active one, else the next pending after the last handled', () => {
    expect(currentItemNumber([item(1, 'done'), item(2, 'active'), item(3, 'pending')])).toBe(2);
    expect(currentItemNumber([item(1, 'done'), item(2, 'postponed'), item(3, 'pending')])).toBe(3);
    expect(currentItemNumber([item(1, 'pending'), item(2, 'pending')])).toBe(1);
    expect(currentItemNumber([item(1, 'done'), item(2, 'done')])).toBe(2);
    expect(currentItemNumber([])).toBe(1);
  });
  it('meetingPolicyContext resolves the chair after handovers when the caller does not pass it', async () => {
    const m: Meeting = { id: 'm', tenantId: 't', bodyIds: [B], documentKind: 'protokoll', startsAt: '', endsAt: '', timeZone: 'Europe/Stockholm', mode: 'room', status: 'planned', chairPersonId: 'behcet', secretaryPersonIds: ['sec'], justerarePersonIds: [], version: 1 };
    const items = [item(10, 'done'), item(11, 'active'), item(12, 'pending')];
    const fake = (handovers: ChairHandover[]) =>
      ({
        memberships: { findBy: async () => [membership('behcet', 'ordförande'), membership('siw', 'vice_ordförande')] },
        chairHandovers: { findBy: async () => handovers },
        agendaItems: { findBy: async () => items },
      }) as unknown as Repositories;
    const actor = (personId: string) => ({ personId, tenantId: 't', isAdmin: false });
    expect((await meetingPolicyContext(fake([]), actor('behcet'), m)).isCurrentChair).toBe(true);
    const hs = [handover('siw', 11, null, '2026-03-20T10:00:00Z')];
    expect((await meetingPolicyContext(fake(hs), actor('behcet'), m)).isCurrentChair).toBe(false);
    expect((await meetingPolicyContext(fake(hs), actor('siw'), m)).isCurrentChair).toBe(true);
    // An explicit value (the agenda services pass the chair of the item acted on) wins.
    expect((await meetingPolicyContext(fake(hs), actor('behcet'), m, { isCurrentChair: true })).isCurrentChair).toBe(true);
  });
});

describe('serving members and quorum', () => {
  const memberships = [
    membership('chair', 'ordförande'),
    membership('vice', 'vice_ordförande'),
    membership('l1', 'ledamot'),
    membership('l2', 'ledamot'),
    membership('l3', 'ledamot'),
    membership(null, 'ledamot'), // Vakant, RF-SISU
    membership('e1', 'ersättare'),
    membership('e2', 'ersättare'),
    membership('e3', 'ersättare'),
    membership('sec', 'sekreterare'),
    membership('tj', 'tjänsteperson'),
    membership('other', 'ledamot', 'body-2'),
  ];
  const attendance = [
    att('chair', 'present'),
    att('vice', 'present'),
    att('l1', 'present'),
    att('l2', 'förhinder'),
    att('l3', 'present', { itemRange: { from: 2, to: 5 } }),
    att('e1', 'present', { replacesPersonId: 'l2' }),
    att('e2', 'present'), // present, serves for no one
    att('e3', 'present', { replacesPersonId: 'l2' }), // a second ersättare for the same seat does not serve
    att('sec', 'present'),
    att('tj', 'present'),
    att('other', 'present'),
  ];
  const base = { bodyIds: [B], memberships, attendance };

  it('ledamöter present plus the ersättare serving for an absent ledamot; vacancies and other bodies do not count', () => {
    const serving = servingMembers({ ...base, itemNumber: 3 });
    expect(serving.map((s) => s.personId)).toEqual(['chair', 'vice', 'l1', 'l3', 'e1']);
    expect(serving.find((s) => s.personId === 'e1')?.servingForPersonId).toBe('l2');
    expect(votingSeats([B], memberships)).toBe(5);
  });
  it('partial attendance ("punkt 2–5") counts only for those items; jäv takes the member out', () => {
    expect(servingMembers({ ...base, itemNumber: 7 }).map((s) => s.personId)).toEqual(['chair', 'vice', 'l1', 'e1']);
    expect(servingMembers({ ...base, itemNumber: 3, recusedPersonIds: ['l1'] }).map((s) => s.personId)).toEqual(['chair', 'vice', 'l3', 'e1']);
  });
  it('quorate with more than half of the seats, not with exactly half', () => {
    expect(quorumFor({ ...base, itemNumber: 3 })).toEqual({ present: 5, total: 5, quorate: true });
    const few = [att('chair', 'present'), att('vice', 'present'), att('l1', 'förhinder'), att('l2', 'förhinder'), att('l3', 'absent')];
    expect(quorumFor({ bodyIds: [B], memberships, attendance: few })).toEqual({ present: 2, total: 5, quorate: false });
    const half = [membership('a', 'ledamot', 'b2'), membership('b', 'ledamot', 'b2'), membership('c', 'ledamot', 'b2'), membership('d', 'ledamot', 'b2')];
    expect(quorumFor({ bodyIds: ['b2'], memberships: half, attendance: [att('a', 'present'), att('b', 'present')] }).quorate).toBe(false);
    expect(quorumFor({ bodyIds: ['b2'], memberships: half, attendance: [att('a', 'present'), att('b', 'present'), att('c', 'present')] }).quorate).toBe(true);
  });
});

describe('standard decision texts', () => {
  it('says fastställs or godkänns as the item title does', () => {
    expect(standardDecisionText('agenda_approved', { item: { title: 'Fastställande av dagordning' } })).toBe('Dagordningen fastställs.');
    expect(standardDecisionText('agenda_approved', { item: { title: 'Godkännande av dagordning' } })).toBe('Dagordningen godkänns.');
  });
  it('names the justerare in Swedish', () => {
    expect(standardDecisionText('justerare_elected', { item: { title: 'Val av justerare' }, justerareNames: ['Siw Lunander'] })).toBe('Till justerare väljs Siw Lunander.');
    expect(joinSwedish(['A', 'B', 'C'])).toBe('A, B och C');
    expect(standardDecisionText('minutes_filed', { item: { title: 'x' } })).toBe('Protokollet läggs till handlingarna.');
    expect(standardDecisionText('information_noted', { item: { title: 'x' } })).toBe('Informationen noteras.');
    expect(standardDecisionText('postponed', { item: { title: 'x' } })).toBe('Beslutet skjuts upp till nästa möte.');
  });
});

describe('agenda placement and evaluation summary', () => {
  it('new content goes before the closing standard items', () => {
    const items = [item(1, 'done', 'open'), item(2, 'pending'), item(3, 'pending', 'reports'), item(4, 'pending', 'close')];
    expect(defaultInsertPosition(items)).toBe(3);
    expect(defaultInsertPosition([item(1, 'pending')])).toBe(2);
  });
  it('summarises driv och hinder without names, average of given scores', () => {
    const e = (id: string, worked: string | null, hindered: string | null, score: EvaluationEntry['score']): EvaluationEntry => ({ id, meetingId: 'm', personId: id, worked, hindered, score, at: `2026-03-20T11:0${id}:00Z` });
    expect(summariseEvaluation([e('2', ' Tydligt ', null, 4), e('1', null, 'Ljudet', 5), e('3', '', '', null)])).toEqual({ responses: 3, worked: ['Tydligt'], hindered: ['Ljudet'], averageScore: 4.5 });
    expect(summariseEvaluation([]).averageScore).toBeNull();
  });
});
