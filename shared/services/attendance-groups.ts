/**
 * The attendance list as the minutes group it: per body (a joint meeting lists each council apart), then by
 * role — ledamöter first (ordförande, vice ordförande, then by name), the ersättare serving for someone, the
 * other ersättare, and tjänstepersoner and others (a guest without a seat among them). Pure: the secretary's
 * panel and anything else that lists attendance feed it the roster and the attendance rows they have.
 */
import type { Attendance, Id, Membership, MembershipRole } from '../domain';
import { fold } from '../roster/fold';
import { servingMembers } from './quorum';

export const ATTENDANCE_GROUPS = ['members', 'servingSubstitutes', 'substitutes', 'others'] as const;
export type AttendanceGroupKey = (typeof ATTENDANCE_GROUPS)[number];

export interface AttendanceGroupLine {
  personId: Id;
  /** The body whose row this line shows (null: a single-body meeting's person, or a guest listed under none). */
  bodyId: Id | null;
  role: MembershipRole | null;
  /** For a serving ersättare: the ledamot they serve for. */
  servingForPersonId: Id | null;
}

export interface AttendanceBodyGroups {
  bodyId: Id;
  groups: Array<{ key: AttendanceGroupKey; lines: AttendanceGroupLine[] }>;
}

const ROLE_RANK: Record<MembershipRole, number> = { ordförande: 0, vice_ordförande: 1, ledamot: 2, ersättare: 3, sekreterare: 4, tjänsteperson: 5, adjungerad: 6, övrig: 7 };

function groupOf(role: MembershipRole | null, serving: boolean): AttendanceGroupKey {
  if (role === 'ordförande' || role === 'vice_ordförande' || role === 'ledamot') return 'members';
  if (role === 'ersättare') return serving ? 'servingSubstitutes' : 'substitutes';
  return 'others';
}

/**
 * Every person with a seat in the meeting's bodies, and every other person with an attendance row (a guest),
 * grouped per body and role. `name` gives the sort name; `query` keeps only the people whose name (folded:
 * case and diacritics ignored) contains it. Empty groups are left out.
 */
export function attendanceGroups(input: {
  bodyIds: readonly Id[];
  memberships: readonly Membership[];
  attendance: readonly Attendance[];
  name: (personId: Id) => string;
  query?: string;
}): AttendanceBodyGroups[] {
  const { bodyIds, memberships, attendance, name } = input;
  const joint = bodyIds.length > 1;
  const serving = new Map(servingMembers({ bodyIds, memberships, attendance }).map((s) => [`${s.personId}:${s.bodyId}`, s]));
  const needle = fold(input.query ?? '');
  const wanted = (pid: Id) => !needle || fold(name(pid)).includes(needle);
  const out: AttendanceBodyGroups[] = [];
  for (const bodyId of bodyIds) {
    // Each person once per body, under their highest role there.
    const best = new Map<Id, MembershipRole>();
    for (const m of memberships) {
      if (m.bodyId !== bodyId || !m.personId) continue;
      const seen = best.get(m.personId);
      if (!seen || ROLE_RANK[m.role] < ROLE_RANK[seen]) best.set(m.personId, m.role);
    }
    const lines: Array<AttendanceGroupLine & { key: AttendanceGroupKey }> = [];
    for (const [personId, role] of best) {
      if (!wanted(personId)) continue;
      const s = serving.get(`${personId}:${bodyId}`);
      lines.push({ personId, bodyId: joint ? bodyId : null, role, servingForPersonId: s?.servingForPersonId ?? null, key: groupOf(role, !!s) });
    }
    // Guests (no seat in any body) are listed under the body their row names, else the first body.
    for (const a of attendance) {
      if (memberships.some((m) => m.personId === a.personId && bodyIds.includes(m.bodyId))) continue;
      if ((a.bodyId ?? bodyIds[0]) !== bodyId || lines.some((l) => l.personId === a.personId) || !wanted(a.personId)) continue;
      lines.push({ personId: a.personId, bodyId: joint ? bodyId : null, role: null, servingForPersonId: null, key: 'others' });
    }
    const sorted = (key: AttendanceGroupKey) =>
      lines
        .filter((l) => l.key === key)
        .sort((x, y) => (key === 'members' ? ROLE_RANK[x.role!] - ROLE_RANK[y.role!] : 0) || name(x.personId).localeCompare(name(y.personId), 'sv'))
        .map(({ key: _key, ...line }) => line);
    const groups = ATTENDANCE_GROUPS.map((key) => ({ key, lines: sorted(key) })).filter((g) => g.lines.length > 0);
    if (groups.length > 0) out.push({ bodyId, groups });
  }
  return out;
}
