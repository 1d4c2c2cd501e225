import type {
  AgendaLayout,
  AgendaItem,
  Attendance,
  AttendanceInterval,
  Body,
  ChairHandover,
  Decision,
  DocumentKind,
  EvaluationEntry,
  FollowUpTask,
  Id,
  Instant,
  ItemKind,
  ItemRange,
  Meeting,
  Membership,
  MembershipRole,
  Organisation,
  Person,
  StandardItemKey,
  UpcomingDate,
  UpcomingPlacement,
  VoteChoice,
} from '../domain';
import { minutesTitle } from './minutes-title';
import { RadslagError } from '../errors/catalog';
import { deriveItemRange } from './derive-item-range';
import { parseNotes, type NoteBlock } from './note-blocks';
import { isCalendarDate, isoDateInZone, longSwedishDate, meetingTimeLine, yymmddInZone } from './swedish-time';

// ---------------------------------------------------------------------------------------------
// The model: everything the renderers print, already in Swedish words and the meeting's zone.
// ---------------------------------------------------------------------------------------------

export const MINUTES_LEGEND = '✓ = deltog, överstruken = meddelat förhinder';

export type JusteringMethod = 'teams' | 'email' | 'paper';

export interface JusteringSignature {
  personId: Id;
  signedAt: Instant;
  method: JusteringMethod;
}

/** How a person is listed: ✓ deltog, struck through (förhinder), frånvarande, not yet known, or a vacant seat. */
export type MinutesPersonState = 'present' | 'förhinder' | 'absent' | 'expected' | 'vacant';

export type RoleGroupKey = 'ledamöter' | 'ersättare' | 'tjänstepersoner' | 'övriga';

export const ROLE_GROUP_LABELS: Record<RoleGroupKey, string> = {
  ledamöter: 'Ledamöter',
  ersättare: 'Ersättare',
  tjänstepersoner: 'Tjänstepersoner',
  övriga: 'Övriga',
};

export interface MinutesPerson {
  personId: Id | null;
  /** "Vakant" for a vacancy. */
  name: string;
  /** Title and/or organisation as written after the name: "utvecklingsledare, Region Örebro län". */
  affiliation: string | null;
  state: MinutesPersonState;
  /** "ersätter Helena Fagerstedt" */
  replaces: string | null;
  /** "punkt 2–5" or "del av mötet"; null for the whole meeting. */
  partial: string | null;
  /** The full line as plain text, without the ✓ or strike marks: "Anna Jakobsson, chef … (del av mötet)". */
  line: string;
}

export interface MinutesRoleGroup {
  key: RoleGroupKey;
  label: string;
  people: MinutesPerson[];
}

export interface MinutesBodyAttendance {
  bodyId: Id;
  bodyName: string;
  groups: MinutesRoleGroup[];
}

export interface MinutesAttendance {
  /** Ledamöter and ersättare per body, in the meeting's body order. */
  bodies: MinutesBodyAttendance[];
  /** Tjänstepersoner and övriga, listed once for the whole meeting (as in the joint 2024 protocol). */
  common: MinutesRoleGroup[];
  counts: AttendanceCounts;
}

export interface AttendanceCounts {
  present: number;
  förhinder: number;
  absent: number;
  /** Per body: ledamöter present of listed, ersättare serving. */
  perBody: { bodyId: Id; bodyName: string; ledamöterPresent: number; ledamöterListed: number; ersättarePresent: number; förhinder: number }[];
}

export interface MinutesHeader {
  bodies: { id: Id; name: string }[];
  joint: boolean;
  documentKind: DocumentKind;
  /** "Protokoll" / "Minnesanteckningar" */
  documentKindLabel: string;
  /** "Protokoll Specifika samverkansrådet för … och Specifika samverkansrådet för folkhälsa" */
  title: string;
  /** Meeting date in its zone, YYYY-MM-DD. */
  date: string;
  /** "2024-09-20, kl. 09.00–12.00" */
  time: string;
  place: string | null;
  secretaries: string[];
  /** "Behcet Barsom, Region Örebro län" */
  chair: string | null;
  /** "Siw Lunander tog över som mötesordförande från punkt 11" */
  chairHandovers: string[];
  /** "Siw Lunander, Hallsbergs kommun" */
  justerare: string[];
  /** The letterhead's "Tjänsteställe" of the (first) body; absent in minutes stored before it existed. */
  serviceUnit?: string | null;
}

/** How the body lays its minutes out (absent in minutes stored before the setting existed). */
export interface MinutesLayout {
  agenda: AgendaLayout;
  upcoming: UpcomingPlacement;
  /** For upcoming 'in_item': the item whose text the dates follow (Övriga frågor, else the last item). */
  upcomingItemNumber: number | null;
}

