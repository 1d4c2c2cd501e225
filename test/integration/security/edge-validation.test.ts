import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalMessage } from '../../kit/activities';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { createTestDatabase, type TestDatabase } from '../../kit/pg';
import { P, makeReachable, startBotHarness, type BotHarness } from '../bot/bot-fixture';

const ADMIN = 'admin@radslag.local';
type ErrorBody = { error: { code: string; messageSv: string; messageEn: string } };

/**
 * Issue 15 finding 8: bad input answered with 500 (impossible dates, a meeting in year 0), an unknown time zone
 * accepted and then breaking the meeting for good, a NUL or lone surrogate in chat text failing the turn (the
 * förhinder lost), and the bot endpoint parsing any content type as JSON.
 */
describe('dates, time zones and text are validated at the edge', () => {
  let t: TestApp;
  let bodyId: string;
  let meetingId: string;
  const post = (path: string, json: unknown) => t.api(`/api/v1${path}`, { method: 'POST', as: ADMIN, json });
  const refused = async (res: Response, pattern: RegExp) => {
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.messageEn).toMatch(pattern);
    expect(body.error.messageSv).toMatch(/Uppgifterna är inte giltiga/);
  };
  const meeting = (over: Record<string, unknown>) => ({ bodyIds: [bodyId], startsAt: '2027-03-10T08:00:00Z', endsAt: '2027-03-10T10:00:00Z', ...over });

  beforeAll(async () => {
    t = await startTestApp();
    const body = await post('/bodies', { name: 'Chefsgrupp folkhälsa', kind: 'chefsgrupp' });
    bodyId = ((await body.json()) as { id: string }).id;
    const m = await post('/meetings', meeting({}));
    expect(m.status).toBe(201);
    meetingId = ((await m.json()) as { meeting: { id: string } }).meeting.id;
  }, 60_000);
  afterAll(async () => t?.close());

  it.each(['2027-02-31', '2027-13-01', '0000-00-00', '9999-99-99', '0000-01-01', '2027-2-1'])('upcoming-dates with %s is 400, not 500', async (date) => {
    await refused(await post(`/meetings/${meetingId}/upcoming-dates`, { date, note: 'em' }), /date/);
  });

  it('upcoming-dates with a real date still works (2028-02-29, a leap day)', async () => {
    expect((await post(`/meetings/${meetingId}/upcoming-dates`, { date: '2028-02-29', note: 'em' })).status).toBe(201);
  });

  it.each(['0000-01-01T00:00:00Z', '9999-12-31T23:00:00Z', '2027-02-31T08:00:00Z'])('a meeting starting %s is refused with 400', async (startsAt) => {
    await refused(await post('/meetings', meeting({ startsAt })), /startsAt/);
  });

  it('a meeting list asked for from year 0 is 400', async () => {
    const res = await t.api('/api/v1/meetings?from=0000-01-01T00:00:00Z', { as: ADMIN });
    expect(res.status).toBe(400);
  });

  it('an unknown time zone ("Mars/Olympus") is refused at the edge; a real one is accepted', async () => {
    await refused(await post('/meetings', meeting({ timeZone: 'Mars/Olympus' })), /timeZone: unknown time zone/);
    await refused(await post('/meetings', meeting({ timeZone: '' })), /timeZone/);
    const ok = await post('/meetings', meeting({ timeZone: 'America/New_York' }));
    expect(ok.status).toBe(201);
    // And nothing of the refused meetings was stored.
    const list = (await (await t.api(`/api/v1/meetings?bodyId=${bodyId}`, { as: ADMIN })).json()) as { meetings?: Array<{ timeZone: string }> } | Array<{ timeZone: string }>;
    const meetings = Array.isArray(list) ? list : (list.meetings ?? []);
    expect(meetings.map((m) => m.timeZone)).not.toContain('Mars/Olympus');
  });

  it.each([
    ['NUL', 'Arbets\u0000utskott'],
    ['lone high surrogate', 'Arbets\ud800utskott'],
    ['lone low surrogate', '\udc00Arbetsutskott'],
  ])('API text with a %s is refused with 400 naming the field, on every route', async (_what, name) => {
    await refused(await post('/bodies', { name, kind: 'råd' }), /name: contains a NUL character or an unpaired surrogate/);
    await refused(await post(`/meetings/${meetingId}/upcoming-dates`, { date: '2028-03-01', note: name }), /note: contains/);
    await refused(await post('/organisations', { name: 'Kumla', kind: 'kommun', aliases: [name] }), /aliases\.0: contains/);
  });

  it('a well-formed surrogate pair (an emoji) is text like any other', async () => {
    expect((await post('/bodies', { name: 'Rådet 🌲', kind: 'råd' })).status).toBe(201);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])('the bot endpoint answers 415 for %s', async (type) => {
    const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify({ type: 'message', text: 'hej' }) });
    expect(res.status).toBe(415);
    expect(((await res.json()) as ErrorBody).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe.each(['pglite', 'postgresql'] as const)('a förhinder with NUL or a lone surrogate in the chat text is recorded (%s)', (store) => {
  let h: BotHarness;
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    if (store === 'postgresql') db = await createTestDatabase();
    h = await startBotHarness(db ? { env: { DATABASE_URL: db.url } } : {});
    await makeReachable(h.t.app, h.connector, [P.anna, P.nils]);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await db?.drop();
  });

  it.each([
    ['NUL', P.anna, 'Kan inte komma på fredag\u0000', 'Kan inte komma på fredag'],
    ['lone surrogate', P.nils, 'Kan inte komma på fredag \ud83d', 'Kan inte komma på fredag \ufffd'],
  ])('%s', async (_what, who, text, cleaned) => {
    const r = await h.deliver(personalMessage({ ...h.base(who, { id: `nul-${store}-${who.id}` }), text }));
    expect(r.status).toBe(200);
    await h.drain();
    const attendance = await h.t.app.store.read.attendance.findBy({ personId: who.id });
    expect(attendance.map((a) => [a.meetingId, a.state])).toEqual([['R1', 'förhinder']]);
    const requests = await h.t.app.store.read.absenceRequests.findBy({ personId: who.id });
    expect(JSON.stringify(requests)).not.toMatch(/\\u0000|\\ud83d"/);
    if (requests[0] && 'text' in requests[0]) expect(requests[0].text).toBe(cleaned);
    // The reply is a confirmation, not "Något gick fel".
    const sent = h.connector.sent.filter((s) => JSON.stringify(s.activity).includes('gick fel'));
    expect(sent).toHaveLength(0);
  });
});
