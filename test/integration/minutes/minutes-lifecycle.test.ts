/**
 * The minutes' lifecycle on the server:
 * - who reads a draft before justering, checked on the server (not only hidden in the tab): by default the
 *   secretary, the chair and the justerare; a member gets 403 for the draft itself and its Word file, and the
 *   overview lists no draft for them. The body can open drafts to every member;
 * - the Word file downloads from a plain link with a one-use ticket (what Teams can open), never a token;
 * - the end of a justering card's send is announced on the live bus (the tab does not poll for it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../shared/ports/events';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { planMeeting, seedCouncil, type Council, type PlannedMeeting } from '../agenda/fixture';

let t: TestApp;
let council: Council;
let meeting: PlannedMeeting;

const as = (email: string, path: string, init: { method?: string; json?: unknown } = {}) => t.api(`/api/v1/meetings/${meeting.meetingId}${path}`, { ...init, as: email });

beforeAll(async () => {
  t = await startTestApp();
  council = await seedCouncil(t);
  meeting = await planMeeting(t, council, '2025-03-27T08:00:00.000Z');
  const m = (await (await as(council.people.secretary.email, '')).json()) as { meeting: { version: number } };
  const res = await as(council.people.secretary.email, '', { method: 'PATCH', json: { version: m.meeting.version, justerarePersonIds: [council.people.viceChair.id], secretaryPersonIds: [council.people.secretary.id] } });
  expect(res.status).toBe(200);
  expect((await as(council.people.secretary.email, '/minutes/versions', { method: 'POST' })).status).toBe(201);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('who reads an unjusterat draft', () => {
  it('the secretary, the chair and the justerare read it; a member does not (403 for the version and the .docx, none listed)', async () => {
    const p = council.people;
    for (const who of [p.secretary, p.chair, p.viceChair]) {
      expect((await as(who.email, '/minutes/versions/1')).status, who.name).toBe(200);
      expect((await as(who.email, '/minutes/versions/1/docx')).status, who.name).toBe(200);
    }
    for (const who of [p.ledamot, p.servingErsattare, p.tjansteperson]) {
      const res = await as(who.email, '/minutes/versions/1');
      expect(res.status, who.name).toBe(403);
      expect(((await res.json()) as { error: { messageSv: string } }).error.messageSv).toMatch(/utkastet är inte justerat/);
      expect((await as(who.email, '/minutes/versions/1/docx')).status, who.name).toBe(403);
      const overview = (await (await as(who.email, '/minutes')).json()) as { current: unknown; versions: unknown[]; preview: unknown };
      expect(overview.current, who.name).toBeNull();
      expect(overview.versions, who.name).toEqual([]);
      expect(overview.preview, who.name).toBeNull();
    }
    // Publishing is the secretary's: a member cannot reach the draft through it either.
    expect((await as(p.ledamot.email, '/minutes/publish', { method: 'POST' })).status).toBe(403);
  });

  it('the body may open drafts to every member (PATCH /bodies/:id minutesDraftReaders)', async () => {
    const body = (await (await t.api(`/api/v1/bodies/${council.bodyId}`, { as: council.people.secretary.email })).json()) as { version: number; minutesDraftReaders?: string | null };
    expect(body.minutesDraftReaders ?? null).toBeNull();
    const patched = await t.api(`/api/v1/bodies/${council.bodyId}`, { method: 'PATCH', as: council.people.secretary.email, json: { version: body.version, minutesDraftReaders: 'members' } });
    expect(patched.status, await patched.clone().text()).toBe(200);
    expect((await as(council.people.ledamot.email, '/minutes/versions/1')).status).toBe(200);
    const overview = (await (await as(council.people.ledamot.email, '/minutes')).json()) as { versions: { number: number }[] };
    expect(overview.versions.map((v) => v.number)).toEqual([1]);
    // Members may not change who reads drafts.
    const again = (await (await t.api(`/api/v1/bodies/${council.bodyId}`, { as: council.people.secretary.email })).json()) as { version: number };
    expect((await t.api(`/api/v1/bodies/${council.bodyId}`, { method: 'PATCH', as: council.people.ledamot.email, json: { version: again.version, minutesDraftReaders: 'leads' } })).status).toBe(403);
  });

  it('the .docx downloads from a link with a one-use ticket of the meeting; a member’s ticket does not open a draft', async () => {
    const p = council.people;
    const ticketOf = async (email: string) => ((await (await t.api('/api/v1/stream-tickets', { method: 'POST', as: email, json: { meetingId: meeting.meetingId } })).json()) as { ticket: string }).ticket;
    const link = (ticket: string) => `${t.url}/api/v1/meetings/${meeting.meetingId}/minutes/versions/1/docx?ticket=${ticket}`;
    const ticket = await ticketOf(p.secretary.email);
    const res = await fetch(link(ticket));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".*version 1\.docx"/);
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    // One use only, and never without a ticket.
    expect((await fetch(link(ticket))).status).toBe(401);
    expect((await fetch(`${t.url}/api/v1/meetings/${meeting.meetingId}/minutes/versions/1/docx`)).status).toBe(401);
    // The body's setting back to the default: a member's ticket is theirs, and the draft is not.
    const body = (await (await t.api(`/api/v1/bodies/${council.bodyId}`, { as: p.secretary.email })).json()) as { version: number };
    expect((await t.api(`/api/v1/bodies/${council.bodyId}`, { method: 'PATCH', as: p.secretary.email, json: { version: body.version, minutesDraftReaders: 'leads' } })).status).toBe(200);
    expect((await fetch(link(await ticketOf(p.ledamot.email)))).status).toBe(403);
  });

  it('when a justering card’s send ends, a minutes event of the meeting goes out on the live bus', async () => {
    const seen: DomainEvent[] = [];
    const off = t.app.events.subscribe((e) => seen.push(e));
    try {
      const sent = await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/justering`, { method: 'POST', as: council.people.secretary.email, json: {} });
      expect(sent.status, await sent.clone().text()).toBe(200);
      const deadline = Date.now() + 15_000;
      while (!seen.some((e) => e.type === 'minutes.justering_delivery') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const delivery = seen.find((e) => e.type === 'minutes.justering_delivery');
      expect(delivery).toMatchObject({ meetingId: meeting.meetingId, data: { personId: council.people.viceChair.id } });
    } finally {
      off();
    }
  });

  it('a justerare’s change request, which quotes the draft, reaches those who read drafts and not a member', async () => {
    const p = council.people;
    const comment = 'I § 4 står "budgeten 2,3 miljoner"; det beslutade beloppet var 2,8 miljoner.';
    const res = await as(p.viceChair.email, '/minutes/versions/1/justering/change-request', { method: 'POST', json: { comment } });
    expect(res.status, await res.clone().text()).toBe(201);
    type Overview = { justeringRound: { version: number; pending: { name: string }[]; changeRequests: { comment: string }[] } | null };
    const read = async (email: string) => (await (await as(email, '/minutes')).json()) as Overview;
    expect((await read(p.secretary.email)).justeringRound?.changeRequests.map((r) => r.comment)).toEqual([comment]);
    const member = await read(p.ledamot.email);
    expect(member.justeringRound?.pending.map((x) => x.name)).toEqual([p.viceChair.name]);
    expect(member.justeringRound?.changeRequests).toEqual([]);
    expect(JSON.stringify(member)).not.toContain('2,3 miljoner');
  });
});
