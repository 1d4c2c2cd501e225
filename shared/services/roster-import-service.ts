import type { Attendance, AttendanceState, Body, Id, Meeting, MembershipRole, Person } from '../domain';
import { DOCUMENT_KINDS, MEMBERSHIP_ROLES } from '../domain';
import { RadslagError } from '../errors/catalog';
import type { Repositories } from '../ports/store';
import {
  fold,
  parseRoster,
  parseRosterCsv,
  planRosterImport,
  type ExistingRoster,
  type FieldChange,
  type OrganisationRef,
  type PersonRef,
  type RosterImportPlan,
  type RosterParseResult,
} from '../roster';
import { authorize, meetingPolicyContext, rolesOn } from './access';
import type { RequestContext, ServiceDeps } from './context';
import { lockOf } from './minutes-service';
import type {
  HistoryMeetingInput,
  PersonMatchSuggestion,
  RosterApplyResult,
  RosterImportOptions,
  RosterImportRecord,
} from './roster-records';

/**
 * Roster import as a use case: a pasted list or CSV is parsed and planned against the stored roster and
 * kept as a preview; "apply" then writes exactly that plan in one transaction (all of it or nothing),
 * with the secretary's answers to suggested matches. A person who merely resembles someone is never
 * merged without that answer.
 */
export interface RosterImportInput {
  format: 'text' | 'csv';
  text: string;
  /** For a list of several bodies (a joint meeting's): the body of each, in the list's order. */
  bodyIds?: Id[];
  asAttendanceOfMeetingId?: Id | null;
  createMeeting?: HistoryMeetingInput | null;
  unmarked?: 'skip' | 'present';
  removeMissing?: boolean;
  membershipChanges?: boolean;
  mode?: 'auto' | 'list' | 'document';
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

const MAX_ENTRIES = 2000;

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

const validation = (sv: string, en: string): RadslagError => new RadslagError('VALIDATION_FAILED', { detailSv: sv, detailEn: en });

function validateHistoryMeeting(m: HistoryMeetingInput): { startsAt: string; endsAt: string; timeZone: string } {
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

const STATE_STRENGTH: Record<AttendanceState, number> = { present: 3, absent: 2, förhinder: 1, expected: 0 };

export class RosterImportService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Parses and plans a list against the stored roster and keeps it as a preview. Nothing else is written. */
  async preview(ctx: RequestContext, bodyId: Id, input: RosterImportInput): Promise<RosterImportView> {
    if (input.format !== 'text' && input.format !== 'csv') throw validation('formatet ska vara text eller csv', 'the format must be text or csv');
    if (!input.text.trim()) throw validation('listan är tom', 'the list is empty');
    if (input.asAttendanceOfMeetingId && input.createMeeting) {
      throw validation('ange antingen ett befintligt möte eller ett nytt möte, inte båda', 'give either an existing meeting or a new one, not both');
    }
    if (input.defaultRole && !MEMBERSHIP_ROLES.includes(input.defaultRole)) throw validation('okänd roll', 'unknown role');
    if (input.createMeeting) validateHistoryMeeting(input.createMeeting);

    const record = await this.deps.store.transaction(async (tx) => {
      const body = await tx.bodies.require(bodyId);
      authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(tx, ctx.actor.personId, [bodyId]) });
      const allBodies = await tx.bodies.findBy({}, 'name');
      const existing = await loadExisting(tx);
      const extra = existing.organisations.map((o) => ({ name: o.name, aliases: o.aliases, kind: o.kind }));

      const parsed =
        input.format === 'csv'
          ? parseRosterCsv(input.text, { organisations: extra, ...(input.defaultRole ? { defaultRole: input.defaultRole } : {}) })
          : parseRoster(input.text, {
              mode: input.mode ?? 'auto',
              bodyNames: allBodies.map((b) => b.name),
              organisations: extra,
              ...(input.defaultRole ? { defaultRole: input.defaultRole } : {}),
            });
      const entryCount = parsed.entries.length;
      if (entryCount === 0) {
        const first = parsed.unreadLines.slice(0, 3).map((u) => `rad ${u.lineNo}: ${u.reason}`);
        throw validation(
          `inga personer kunde läsas ur listan${first.length ? ` (${first.join('; ')})` : ''}`,
          `no people could be read from the list${parsed.unreadLines.length ? ` (${parsed.unreadLines.slice(0, 3).map((u) => `line ${u.lineNo}: ${u.reasonEn}`).join('; ')})` : ''}`,
        );
      }
      if (entryCount > MAX_ENTRIES) throw validation(`listan har fler än ${MAX_ENTRIES} personer`, `the list has more than ${MAX_ENTRIES} people`);

      const bodyIds = resolveBodyIds(body, allBodies, parsed, input.bodyIds);
      // roster.manage must hold on every body the list writes to, not only the one in the URL.
      for (const id of bodyIds) authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(tx, ctx.actor.personId, [id]) });