export interface MinutesVote {
  question: string;
  ja: number;
  nej: number;
  avstår: number;
  secret: boolean;
  /** Names per choice when the vote was open; null for a secret vote. */
  names: Record<VoteChoice, string[]> | null;
  /** "Omröstning: Bifall till förslaget – ja 8, nej 3, avstår 1" */
  line: string;
}

export interface MinutesDecision {
  id: Id;
  /** "Dagordningen fastställs." */
  text: string;
  postponed: boolean;
  /** A proposed decision not yet confirmed by the secretary (only in drafts). */
  unconfirmed: boolean;
  vote: MinutesVote | null;
  /** "Kristin Östman reserverar sig: motivering" */
  reservations: string[];
}

export interface MinutesTask {
  itemNumber: number | null;
  owner: string | null;
  text: string;
  /** YYYY-MM-DD */
  dueDate: string | null;
  /** "Linnea Hedkvist: gör en doodle (senast 2022-02-15)" */
  line: string;
}

export interface MinutesAttachment {
  itemNumber: number;
  title: string;
  url: string;
}

export interface MinutesItem {
  id: Id;
  number: number;
  title: string;
  kind: ItemKind;
  standardKey: StandardItemKey | null;
  presenters: string[];
  /** "Siw Lunander tog över som mötesordförande." at the item where a handover happened. */
  chairNotes: string[];
  notes: NoteBlock[];
  decisions: MinutesDecision[];
  tasks: MinutesTask[];
  attachments: MinutesAttachment[];
  postponed: boolean;
}

export interface MinutesEvaluation {
  worked: string[];
  hindered: string[];
  /** Mean of given scores, one decimal; null when nobody scored. */
  averageScore: number | null;
  responses: number;
}

export interface MinutesUpcomingDate {
  date: string;
  /** "21 april 2022" */
  dateText: string;
  note: string | null;
  line: string;
}

export interface MinutesJustering {
  /** Everyone appointed has signed. */
  complete: boolean;
  signed: { personId: Id; name: string; date: string; yymmdd: string; method: JusteringMethod }[];
  pending: string[];
  /** "Justerade: Jari Mehtäläinen 250403, Behcet Barsom 250404" or "Justerat den: 2024-10-01 via e-post."; null before anyone signed. */
  line: string | null;
}

export type MinutesStatus = 'draft' | 'final';

export interface MinutesModel {
  meetingId: Id;
  header: MinutesHeader;
  attendance: MinutesAttendance;
  items: MinutesItem[];
  /** Number of the "Övriga frågor" item, when the agenda has one. */
  otherQuestionsItemNumber: number | null;
  tasks: MinutesTask[];
  attachments: MinutesAttachment[];
  evaluation: MinutesEvaluation | null;
  upcoming: MinutesUpcomingDate[];
  justering: MinutesJustering;
  legend: string;
  layout?: MinutesLayout;
  version: number;
  status: MinutesStatus;
  /** Filled in when the version is locked; the hash of canonicalMinutesText. */
  contentHash: string | null;
}

export interface MinutesInput {
  meeting: Meeting;
  bodies: Body[];
  persons: Person[];
  organisations: Organisation[];
  memberships: Membership[];
  attendance: Attendance[];
  intervals?: AttendanceInterval[];
  items: AgendaItem[];
  chairHandovers?: ChairHandover[];
  decisions: Decision[];
  tasks?: FollowUpTask[];
  evaluations?: EvaluationEntry[];
  upcomingDates?: UpcomingDate[];
  justering?: JusteringSignature[];
  version: number;
  status: MinutesStatus;
  contentHash?: string | null;
}

// ---------------------------------------------------------------------------------------------

const invalid = (detail: string): RadslagError => new RadslagError('VALIDATION_FAILED', { detail });

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

function documentKindLabel(kind: DocumentKind): string {
  return kind === 'protokoll' ? 'Protokoll' : 'Minnesanteckningar';
}

const METHOD_TEXT: Record<JusteringMethod, string> = { teams: 'i Teams', email: 'via e-post', paper: 'på papper' };

/**
 * Builds the minutes from the meeting's data. Pure and deterministic: the same input gives the same
 * model (ordering comes from item numbers, roster order and timestamps, never from the clock).
 */
