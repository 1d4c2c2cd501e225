import type { Body, Membership, Organisation, Person } from '../domain';
import type {
  CreateBodyInput,
  CreateMembershipInput,
  CreateOrganisationInput,
  CreatePersonInput,
  UpdateBodyInput,
  UpdateMembershipInput,
  UpdatePersonInput,
} from '../contracts/council';
import type { Me } from '../contracts/caller-views';
import { RadslagError } from '../errors/catalog';
import { authorize, rolesOn } from './access';
import { readOnly, type UseCaseContext } from '../usecase/context';

/** Bodies, organisations, people and rosters: the secretary's and administrator's standing data. */

export const listBodies = readOnly(async (ctx, _input: Record<string, never> = {}): Promise<Body[]> => {
  const bodies = await ctx.tx.bodies.findBy({}, 'name');
  if (ctx.actor.isAdmin) return bodies;
  const mine = ctx.actor.personId ? await ctx.tx.memberships.findBy({ personId: ctx.actor.personId }) : [];
  const ids = new Set(mine.map((m) => m.bodyId));
  return bodies.filter((b) => ids.has(b.id));
});

export const getBody = readOnly(async (ctx, { bodyId }: { bodyId: string }): Promise<Body> => {
  const body = await ctx.tx.bodies.require(bodyId);
  authorize(ctx.actor, 'body.read', { roles: await rolesOn(ctx.tx, ctx.actor.personId, [bodyId]) });
  return body;
});

export async function createBody(ctx: UseCaseContext, input: CreateBodyInput): Promise<Body> {
  authorize(ctx.actor, 'body.manage', { roles: [] });
  const body = await ctx.tx.bodies.insert({
    id: ctx.ids.next(),
    tenantId: ctx.tenantId,
    name: input.name,
    kind: input.kind,
    shortName: input.shortName ?? null,
    defaultDocumentKind: input.defaultDocumentKind,
    teamsTeamId: null,
    teamsChannelId: null,
    absenceContact: input.absenceContact ?? null,
    minutesTitleStyle: input.minutesTitleStyle ?? null,
    agendaLayout: input.agendaLayout ?? 'headings',
    upcomingPlacement: input.upcomingPlacement ?? 'section',
    serviceUnit: input.serviceUnit ?? null,
    minutesDraftReaders: input.minutesDraftReaders ?? null,
    version: 1,
  });
  await ctx.tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'body.create', entity: 'body', entityId: body.id, details: { name: body.name }, correlationId: ctx.correlationId });
  return body;
}

export async function updateBody(ctx: UseCaseContext, { bodyId, ...input }: { bodyId: string } & UpdateBodyInput): Promise<Body> {
  const current = await ctx.tx.bodies.require(bodyId);
  authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(ctx.tx, ctx.actor.personId, [bodyId]) });
  const updated = await ctx.tx.bodies.update({ ...current, ...stripUndefined(input), version: input.version });
  await ctx.tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'body.update', entity: 'body', entityId: bodyId, details: { fields: Object.keys(input) }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'body.updated', bodyId });
  return updated;
}

export const listOrganisations = readOnly(async (ctx, _input: Record<string, never> = {}): Promise<Organisation[]> => ctx.tx.organisations.findBy({}, 'name'));

export async function createOrganisation(ctx: UseCaseContext, input: CreateOrganisationInput): Promise<Organisation> {
  await requireSomeSecretaryRole(ctx);
  const org = await ctx.tx.organisations.insert({ id: ctx.ids.next(), tenantId: ctx.tenantId, name: input.name, kind: input.kind, aliases: input.aliases, version: 1 });
  await ctx.tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'organisation.create', entity: 'organisation', entityId: org.id, correlationId: ctx.correlationId });
  return org;
}

/**
 * What a member who is not a secretary sees of another person: the name and title the minutes print, no
 * e-mail, Entra id or admin flag (any member could list the whole region with all of those).
 */
