import type { AttendanceState, Id, Membership, MembershipRole, Person } from '../domain';
import { RadslagError } from '../errors/catalog';
import { fold } from './fold';
import { matchPerson, resolveOrganisationId } from './match-people';
import { recognizeOrganisation } from './organisations';
import type { RosterEntry, RosterParseResult, RosterWarning } from './types';
import type { PersonRef, OrganisationRef, FieldChange, PlannedPerson, PlannedOrganisation, PlannedMembershipAdd, PlannedMembershipUpdate, PlannedRoleQuestion, PlannedMembershipRemove, PlannedAttendance, RosterImportPlan, ExistingRoster, PlanOptions } from './roster-import-plan';

/** The plan's types live in roster-import-plan.ts; importers keep reading them from here. */
export type * from './roster-import-plan';

const ROLE_WORDS: Record<MembershipRole, [string, string]> = {
  ordförande: ['ordförande', 'chair'],
  vice_ordförande: ['vice ordförande', 'vice chair'],
  ledamot: ['ledamot', 'member'],
  ersättare: ['ersättare', 'substitute'],
  sekreterare: ['sekreterare', 'secretary'],
  adjungerad: ['adjungerad', 'co-opted member'],
  tjänsteperson: ['tjänsteperson', 'official'],
  övrig: ['övrig', 'other'],
};
const roleWord = (r: MembershipRole, lang: 'sv' | 'en'): string => ROLE_WORDS[r][lang === 'sv' ? 0 : 1];

/** The key under which a listed person's confirmation is given. */
export function personKey(entry: Pick<RosterEntry, 'name' | 'organisationName'>): string {
  const org = entry.organisationName ? recognizeOrganisation(entry.organisationName)?.key ?? fold(entry.organisationName) : '';
  return org ? `${fold(entry.name)}@${org}` : fold(entry.name);
}

function sameRef(a: PersonRef | null, b: PersonRef | null): boolean {
  if (!a || !b) return a === b;
  return a.kind === b.kind && (a.kind === 'existing' ? a.id === (b as { id: Id }).id : a.key === (b as { key: string }).key);
}

function derivedState(e: RosterEntry, unmarked: 'skip' | 'present'): AttendanceState | null {
  if (e.mark === 'present' || e.mark === 'förhinder' || e.mark === 'absent') return e.mark;
  // "(ersätter X)", "punkt 2-5" and "del av mötet" only make sense for someone who was there.
  if (e.replacesName || e.itemRange || e.partOfMeeting) return 'present';
  return unmarked === 'present' ? 'present' : null;
}

