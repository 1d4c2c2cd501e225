import { randomUUID } from 'node:crypto';
import { unzipSync, strFromU8 } from 'fflate';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { startBotConnector, type BotConnector } from '../../kit/bot-connector';
import { adaptiveCardAction, personalMessage, type TeamsActivity } from '../../kit/activities';
import { CARD_VERBS } from '../../../bot/teams/card-actions';
import { escapeCardText } from '../../../bot/teams/cards/escape-card-text';
import { routeCases, type RouteCase } from './openapi-sample';

const ADMIN = 'admin@radslag.local';
const SEED = Number(process.env.RADSLAG_FUZZ_SEED ?? 20261123);
/** How many generated cases per property (README figures are computed from these). */
export const FUZZ_RUNS = { activities: 250, invokes: 150, apiBodies: 300 } as const;

/** User text that must never reach a card, a channel post or a Word file as markup. */
const NASTY = [
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  '**fet** _kursiv_ [klicka här](https://evil.example/phish)',
  '![spår](https://evil.example/pixel.png)',
  '# Rubrik\n- lista\n1. ett',
  '<at>Rådslag</at> @everyone',
  '\u202Efdp.exe',
  'Zero\u200Bwidth\uFEFF',
  'A\u0301\u0301\u0301 Å Ä Ö ǅ ß',
  '👨‍👩‍👧‍👦 🇸🇪',
  "'; DROP TABLE people; --",
  '${process.env.MicrosoftAppPassword} {{secret}} %s%n',
  '\\u0000 \\ \u0007',
  '&lt;b&gt;redan kodad&lt;/b&gt;',
];
/** Markup that would render: an unescaped tag, link or image (escaped forms like \\<script\\> are fine). */
const MARKUP = /(?<!\\)<(script|img)|(?<!\\)\]\(|(?<!\\)!\[/i;

const textArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 300 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 100 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 100 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NASTY), fc.string({ maxLength: 50 })).map(([a, b]) => `${b}${a}${b}`) },
);

/** Collects every string an Adaptive Card renders as Markdown (TextBlock text, Fact title/value). */
function renderedTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) renderedTexts(n, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (Array.isArray(o.facts)) for (const f of o.facts as { title?: unknown; value?: unknown }[]) for (const v of [f.title, f.value]) if (typeof v === 'string') out.push(v);
    for (const [k, v] of Object.entries(o)) if (k !== 'facts' && k !== 'value' && typeof v === 'object') renderedTexts(v, out);
    if (o.type === 'AdaptiveCard' || o.contentType) renderedTexts(o.value, out);
  }
  return out;
}

/**
 * Bad input, generated (fast-check, fixed seed): malformed Teams activities and card invokes, malformed API
 * bodies, markup in every text a user can write. Each gets a clean 2xx/4xx (or is ignored); the server never
 * answers 500 and keeps running; no user text comes out as markup in a card, the minutes HTML (the channel
 * post) or the Word file.
 */
