import type { Id, Membership, Organisation, Person } from '../domain';
import { RadslagError } from '../errors/catalog';
import type { ExistingRoster, FieldChange, OrganisationRef, PersonRef, RosterImportPlan } from './plan-roster-import';

/**
 * Applies a plan to plain arrays and returns new arrays (nothing is mutated). This is the reference
 * semantics of a plan: the store applies the same steps in one transaction, the demo region and tests
 * use this directly.
 */
export interface ApplyOptions {
  tenantId: string;
  /** Fresh ids; called once per created row. */
  newId: (kind: 'person' | 'organisation' | 'membership') => Id;
}

export interface AppliedRoster extends ExistingRoster {
  /** Ids of the people created, by PlannedPerson.key. */
  createdPersonIds: Record<string, Id>;
}

export function applyRosterPlan(plan: RosterImportPlan, existing: ExistingRoster, options: ApplyOptions): AppliedRoster {
  if (plan.needsConfirmation) {
    throw new RadslagError('CONFLICT_STATE', {
      detailSv: 'några personer liknar befintliga och måste bekräftas först', detailEn: 'some people resemble existing ones and must be confirmed first',
    });
  }
  const organisations: Organisation[] = existing.organisations.map((o) => ({ ...o }));
  const orgIds = new Map<string, Id>();
  for (const o of plan.organisations.create) {
    const id = options.newId('organisation');
    orgIds.set(o.key, id);
    organisations.push({ id, tenantId: options.tenantId, name: o.name, kind: o.kind, aliases: [...o.aliases], version: 1 });
  }
  const orgId = (ref: OrganisationRef | null | undefined): Id | null =>
    !ref ? null : ref.kind === 'existing' ? ref.id : (orgIds.get(ref.key) ?? null);
  const resolveValue = (v: FieldChange['to']): string | number | null =>
    typeof v === 'string' && v.startsWith('new:') ? (orgIds.get(v.slice(4)) ?? null) : v;

  const people: Person[] = existing.people.map((p) => ({ ...p }));
  const createdPersonIds: Record<string, Id> = {};
  for (const p of plan.people) {
    if (p.action === 'create' && p.ref.kind === 'new') {
      const id = options.newId('person');
      createdPersonIds[p.ref.key] = id;
      people.push({
        id,
        tenantId: options.tenantId,
        name: p.name,
        email: p.email ?? null,
        title: p.title ?? null,
        organisationId: orgId(p.organisation),
        isAdmin: false,
        version: 1,
      });
    } else if (p.action === 'update' && p.ref.kind === 'existing') {
      const id = p.ref.id;
      const i = people.findIndex((x) => x.id === id);
      if (i < 0) throw new RadslagError('NOT_FOUND', { entity: `Person ${id}` });
      const next = { ...people[i]!, version: people[i]!.version + 1 } as Person & Record<string, unknown>;
      for (const c of p.changes) next[c.field] = resolveValue(c.to);
      people[i] = next;
    }
  }
  const personId = (ref: PersonRef | null): Id | null =>
    !ref ? null : ref.kind === 'existing' ? ref.id : (createdPersonIds[ref.key] ?? null);

  const removed = new Set(plan.memberships.remove.map((r) => r.membershipId));
  const memberships: Membership[] = existing.memberships.filter((m) => !removed.has(m.id)).map((m) => ({ ...m }));
  for (const u of plan.memberships.update) {
    const i = memberships.findIndex((m) => m.id === u.membershipId);
    if (i < 0) throw new RadslagError('NOT_FOUND', { entity: `Membership ${u.membershipId}` });
    const next = { ...memberships[i]!, version: memberships[i]!.version + 1 } as Membership & Record<string, unknown>;
    for (const c of u.changes) next[c.field] = resolveValue(c.to);
    memberships[i] = next;
  }
  for (const a of plan.memberships.add) {
    memberships.push({
      id: options.newId('membership'),
      tenantId: options.tenantId,
      bodyId: a.bodyId,
      personId: personId(a.person),
      role: a.role,
      organisationId: orgId(a.organisation),
      title: a.title,
      substituteOrder: a.substituteOrder,
      position: a.position ?? null,
      version: 1,
    });
  }
  return { people, organisations, memberships, createdPersonIds };
}
