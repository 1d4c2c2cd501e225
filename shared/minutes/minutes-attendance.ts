/**
 * The attendance part of the minutes: each body's ledamöter and ersättare in roster order (vacant seats
 * last), then tjänstepersoner and others once for the meeting, each person's state and partial attendance,
 * the chair named in the header or marked in the list, and the counts. Pure, like buildMinutesModel.
 */
import type { AgendaItem, Attendance, AttendanceInterval, Body, Id, ItemRange, Membership, MembershipRole, Person } from '../domain';
import { deriveItemRange } from './derive-item-range';
import { ownSeatText, servingText } from './serving-lines';
import {
  ROLE_GROUP_LABELS,
  type AttendanceCounts,
  type MinutesAttendance,
  type MinutesBodyAttendance,
  type MinutesInput,
  type MinutesPerson,
  type MinutesPersonState,
  type MinutesRoleGroup,
  type RoleGroupKey,
} from './minutes-model';

/** What the model builder has resolved already. */
export interface AttendanceScope {
  input: MinutesInput;
  /** The meeting's items, sorted by number. */
  items: AgendaItem[];
  meetingBodies: Body[];
  /** The meeting's date (YYYY-MM-DD in its zone): which seats were held that day. */
  date: string;
  persons: ReadonlyMap<Id, Person>;
  person(id: Id, what: string): Person;
  orgName(id: Id | null | undefined): string | null;
}

