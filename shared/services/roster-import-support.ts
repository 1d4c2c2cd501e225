/** The roster import's data shapes and the checks, fingerprints and views its use cases share. */
import type { AttendanceState, Body, Id, Meeting, MembershipRole, Person } from '../domain';
import { DOCUMENT_KINDS } from '../domain';
import { RadslagError } from '../errors/catalog';
import type { Repositories } from '../ports/store';
import { fold, type ExistingRoster, type OrganisationRef, type PersonRef, type RosterImportPlan, type RosterParseResult } from '../roster';
import { lockOf } from './minutes-service';
import type { HistoryMeetingInput, PersonMatchSuggestion, RosterApplyResult, RosterImportOptions, RosterImportRecord } from '../domain/roster-records';

/** The import's options with the list itself. */
export interface RosterImportInput extends RosterImportOptions {
  text: string;
  /** For a list of several bodies (a joint meeting's): the body of each, in the list's order. */
  bodyIds?: Id[];
  defaultRole?: MembershipRole;
}

export interface MatchDecision {
  /** PlannedPerson.key (also the suggestion's personKey). */
  key: string;
  choice: 'same' | 'new';
  /** For 'same': which of the suggested people (default the best one). */
  personId?: Id;
}

export interface ApplyInput {
  decisions?: MatchDecision[];
  /** Take the best suggestion for every open one (the CLI's --confirm-all-suggestions). */
  confirmAllSuggestions?: boolean;
  /** Role changes the plan asked about (roleQuestions): accepted ones are written, the rest keep their role. */
  roleChanges?: { membershipId: Id; accept: boolean }[];
  /** The version of the preview being applied; a different one is refused. */
  version?: number;
}

/** What the secretary sees: what was understood, the plan, and names for every reference in it. */
export interface RosterImportView {
  id: Id;
  version: number;
  status: RosterImportRecord['status'];
  bodyId: Id;
  bodies: { id: Id; name: string }[];
  format: 'text' | 'csv';
  options: RosterImportOptions;
  createdAt: string;
  appliedAt: string | null;
  understood: RosterParseResult;
  plan: RosterImportPlan;
  /** "existing:<id>" / "new:<key>" → name, for people and organisations named in the plan. */
  names: { people: Record<string, string>; organisations: Record<string, string> };
  suggestions: PersonMatchSuggestion[];
  summary: RosterImportSummary;
  result: RosterApplyResult | null;
}

export interface RosterImportSummary {
  entries: number;
  unreadLines: number;
  warnings: number;
  organisationsToCreate: number;
  peopleToCreate: number;
  peopleToUpdate: number;
  peopleMatched: number;
  needingConfirmation: number;
  membershipsToAdd: number;
  membershipsToUpdate: number;
  membershipsToRemove: number;
  membershipsUnchanged: number;
  attendance: number;
}

export const MAX_ENTRIES = 2000;

export const refKey = (ref: PersonRef | OrganisationRef): string => (ref.kind === 'existing' ? `existing:${ref.id}` : `new:${ref.key}`);

/** A small pure string hash (cyrb53 twice with different seeds): the fingerprint need not be secret, only stable. */
function hash(text: string): string {
  const cyrb53 = (seed: number): string => {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
  };
  return `${cyrb53(1)}${cyrb53(7)}`;
}

/** The state a plan depends on: every row's id and version, and the remembered confirmations. */
export function rosterFingerprint(existing: ExistingRoster, remembered: Readonly<Record<string, Id>>): string {
  const rows = [
    ...existing.people.map((p) => `p:${p.id}:${p.version}`),
    ...existing.organisations.map((o) => `o:${o.id}:${o.version}`),
    ...existing.memberships.map((m) => `m:${m.id}:${m.version}`),
    ...Object.entries(remembered).map(([k, v]) => `c:${k}=${v}`),
  ].sort();
  return hash(rows.join('\n'));
}