describe('fuzzed input (property suite)', () => {
  let t: TestApp;
  let connector: BotConnector;
  let adminPerson: { id: string; aadObjectId: string };
  let secretary: { aadObjectId: string; name: string };
  let meetingId: string;
  let itemId: string;
  let cases: RouteCase[];
  const ids: Record<string, string> = {};
  const statuses = new Map<number, number>();
  const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);

  async function post(path: string, json: unknown, method = 'POST') {
    const res = await t.api(path, { method, as: ADMIN, json });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as Record<string, any>;
  }

  beforeAll(async () => {
    connector = await startBotConnector();
    t = await startTestApp({ runJobs: false, env: { RADSLAG_API_RATE_LIMIT: 'off' } });
    const admin = await t.app.store.read.people.findByEmail(ADMIN);
    // The local administrator acts in Teams too: give them an Entra object id.
    const aad = randomUUID();
    await t.app.store.transaction(async (tx) => tx.people.update({ ...(await tx.people.require(admin!.id)), aadObjectId: aad }));
    adminPerson = { id: admin!.id, aadObjectId: aad };
    secretary = { aadObjectId: aad, name: 'Admin' };
    const body = await post('/api/v1/bodies', { name: `Rådet ${NASTY[0]}`, kind: 'råd' });
    ids.bodyId = body.id;
    const nastyPeople = [];
    for (const name of NASTY.slice(0, 6)) nastyPeople.push(await post('/api/v1/people', { name: name.replace(/\n/g, ' ').slice(0, 200) }));
    for (const p of nastyPeople) await post(`/api/v1/bodies/${body.id}/memberships`, { personId: p.id, role: 'ledamot' });
    await post(`/api/v1/bodies/${body.id}/memberships`, { personId: adminPerson.id, role: 'sekreterare' });
    ids.personId = nastyPeople[0]!.id;
    const start = Date.now() - 3_600_000;
    const m = await post('/api/v1/meetings', {
      bodyIds: [body.id],
      title: `Möte ${NASTY[2]}`.replace(/\n/g, ' '),
      place: NASTY[1],
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 7_200_000).toISOString(),
      secretaryPersonIds: [adminPerson.id],
      items: NASTY.slice(0, 4).map((title) => ({ title: title.replace(/\n/g, ' '), kind: 'beslut' })),
    });
    meetingId = m.meeting.id;
    ids.meetingId = meetingId;
    itemId = m.items.find((i: { title: string }) => i.title.includes('script'))?.id ?? m.items[2].id;
    ids.itemId = itemId;
    const doc = (await (await t.api('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    cases = routeCases(doc, ids).filter((c) => c.method !== 'GET');
  });
  afterAll(async () => {
    await t?.close();
    await connector?.close();
    if (process.env.RADSLAG_FUZZ_DEBUG) console.log('statuses', Object.fromEntries(statuses));
  });

  const base = (from: { aadObjectId: string; name: string }) => ({ serviceUrl: connector.url, botAppId: '00000000-0000-0000-0000-0000000000b0', tenantId: 'local', from });

  async function deliver(body: string): Promise<number> {
    const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(20_000) });
    await res.arrayBuffer();
    count(res.status);
    return res.status;
  }

  it('the markup check itself tells rendered markup from escaped text', () => {
    for (const raw of ['<script>x</script>', '[klicka](https://evil.example)', '![b](https://evil.example/p.png)', '<img src=x>']) {
      expect(MARKUP.test(raw)).toBe(true);
      expect(MARKUP.test(escapeCardText(raw))).toBe(false);
    }
  });

  it('malformed activities get 200 (ignored or answered), 400 or 413; never 500', async () => {
    const valid = (text: string, name: string): TeamsActivity => personalMessage({ ...base({ aadObjectId: randomUUID(), name }), text });
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('drop' as const), field: fc.constantFrom('type', 'serviceUrl', 'conversation', 'from', 'recipient', 'channelId', 'id', 'text', 'channelData', 'timestamp') }),
      fc.record({ kind: fc.constant('set' as const), field: fc.constantFrom('type', 'serviceUrl', 'conversation', 'from', 'recipient', 'channelId', 'text', 'channelData', 'entities', 'value', 'locale', 'attachments', 'membersAdded'), value: fc.jsonValue({ maxDepth: 4 }) }),
      fc.record({ kind: fc.constant('type' as const), value: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('message', 'invoke', 'conversationUpdate', 'event', 'installationUpdate', 'messageReaction')) }),
      fc.record({ kind: fc.constant('none' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(textArb, textArb, fc.array(mutation, { maxLength: 3 }), async (text, name, mutations) => {
        const a = valid(text, name) as Record<string, unknown>;
        for (const m of mutations) {
          if (m.kind === 'drop') delete a[m.field];
          else if (m.kind === 'set') a[m.field] = m.value;
          else if (m.kind === 'type') a.type = m.value;
        }
        const status = await deliver(JSON.stringify(a));
        // botbuilder answers an invoke whose name it does not know with 501 Not Implemented (Teams' contract).
        expect(a.type === 'invoke' ? [200, 400, 501] : [200, 400]).toContain(status);
      }),
      { numRuns: FUZZ_RUNS.activities, seed: SEED },
    );
  });

  it('huge, deep and non-JSON bodies: 413 or 400, and the server keeps running', async () => {
    const ok = personalMessage({ ...base({ aadObjectId: randomUUID(), name: 'Stor' }), text: 'x' });
    expect(await deliver(JSON.stringify({ ...ok, text: 'å'.repeat(1_000_000) }))).toBe(413);
    expect(await deliver(JSON.stringify({ ...ok, text: 'ö'.repeat(200_000) }))).toBe(200);
    expect([200, 400]).toContain(await deliver(JSON.stringify({ ...ok, channelData: JSON.parse('['.repeat(2000) + ']'.repeat(2000)) })));
    expect([400, 413]).toContain(await deliver(`{"type":"message","value":${'['.repeat(200_000)}${']'.repeat(200_000)}}`));
    for (const raw of ['', 'null', '{', '\u0000', '{"type":"message"}'.repeat(3), '<xml/>', '"\uD800"']) expect(await deliver(raw)).toBe(400);
    const api = await t.api('/api/v1/people', { method: 'POST', as: ADMIN, headers: { 'content-type': 'application/json' }, body: `{"name":${'['.repeat(100_000)}` });
    expect(api.status).toBe(400);
    expect((await t.api('/healthz')).status).toBe(200);
  });

  it('card invokes with generated data for every verb get a card back (error or not); never 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CARD_VERBS),
        fc.dictionary(fc.constantFrom('cardId', 'meetingId', 'itemId', 'decisionId', 'version', 'decisionText', 'taskText', 'answer', 'personId', 'choice', 'changeComment', 'evalWorked', 'evalScore', 'handoverPersonId', 'cardKind', 'entityId'), fc.oneof(textArb, fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(meetingId, itemId))),
        fc.boolean(),
        async (verb, data, asSecretary) => {
          const from = asSecretary ? secretary : { aadObjectId: randomUUID(), name: NASTY[0]! };
          const activity = adaptiveCardAction({ ...base(from), scope: { kind: 'personal' }, verb, data: { cardId: randomUUID(), meetingId, itemId, ...data } });
          const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
          count(res.status);
          expect(res.status).toBe(200);
          const body = (await res.json()) as { statusCode: number; value: unknown };
          expect(body.statusCode).toBe(200);
          for (const s of renderedTexts(body.value)) expect(s, `${verb}: ${s.slice(0, 120)}`).not.toMatch(MARKUP);
        },
      ),
      { numRuns: FUZZ_RUNS.invokes, seed: SEED },
    );
  });

  it('malformed bodies on every write route: 2xx or 4xx, never 500', async () => {
    expect(cases.length).toBeGreaterThan(20);
    const junk = fc.oneof(fc.jsonValue({ maxDepth: 4 }), textArb, fc.constant(null));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), fc.oneof(fc.constant('whole' as const), fc.constant('field' as const)), junk, fc.string({ maxLength: 20 }), async (c, how, value, field) => {
        let body: unknown = value;
        if (how === 'field') {
          const valid = (c.body && typeof c.body === 'object' ? { ...(c.body as Record<string, unknown>) } : {}) as Record<string, unknown>;
          const keys = Object.keys(valid);
          valid[keys.length ? keys[field.length % keys.length]! : field || 'x'] = value;
          body = valid;
        }
        const res = await t.api(c.url, { method: c.method, as: ADMIN, json: body });
        const text = await res.text();
        count(res.status);
        expect(res.status, `${c.method} ${c.path} ${text.slice(0, 200)}`).toBeLessThan(500);
        if (res.status >= 400) expect(JSON.parse(text)).toHaveProperty('error.code');
      }),
      { numRuns: FUZZ_RUNS.apiBodies, seed: SEED },
    );
    expect((await t.api('/healthz')).status).toBe(200);
  });

  it('markup in names, titles and decision texts comes out escaped in cards, the minutes HTML and the Word file', async () => {
    // Decision texts and tasks with markup, through the cards as the secretary would write them.
    for (const text of NASTY.slice(0, 5)) {
      for (const [verb, data] of [
        ['decision.propose', { meetingId, itemId, decisionText: text }],
        ['task.create', { meetingId, itemId, taskText: text, taskOwnerName: NASTY[1] }],
      ] as const) {
        const activity = adaptiveCardAction({ ...base(secretary), scope: { kind: 'personal' }, verb, data: { cardId: randomUUID(), ...data } });
        const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
        const body = (await res.json()) as { value: unknown };
        const texts = renderedTexts(body.value);
        expect(texts.length).toBeGreaterThan(0);
        for (const s of texts) expect(s).not.toMatch(MARKUP);
      }
    }
    const decisions = (await (await t.api(`/api/v1/meetings/${meetingId}/decisions`, { as: ADMIN })).json()) as { decisions: { text: string }[] };
    expect(decisions.decisions.some((d) => d.text.includes('<script>'))).toBe(true);

    // The minutes: HTML (what the channel post carries) and the .docx.
    const created = await t.api(`/api/v1/meetings/${meetingId}/minutes/versions`, { method: 'POST', as: ADMIN });
    expect(created.status).toBe(201);
    const version = (await created.json()) as { number?: number; version?: { number: number } };
    const n = version.number ?? version.version?.number ?? 1;
    const v = (await (await t.api(`/api/v1/meetings/${meetingId}/minutes/versions/${n}`, { as: ADMIN })).json()) as { html: string; text: string };
    expect(v.html).toContain('&lt;script&gt;');
    expect(v.html).not.toMatch(/<script|<img /i);
    const docx = new Uint8Array(await (await t.api(`/api/v1/meetings/${meetingId}/minutes/versions/${n}/docx`, { as: ADMIN })).arrayBuffer());
    const xml = strFromU8(unzipSync(docx)['word/document.xml']!);
    expect(xml).toContain('&lt;script&gt;');
    expect(xml).not.toMatch(/<script|<img /i);

    // Everything the bot sent through the connector during the whole suite (replies are durable jobs): no
    // markup from users.
    for (let i = 0; i < 3; i++) await t.app.jobs.runDue();
    expect(connector.sent.length).toBeGreaterThan(10);
    for (const s of connector.sent) {
      const a = s.activity as { text?: string; attachments?: { content?: unknown }[] };
      const texts = [...(typeof a.text === 'string' ? [a.text] : []), ...(a.attachments ?? []).flatMap((x) => renderedTexts(x.content))];
      for (const text of texts) expect(text).not.toMatch(MARKUP);
    }
  });
});