export function planRosterImport(parsed: RosterParseResult, existing: ExistingRoster, options: PlanOptions): RosterImportPlan {
  if (options.bodyIds.length !== parsed.bodies.length) {
    throw new RadslagError('VALIDATION_FAILED', {
      detail: `listan har ${parsed.bodies.length} organ men ${options.bodyIds.length} angavs / the list has ${parsed.bodies.length} bodies but ${options.bodyIds.length} were given`,
    });
  }
  const warnings: RosterWarning[] = [];
  const confirmations = options.confirmations ?? {};

  // Organisations: existing by name/alias/dictionary, else one planned creation per organisation.
  const orgCreates = new Map<string, PlannedOrganisation>();
  const orgRef = (name: string | undefined): OrganisationRef | null => {
    if (!name) return null;
    const id = resolveOrganisationId(name, existing.organisations);
    if (id) return { kind: 'existing', id };
    const known = recognizeOrganisation(name);
    const key = known?.key ?? `name:${fold(name)}`;
    if (!orgCreates.has(key)) {
      orgCreates.set(key, {
        key,
        name: known?.name ?? name,
        kind: known?.kind ?? (/kommun$/i.test(name) ? 'kommun' : 'annan'),
        aliases: [],
        known: Boolean(known),
      });
    }
    return { kind: 'new', key };
  };

  const personOrganisationIds: Record<Id, Id[]> = {};
  for (const m of existing.memberships) {
    if (m.personId && m.organisationId) (personOrganisationIds[m.personId] ??= []).push(m.organisationId);
  }
  const ctx = { organisations: existing.organisations, personOrganisationIds };

  // People: each distinct person once, however many bodies list them.
  const planned: PlannedPerson[] = [];
  const byKey = new Map<string, PlannedPerson>();
  const newPeople: { person: Person; planned: PlannedPerson }[] = [];
  const existingById = new Map(existing.people.map((p) => [p.id, p]));

  const personFor = (e: RosterEntry): PlannedPerson => {
    const key = personKey(e);
    const already = byKey.get(key);
    if (already) {
      already.lineNos.push(e.lineNo);
      return already;
    }
    const org = orgRef(e.organisationName);
    const candidate = {
      name: e.name,
      email: e.email ?? null,
      organisationName: e.organisationName ?? null,
      organisationId: org?.kind === 'existing' ? org.id : null,
      title: e.title ?? null,
    };
    const match = matchPerson(candidate, existing.people, ctx);
    const answer = confirmations[key];
    let chosen: Person | undefined;
    let action: PlannedPerson['action'];
    if (match.kind === 'identity' || match.kind === 'exact') chosen = match.person;
    else if (answer && answer !== 'new') {
      chosen = existingById.get(answer);
      if (!chosen) throw new RadslagError('NOT_FOUND', { entity: `Person ${answer}` });
    }
    // Another entry of this import may be the same new person (listed on two bodies with other org text).
    if (!chosen) {
      const sameNew = matchPerson(candidate, newPeople.map((n) => n.person));
      const twin = sameNew.kind === 'exact' ? newPeople.find((n) => n.person === sameNew.person) : undefined;
      if (twin) {
        twin.planned.lineNos.push(e.lineNo);
        byKey.set(key, twin.planned);
        return twin.planned;
      }
    }
    const p: PlannedPerson = {
      ref: chosen ? { kind: 'existing', id: chosen.id } : { kind: 'new', key },
      key,
      action: 'create',
      name: chosen?.name ?? e.name,
      ...(e.email ? { email: e.email } : {}),
      ...(e.title ? { title: e.title } : {}),
      ...(org ? { organisation: org } : {}),
      changes: [],
      match: { kind: match.kind, score: match.score, via: match.via, ...(match.person ? { personId: match.person.id } : {}) },
      suggestions: [],
      lineNos: [e.lineNo],
    };
    if (chosen) {
      const changes: FieldChange[] = [];
      // Fill gaps only: what a person already has is never overwritten by a pasted list.
      if (e.email && !chosen.email) changes.push({ field: 'email', from: null, to: e.email });
      if (e.title && !chosen.title) changes.push({ field: 'title', from: null, to: e.title });
      if (org && !chosen.organisationId) changes.push({ field: 'organisationId', from: null, to: org.kind === 'existing' ? org.id : `new:${org.key}` });
      p.changes = changes;
      action = changes.length ? 'update' : 'keep';
    } else if (match.kind === 'suggested' && answer !== 'new') {
      action = 'confirm';
      p.suggestions = [match.person!, ...match.alternatives.map((a) => a.person)]
        .filter((x, i, all) => all.indexOf(x) === i)
        .map((x) => ({ personId: x.id, name: x.name, score: x.id === match.person!.id ? match.score : (match.alternatives.find((a) => a.person === x)?.score ?? 0) }));
    } else {
      action = 'create';
      newPeople.push({
        person: { id: `new:${key}`, tenantId: '', name: e.name, isAdmin: false, version: 0, organisationId: org?.kind === 'existing' ? org.id : null },
        planned: p,
      });
    }
    p.action = action;
    planned.push(p);
    byKey.set(key, p);
    return p;
  };

  const add: PlannedMembershipAdd[] = [];
  const update: PlannedMembershipUpdate[] = [];
  const unchanged: Id[] = [];
  const used = new Set<Id>();
  const attendance: PlannedAttendance[] = [];
  const roleQuestions: PlannedRoleQuestion[] = [];

  parsed.bodies.forEach((body, index) => {
    const bodyId = options.bodyIds[index]!;
    const inBody = existing.memberships.filter((m) => m.bodyId === bodyId);
    const seen: PersonRef[] = [];
    const refsByName = new Map<string, PersonRef>();

    for (const [index, e] of body.entries.entries()) {
      const position = index + 1;
      const org = orgRef(e.organisationName);
      const orgId = org?.kind === 'existing' ? org.id : null;
      let ref: PersonRef | null = null;
      let current: Membership | undefined;
      if (e.vacancy) {
        current = inBody.find((m) => !used.has(m.id) && m.personId === null && m.role === e.role && m.organisationId === orgId && org?.kind !== 'new');
      } else {
        const p = personFor(e);
        ref = p.ref;
        refsByName.set(fold(e.name), ref);
        if (seen.some((s) => sameRef(s, ref))) {
          warnings.push({
            lineNo: e.lineNo,
            code: 'same_name_other_organisation',
            sv: `${e.name} står redan i listan för samma organ; raden hoppas över.`,
            en: `${e.name} is already on the list for this body; the line is skipped.`,
          });
          continue;
        }
        seen.push(ref);
        if (ref.kind === 'existing') {
          const id = ref.id;
          const mine = inBody.filter((m) => !used.has(m.id) && m.personId === id);
          current = mine.find((m) => m.role === e.role) ?? mine[0];
        }
      }

      if (current) {
        used.add(current.id);
        const changes: FieldChange[] = [];
        if (current.role !== e.role && ref) {
          const accepted = options.roleChanges?.[current.id] === true;
          roleQuestions.push({ membershipId: current.id, bodyId, person: ref, name: e.name, from: current.role, to: e.role, accepted, lineNo: e.lineNo });
          if (accepted) changes.push({ field: 'role', from: current.role, to: e.role });
          else {
            warnings.push({
              lineNo: e.lineNo,
              code: 'role_change_asked',
              sv: `${e.name} står som ${roleWord(e.role, 'sv')} i listan men har platsen ${roleWord(current.role, 'sv')}; rollen ändras bara om du godkänner det.`,
              en: `${e.name} is listed as ${roleWord(e.role, 'en')} but holds the seat ${roleWord(current.role, 'en')}; the role changes only if you accept it.`,
            });
          }
        }
        if (orgId && current.organisationId !== orgId) changes.push({ field: 'organisationId', from: current.organisationId, to: orgId });
        if (e.title && (current.title ?? null) !== e.title) changes.push({ field: 'title', from: current.title ?? null, to: e.title });
        if (e.substituteOrder !== undefined && (current.substituteOrder ?? null) !== e.substituteOrder) {
          changes.push({ field: 'substituteOrder', from: current.substituteOrder ?? null, to: e.substituteOrder });
        }
        if (org?.kind === 'new') changes.push({ field: 'organisationId', from: current.organisationId, to: `new:${org.key}` });
        // The list's order is the body's order (minutes list people as the roster does).
        if ((current.position ?? null) !== position) changes.push({ field: 'position', from: current.position ?? null, to: position });
        if (changes.length) update.push({ membershipId: current.id, bodyId, changes, lineNo: e.lineNo });
        else unchanged.push(current.id);
      } else {
        add.push({
          bodyId,
          person: ref,
          role: e.role,
          organisation: org,
          title: e.title ?? null,
          substituteOrder: e.substituteOrder ?? null,
          position,
          lineNo: e.lineNo,
        });
      }
    }

    for (const e of body.entries) {
      const state = derivedState(e, options.unmarked ?? 'skip');
      const ref = e.vacancy ? null : refsByName.get(fold(e.name));
      if (!state || !ref) continue;
      let replaces: PersonRef | undefined;
      if (e.replacesName) {
        replaces = refsByName.get(fold(e.replacesName));
        if (!replaces) {
          const m = matchPerson({ name: e.replacesName }, existing.people, ctx);
          if (m.kind === 'exact' && m.person) replaces = { kind: 'existing', id: m.person.id };
        }
      }
      attendance.push({
        bodyId,
        person: ref,
        state,
        ...(replaces ? { replaces } : {}),
        ...(e.replacesName ? { replacesName: e.replacesName } : {}),
        ...(e.itemRange ? { itemRange: e.itemRange } : {}),
        partOfMeeting: e.partOfMeeting,
        lineNo: e.lineNo,
      });
    }
  });

  const remove: PlannedMembershipRemove[] =
    options.removeMissing === false
      ? []
      : existing.memberships
          .filter((m) => options.bodyIds.includes(m.bodyId) && !used.has(m.id))
          .map((m) => ({ membershipId: m.id, bodyId: m.bodyId, personId: m.personId, role: m.role }));

  const organisationsCreate = [...orgCreates.values()];
  const needsConfirmation = planned.some((p) => p.action === 'confirm');
  const isEmpty =
    organisationsCreate.length === 0 &&
    planned.every((p) => p.action === 'keep') &&
    add.length === 0 &&
    update.length === 0 &&
    remove.length === 0;
  return {
    organisations: { create: organisationsCreate },
    people: planned,
    memberships: { add, update, remove, unchanged },
    roleQuestions,
    attendance,
    warnings,
    needsConfirmation,
    isEmpty,
  };
}