export type PersonSummary = Pick<Person, 'id' | 'name' | 'title' | 'organisationId'>;
const summaryOf = (p: Person): PersonSummary => ({ id: p.id, name: p.name, title: p.title ?? null, organisationId: p.organisationId ?? null });

/**
 * People on the region's rosters. Administrators and secretaries (who manage rosters) get everyone in full;
 * other members get the summaries of the people they meet: the rosters of their bodies and of the bodies
 * they hold meetings with (joint meetings), and the chairs, secretaries and justerare of those meetings.
 */
export const listPeople = readOnly(async (ctx, _input: Record<string, never> = {}): Promise<Person[] | PersonSummary[]> => {
  const mine = await requireSomeMembership(ctx);
  if (seesEveryone(ctx, mine)) return ctx.tx.people.listAll();
  const known = await peopleKnownTo(ctx, mine);
  return (await ctx.tx.people.listAll()).filter((p) => known.has(p.id)).map(summaryOf);
});

export const getPerson = readOnly(async (ctx, { personId }: { personId: string }): Promise<Person | PersonSummary> => {
  const mine = await requireSomeMembership(ctx);
  if (seesEveryone(ctx, mine) || personId === ctx.actor.personId) return ctx.tx.people.require(personId);
  if (!(await peopleKnownTo(ctx, mine)).has(personId)) throw new RadslagError('NOT_FOUND', { entitySv: 'Personen', entityEn: 'The person' });
  return summaryOf(await ctx.tx.people.require(personId));
});

function seesEveryone(ctx: UseCaseContext, mine: readonly Membership[]): boolean {
  return ctx.actor.isAdmin || mine.some((m) => m.role === 'sekreterare');
}

async function peopleKnownTo(ctx: UseCaseContext, mine: readonly Membership[]): Promise<Set<string>> {
  const myBodies = [...new Set(mine.map((m) => m.bodyId))];
  const meetings = myBodies.length ? await ctx.tx.meetings.listForBodies(myBodies) : [];
  const bodies = new Set([...myBodies, ...meetings.flatMap((m) => m.bodyIds)]);
  const known = new Set<string>(ctx.actor.personId ? [ctx.actor.personId] : []);
  for (const bodyId of bodies) for (const m of await ctx.tx.memberships.findBy({ bodyId })) if (m.personId) known.add(m.personId);
  for (const m of meetings) for (const id of [m.chairPersonId, ...m.secretaryPersonIds, ...m.justerarePersonIds]) if (id) known.add(id);
  return known;
}

export async function createPerson(ctx: UseCaseContext, input: CreatePersonInput): Promise<Person> {
  await requireSomeSecretaryRole(ctx);
  const person = await ctx.tx.people.insert({
    id: ctx.ids.next(),
    tenantId: ctx.tenantId,
    name: input.name,
    email: input.email ?? null,
    aadObjectId: input.aadObjectId ?? null,
    userPrincipalName: input.userPrincipalName ?? null,
    title: input.title ?? null,
    organisationId: input.organisationId ?? null,
    isAdmin: false,
    locale: input.locale ?? null,
    version: 1,
  });
  await ctx.tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'person.create', entity: 'person', entityId: person.id, correlationId: ctx.correlationId });
  return person;
}

export async function updatePerson(ctx: UseCaseContext, { personId, ...input }: { personId: string } & UpdatePersonInput): Promise<Person> {
  await requireSomeSecretaryRole(ctx);
  const current = await ctx.tx.people.require(personId);
  const updated = await ctx.tx.people.update({ ...current, ...stripUndefined(input), version: input.version });
  await ctx.tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'person.update', entity: 'person', entityId: personId, details: { fields: Object.keys(input) }, correlationId: ctx.correlationId });
  return updated;
}

export const listMemberships = readOnly(async (ctx, { bodyId }: { bodyId: string }): Promise<Membership[]> => {
  authorize(ctx.actor, 'body.read', { roles: await rolesOn(ctx.tx, ctx.actor.personId, [bodyId]) });
  await ctx.tx.bodies.require(bodyId);
  return ctx.tx.memberships.findBy({ bodyId }, 'role');
});

