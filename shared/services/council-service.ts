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
import { RadslagError } from '../errors/catalog';
import { authorize, rolesOn } from './access';
import type { RequestContext, ServiceDeps } from './context';

/** Bodies, organisations, people and rosters: the secretary's and administrator's standing data. */
export class CouncilService {
  constructor(private readonly deps: ServiceDeps) {}

  async listBodies(ctx: RequestContext): Promise<Body[]> {
    const bodies = await this.deps.store.read.bodies.findBy({}, 'name');
    if (ctx.actor.isAdmin) return bodies;
    const mine = ctx.actor.personId ? await this.deps.store.read.memberships.findBy({ personId: ctx.actor.personId }) : [];
    const ids = new Set(mine.map((m) => m.bodyId));
    return bodies.filter((b) => ids.has(b.id));
  }

  async getBody(ctx: RequestContext, id: string): Promise<Body> {
    const body = await this.deps.store.read.bodies.require(id);
    authorize(ctx.actor, 'body.read', { roles: await rolesOn(this.deps.store.read, ctx.actor.personId, [id]) });
    return body;
  }

  async createBody(ctx: RequestContext, input: CreateBodyInput): Promise<Body> {
    authorize(ctx.actor, 'body.manage', { roles: [] });
    return this.deps.store.transaction(async (tx) => {
      const body = await tx.bodies.insert({
        id: this.deps.ids.next(),
        tenantId: this.deps.store.tenantId,
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
        version: 1,
      });
      await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'body.create', entity: 'body', entityId: body.id, details: { name: body.name }, correlationId: ctx.correlationId });
      return body;
    });
  }

  async updateBody(ctx: RequestContext, id: string, input: UpdateBodyInput): Promise<Body> {
    return this.deps.store.transaction(async (tx) => {
      const current = await tx.bodies.require(id);
      authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(tx, ctx.actor.personId, [id]) });
      const updated = await tx.bodies.update({ ...current, ...stripUndefined(input), version: input.version });
      await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'body.update', entity: 'body', entityId: id, details: { fields: Object.keys(input) }, correlationId: ctx.correlationId });
      await this.deps.events.publish({ type: 'body.updated', bodyId: id });
      return updated;
    });
  }

  async listOrganisations(): Promise<Organisation[]> {
    return this.deps.store.read.organisations.findBy({}, 'name');
  }

  async createOrganisation(ctx: RequestContext, input: CreateOrganisationInput): Promise<Organisation> {
    await this.requireSomeSecretaryRole(ctx);
    return this.deps.store.transaction(async (tx) => {
      const org = await tx.organisations.insert({ id: this.deps.ids.next(), tenantId: this.deps.store.tenantId, name: input.name, kind: input.kind, aliases: input.aliases, version: 1 });
      await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'organisation.create', entity: 'organisation', entityId: org.id, correlationId: ctx.correlationId });
      return org;
    });
  }

  async listPeople(ctx: RequestContext): Promise<Person[]> {
    await this.requireSomeMembership(ctx);
    return this.deps.store.read.people.listAll();
  }

  async getPerson(ctx: RequestContext, id: string): Promise<Person> {
    await this.requireSomeMembership(ctx);
    return this.deps.store.read.people.require(id);
  }

  async createPerson(ctx: RequestContext, input: CreatePersonInput): Promise<Person> {
    await this.requireSomeSecretaryRole(ctx);
    return this.deps.store.transaction(async (tx) => {
      const person = await tx.people.insert({
        id: this.deps.ids.next(),
        tenantId: this.deps.store.tenantId,
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
      await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'person.create', entity: 'person', entityId: person.id, correlationId: ctx.correlationId });
      return person;
    });
  }

  async updatePerson(ctx: RequestContext, id: string, input: UpdatePersonInput): Promise<Person> {
    await this.requireSomeSecretaryRole(ctx);
    return this.deps.store.transaction(async (tx) => {
      const current = await tx.people.require(id);
      const updated = await tx.people.update({ ...current, ...stripUndefined(input), version: input.version });
      await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'person.update', entity: 'person', entityId: id, details: { fields: Object.keys(input) }, correlationId: ctx.correlationId });
      return updated;
    });
  }

  async listMemberships(ctx: RequestContext, bodyId: string): Promise<Membership[]> {
    authorize(ctx.actor, 'body.read', { roles: await rolesOn(this.deps.store.read, ctx.actor.personId, [bodyId]) });
    await this.deps.store.read.bodies.require(bodyId);
    return this.deps.store.read.memberships.findBy({ bodyId }, 'role');
  }

  async addMembership(ctx: RequestContext, bodyId: string, input: CreateMembershipInput): Promise<Membership> {
    return this.deps.store.transaction(async (tx) => {
      await tx.bodies.require(bodyId);
      authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(tx, ctx.actor.personId, [bodyId]) });
      if (input.personId) await tx.people.require(input.personId);
      if (input.organisationId) await tx.organisations.require(input.organisationId);
      const membership = await tx.memberships.insert({
        id: this.deps.ids.next(),
        tenantId: this.deps.store.tenantId,
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
      await this.deps.events.publish({ type: 'roster.changed', bodyId });
      return membership;
    });
  }

  async updateMembership(ctx: RequestContext, bodyId: string, id: string, input: UpdateMembershipInput): Promise<Membership> {
    return this.deps.store.transaction(async (tx) => {
      const current = await tx.memberships.require(id);
      if (current.bodyId !== bodyId) throw new RadslagError('NOT_FOUND', { entity: 'Uppdraget / The membership' });
      authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(tx, ctx.actor.personId, [bodyId]) });
      const updated = await tx.memberships.update({ ...current, ...stripUndefined(input), version: input.version });
      await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'membership.update', entity: 'membership', entityId: id, correlationId: ctx.correlationId });
      await this.deps.events.publish({ type: 'roster.changed', bodyId });
      return updated;
    });
  }

  async removeMembership(ctx: RequestContext, bodyId: string, id: string): Promise<void> {
    await this.deps.store.transaction(async (tx) => {
      const current = await tx.memberships.require(id);
      if (current.bodyId !== bodyId) throw new RadslagError('NOT_FOUND', { entity: 'Uppdraget / The membership' });
      authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(tx, ctx.actor.personId, [bodyId]) });
      await tx.memberships.delete(id);
      await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'membership.delete', entity: 'membership', entityId: id, details: { bodyId, personId: current.personId, role: current.role }, correlationId: ctx.correlationId });
      await this.deps.events.publish({ type: 'roster.changed', bodyId });
    });
  }

  /** Reading people is for anyone who sits on some body (rosters are shared across the region's councils). */
  private async requireSomeMembership(ctx: RequestContext): Promise<void> {
    if (ctx.actor.isAdmin) return;
    const mine = ctx.actor.personId ? await this.deps.store.read.memberships.findBy({ personId: ctx.actor.personId }) : [];
    authorize(ctx.actor, 'body.read', { roles: mine.map((m) => m.role) });
  }

  /** Creating people and organisations: a secretary of some body, or an administrator. */
  private async requireSomeSecretaryRole(ctx: RequestContext): Promise<void> {
    if (ctx.actor.isAdmin) return;
    const mine = ctx.actor.personId ? await this.deps.store.read.memberships.findBy({ personId: ctx.actor.personId }) : [];
    authorize(ctx.actor, 'roster.manage', { roles: mine.map((m) => m.role) });
  }
}

export function stripUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