/** Local wall-clock time in an IANA zone → UTC instant, without a date library (Intl knows the offsets). */
export function zonedTimeToUtc(date: string, time: string, timeZone: string): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const offsetAt = (instant: number): number => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).formatToParts(new Date(instant));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - instant;
  };
  let guess = asUtc - offsetAt(asUtc);
  guess = asUtc - offsetAt(guess);
  return new Date(guess).toISOString();
}

export const validation = (sv: string, en: string): RadslagError => new RadslagError('VALIDATION_FAILED', { detailSv: sv, detailEn: en });

export function validateHistoryMeeting(m: HistoryMeetingInput): { startsAt: string; endsAt: string; timeZone: string } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(m.date) || Number.isNaN(Date.parse(`${m.date}T00:00:00Z`))) {
    throw validation(`mötets datum "${m.date}" ska skrivas ÅÅÅÅ-MM-DD`, `the meeting date "${m.date}" must be YYYY-MM-DD`);
  }
  const time = /^([01]\d|2[0-3]):[0-5]\d$/;
  for (const t of [m.startTime, m.endTime]) {
    if (t !== undefined && !time.test(t)) throw validation(`tiden "${t}" ska skrivas TT:MM`, `the time "${t}" must be HH:MM`);
  }
  const timeZone = m.timeZone ?? 'Europe/Stockholm';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw validation(`okänd tidszon "${timeZone}"`, `unknown time zone "${timeZone}"`);
  }
  if (m.documentKind && !DOCUMENT_KINDS.includes(m.documentKind)) {
    throw validation('dokumenttypen ska vara protokoll eller minnesanteckningar', 'the document kind must be protokoll or minnesanteckningar');
  }
  const startsAt = zonedTimeToUtc(m.date, m.startTime ?? '09:00', timeZone);
  const endsAt = zonedTimeToUtc(m.date, m.endTime ?? '12:00', timeZone);
  if (Date.parse(endsAt) <= Date.parse(startsAt)) throw validation('sluttiden måste vara efter starttiden', 'the end time must be after the start time');
  return { startsAt, endsAt, timeZone };
}

export const STATE_STRENGTH: Record<AttendanceState, number> = { present: 3, absent: 2, förhinder: 1, expected: 0 };

/** What the tab shows of an import: what was understood, the plan, names for every reference, suggestions. */
export async function importView(repos: Repositories, rec: RosterImportRecord): Promise<RosterImportView> {
  const [people, organisations, bodies, suggestions] = await Promise.all([
    repos.people.listAll(),
    repos.organisations.findBy({}),
    repos.bodies.findBy({}),
    repos.personMatchSuggestions.findBy({ importId: rec.id }, 'createdAt'),
  ]);
  const peopleNames: Record<string, string> = {};
  const orgNames: Record<string, string> = {};
  const personName = (ref: PersonRef | null | undefined, fallback?: string) => {
    if (!ref) return;
    const k = refKey(ref);
    if (peopleNames[k]) return;
    const name = ref.kind === 'existing' ? people.find((p) => p.id === ref.id)?.name : undefined;
    peopleNames[k] = name ?? fallback ?? k;
  };
  const orgName = (ref: OrganisationRef | null | undefined) => {
    if (!ref) return;
    const k = refKey(ref);
    orgNames[k] ??= ref.kind === 'existing' ? (organisations.find((o) => o.id === ref.id)?.name ?? k) : (rec.plan.organisations.create.find((o) => o.key === ref.key)?.name ?? ref.key);
  };
  for (const p of rec.plan.people) {
    personName(p.ref, p.name);
    orgName(p.organisation);
  }
  for (const a of rec.plan.memberships.add) {
    personName(a.person);
    orgName(a.organisation);
  }
  for (const a of rec.plan.attendance) {
    personName(a.person);
    personName(a.replaces, a.replacesName);
  }
  for (const r of rec.plan.memberships.remove) if (r.personId) personName({ kind: 'existing', id: r.personId });
  for (const o of organisations) orgNames[`existing:${o.id}`] ??= o.name;
  // Existing memberships being updated or removed: name their people too.
  const memberships = await Promise.all(rec.plan.memberships.update.map((u) => repos.memberships.get(u.membershipId)));
  for (const m of memberships) if (m?.personId) personName({ kind: 'existing', id: m.personId });
  return {
    id: rec.id,
    version: rec.version,
    status: rec.status,
    bodyId: rec.bodyId,
    bodies: rec.bodyIds.map((id) => ({ id, name: bodies.find((b) => b.id === id)?.name ?? id })),
    format: rec.format,
    options: rec.options,
    createdAt: rec.createdAt,
    appliedAt: rec.appliedAt,
    understood: rec.parsed,
    plan: rec.plan,
    names: { people: peopleNames, organisations: orgNames },
    suggestions,
    summary: summarize(rec.parsed, rec.plan),
    result: rec.result,
  };
}

