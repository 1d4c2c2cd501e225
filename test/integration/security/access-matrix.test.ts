import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEntraStandIn, USER_TOKEN_FORGERIES, type EntraStandIn } from '../../kit/entra-stand-in';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { adaptiveCardAction, deliverToBot } from '../../kit/activities';
import { CARD_ACTIONS, CARD_VERBS, type CardVerb } from '../../../bot/teams/card-actions';
import { changedTables, dbDigest } from './db-digest';
import { routeCases, sampleFor, type RouteCase } from './openapi-sample';
import { z } from 'zod';

const APP_ID = '6e9d4c5b-2a3f-4e7d-8c9b-0a1b2c3d4e5f';
const TENANT = '7f8e9d0c-1b2a-4c3d-9e4f-5a6b7c8d9e0f';
const OTHER_TENANT = '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';
const AUDIENCE = `api://radslag.test/${APP_ID}`;
const MARK = `MARK${randomUUID().slice(0, 8)}`;

/** Mutating routes a plain member (ledamot) may succeed on: their own attendance, check-in, evaluation, live stream. */
const MEMBER_MAY_WRITE = new Set([
  'POST /stream-tickets',
  'POST /meetings/{meetingId}/check-in',
  'DELETE /meetings/{meetingId}/check-in',
  'POST /meetings/{meetingId}/evaluations',
  'PUT /meetings/{meetingId}/attendance/{personId}',
  // Their own förhinder from "Mina möten" (the sample's personId is the member's own).
  'POST /meetings/{meetingId}/absence',
  'POST /meetings/{meetingId}/absence/withdraw',
  'POST /decisions/{decisionId}/vote/votes',
  'POST /decisions/{decisionId}/reservations',
]);

interface Who {
  label: string;
  token: string | null;
}

/**
 * The role × route matrix over EVERY route of the OpenAPI document (so routes added later are covered
 * without touching this file), in production mode with real Entra-shaped tokens: nobody from outside gets
 * in, a user of another tenant sees and changes nothing, a guest of the host tenant is a member like any
 * other, and the answers are never 500.
 */
