import type { Id } from '../../shared/domain';
import type { Store } from '../../shared/ports/store';
import type { Clock, IdGenerator } from '../../shared/ports/store';
import { agendaItemFromTemplate, buildStandardAgenda } from '../../shared/services/meeting-service';
import { zonedTimeToUtc } from '../../shared/services/roster-import-service';
import type { Logger } from '../logger';
import { buildDemoRegion, DEMO_COUNCILS, DEMO_SECRETARY_EMAIL, demoAgendaContent, demoMeetingDate, type DemoCouncilKey } from './demo-region';

export interface DemoLoadResult {
  loaded: boolean;
  /** Why not: 'production' (never there), 'not_empty' (the store already holds data). */
  reason?: 'production' | 'not_empty';
  bodyIds?: Record<DemoCouncilKey, Id>;
  meetingId?: Id;
}

/**
 * Loads the demo region, in local mode only and only into an empty store (nothing but local
 * administrators), all in one transaction: a half-loaded demo would make the store "not empty" forever.
 */
export async function loadDemoRegion(deps: { store: Store; ids: IdGenerator; clock: Clock }, opts: { mode: 'local' | 'production'; logger: Logger }): Promise<DemoLoadResult> {
  const { logger } = opts;
  if (opts.mode !== 'local') {
    logger.warn('demo region: refused in production mode');
    return { loaded: false, reason: 'production' };
  }
  if (!(await isEmptyStore(deps.store))) {
    logger.info('demo region: the store already holds data; nothing loaded');
    return { loaded: false, reason: 'not_empty' };
  }
  const region = buildDemoRegion();
  const tenantId = deps.store.tenantId;
  const id = () => deps.ids.next();
  const result = await deps.store.transaction(async (tx) => {
    // Checked again inside the transaction: two starts racing must not load it twice.
    if ((await tx.bodies.findBy({})).length > 0) return null;
    const orgIds = new Map<string, Id>();
    for (const o of region.organisations) {
      const org = await tx.organisations.insert({ id: id(), tenantId, name: o.name, kind: o.kind, aliases: o.aliases, version: 1 });
      orgIds.set(o.key, org.id);
    }
    const personIds = new Map<string, Id>();
    for (const p of region.people) {
      const person = await tx.people.insert({
        id: id(),
        tenantId,
        name: p.name,
        email: p.email,
        aadObjectId: null,
        userPrincipalName: null,
        title: p.title,
        organisationId: orgIds.get(p.organisationKey) ?? null,
        isAdmin: false,
        locale: 'sv',
        version: 1,
      });
      personIds.set(p.key, person.id);
    }
    const bodyIds = {} as Record<DemoCouncilKey, Id>;
    for (const c of Object.values(DEMO_COUNCILS)) {
      const body = await tx.bodies.insert({
        id: id(),
        tenantId,
        name: c.name,
        kind: 'råd',
        shortName: c.shortName,
        defaultDocumentKind: 'protokoll',
        teamsTeamId: null,
        teamsChannelId: null,
        absenceContact: DEMO_SECRETARY_EMAIL,
        version: 1,
      });
      bodyIds[c.key] = body.id;
    }
    for (const s of region.seats) {
      await tx.memberships.insert({
        id: id(),
        tenantId,
        bodyId: bodyIds[s.council],
        personId: personIds.get(s.personKey)!,
        role: s.role,
        organisationId: orgIds.get(s.organisationKey) ?? null,
        title: s.title,
        substituteOrder: s.substituteOrder,
        substituteForPersonId: null,
        from: null,
        to: null,
        version: 1,
      });
    }

    // One upcoming joint meeting of both councils with the standard agenda and a few content items.
    const date = demoMeetingDate(deps.clock.now());
    const seatOf = (council: DemoCouncilKey, role: string) => region.seats.find((s) => s.council === council && s.role === role)!;
    const chair = personIds.get(seatOf('social', 'ordförande').personKey)!;
    const secretary = personIds.get(region.people.find((p) => p.email === DEMO_SECRETARY_EMAIL)!.key)!;
    const officials = region.seats.filter((s) => s.council === 'social' && s.role === 'tjänsteperson').map((s) => region.people.find((p) => p.key === s.personKey)!);
    const meeting = await tx.meetings.insert({
      id: id(),
      tenantId,
      bodyIds: [bodyIds.social, bodyIds.folkhalsa],
      title: 'Gemensamt möte för de specifika samverkansråden',
      documentKind: 'protokoll',
      startsAt: zonedTimeToUtc(date, '09:00', 'Europe/Stockholm'),
      endsAt: zonedTimeToUtc(date, '12:00', 'Europe/Stockholm'),
      timeZone: 'Europe/Stockholm',
      place: 'Lokal Eken, Eklundavägen 1, och Teams',
      mode: 'hybrid',
      status: 'planned',
      startedAt: null,
      endedAt: null,
      movedFromStartsAt: null,
      teams: null,
      chairPersonId: chair,
      secretaryPersonIds: [secretary],
      justerarePersonIds: [],
      version: 1,
    });
    const items = buildStandardAgenda(
      demoAgendaContent({
        official: personIds.get(officials[0]!.key)!,
        officialName: officials[0]!.name,
        other: personIds.get(officials[1]!.key)!,
        otherName: officials[1]!.name,
      }),
      'sv',
    );
    for (const [i, t] of items.entries()) await tx.agendaItems.insert(agendaItemFromTemplate(id(), meeting.id, i + 1, t));
    await tx.audit.record({
      actorPersonId: null,
      actorLabel: 'system',
      action: 'bootstrap.demo_region',
      entity: 'tenant',
      details: { organisations: region.organisations.length, people: region.people.length, seats: region.seats.length, meetingId: meeting.id },
      correlationId: 'bootstrap',
    });
    return { bodyIds, meetingId: meeting.id };
  });
  if (!result) return { loaded: false, reason: 'not_empty' };
  logger.info({ people: region.people.length, meetingId: result.meetingId }, 'local mode: loaded the demo region');
  return { loaded: true, ...result };
}

/** Empty: no body, no organisation, and no person other than a local administrator. */
export async function isEmptyStore(store: Store): Promise<boolean> {
  const [bodies, organisations, people] = await Promise.all([store.read.bodies.findBy({}), store.read.organisations.findBy({}), store.read.people.listAll()]);
  return bodies.length === 0 && organisations.length === 0 && people.every((p) => p.isAdmin);
}