export async function addMembership(ctx: UseCaseContext, { bodyId, ...input }: { bodyId: string } & CreateMembershipInput): Promise<Membership> {
  const { tx } = ctx;
  await tx.bodies.require(bodyId);
  authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(tx, ctx.actor.personId, [bodyId]) });
  if (input.personId) await tx.people.require(input.personId);
  if (input.organisationId) await tx.organisations.require(input.organisationId);
  const membership = await tx.memberships.insert({
    id: ctx.ids.next(),
    tenantId: ctx.tenantId,
    bodyId,
    personId: input.personId,
    role: input.role,
    organisationId: input.organisationId ?? null,
    title: input.title ?? null,
    substituteOrder: input.substituteOrder ?? null,
    substituteForPersonId: input.substituteForPersonId ?? null,
    from: input.from ?? null,
    to: input.to ?? null,
    position: input.position ?? null,
    version: 1,
  });
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'membership.create', entity: 'membership', entityId: membership.id, details: { bodyId, role: input.role }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'roster.changed', bodyId });
  return membership;
}

export async function updateMembership(ctx: UseCaseContext, { bodyId, membershipId, ...input }: { bodyId: string; membershipId: string } & UpdateMembershipInput): Promise<Membership> {
  const { tx } = ctx;
  const current = await tx.memberships.require(membershipId);
  if (current.bodyId !== bodyId) throw new RadslagError('NOT_FOUND', { entity: 'Uppdraget / The membership' });
  authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(tx, ctx.actor.personId, [bodyId]) });
  const updated = await tx.memberships.update({ ...current, ...stripUndefined(input), version: input.version });
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'membership.update', entity: 'membership', entityId: membershipId, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'roster.changed', bodyId });
  return updated;
}

export async function removeMembership(ctx: UseCaseContext, { bodyId, membershipId }: { bodyId: string; membershipId: string }): Promise<void> {
  const { tx } = ctx;
  const current = await tx.memberships.require(membershipId);
  if (current.bodyId !== bodyId) throw new RadslagError('NOT_FOUND', { entity: 'Uppdraget / The membership' });
  authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(tx, ctx.actor.personId, [bodyId]) });
  await tx.memberships.delete(membershipId);
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'membership.delete', entity: 'membership', entityId: membershipId, details: { bodyId, personId: current.personId, role: current.role }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'roster.changed', bodyId });
}

/** Reading people is for anyone who sits on some body (rosters are shared across the region's councils). */
async function requireSomeMembership(ctx: UseCaseContext): Promise<Membership[]> {
  const mine = ctx.actor.personId ? await ctx.tx.memberships.findBy({ personId: ctx.actor.personId }) : [];
  if (!ctx.actor.isAdmin) authorize(ctx.actor, 'body.read', { roles: mine.map((m) => m.role) });
  return mine;
}

/** Creating people and organisations: a secretary of some body, or an administrator. */
async function requireSomeSecretaryRole(ctx: UseCaseContext): Promise<void> {
  if (ctx.actor.isAdmin) return;
  const mine = ctx.actor.personId ? await ctx.tx.memberships.findBy({ personId: ctx.actor.personId }) : [];
  authorize(ctx.actor, 'roster.manage', { roles: mine.map((m) => m.role) });
}

export function stripUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The caller as the tab greets them: how they signed in, their roster person, and their roles per body. */
export const describeCaller = readOnly(
  async (
    ctx,
    identity: { email: string | null; name: string | null; method: 'entra' | 'local' | 'stream-ticket' },
  ): Promise<Me> => {
    const person = ctx.actor.personId ? await ctx.tx.people.get(ctx.actor.personId) : null;
    const memberships = person ? await ctx.tx.memberships.findBy({ personId: person.id }) : [];
    return { identity, person, isAdmin: ctx.actor.isAdmin, roles: memberships.map((m) => ({ bodyId: m.bodyId, role: m.role })) };
  },
);
