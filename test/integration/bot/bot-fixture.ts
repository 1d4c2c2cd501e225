/**
 * A region for the bot tests, written straight into the store (setup, not behaviour under test).
 * Anna Ledamot sits on two bodies (rådet and chefsgruppen) for Kumla kommun. "now" is Wednesday
 * 12 March 2025 09.00 Stockholm; the meetings mirror test/unit/absence/fixture.ts so the phrasings mean the same.
 */
import { LOCAL_TENANT_ID } from '../../../bot/config';
import type { App } from '../../../bot/app';
import type { Meeting, MembershipRole } from '../../../shared/domain';
import { startBotConnector, type BotConnector } from '../../kit/bot-connector';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { deliverToBot, personalConversationId, teamsUserId, type TeamsActivity, type TeamsUser } from '../../kit/activities';

export const NOW = '2025-03-12T08:00:00.000Z';
export const TENANT = LOCAL_TENANT_ID;
export const BOT_APP_ID = '00000000-0000-0000-0000-0000000b0700';
export const RAD = 'body-rad';
export const CHEF = 'body-chef';

export interface FixturePerson {
  id: string;
  name: string;
  aad: string;
  user: TeamsUser;
}

const person = (id: string, name: string, n: number): FixturePerson => {
  const aad = `aaaaaaaa-0000-0000-0000-${String(n).padStart(12, '0')}`;
  return { id, name, aad, user: { aadObjectId: aad, name } };
};

export const P = {
  anna: person('p-anna', 'Anna Ledamot', 1),
  sara: person('p-sara', 'Sara Sekreterare', 2),
  erik: person('p-erik', 'Erik König', 3),
  eva: person('p-eva', 'Eva Ersättare', 4),
  emil: person('p-emil', 'Emil Ersättare', 5),
  olof: person('p-olof', 'Olof Ordförande', 6),
  vera: person('p-vera', 'Vera Vice', 7),
  karl: person('p-karl', 'Karl Chefsersättare', 8),
  nils: person('p-nils', 'Nils Nåbar', 9),
};

const items = [1, 2, 3, 4, 5, 6];
export const MEETINGS: Array<{ id: string; body: string; starts: string; ends: string; items?: boolean }> = [
  { id: 'C0', body: CHEF, starts: '2025-03-13T12:00:00.000Z', ends: '2025-03-13T15:00:00.000Z' },
  { id: 'R1', body: RAD, starts: '2025-03-14T08:00:00.000Z', ends: '2025-03-14T11:00:00.000Z', items: true },
  { id: 'C1', body: CHEF, starts: '2025-03-21T08:00:00.000Z', ends: '2025-03-21T11:00:00.000Z' },
  { id: 'R2', body: RAD, starts: '2025-03-21T12:00:00.000Z', ends: '2025-03-21T15:00:00.000Z' },
  { id: 'C2', body: CHEF, starts: '2025-03-27T12:00:00.000Z', ends: '2025-03-27T15:00:00.000Z' },
  { id: 'R4', body: RAD, starts: '2025-04-09T07:00:00.000Z', ends: '2025-04-09T10:00:00.000Z' },
  { id: 'C3', body: CHEF, starts: '2025-05-16T11:00:00.000Z', ends: '2025-05-16T14:00:00.000Z' },
  { id: 'R3', body: RAD, starts: '2025-05-20T07:00:00.000Z', ends: '2025-05-20T10:00:00.000Z' },
];