export function buildMinutesAttendance({ input, items, meetingBodies, date, persons, person, orgName }: AttendanceScope): { attendance: MinutesAttendance; chairInList: boolean } {
  const { meeting } = input;

  const attendanceByPerson = new Map<Id, Attendance[]>();
  for (const a of input.attendance) {
    if (a.meetingId !== meeting.id) continue;
    const list = attendanceByPerson.get(a.personId) ?? [];
    list.push(a);
    attendanceByPerson.set(a.personId, list);
  }
  const recordFor = (personId: Id, bodyId: Id | null): Attendance | undefined => {
    const list = attendanceByPerson.get(personId);
    if (!list) return undefined;
    return list.find((a) => a.bodyId === bodyId) ?? list.find((a) => a.bodyId === null) ?? list[0];
  };
  const intervalsByPerson = new Map<Id, AttendanceInterval[]>();
  for (const iv of input.intervals ?? []) {
    if (iv.meetingId !== meeting.id) continue;
    const list = intervalsByPerson.get(iv.personId) ?? [];
    list.push(iv);
    intervalsByPerson.set(iv.personId, list);
  }

  const periods = (input.servingPeriods ?? []).filter((sp) => sp.meetingId === meeting.id);
  const listPerson = (p: Person, m: Membership | null, bodyId: Id | null): MinutesPerson => {
    const rec = recordFor(p.id, bodyId);
    const state: MinutesPersonState = rec ? rec.state : 'expected';
    const title = m?.title ?? p.title ?? null;
    const org = orgName(m?.organisationId ?? p.organisationId);
    // A title that already names the organisation ("hållbarhetschef Örebro kommun") is not repeated.
    const affiliation = [title, org && !(title ?? '').includes(org) ? org : null].filter(Boolean).join(', ') || null;
    // Once the meeting has run, who served for whom per item is known: that replaces the plan ("ersätter X").
    const replaces = periods.length
      ? servingText(periods, p.id, bodyId, (id) => person(id, 'tjänstgöringen').name)
      : rec?.replacesPersonId
        ? `ersätter ${person(rec.replacesPersonId, 'närvaron').name}`
        : null;
    let partial: string | null = null;
    // A ledamot who held their seat in only some of the items that ran says which (arrived late, left, jäv).
    const own = ownSeatText(periods, p.id, bodyId);
    if (own) partial = own;
    else if (rec && state === 'present') {
      if (rec.itemRange) partial = rangeText(rec.itemRange);
      else {
        const derived = deriveItemRange(intervalsByPerson.get(p.id) ?? [], items, meeting.endedAt ?? meeting.endsAt);
        if (derived) partial = rangeText(derived);
        else if (rec.partOfMeeting) partial = 'del av mötet';
      }
    }
    const extras = [replaces, partial, state === 'absent' ? 'frånvarande' : null].filter(Boolean);
    const line = `${p.name}${affiliation ? `, ${affiliation}` : ''}${extras.length ? ` (${extras.join(', ')})` : ''}`;
    return { personId: p.id, name: p.name, affiliation, state, replaces, partial, line };
  };

  const vacancy = (m: Membership): MinutesPerson => {
    const org = orgName(m.organisationId);
    return { personId: null, name: 'Vakant', affiliation: org, state: 'vacant', replaces: null, partial: null, line: org ? `Vakant, ${org}` : 'Vakant' };
  };

  // The roster's own order (the pasted list's), then by name; stable whatever order the store returns.
  const nameOfSeat = (m: Membership): string => (m.personId ? (persons.get(m.personId)?.name ?? '') : '');
  const activeMemberships = input.memberships
    .filter((m) => meeting.bodyIds.includes(m.bodyId) && membershipActiveOn(m, date))
    .slice()
    .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || nameOfSeat(a).localeCompare(nameOfSeat(b), 'sv') || a.id.localeCompare(b.id));
  const listedInBody = new Set<Id>(); // person ids listed under some body's ledamöter/ersättare
  const bodyAttendance: MinutesBodyAttendance[] = meetingBodies.map((body) => {
    const groups = new Map<RoleGroupKey, MinutesPerson[]>();
    const seen = new Set<Id>();
    for (const m of activeMemberships) {
      if (m.bodyId !== body.id) continue;
      const key = groupOfRole(m.role);
      if (key !== 'ledamöter' && key !== 'ersättare') continue;
      const list = groups.get(key) ?? [];
      if (m.personId === null) list.push(vacancy(m));
      else {
        if (seen.has(m.personId)) continue;
        seen.add(m.personId);
        listedInBody.add(m.personId);
        list.push(listPerson(person(m.personId, 'rostern'), m, body.id));
      }
      groups.set(key, list);
    }
    return {
      bodyId: body.id,
      bodyName: body.name,
      // A vacant seat ("Vakant, RF-SISU") comes last in its group, as the councils list it.
      groups: GROUP_ORDER.filter((k) => groups.get(k)?.length).map((k) => ({ key: k, label: ROLE_GROUP_LABELS[k], people: vacanciesLast(groups.get(k) ?? []) })),
    };
  });

  // Tjänstepersoner and others once for the meeting: roster seats of those kinds, then anyone with an
  // attendance record who is not on a body list (guests, presenters), as "Övriga" unless they have a title.
  const commonGroups = new Map<RoleGroupKey, MinutesPerson[]>();
  const commonSeen = new Set<Id>();
  for (const m of activeMemberships) {
    const key = groupOfRole(m.role);
    if (key === 'ledamöter' || key === 'ersättare' || m.personId === null) continue;
    if (commonSeen.has(m.personId) || listedInBody.has(m.personId)) continue;
    commonSeen.add(m.personId);
    const list = commonGroups.get(key) ?? [];
    list.push(listPerson(person(m.personId, 'rostern'), m, null));
    commonGroups.set(key, list);
  }
  for (const [personId, recs] of attendanceByPerson) {
    if (commonSeen.has(personId) || listedInBody.has(personId)) continue;
    commonSeen.add(personId);
    const p = person(personId, 'närvaron');
    const key: RoleGroupKey = p.title ? 'tjänstepersoner' : 'övriga';
    const list = commonGroups.get(key) ?? [];
    list.push(listPerson(p, null, recs[0]?.bodyId ?? null));
    commonGroups.set(key, list);
  }
  const common = GROUP_ORDER.filter((k) => commonGroups.get(k)?.length).map((k) => ({ key: k, label: ROLE_GROUP_LABELS[k], people: commonGroups.get(k) ?? [] }));

  // Each person once in the totals; a person on two councils' lists with different states (a joint meeting)
  // took part in the meeting when present on either list.
  const everyone = new Map<string, MinutesPerson>();
  const RANK: Record<MinutesPersonState, number> = { present: 4, förhinder: 3, absent: 2, expected: 1, vacant: 0 };
  const count = (p: MinutesPerson): void => {
    const seen = p.personId ? everyone.get(p.personId) : undefined;
    if (p.personId && (!seen || RANK[p.state] > RANK[seen.state])) everyone.set(p.personId, p);
  };
  for (const b of bodyAttendance) for (const g of b.groups) for (const p of g.people) count(p);
  for (const g of common) for (const p of g.people) count(p);
  const all = [...everyone.values()];
  // Each person once. A protokoll names the chair in its header ("Ordförande: Bechet Barsom, Region
  // Örebro län") and not again among the ledamöter (the 2024 seed); minnesanteckningar list the chair
  // with ", ordförande" and have no header line (the 2022 seed). The counts include the chair either way.
  const chairId = meeting.chairPersonId;
  const chairListed = Boolean(chairId && [...bodyAttendance.flatMap((b) => b.groups), ...common].some((g) => g.people.some((p) => p.personId === chairId)));
  const chairInList = chairListed && meeting.documentKind === 'minnesanteckningar';
  const markChair = (p: MinutesPerson): MinutesPerson => {
    if (p.personId !== chairId || /\bordförande\b/.test(p.affiliation ?? '')) return p;
    const affiliation = [p.affiliation, 'ordförande'].filter(Boolean).join(', ');
    return { ...p, affiliation, line: p.line.replace(/^([^(]*?)(\s\(|$)/, (_, head: string, rest: string) => `${head}, ordförande${rest}`) };
  };
  const chairOut = (groups: MinutesRoleGroup[]): MinutesRoleGroup[] =>
    groups
      .map((g) => ({ ...g, people: chairInList ? g.people.map(markChair) : g.people.filter((p) => !p.personId || p.personId !== chairId) }))
      .filter((g) => g.people.length);
  const listedBodies: MinutesBodyAttendance[] = bodyAttendance.map((b) => ({ ...b, groups: chairOut(b.groups) }));
  const listedCommon = chairOut(common);
  const counts: AttendanceCounts = {
    present: all.filter((p) => p.state === 'present').length,
    förhinder: all.filter((p) => p.state === 'förhinder').length,
    absent: all.filter((p) => p.state === 'absent').length,
    perBody: bodyAttendance.map((b) => {
      const led = b.groups.find((g) => g.key === 'ledamöter')?.people.filter((p) => p.state !== 'vacant') ?? [];
      const ers = b.groups.find((g) => g.key === 'ersättare')?.people ?? [];
      return {
        bodyId: b.bodyId,
        bodyName: b.bodyName,
        ledamöterPresent: led.filter((p) => p.state === 'present').length,
        ledamöterListed: led.length,
        ersättarePresent: ers.filter((p) => p.state === 'present').length,
        förhinder: [...led, ...ers].filter((p) => p.state === 'förhinder').length,
      };
    }),
  };

  return { attendance: { bodies: listedBodies, common: listedCommon, counts }, chairInList };
}

function groupOfRole(role: MembershipRole): RoleGroupKey {
  switch (role) {
    case 'ordförande':
    case 'vice_ordförande':
    case 'ledamot':
      return 'ledamöter';
    case 'ersättare':
      return 'ersättare';
    case 'sekreterare':
    case 'tjänsteperson':
    case 'adjungerad':
      return 'tjänstepersoner';
    case 'övrig':
      return 'övriga';
  }
}

const GROUP_ORDER: RoleGroupKey[] = ['ledamöter', 'ersättare', 'tjänstepersoner', 'övriga'];

function rangeText(r: ItemRange): string {
  return r.from === r.to ? `punkt ${r.from}` : `punkt ${r.from}–${r.to}`;
}

function membershipActiveOn(m: Membership, date: string): boolean {
  return (!m.from || m.from <= date) && (!m.to || m.to >= date);
}

function vacanciesLast(people: MinutesPerson[]): MinutesPerson[] {
  return [...people.filter((p) => p.state !== 'vacant'), ...people.filter((p) => p.state === 'vacant')];
}