export function summarize(parsed: RosterParseResult, plan: RosterImportPlan): RosterImportSummary {
  return {
    entries: parsed.entries.length,
    unreadLines: parsed.unreadLines.length,
    warnings: parsed.warnings.length + plan.warnings.length,
    organisationsToCreate: plan.organisations.create.length,
    peopleToCreate: plan.people.filter((p) => p.action === 'create').length,
    peopleToUpdate: plan.people.filter((p) => p.action === 'update').length,
    peopleMatched: plan.people.filter((p) => p.action === 'keep' || p.action === 'update').length,
    needingConfirmation: plan.people.filter((p) => p.action === 'confirm').length,
    membershipsToAdd: plan.memberships.add.length,
    membershipsToUpdate: plan.memberships.update.length,
    membershipsToRemove: plan.memberships.remove.length,
    membershipsUnchanged: plan.memberships.unchanged.length,
    attendance: plan.attendance.length,
  };
}

/**
 * What the service adds to the planner's plan. membershipChanges: false keeps the rosters as they are
 * (history import of people and attendance only). And a list only speaks for the roles it lists: a list
 * of ledamöter and ersättare does not remove the secretary's or the officials' seats (removing the
 * secretary's own seat would also take away their right to manage the roster).
 */
export function shapePlan(plan: RosterImportPlan, options: RosterImportOptions, parsed: RosterParseResult): RosterImportPlan {
  if (options.membershipChanges === false) {
    const memberships = { add: [], update: [], remove: [], unchanged: [] };
    const isEmpty = plan.organisations.create.length === 0 && plan.people.every((p) => p.action === 'keep');
    return { ...plan, memberships, roleQuestions: [], isEmpty };
  }
  const listed = new Set(parsed.entries.flatMap((e) => e.roles));
  // Ordförande and vice ordförande are seats among the voting members: a list of ledamöter speaks for them.
  if (listed.has('ledamot')) for (const r of ['ordförande', 'vice_ordförande'] as const) listed.add(r);
  const keep = plan.memberships.remove.filter((r) => !listed.has(r.role));
  if (keep.length === 0) return plan;
  const remove = plan.memberships.remove.filter((r) => listed.has(r.role));
  const memberships = { ...plan.memberships, remove, unchanged: [...plan.memberships.unchanged, ...keep.map((k) => k.membershipId)] };
  const isEmpty =
    plan.organisations.create.length === 0 &&
    plan.people.every((p) => p.action === 'keep') &&
    memberships.add.length === 0 &&
    memberships.update.length === 0 &&
    remove.length === 0;
  return { ...plan, memberships, isEmpty };
}

export async function loadExisting(repos: Repositories): Promise<ExistingRoster> {
  const [people, organisations, memberships] = await Promise.all([repos.people.listAll(), repos.organisations.findBy({}), repos.memberships.findBy({})]);
  return { people, organisations, memberships };
}