export async function seedRegion(app: App, opts: { prefix?: string } = {}): Promise<void> {
  const pre = opts.prefix ?? '';
  await app.store.transaction(async (tx) => {
    await tx.organisations.insert({ id: `${pre}org-kumla`, tenantId: TENANT, name: `${pre}Kumla kommun`, kind: 'kommun', aliases: [], version: 1 });
    await tx.organisations.insert({ id: `${pre}org-region`, tenantId: TENANT, name: `${pre}Region Örebro län`, kind: 'region', aliases: [], version: 1 });
    for (const [id, name] of [
      [RAD, 'Specifika samverkansrådet för folkhälsa'],
      [CHEF, 'Chefsgrupp folkhälsa'],
    ] as const)
      await tx.bodies.insert({ id, tenantId: TENANT, name, kind: id === RAD ? 'råd' : 'chefsgrupp', shortName: null, defaultDocumentKind: 'protokoll', teamsTeamId: null, teamsChannelId: null, absenceContact: null, version: 1 });
    for (const p of Object.values(P))
      await tx.people.insert({ id: p.id, tenantId: TENANT, name: p.name, email: `${p.id}@kumla.example`, aadObjectId: p.aad, userPrincipalName: null, title: null, organisationId: `${pre}org-kumla`, isAdmin: false, locale: 'sv', version: 1 });
    let n = 0;
    const seat = async (bodyId: string, personId: string, role: MembershipRole, extra: { order?: number; org?: string; forPerson?: string } = {}) =>
      tx.memberships.insert({ id: `m-${(n += 1)}`, tenantId: TENANT, bodyId, personId, role, organisationId: extra.org ?? `${pre}org-kumla`, title: null, substituteOrder: extra.order ?? null, substituteForPersonId: extra.forPerson ?? null, from: null, to: null, version: 1 });
    await seat(RAD, P.anna.id, 'ledamot');
    await seat(CHEF, P.anna.id, 'ledamot');
    await seat(RAD, P.sara.id, 'sekreterare');
    await seat(CHEF, P.sara.id, 'sekreterare');
    await seat(RAD, P.eva.id, 'ersättare', { order: 1 });
    await seat(RAD, P.emil.id, 'ersättare', { order: 2 });
    await seat(RAD, P.erik.id, 'ersättare', { order: 3 });
    await seat(RAD, P.olof.id, 'ordförande', { org: `${pre}org-region` });
    await seat(RAD, P.vera.id, 'vice_ordförande', { org: `${pre}org-region` });
    await seat(CHEF, P.karl.id, 'ersättare', { order: 1 });
    await seat(RAD, P.nils.id, 'ledamot', { org: `${pre}org-region` });
    for (const m of MEETINGS) {
      const meeting: Meeting = {
        id: m.id,
        tenantId: TENANT,
        bodyIds: [m.body],
        title: null,
        documentKind: 'protokoll',
        startsAt: m.starts,
        endsAt: m.ends,
        timeZone: 'Europe/Stockholm',
        place: 'Kumla stadshus',
        mode: 'hybrid',
        status: 'planned',
        startedAt: null,
        endedAt: null,
        movedFromStartsAt: null,
        teams: null,
        chairPersonId: m.body === RAD ? P.olof.id : null,
        secretaryPersonIds: [P.sara.id],
        justerarePersonIds: [],
        version: 1,
      };
      await tx.meetings.insert(meeting);
      if (m.items)
        for (const number of items)
          await tx.agendaItems.insert({ id: `${m.id}-i${number}`, meetingId: m.id, number, title: `Punkt ${number}`, presenters: [], kind: 'information', standardKey: null, attachments: [], plannedMinutes: 20, status: 'pending', notes: '', startedAt: null, endedAt: null, carriedFromItemId: null, version: 1 });
    }
  });
}

/** Gives people a stored 1:1 reference as if they had installed the app (so the bot can reach them). */
export async function makeReachable(app: App, connector: BotConnector, people: FixturePerson[]): Promise<void> {
  for (const p of people)
    await app.store.read.conversationRefs.upsert({
      key: `personal:${p.aad}`,
      kind: 'personal',
      personId: p.id,
      reference: { serviceUrl: connector.url, tenantId: TENANT, conversationId: personalConversationId(BOT_APP_ID, p.user), userId: teamsUserId(p.user), aadObjectId: p.aad, conversationType: 'personal' },
    });
}

export interface BotHarness {
  t: TestApp;
  connector: BotConnector;
  clock: { now: () => Date; set(iso: string): void; advance(ms: number): void };
  base(from: FixturePerson, extra?: { id?: string; locale?: string }): { serviceUrl: string; botAppId: string; tenantId: string; from: TeamsUser; id?: string; locale?: string; timestamp: Date };
  deliver(activity: TeamsActivity): Promise<{ status: number; body: unknown }>;
  /** Runs due jobs until none are left (sends reach the connector). */
  drain(): Promise<number>;
  close(): Promise<void>;
}

export async function startBotHarness(opts: { env?: Record<string, string> } = {}): Promise<BotHarness> {
  let now = new Date(NOW);
  const clock = { now: () => now, set: (iso: string) => void (now = new Date(iso)), advance: (ms: number) => void (now = new Date(now.getTime() + ms)) };
  const connector = await startBotConnector();
  const t = await startTestApp({ clock, runJobs: false, ...(opts.env ? { env: opts.env } : {}) });
  await seedRegion(t.app);
  return {
    t,
    connector,
    clock,
    base: (from, extra = {}) => ({ serviceUrl: connector.url, botAppId: BOT_APP_ID, tenantId: TENANT, from: from.user, timestamp: now, ...extra }),
    deliver: (activity) => deliverToBot(`${t.url}/api/messages`, activity),
    async drain() {
      let total = 0;
      for (let i = 0; i < 20; i += 1) {
        const ran = await t.app.jobs.runDue();
        total += ran;
        if (ran === 0) break;
      }
      return total;
    },
    async close() {
      await t.close();
      await connector.close();
    },
  };
}

/** The Adaptive Card of a connector send, if any. */
export function cardOf(activity: Record<string, unknown>): Record<string, unknown> | null {
  const att = (activity.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined)?.[0];
  return att?.contentType === 'application/vnd.microsoft.card.adaptive' ? att.content : null;
}

export function cardText(card: Record<string, unknown> | null): string {
  return JSON.stringify(card ?? {});
}