describe('access matrix over every API route (production mode)', () => {
  let entra: EntraStandIn;
  let t: TestApp;
  let cases: RouteCase[];
  const ids: Record<string, string> = {};
  let now = Date.now();
  const clock = { now: () => new Date(now) };
  const users = {
    admin: { oid: randomUUID(), upn: `admin.${MARK}@region.se`, name: 'Ada Admin' },
    secretary: { oid: randomUUID(), upn: `sekr.${MARK}@region.se`, name: 'Sara Sekreterare' },
    chair: { oid: randomUUID(), upn: `ordf.${MARK}@region.se`, name: 'Olof Ordförande' },
    member: { oid: randomUUID(), upn: `ledamot.${MARK}@kumla.se`, name: 'Lena Ledamot' },
    // A B2B guest in the host tenant: tid = host, acct 1, #EXT# UPN (as Entra issues them).
    guest: { oid: randomUUID(), upn: `gast_${MARK}_rfsisu.se#EXT#@region.onmicrosoft.com`, name: 'Gustav Gäst' },
    rosterOutsider: { oid: randomUUID(), upn: `utanfor.${MARK}@region.se`, name: 'Ulla Utanför' },
    stranger: { oid: randomUUID(), upn: `okand.${MARK}@region.se`, name: 'Okänd' },
  };
  const token = (u: { oid: string; upn: string; name: string }, extra: Record<string, unknown> = {}, tenantId = TENANT) =>
    entra.mintUserToken({ tenantId, audience: AUDIENCE, scopes: ['access_as_user'], ...u, overrides: extra });

  async function call(c: RouteCase, who: Who): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (who.token) headers.authorization = `Bearer ${who.token}`;
    const res = await fetch(`${t.url}${c.url}`, { method: c.method, headers, body: c.body === undefined ? undefined : JSON.stringify(c.body), signal: AbortSignal.timeout(10_000) });
    if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) {
      await res.body?.cancel();
      return { status: res.status, text: '' };
    }
    return { status: res.status, text: await res.text() };
  }

  async function api<T>(method: string, path: string, who: string, json?: unknown): Promise<T> {
    const res = await fetch(`${t.url}/api/v1${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${who}` }, body: json === undefined ? undefined : JSON.stringify(json) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }

  beforeAll(async () => {
    entra = await startEntraStandIn();
    t = await startTestApp({
      runJobs: false,
      clock,
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'test-secret',
        MicrosoftAppTenantId: TENANT,
        RADSLAG_PUBLIC_URL: 'https://radslag.test',
        ENTRA_AUTHORITY_HOST: entra.url,
        BOT_OPENID_METADATA_URL: entra.botOpenIdMetadataUrl,
        RADSLAG_API_RATE_LIMIT: 'off',
      },
    });
    // The first administrator is made in the store (as the CLI does); everything else goes through the API.
    const store = t.app.store;
    await store.transaction((tx) =>
      tx.people.insert({ id: randomUUID(), tenantId: store.tenantId, name: users.admin.name, email: users.admin.upn, aadObjectId: users.admin.oid, isAdmin: true, version: 1 }),
    );
    const admin = await token(users.admin);
    const person = async (u: { oid: string; upn: string; name: string }, email = u.upn) =>
      (await api<{ id: string }>('POST', '/people', admin, { name: u.name, email: email.includes('#EXT#') ? `gast.${MARK}@rfsisu.se` : email, aadObjectId: u.oid })).id;
    const body = await api<{ id: string }>('POST', '/bodies', admin, { name: `Hemliga rådet ${MARK}`, kind: 'råd' });
    ids.bodyId = body.id;
    const p = { secretary: await person(users.secretary), chair: await person(users.chair), member: await person(users.member), guest: await person(users.guest), outsider: await person(users.rosterOutsider) };
    ids.personId = p.member;
    for (const [who, role] of [['secretary', 'sekreterare'], ['chair', 'ordförande'], ['member', 'ledamot'], ['guest', 'ledamot']] as const) {
      const m = await api<{ id: string }>('POST', `/bodies/${body.id}/memberships`, admin, { personId: p[who], role });
      if (who === 'member') ids.membershipId = m.id;
    }
    const start = Date.now() + 7 * 86_400_000;
    const created = await api<{ meeting: { id: string }; items: { id: string }[] }>('POST', '/meetings', admin, {
      bodyIds: [body.id],
      title: `Hemligt möte ${MARK}`,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 7_200_000).toISOString(),
      chairPersonId: p.chair,
      secretaryPersonIds: [p.secretary],
    });
    ids.meetingId = created.meeting.id;
    ids.itemId = created.items[2]?.id ?? created.items[0]!.id;
    const secretary = await token(users.secretary);
    const decision = await api<{ id: string }>('POST', `/meetings/${ids.meetingId}/agenda/items/${ids.itemId}/decisions`, secretary, { text: `Hemligt beslut ${MARK}` });
    ids.decisionId = decision.id;
    const task = await api<{ task?: { id: string }; id?: string }>('POST', `/meetings/${ids.meetingId}/tasks`, secretary, { text: `Hemligt uppdrag ${MARK}` });
    ids.taskId = task.task?.id ?? task.id ?? randomUUID();
    ids.teamsMeetingId = randomUUID();
    const doc = (await (await fetch(`${t.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    cases = routeCases(doc, ids);
  });
  afterAll(async () => {
    await t?.close();
    await entra?.close();
  });

  const key = (c: RouteCase) => `${c.method} ${c.path}`;
  const isWrite = (c: RouteCase) => c.method !== 'GET';

  it('enumerates every route of the OpenAPI document', () => {
    expect(cases.length).toBeGreaterThan(20);
    expect(cases.some((c) => c.path === '/audit')).toBe(true);
  });

  it('nobody without a valid token of the tenant gets in: 401 on every route, nothing changes', async () => {
    const before = await dbDigest(t.app.database.db);
    const member = users.member;
    const who: Who[] = [{ label: 'no token', token: null }];
    for (const kind of USER_TOKEN_FORGERIES) who.push({ label: `forged:${kind}`, token: await entra.forgeUserToken(kind, { tenantId: TENANT, audience: AUDIENCE, scopes: ['access_as_user'], ...member }) });
    // The same person (same oid and e-mail) signed in from another tenant is someone else.
    who.push({ label: 'other tenant, same oid', token: await token(member, {}, OTHER_TENANT) });
    who.push({ label: 'other tenant admin look-alike', token: await token(users.admin, {}, OTHER_TENANT) });
    const wrong: string[] = [];
    // Independent requests: a few at a time keeps the run short on two cores.
    const jobs = who.flatMap((w) => cases.map((c) => ({ w, c })));
    for (let i = 0; i < jobs.length; i += 8) {
      await Promise.all(
        jobs.slice(i, i + 8).map(async ({ w, c }) => {
          const r = await call(c, w);
          if (r.status !== 401) wrong.push(`${w.label} ${key(c)} → ${r.status}`);
          if (r.text.includes(MARK)) wrong.push(`${w.label} ${key(c)} leaked data`);
        }),
      );
    }
    if (process.env.RADSLAG_MATRIX_DEBUG) console.log(`401 matrix: ${jobs.length} requests (${who.length} identities × ${cases.length} routes)`);
    expect(wrong).toEqual([]);
    expect(changedTables(before, await dbDigest(t.app.database.db))).toEqual([]);
  });

  it('a signed-in user who is on no roster sees nothing of the council and changes nothing', async () => {
    const before = await dbDigest(t.app.database.db);
    const wrong: string[] = [];
    for (const u of [users.rosterOutsider, users.stranger]) {
      const w = { label: u === users.stranger ? 'stranger' : 'rostered outsider', token: await token(u) };
      for (const c of cases) {
        const r = await call(c, w);
        if (r.status >= 500) wrong.push(`${w.label} ${key(c)} → ${r.status}`);
        if (r.status === 401) wrong.push(`${w.label} ${key(c)} → 401 (a valid token must be authenticated)`);
        if (isWrite(c) && r.status < 300) wrong.push(`${w.label} ${key(c)} → ${r.status} (write allowed)`);
        // Own data routes may show the caller's own address; the council's data must never appear.
        const leaked = r.text.includes(`Hemlig`) || r.text.includes(users.member.upn) || r.text.includes(users.secretary.upn);
        if (leaked) wrong.push(`${w.label} ${key(c)} leaked council data`);
      }
    }
    expect(wrong).toEqual([]);
    expect(changedTables(before, await dbDigest(t.app.database.db))).toEqual([]);
  });

  it('a guest of the host tenant (#EXT#, acct 1) is a member like any other; a member writes only their own things', async () => {
    const member = { label: 'member', token: await token(users.member) };
    const guest = { label: 'guest', token: await token(users.guest, { acct: 1, idp: 'https://sts.windows.net/rfsisu/' }) };
    const me = JSON.parse((await call({ method: 'GET', path: '/me', url: '/api/v1/me', body: undefined, summary: '' }, guest)).text) as { person: { id: string } | null; roles: { role: string }[] };
    expect(me.person).not.toBeNull();
    expect(me.roles.map((r) => r.role)).toEqual(['ledamot']);
    const wrong: string[] = [];
    let readable = 0;
    for (const c of cases.filter((x) => !isWrite(x))) {
      const [m, g] = [await call(c, member), await call(c, guest)];
      // {personId} is the member's own id here: the member may read their own export, the guest not.
      if (m.status !== g.status && !c.path.includes('{personId}')) wrong.push(`${key(c)}: member ${m.status}, guest ${g.status}`);
      if (m.status >= 500 || g.status >= 500) wrong.push(`${key(c)} → 5xx`);
      if (m.status === 200 && c.path.includes('{meetingId}')) readable++;
    }
    const guestExport = await call({ method: 'GET', path: '/people/{personId}/export', url: `/api/v1/people/${me.person!.id}/export`, body: undefined, summary: '' }, guest);
    expect(guestExport.status).toBe(200);
    const memberExportByGuest = await call({ method: 'GET', path: '/people/{personId}/export', url: `/api/v1/people/${ids.personId}/export`, body: undefined, summary: '' }, guest);
    expect(memberExportByGuest.status).toBe(403);
    // The member reads the meeting (or the matrix would prove nothing).
    expect(readable).toBeGreaterThan(3);
    const refusedByPolicy: string[] = [];
    const statuses: Record<string, number> = {};
    for (const c of cases.filter(isWrite)) {
      for (const w of [member, guest]) {
        const r = await call(c, w);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status === 403 && w === member) refusedByPolicy.push(key(c));
        if (r.status >= 500) wrong.push(`${w.label} ${key(c)} → ${r.status}`);
        if (r.status === 401) wrong.push(`${w.label} ${key(c)} → 401`);
        if (r.status < 300 && !MEMBER_MAY_WRITE.has(key(c))) wrong.push(`${w.label} ${key(c)} → ${r.status} (member wrote)`);
      }
    }
    expect(wrong).toEqual([]);
    // The sample bodies are valid, so most writes reach the policy and are refused there (403), not by
    // validation (400): otherwise this part of the matrix would prove nothing.
    if (process.env.RADSLAG_MATRIX_DEBUG) console.log(statuses, cases.filter(isWrite).filter((c) => !refusedByPolicy.includes(key(c))).map(key));
    expect(refusedByPolicy.length).toBeGreaterThan(cases.filter(isWrite).length / 2);
  });

  it('the secretary and the administrator read every meeting route; no route answers 500', async () => {
    const wrong: string[] = [];
    for (const u of [users.secretary, users.admin]) {
      const w = { label: u === users.admin ? 'admin' : 'secretary', token: await token(u) };
      for (const c of cases.filter((x) => !isWrite(x))) {
        const r = await call(c, w);
        if (r.status >= 500 || r.status === 401) wrong.push(`${w.label} ${key(c)} → ${r.status}`);
        if (r.status === 403 && c.path.includes('{meetingId}')) wrong.push(`${w.label} ${key(c)} → 403`);
      }
    }
    expect(wrong).toEqual([]);
  });

  // ---- every card verb (CARD_VERBS), through the bot endpoint with real Bot Framework tokens ----

  const cardData = (verb: CardVerb): Record<string, unknown> => {
    const spec = CARD_ACTIONS[verb] as unknown as { data: z.ZodObject; inputs: z.ZodObject };
    const schema = z.toJSONSchema(spec.data.extend(spec.inputs.shape), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    const cardIds = { ...ids, cardId: `card-${verb}-${MARK}`, entityId: ids.decisionId!, attendanceId: randomUUID(), callInId: randomUUID(), requestId: randomUUID(), matchId: randomUUID(), teamId: '19:team@thread.tacv2', handoverPersonId: ids.personId!, recusalPersonId: ids.personId! };
    // Optional inputs that the verbs' cross-field rules need, so the action reaches its handler.
    const extra: Partial<Record<CardVerb, Record<string, unknown>>> = {
      'chair.handover': { handoverFromItem: '1' },
      'evaluation.submit': { evalWorked: 'Bra struktur', evalScore: '4' },
      'binding.choose_body': { bindingBodyId: ids.bodyId },
      'decision.standard': { standardKey: 'agenda_approved' },
    };
    return { ...(sampleFor(schema, cardIds) as Record<string, unknown>), ...extra[verb] };
  };

  async function invoke(verb: CardVerb, from: { oid: string; name: string }, tenantId = TENANT, id = `inv-${verb}-${randomUUID().slice(0, 8)}`, data = cardData(verb)) {
    const activity = adaptiveCardAction({ serviceUrl: 'https://smba.trafficmanager.net/emea/', botAppId: APP_ID, tenantId, from: { aadObjectId: from.oid, name: from.name }, scope: { kind: 'personal' }, verb, data, id });
    const res = await deliverToBot(`${t.url}/api/messages`, activity, { entra, botAppId: APP_ID });
    const card = JSON.stringify(res.body);
    // The code is Markdown-escaped in the card text (VALIDATION\\_FAILED).
    const code = /"(?:Felkod|Error code): ([A-Z\\_]+)"/.exec(card)?.[1]?.replace(/\\/g, '') ?? null;
    return { status: res.status, body: res.body, code, id, data };
  }

  it('every card verb: another tenant and strangers get an error card and change nothing', async () => {
    expect(CARD_VERBS.length).toBeGreaterThan(20);
    const before = await dbDigest(t.app.database.db);
    const wrong: string[] = [];
    for (const verb of CARD_VERBS) {
      const foreign = await invoke(verb, users.member, OTHER_TENANT);
      if (foreign.status !== 200 || foreign.code !== 'FORBIDDEN') wrong.push(`${verb} other tenant → ${foreign.status} ${foreign.code}`);
      const stranger = await invoke(verb, users.stranger);
      if (stranger.status !== 200 || (stranger.code === null && verb !== 'refresh')) {
        wrong.push(`${verb} stranger → ${stranger.status} ${stranger.code}`);
        if (process.env.RADSLAG_MATRIX_DEBUG) console.log(verb, JSON.stringify(stranger.body).slice(0, 800));
      }
      if (JSON.stringify(stranger.body).includes(MARK) && verb !== 'refresh') wrong.push(`${verb} stranger saw council data`);
    }
    expect(wrong).toEqual([]);
    expect(changedTables(before, await dbDigest(t.app.database.db))).toEqual([]);
  });

  it('every card verb: a member gets a refusal for what members may not do; never a 500', async () => {
    const memberMay = new Set<CardVerb>(['kallelse.rsvp', 'checkin', 'evaluation.submit', 'vote.cast', 'reservation.add', 'refresh', 'absence.undo', 'absence.choose_meeting', 'callin.answer', 'person.match_confirm', 'justering.request_change']);
    const wrong: string[] = [];
    for (const verb of CARD_VERBS) {
      const r = await invoke(verb, users.member);
      if (r.status !== 200) wrong.push(`${verb} → HTTP ${r.status}`);
      if (r.code === 'INTERNAL') wrong.push(`${verb} → INTERNAL`);
      if (!memberMay.has(verb) && r.code === null) wrong.push(`${verb}: a member's action succeeded`);
    }
    expect(wrong).toEqual([]);
  });

  it('every card verb redelivered after 15 s and 30 s (same invoke id and data) has no second effect', async () => {
    const wrong: string[] = [];
    let succeeded = 0;
    for (const verb of CARD_VERBS) {
      for (const who of [users.secretary, users.member]) {
        const first = await invoke(verb, who);
        const after = await dbDigest(t.app.database.db);
        for (const delay of [15_000, 15_000]) {
          now += delay;
          const again = await invoke(verb, who, TENANT, first.id, first.data);
          if (again.status !== 200) wrong.push(`${verb} redelivery → HTTP ${again.status}`);
          // A redelivery of a success answers the same card; of a refusal, a refusal again.
          // Deep equality: the stored card comes back from a JSONB column, whose key order differs.
          if (first.code === null && !isDeepStrictEqual(again.body, first.body) && verb !== 'refresh') {
            wrong.push(`${verb}: redelivery answered a different card`);
            if (process.env.RADSLAG_MATRIX_DEBUG) console.log(verb, JSON.stringify(first.body).slice(0, 600), '\n---\n', JSON.stringify(again.body).slice(0, 600));
          }
          if ((first.code === null) !== (again.code === null)) wrong.push(`${verb}: first ${first.code}, redelivery ${again.code}`);
        }
        const changed = changedTables(after, await dbDigest(t.app.database.db));
        if (changed.length) wrong.push(`${verb} by ${who.name}: redelivery changed ${changed.join(', ')}`);
        if (first.code === null && verb !== 'refresh') succeeded++;
      }
    }
    expect(wrong).toEqual([]);
    // Enough verbs really took effect the first time for the redelivery check to mean something.
    if (process.env.RADSLAG_MATRIX_DEBUG) console.log(`card verbs that took effect: ${succeeded}`);
    expect(succeeded).toBeGreaterThanOrEqual(5);
  });
});