      if (input.asAttendanceOfMeetingId) {
        const meeting = await tx.meetings.require(input.asAttendanceOfMeetingId);
        checkMeetingBodies(meeting, bodyIds, allBodies);
        authorize(ctx.actor, 'meeting.manage', await meetingPolicyContext(tx, ctx.actor, meeting));
        await refuseLockedMinutes(tx, meeting.id);
      }
      if (input.createMeeting) authorize(ctx.actor, 'meeting.manage', { roles: await rolesOn(tx, ctx.actor.personId, bodyIds) });

      const options: RosterImportOptions = {
        format: input.format,
        asAttendanceOfMeetingId: input.asAttendanceOfMeetingId ?? null,
        createMeeting: input.createMeeting ?? null,
        unmarked: input.unmarked ?? 'skip',
        removeMissing: input.removeMissing ?? true,
        membershipChanges: input.membershipChanges ?? true,
        ...(input.mode ? { mode: input.mode } : {}),
      };
      const remembered = await rememberedConfirmations(tx, existing.people);
      const plan = shapePlan(planRosterImport(parsed, existing, { bodyIds, confirmations: remembered, removeMissing: options.removeMissing, unmarked: options.unmarked }), options, parsed);

      const id = this.deps.ids.next();
      const now = this.deps.clock.now().toISOString();
      const rec = await tx.rosterImports.insert({
        id,
        tenantId: this.deps.store.tenantId,
        bodyId,
        bodyIds,
        format: input.format,
        sourceText: input.text,
        options,
        parsed,
        plan,
        basis: rosterFingerprint(existing, remembered),
        status: 'previewed',
        createdBy: ctx.actor.personId,
        createdAt: now,
        appliedAt: null,
        appliedBy: null,
        result: null,
        version: 1,
      });
      const lineNos = new Map(plan.people.map((p) => [p.key, p.lineNos[0]]));
      for (const p of plan.people.filter((x) => x.action === 'confirm')) {
        const entry = parsed.entries.find((e) => e.lineNo === lineNos.get(p.key));
        await tx.personMatchSuggestions.insert({
          id: this.deps.ids.next(),
          tenantId: this.deps.store.tenantId,
          importId: id,
          bodyIds,
          personKey: p.key,
          listedName: p.name,
          listedOrganisation: entry?.organisationName ?? null,
          listedEmail: p.email ?? null,
          candidates: p.suggestions,
          status: 'open',
          resolvedPersonId: null,
          resolvedBy: null,
          resolvedAt: null,
          createdAt: now,
          version: 1,
        });
      }
      await tx.audit.record({
        actorPersonId: ctx.actor.personId,
        action: 'roster.import.preview',
        entity: 'roster_import',
        entityId: id,
        details: { bodyIds, format: input.format, entries: entryCount, unread: parsed.unreadLines.length },
        correlationId: ctx.correlationId,
      });
      return rec;
    });
    return this.view(record);
  }

  async get(ctx: RequestContext, bodyId: Id, importId: Id): Promise<RosterImportView> {
    const rec = await this.deps.store.read.rosterImports.require(importId);
    if (rec.bodyId !== bodyId && !rec.bodyIds.includes(bodyId)) throw new RadslagError('NOT_FOUND', { entity: 'Importen / The import' });
    authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(this.deps.store.read, ctx.actor.personId, [bodyId]) });
    return this.view(rec);
  }

  async list(ctx: RequestContext, bodyId: Id): Promise<Omit<RosterImportView, 'understood' | 'plan' | 'names' | 'suggestions'>[]> {
    await this.deps.store.read.bodies.require(bodyId);
    authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(this.deps.store.read, ctx.actor.personId, [bodyId]) });
    const recs = await this.deps.store.read.rosterImports.findBy({ bodyId }, 'createdAt');
    const bodies = await this.deps.store.read.bodies.findBy({});
    return recs.map((r) => ({
      id: r.id,
      version: r.version,
      status: r.status,
      bodyId: r.bodyId,
      bodies: r.bodyIds.map((id) => ({ id, name: bodies.find((b) => b.id === id)?.name ?? id })),
      format: r.format,
      options: r.options,
      createdAt: r.createdAt,
      appliedAt: r.appliedAt,
      summary: summarize(r.parsed, r.plan),
      result: r.result,
    }));
  }

  /**
   * Applies the stored plan with the secretary's answers, in one transaction. Applying an applied import
   * again answers the stored result and writes nothing; a roster changed since the preview is refused.
   */
  async apply(ctx: RequestContext, bodyId: Id, importId: Id, input: ApplyInput): Promise<RosterImportView> {
    const { rec, changedBodies, meetingId } = await this.deps.store.transaction(async (tx) => {
      const rec = await tx.rosterImports.require(importId);
      if (rec.bodyId !== bodyId && !rec.bodyIds.includes(bodyId)) throw new RadslagError('NOT_FOUND', { entity: 'Importen / The import' });
      for (const id of rec.bodyIds) authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(tx, ctx.actor.personId, [id]) });
      if (rec.status === 'applied') return { rec, changedBodies: [] as Id[], meetingId: null };
      if (rec.status !== 'previewed') {
        throw new RadslagError('CONFLICT_STATE', { detailSv: 'importen har ersatts av en nyare', detailEn: 'the import was replaced by a newer one' });
      }
      if (input.version !== undefined && input.version !== rec.version) throw new RadslagError('CONFLICT_STALE', {}, { version: rec.version });

      const existing = await loadExisting(tx);
      const remembered = await rememberedConfirmations(tx, existing.people, rec.id);
      if (rosterFingerprint(existing, remembered) !== rec.basis) {
        throw new RadslagError('CONFLICT_STALE', {}, {
          reason: 'roster_changed',
          sv: 'Registret har ändrats sedan förhandsgranskningen. Förhandsgranska listan igen.',
          en: 'The roster changed after the preview. Preview the list again.',
        });
      }

      const suggestions = await tx.personMatchSuggestions.findBy({ importId }, 'createdAt');
      const confirmations: Record<string, Id | 'new'> = { ...remembered };
      const decided = new Map<string, Id | 'new'>();
      for (const s of suggestions) {
        if (s.status === 'confirmed' && s.resolvedPersonId) decided.set(s.personKey, s.resolvedPersonId);
        if (s.status === 'rejected') decided.set(s.personKey, 'new');
      }
      for (const d of input.decisions ?? []) {
        const s = suggestions.find((x) => x.personKey === d.key);
        if (!s) throw validation(`inget matchningsförslag med nyckeln "${d.key}" i den här importen`, `no match suggestion with key "${d.key}" in this import`);
        if (d.choice === 'new') decided.set(s.personKey, 'new');
        else {
          const personId = d.personId ?? s.candidates[0]?.personId;
          if (!personId || !s.candidates.some((c) => c.personId === personId)) {
            throw validation(`${s.listedName}: personen finns inte bland förslagen`, `${s.listedName}: the person is not among the suggestions`);
          }
          decided.set(s.personKey, personId);
        }
      }
      if (input.confirmAllSuggestions) {
        for (const s of suggestions) if (!decided.has(s.personKey) && s.candidates[0]) decided.set(s.personKey, s.candidates[0].personId);
      }
      const open = suggestions.filter((s) => !decided.has(s.personKey));
      if (open.length) {
        const names = open.map((s) => `${s.listedName} (${s.candidates.map((c) => c.name).join(', ')})`).join('; ');
        throw new RadslagError(
          'CONFLICT_STATE',
          { detailSv: `bekräfta först om dessa är samma person som en befintlig: ${names}`, detailEn: `first confirm whether these are an existing person: ${names}` },
          { needsConfirmation: open.map((s) => ({ key: s.personKey, name: s.listedName, candidates: s.candidates })) },
        );
      }
      for (const [k, v] of decided) confirmations[k] = v;

      const plan = shapePlan(
        planRosterImport(rec.parsed, existing, {
          bodyIds: rec.bodyIds,
          confirmations,
          removeMissing: rec.options.removeMissing ?? true,
          unmarked: rec.options.unmarked ?? 'skip',
          roleChanges: acceptedRoleChanges(rec.plan, input.roleChanges ?? []),
        }),
        rec.options,
        rec.parsed,
      );
      if (plan.needsConfirmation) {
        throw new RadslagError('CONFLICT_STATE', { detailSv: 'nya matchningsförslag uppstod; förhandsgranska igen', detailEn: 'new match suggestions appeared; preview again' });
      }

      const result = await this.write(tx, ctx, rec, plan);
      const now = this.deps.clock.now().toISOString();
      for (const s of suggestions) {
        const answer = decided.get(s.personKey)!;
        const resolvedPersonId = answer === 'new' ? (result.createdPersonIds[s.personKey] ?? null) : answer;
        const status = answer === 'new' ? 'rejected' : 'confirmed';
        if (s.status === status && s.resolvedPersonId === resolvedPersonId) continue;
        await tx.personMatchSuggestions.update({ ...s, status, resolvedPersonId, resolvedBy: s.resolvedBy ?? ctx.actor.personId, resolvedAt: s.resolvedAt ?? now });
      }
      const applied = await tx.rosterImports.update({ ...rec, plan, status: 'applied', appliedAt: now, appliedBy: ctx.actor.personId, result });
      // An older preview of the same bodies was planned against the roster this import just changed.
      for (const other of await tx.rosterImports.findBy({ bodyId: rec.bodyId, status: 'previewed' })) {
        if (other.id !== rec.id) await tx.rosterImports.update({ ...other, status: 'superseded' });
      }
      await tx.audit.record({
        actorPersonId: ctx.actor.personId,
        action: 'roster.import.apply',
        entity: 'roster_import',
        entityId: rec.id,
        details: { bodyIds: rec.bodyIds, ...result.counts, meetingId: result.meetingId, decisions: Object.fromEntries(decided) },
        correlationId: ctx.correlationId,
      });
      return { rec: applied, changedBodies: rec.bodyIds, meetingId: result.meetingId };
    });
    for (const id of changedBodies) await this.deps.events.publish({ type: 'roster.changed', bodyId: id, data: { importId } });
    if (meetingId) await this.deps.events.publish({ type: 'attendance.changed', meetingId, data: { importId } });
    return this.view(rec);
  }

  /** The plan's steps on the store (the same semantics as applyRosterPlan in shared/roster). */
  private async write(tx: Repositories, ctx: RequestContext, rec: RosterImportRecord, plan: RosterImportPlan): Promise<RosterApplyResult> {
    const tenantId = this.deps.store.tenantId;
    const counts: RosterApplyResult['counts'] = {
      organisationsCreated: 0,
      peopleCreated: 0,
      peopleUpdated: 0,
      membershipsAdded: 0,
      membershipsUpdated: 0,
      membershipsRemoved: 0,
      attendanceRecorded: 0,
    };
    const orgIds: Record<string, Id> = {};
    for (const o of plan.organisations.create) {
      const org = await tx.organisations.insert({ id: this.deps.ids.next(), tenantId, name: o.name, kind: o.kind, aliases: o.aliases, version: 1 });
      orgIds[o.key] = org.id;
      counts.organisationsCreated++;
    }
    const orgId = (ref: OrganisationRef | null | undefined): Id | null => (!ref ? null : ref.kind === 'existing' ? ref.id : (orgIds[ref.key] ?? null));
    const value = (v: FieldChange['to']) => (typeof v === 'string' && v.startsWith('new:') ? (orgIds[v.slice(4)] ?? null) : v);

    const createdPersonIds: Record<string, Id> = {};
    for (const p of plan.people) {
      if (p.action === 'create' && p.ref.kind === 'new') {
        if (createdPersonIds[p.ref.key]) continue;
        const person = await tx.people.insert({
          id: this.deps.ids.next(),
          tenantId,
          name: p.name,
          email: p.email ?? null,
          aadObjectId: null,
          userPrincipalName: null,
          title: p.title ?? null,
          organisationId: orgId(p.organisation),
          isAdmin: false,
          locale: null,
          version: 1,
        });
        createdPersonIds[p.ref.key] = person.id;
        counts.peopleCreated++;
      } else if (p.action === 'update' && p.ref.kind === 'existing') {
        const current = await tx.people.require(p.ref.id);
        const next: Record<string, unknown> = { ...current };
        for (const c of p.changes) next[c.field] = value(c.to);
        await tx.people.update(next as unknown as Person);
        counts.peopleUpdated++;
      }
    }
    const personId = (ref: PersonRef | null | undefined): Id | null =>
      !ref ? null : ref.kind === 'existing' ? ref.id : (createdPersonIds[ref.key] ?? null);

    for (const r of plan.memberships.remove) {
      await tx.memberships.delete(r.membershipId);
      counts.membershipsRemoved++;
    }
    for (const u of plan.memberships.update) {
      const current = await tx.memberships.require(u.membershipId);
      const next: Record<string, unknown> = { ...current };
      for (const c of u.changes) next[c.field] = value(c.to);
      await tx.memberships.update(next as unknown as typeof current);
      counts.membershipsUpdated++;
    }
    for (const a of plan.memberships.add) {
      await tx.memberships.insert({
        id: this.deps.ids.next(),
        tenantId,
        bodyId: a.bodyId,
        personId: personId(a.person),
        role: a.role,
        organisationId: orgId(a.organisation),
        title: a.title,
        substituteOrder: a.substituteOrder,
        substituteForPersonId: null,
        from: null,
        to: null,
        // Plans stored before the list's order was kept have no position.
        position: a.position ?? null,
        version: 1,
      });
      counts.membershipsAdded++;
    }

    let meetingId: Id | null = rec.options.asAttendanceOfMeetingId ?? null;
    if (meetingId) await refuseLockedMinutes(tx, meetingId);
    if (rec.options.createMeeting) meetingId = (await this.createHistoryMeeting(tx, ctx, rec.bodyIds, rec.options.createMeeting)).id;
    if (meetingId) counts.attendanceRecorded = await this.recordAttendance(tx, meetingId, plan, rec.parsed, personId);
    return { importId: rec.id, createdPersonIds, createdOrganisationIds: orgIds, meetingId, counts };
  }

  private async createHistoryMeeting(tx: Repositories, ctx: RequestContext, bodyIds: Id[], m: HistoryMeetingInput): Promise<Meeting> {
    const { startsAt, endsAt, timeZone } = validateHistoryMeeting(m);
    const host = await tx.bodies.require(bodyIds[0]!);
    const meeting = await tx.meetings.insert({
      id: this.deps.ids.next(),
      tenantId: this.deps.store.tenantId,
      bodyIds,
      title: m.title ?? null,
      documentKind: m.documentKind ?? host.defaultDocumentKind,
      startsAt,
      endsAt,
      timeZone,
      place: m.place ?? null,
      mode: 'room',
      // A meeting brought in from an old protocol has already been held.
      status: Date.parse(endsAt) < this.deps.clock.now().getTime() ? 'held' : 'planned',
      startedAt: null,
      endedAt: null,
      movedFromStartsAt: null,
      teams: null,
      chairPersonId: null,
      secretaryPersonIds: [],
      justerarePersonIds: [],
      version: 1,
    });
    await tx.audit.record({
      actorPersonId: ctx.actor.personId,
      action: 'meeting.create',
      entity: 'meeting',
      entityId: meeting.id,
      details: { bodyIds, startsAt, via: 'roster_import' },
      correlationId: ctx.correlationId,
    });
    return meeting;
  }

  /** One attendance row per person and meeting (the table's key): a written mark beats an inferred one, then present beats förhinder. */
  private async recordAttendance(tx: Repositories, meetingId: Id, plan: RosterImportPlan, parsed: RosterParseResult, personId: (ref: PersonRef | null | undefined) => Id | null): Promise<number> {
    // A mark written on the list (✓, struck, "ersätter", "punkt 2-5") beats one inferred for an unmarked line.
    const explicit = (a: RosterImportPlan['attendance'][number]): number => {
      const e = parsed.entries.find((x) => x.lineNo === a.lineNo);
      return e && (e.mark !== 'none' || e.replacesName || e.itemRange || e.partOfMeeting) ? 10 : 0;
    };
    const rank = (a: RosterImportPlan['attendance'][number]) => explicit(a) + STATE_STRENGTH[a.state];
    const byPerson = new Map<Id, RosterImportPlan['attendance'][number]>();
    for (const a of plan.attendance) {
      const id = personId(a.person);
      if (!id) continue;
      const seen = byPerson.get(id);
      if (!seen || rank(a) > rank(seen)) byPerson.set(id, a);
    }
    const now = this.deps.clock.now().toISOString();
    for (const [pid, a] of byPerson) {
      const fields = {
        bodyId: a.bodyId,
        state: a.state,
        source: 'import' as const,
        replacesPersonId: personId(a.replaces),
        itemRange: a.itemRange ?? null,
        partOfMeeting: a.partOfMeeting,
        note: a.replacesName && !a.replaces ? `ersätter ${a.replacesName}` : null,
        updatedAt: now,
        updatedBy: null,
      };
      const [current] = await tx.attendance.findBy({ meetingId, personId: pid });
      if (current) await tx.attendance.update({ ...current, ...fields });
      else {
        const row: Attendance = { id: this.deps.ids.next(), tenantId: this.deps.store.tenantId, meetingId, personId: pid, unclassifiedGuest: false, version: 1, ...fields };
        await tx.attendance.insert(row);
      }
    }
    return byPerson.size;
  }

  private async view(rec: RosterImportRecord): Promise<RosterImportView> {
    const repos = this.deps.store.read;
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
function shapePlan(plan: RosterImportPlan, options: RosterImportOptions, parsed: RosterParseResult): RosterImportPlan {
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

/** The secretary's answers to the preview's role questions; an answer about another seat is refused. */
function acceptedRoleChanges(previewed: RosterImportPlan, answers: readonly { membershipId: Id; accept: boolean }[]): Record<Id, boolean> {
  const asked = new Set((previewed.roleQuestions ?? []).map((q) => q.membershipId));
  const out: Record<Id, boolean> = {};
  for (const a of answers) {
    if (!asked.has(a.membershipId)) throw validation(`importen frågar inte om rollen för platsen ${a.membershipId}`, `the import asks no role question about seat ${a.membershipId}`);
    out[a.membershipId] = a.accept;
  }
  return out;
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

function resolveBodyIds(urlBody: Body, all: readonly Body[], parsed: RosterParseResult, given: readonly Id[] | undefined): Id[] {
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
async function refuseLockedMinutes(repos: Repositories, meetingId: Id): Promise<void> {
  if ((await lockOf(repos, meetingId))?.locked) throw new RadslagError('LOCKED_FINAL');
}

function checkMeetingBodies(meeting: Meeting, bodyIds: readonly Id[], all: readonly Body[]): void {
  const missing = bodyIds.filter((id) => !meeting.bodyIds.includes(id));
  if (missing.length) {
    const names = missing.map((id) => all.find((b) => b.id === id)?.name ?? id).join(', ');
    throw validation(`mötet hålls inte av ${names}`, `the meeting is not held by ${names}`);
  }
}