export function buildMinutesModel(input: MinutesInput): MinutesModel {
  const { meeting } = input;
  const tz = meeting.timeZone;
  if (!Number.isInteger(input.version) || input.version < 1) throw invalid('versionsnumret måste vara ett heltal ≥ 1');
  if (meeting.bodyIds.length === 0) throw invalid('mötet saknar organ');

  const persons = new Map(input.persons.map((p) => [p.id, p]));
  const orgs = new Map(input.organisations.map((o) => [o.id, o]));
  const bodies = new Map(input.bodies.map((b) => [b.id, b]));
  const person = (id: Id, what: string): Person => {
    const p = persons.get(id);
    if (!p) throw invalid(`${what} hänvisar till en okänd person (${id})`);
    return p;
  };
  const orgName = (id: Id | null | undefined): string | null => (id ? (orgs.get(id)?.name ?? null) : null);
  const meetingBodies = meeting.bodyIds.map((id) => {
    const b = bodies.get(id);
    if (!b) throw invalid(`mötet hänvisar till ett okänt organ (${id})`);
    return b;
  });
  const date = isoDateInZone(meeting.startsAt, tz);

  // Items, sorted by number; duplicate numbers would make "punkt 5" ambiguous.
  const items = input.items.filter((i) => i.meetingId === meeting.id).slice().sort((a, b) => a.number - b.number);
  const itemById = new Map(items.map((i) => [i.id, i]));
  for (let k = 1; k < items.length; k++) {
    if (items[k]?.number === items[k - 1]?.number) throw invalid(`två punkter har nummer ${items[k]?.number}`);
  }

  /** "Name, org" for header lines: the person's seat on one of the meeting's bodies, else their home organisation. */
  const seatText = (id: Id, what: string): string => {
    const p = person(id, what);
    const seat = input.memberships.find((m) => m.personId === id && meeting.bodyIds.includes(m.bodyId) && m.organisationId);
    const org = orgName(seat?.organisationId ?? p.organisationId);
    return org ? `${p.name}, ${org}` : p.name;
  };

  // ---- attendance ----
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

  const listPerson = (p: Person, m: Membership | null, bodyId: Id | null): MinutesPerson => {
    const rec = recordFor(p.id, bodyId);
    const state: MinutesPersonState = rec ? rec.state : 'expected';
    const title = m?.title ?? p.title ?? null;
    const org = orgName(m?.organisationId ?? p.organisationId);
    // A title that already names the organisation ("hållbarhetschef Örebro kommun") is not repeated.
    const affiliation = [title, org && !(title ?? '').includes(org) ? org : null].filter(Boolean).join(', ') || null;
    const replaces = rec?.replacesPersonId ? `ersätter ${person(rec.replacesPersonId, 'närvaron').name}` : null;
    let partial: string | null = null;
    if (rec && state === 'present') {
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

  // Each person once in the totals; a person on two councils' lists with different states (a joint meeting,
  // issue 18) took part in the meeting when present on either list.
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

  // ---- header ----
  const handovers = (input.chairHandovers ?? []).filter((h) => h.meetingId === meeting.id).slice().sort((a, b) => a.fromItemNumber - b.fromItemNumber || a.at.localeCompare(b.at));
  const handoverLine = (h: ChairHandover): string => {
    const name = person(h.personId, 'ordförandebytet').name;
    const to = h.toItemNumber ? ` till och med punkt ${h.toItemNumber}` : '';
    return `${name} tog över som mötesordförande från punkt ${h.fromItemNumber}${to}`;
  };
  const kindLabel = documentKindLabel(meeting.documentKind);
  const host = meetingBodies[0]!;
  const generatedTitle = minutesTitle(kindLabel, meetingBodies.map((b) => b.name), date, host.minutesTitleStyle ?? null, meeting.documentKind);
  const header: MinutesHeader = {
    bodies: meetingBodies.map((b) => ({ id: b.id, name: b.name })),
    joint: meetingBodies.length > 1,
    documentKind: meeting.documentKind,
    documentKindLabel: kindLabel,
    title: meeting.title?.trim() || generatedTitle,
    date,
    time: meetingTimeLine(meeting.startedAt ?? meeting.startsAt, meeting.endedAt ?? meeting.endsAt, tz),
    place: meeting.place?.trim() || null,
    secretaries: meeting.secretaryPersonIds.map((id) => person(id, 'sekreterare').name),
    chair: meeting.chairPersonId && !chairInList ? seatText(meeting.chairPersonId, 'ordförande') : null,
    chairHandovers: handovers.map(handoverLine),
    justerare: meeting.justerarePersonIds.map((id) => seatText(id, 'justerare')),
    serviceUnit: host.serviceUnit?.trim() || null,
  };

  // ---- decisions, tasks ----
  const includeUnconfirmed = input.status === 'draft';
  const decisionsByItem = new Map<Id, MinutesDecision[]>();
  const sortedDecisions = input.decisions
    .filter((d) => d.meetingId === meeting.id)
    .slice()
    .sort((a, b) => a.proposedAt.localeCompare(b.proposedAt) || a.id.localeCompare(b.id));
  for (const d of sortedDecisions) {
    if (!itemById.has(d.itemId)) throw invalid(`beslutet ${d.id} hänvisar till en okänd punkt`);
    if (d.status !== 'confirmed' && !includeUnconfirmed) continue;
    const list = decisionsByItem.get(d.itemId) ?? [];
    list.push(minutesDecision(d, (id) => person(id, 'beslutet').name));
    decisionsByItem.set(d.itemId, list);
  }

  const tasks: MinutesTask[] = (input.tasks ?? [])
    .filter((t) => t.meetingId === meeting.id && t.status !== 'cancelled')
    .map((t) => {
      const item = t.itemId ? itemById.get(t.itemId) : undefined;
      if (t.itemId && !item) throw invalid(`uppdraget ${t.id} hänvisar till en okänd punkt`);
      if (t.dueDate && !isCalendarDate(t.dueDate)) throw invalid(`uppdraget ${t.id} har ett ogiltigt datum`);
      const owner = t.ownerPersonId ? person(t.ownerPersonId, 'uppdraget').name : (t.ownerName?.trim() || null);
      const text = t.text.trim();
      const line = `${owner ? `${owner}: ` : ''}${text}${t.dueDate ? ` (senast ${t.dueDate})` : ''}`;
      return { itemNumber: item?.number ?? null, owner, text, dueDate: t.dueDate ?? null, line };
    })
    .sort((a, b) => (a.itemNumber ?? Infinity) - (b.itemNumber ?? Infinity));

  const minutesItems: MinutesItem[] = items.map((item) => {
    const decisions = decisionsByItem.get(item.id) ?? [];
    const attachments = item.attachments.map((a) => ({ itemNumber: item.number, title: a.title.trim() || a.url, url: a.url.trim() }));
    return {
      id: item.id,
      number: item.number,
      title: item.title.trim(),
      kind: item.kind,
      standardKey: item.standardKey ?? null,
      presenters: item.presenters.map((pr) => (pr.personId ? (persons.get(pr.personId)?.name ?? pr.name) : pr.name)),
      chairNotes: handovers.filter((h) => h.fromItemNumber === item.number).map((h) => `${person(h.personId, 'ordförandebytet').name} tog över som mötesordförande.`),
      notes: parseNotes(item.notes),
      decisions,
      tasks: tasks.filter((t) => t.itemNumber === item.number),
      attachments,
      postponed: item.status === 'postponed' || decisions.some((d) => d.postponed),
    };
  });

  // ---- evaluation ----
  const evals = (input.evaluations ?? []).filter((e) => e.meetingId === meeting.id).slice().sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const scores = evals.map((e) => e.score).filter((s): s is 1 | 2 | 3 | 4 | 5 => typeof s === 'number');
  const evaluation: MinutesEvaluation | null = evals.length
    ? {
        worked: evals.map((e) => e.worked?.trim()).filter((s): s is string => !!s),
        hindered: evals.map((e) => e.hindered?.trim()).filter((s): s is string => !!s),
        averageScore: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null,
        responses: evals.length,
      }
    : null;

  // ---- upcoming ----
  const upcoming: MinutesUpcomingDate[] = (input.upcomingDates ?? [])
    .filter((u) => u.meetingId === meeting.id)
    .slice()
    .sort((a, b) => a.position - b.position || a.date.localeCompare(b.date))
    .map((u) => {
      const dateText = longSwedishDate(u.date);
      const note = u.note?.trim() || null;
      return { date: u.date, dateText, note, line: note ? `${dateText} ${note}` : dateText };
    });

  // ---- justering ----
  const signatures = (input.justering ?? []).slice().sort((a, b) => a.signedAt.localeCompare(b.signedAt) || a.personId.localeCompare(b.personId));
  for (const s of signatures) {
    if (!meeting.justerarePersonIds.includes(s.personId)) throw invalid(`${person(s.personId, 'justeringen').name} är inte utsedd justerare`);
  }
  const signed = signatures.map((s) => ({
    personId: s.personId,
    name: person(s.personId, 'justeringen').name,
    date: isoDateInZone(s.signedAt, tz),
    yymmdd: yymmddInZone(s.signedAt, tz),
    method: s.method,
  }));
  const signedIds = new Set(signed.map((s) => s.personId));
  const pending = meeting.justerarePersonIds.filter((id) => !signedIds.has(id)).map((id) => person(id, 'justerare').name);
  const complete = meeting.justerarePersonIds.length > 0 && pending.length === 0;
  let justeringLine: string | null = null;
  const first = signed[0];
  if (first) {
    const allExternalSame = signed.every((s) => s.method !== 'teams' && s.method === first.method && s.date === first.date);
    justeringLine = allExternalSame
      ? `Justerat den: ${first.date} ${METHOD_TEXT[first.method]}.`
      : `Justerade: ${signed.map((s) => `${s.name} ${s.yymmdd}${s.method === 'teams' ? '' : ` ${METHOD_TEXT[s.method]}`}`).join(', ')}`;
  }
  if (input.status === 'final' && !complete) {
    throw new RadslagError('CONFLICT_STATE', { detail: `protokollet kan inte vara slutligt innan alla justerare har justerat (saknas: ${pending.join(', ') || 'justerare'})` });
  }

  const attachments = minutesItems.flatMap((i) => i.attachments);
  const other = minutesItems.find((i) => i.standardKey === 'other_questions') ?? minutesItems.find((i) => /^övriga frågor/i.test(i.title));
  const upcomingPlacement = host.upcomingPlacement ?? 'section';
  const layout: MinutesLayout = {
    agenda: host.agendaLayout ?? 'headings',
    upcoming: upcomingPlacement,
    upcomingItemNumber: upcomingPlacement === 'in_item' ? (other ?? minutesItems.at(-1))?.number ?? null : null,
  };
  return {
    meetingId: meeting.id,
    header,
    attendance: { bodies: listedBodies, common: listedCommon, counts },
    items: minutesItems,
    otherQuestionsItemNumber: other?.number ?? null,
    tasks,
    attachments,
    evaluation,
    upcoming,
    justering: { complete, signed, pending, line: justeringLine },
    legend: MINUTES_LEGEND,
    layout,
    version: input.version,
    status: input.status,
    contentHash: input.contentHash ?? null,
  };
}

/** Upcoming dates shown inside this item (layout 'in_item'); the others go in their own section. */
export function upcomingInItem(m: MinutesModel, itemNumber: number): MinutesUpcomingDate[] {
  return m.layout?.upcoming === 'in_item' && m.layout.upcomingItemNumber === itemNumber ? m.upcoming : [];
}

/** Upcoming dates in their own section "Kommande möten" (the default, and whenever no item takes them). */
export function upcomingSection(m: MinutesModel): MinutesUpcomingDate[] {
  return m.layout?.upcoming === 'in_item' && m.layout.upcomingItemNumber !== null ? [] : m.upcoming;
}

function vacanciesLast(people: MinutesPerson[]): MinutesPerson[] {
  return [...people.filter((p) => p.state !== 'vacant'), ...people.filter((p) => p.state === 'vacant')];
}

function minutesDecision(d: Decision, nameOf: (id: Id) => string): MinutesDecision {
  let vote: MinutesVote | null = null;
  if (d.vote) {
    const v = d.vote;
    const tally: Record<VoteChoice, string[]> = { ja: [], nej: [], avstår: [] };
    // The last vote per person counts (a changed vote replaces the earlier one).
    const latest = new Map<Id, (typeof v.votes)[number]>();
    for (const cast of v.votes.slice().sort((a, b) => a.at.localeCompare(b.at))) latest.set(cast.personId, cast);
    for (const cast of [...latest.values()].sort((a, b) => nameOf(a.personId).localeCompare(nameOf(b.personId), 'sv'))) {
      tally[cast.choice].push(nameOf(cast.personId));
    }
    const secret = v.secret === true;
    const count = (c: VoteChoice): string => `${c} ${tally[c].length}${!secret && tally[c].length ? ` (${tally[c].join(', ')})` : ''}`;
    vote = {
      question: v.question.trim(),
      ja: tally.ja.length,
      nej: tally.nej.length,
      avstår: tally.avstår.length,
      secret,
      names: secret ? null : tally,
      line: `${secret ? 'Sluten omröstning' : 'Omröstning'}: ${v.question.trim()} – ${count('ja')}, ${count('nej')}, ${count('avstår')}`,
    };
  }
  return {
    id: d.id,
    text: d.text.trim(),
    postponed: d.postponed,
    unconfirmed: d.status !== 'confirmed',
    vote,
    reservations: d.reservations.map((r) => `${nameOf(r.personId)} reserverar sig${r.text?.trim() ? `: ${r.text.trim()}` : '.'}`),
  };
}
