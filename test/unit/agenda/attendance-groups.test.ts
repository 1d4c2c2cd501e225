import { describe, expect, it } from 'vitest';
import type { Attendance, AttendanceState, Membership, MembershipRole } from '../../../shared/domain';
import { attendanceGroups } from '../../../shared/services/attendance-groups';

const seat = (personId: string, role: MembershipRole, bodyId = 'b1'): Membership => ({ id: `${personId}-${bodyId}-${role}`, tenantId: 't', bodyId, personId, role, organisationId: null, title: null, substituteOrder: null, substituteForPersonId: null, from: null, to: null, version: 1 });
const row = (personId: string, state: AttendanceState, replacesPersonId: string | null = null, bodyId: string | null = null): Attendance => ({ id: `a-${personId}`, tenantId: 't', meetingId: 'm', personId, bodyId, state, source: 'secretary', replacesPersonId, itemRange: null, partOfMeeting: false, note: null, unclassifiedGuest: false, updatedAt: '2025-01-01T00:00:00Z', updatedBy: null, version: 1 });
const NAMES: Record<string, string> = { ebba: 'Ebba Ersättare', ove: 'Östen Ordförande', ann: 'Ann Ledamot', ulf: 'Ulf Ledamot', vera: 'Vera Vice', lisa: 'Lisa Sekreterare', gus: 'Gustav Gäst', sam: 'Sam Ersättare', kim: 'Kim Chefsgrupp' };
const name = (id: string) => NAMES[id] ?? id;
const flat = (g: ReturnType<typeof attendanceGroups>) => g.map((b) => ({ body: b.bodyId, groups: b.groups.map((x) => [x.key, x.lines.map((l) => l.personId)]) }));

describe('attendance grouped by body and role', () => {
  const memberships = [seat('ebba', 'ersättare'), seat('sam', 'ersättare'), seat('ulf', 'ledamot'), seat('ann', 'ledamot'), seat('vera', 'vice_ordförande'), seat('ove', 'ordförande'), seat('lisa', 'sekreterare'), seat('lisa', 'ledamot')];
  const attendance = [row('ulf', 'förhinder'), row('ebba', 'present', 'ulf'), row('sam', 'present'), row('ann', 'present'), row('gus', 'present')];

  it('lists ledamöter first (chair, vice chair, then by name), then serving ersättare, other ersättare, and officials with guests', () => {
    expect(flat(attendanceGroups({ bodyIds: ['b1'], memberships, attendance, name }))).toEqual([
      {
        body: 'b1',
        groups: [
          ['members', ['ove', 'vera', 'ann', 'lisa', 'ulf']],
          ['servingSubstitutes', ['ebba']],
          ['substitutes', ['sam']],
          ['others', ['gus']],
        ],
      },
    ]);
  });

  it('finds people by part of the name, case and diacritics ignored, and drops empty groups', () => {
    expect(flat(attendanceGroups({ bodyIds: ['b1'], memberships, attendance, name, query: 'osten' }))).toEqual([{ body: 'b1', groups: [['members', ['ove']]] }]);
    expect(flat(attendanceGroups({ bodyIds: ['b1'], memberships, attendance, name, query: 'ERSÄTT' }))).toEqual([{ body: 'b1', groups: [['servingSubstitutes', ['ebba']], ['substitutes', ['sam']]] }]);
    expect(attendanceGroups({ bodyIds: ['b1'], memberships, attendance, name, query: 'ingen sådan' })).toEqual([]);
  });

  it('lists a joint meeting per body, in the meeting’s body order, with the body on each line', () => {
    const groups = attendanceGroups({ bodyIds: ['b2', 'b1'], memberships: [...memberships, seat('kim', 'ledamot', 'b2'), seat('ann', 'ledamot', 'b2')], attendance, name });
    expect(groups.map((g) => g.bodyId)).toEqual(['b2', 'b1']);
    expect(groups[0]!.groups[0]!.lines.map((l) => [l.personId, l.bodyId])).toEqual([['ann', 'b2'], ['kim', 'b2']]);
  });
});