/** Confirmations the secretary gave before (by listed key), still pointing at a person we have. */
export async function rememberedConfirmations(repos: Repositories, people: readonly Person[], exceptImportId?: Id): Promise<Record<string, Id>> {
  // An import's own suggestions are its decisions, not part of the roster it was planned against.
  const confirmed = (await repos.personMatchSuggestions.findBy({ status: 'confirmed' }, 'createdAt')).filter((s) => s.importId !== exceptImportId);
  const ids = new Set(people.map((p) => p.id));
  const out: Record<string, Id> = {};
  for (const s of confirmed) if (s.resolvedPersonId && ids.has(s.resolvedPersonId)) out[s.personKey] = s.resolvedPersonId;
  return out;
}

export function resolveBodyIds(urlBody: Body, all: readonly Body[], parsed: RosterParseResult, given: readonly Id[] | undefined): Id[] {
  const n = parsed.bodies.length;
  if (given && given.length) {
    if (given.length !== n) {
      throw validation(`listan har ${n} organ men ${given.length} angavs i bodyIds`, `the list has ${n} bodies but bodyIds names ${given.length}`);
    }
    if (!given.includes(urlBody.id)) throw validation('bodyIds måste innehålla organet i adressen', 'bodyIds must include the body in the URL');
    for (const id of given) if (!all.some((b) => b.id === id)) throw new RadslagError('NOT_FOUND', { entity: `Organet / The body ${id}` });
    if (new Set(given).size !== given.length) throw validation('samma organ två gånger i bodyIds', 'the same body twice in bodyIds');
    return [...given];
  }
  if (n === 1) return [urlBody.id];
  // A joint meeting's list: each part under a heading that names its body.
  const ids = parsed.bodies.map((b) => {
    if (!b.heading) return null;
    const h = fold(b.heading);
    return all.find((x) => fold(x.name) === h || fold(x.name).startsWith(h) || h.startsWith(fold(x.name)))?.id ?? null;
  });
  if (ids.some((x) => x === null) || new Set(ids).size !== n || !ids.includes(urlBody.id)) {
    const headings = parsed.bodies.map((b, i) => `${i + 1}: ${b.heading ?? '(utan rubrik / no heading)'}`).join('; ');
    throw validation(
      `listan har ${n} organ (${headings}); ange organens id i listans ordning i bodyIds`,
      `the list has ${n} bodies (${headings}); give their ids in the list's order in bodyIds`,
    );
  }
  return ids as Id[];
}

/** Signed (justerade) minutes are final: their attendance is changed only through a correction. */
export async function refuseLockedMinutes(repos: Repositories, meetingId: Id): Promise<void> {
  if ((await lockOf(repos, meetingId))?.locked) throw new RadslagError('LOCKED_FINAL');
}

export function checkMeetingBodies(meeting: Meeting, bodyIds: readonly Id[], all: readonly Body[]): void {
  const missing = bodyIds.filter((id) => !meeting.bodyIds.includes(id));
  if (missing.length) {
    const names = missing.map((id) => all.find((b) => b.id === id)?.name ?? id).join(', ');
    throw validation(`mötet hålls inte av ${names}`, `the meeting is not held by ${names}`);
  }
}

/** The secretary's answers to the preview's role questions; an answer about another seat is refused. */
export function acceptedRoleChanges(previewed: RosterImportPlan, answers: readonly { membershipId: Id; accept: boolean }[]): Record<Id, boolean> {
  const asked = new Set((previewed.roleQuestions ?? []).map((q) => q.membershipId));
  const out: Record<Id, boolean> = {};
  for (const a of answers) {
    if (!asked.has(a.membershipId)) {
      throw new RadslagError('VALIDATION_FAILED', { detailSv: `importen frågar inte om rollen för platsen ${a.membershipId}`, detailEn: `the import asks no role question about seat ${a.membershipId}` });
    }
    out[a.membershipId] = a.accept;
  }
  return out;
}
