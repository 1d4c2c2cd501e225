/**
 * Justering events reach an open tab (the server-sent-event stream) only after their transaction commits.
 * A justering use case that collected its event and then failed rolls back: the stream sees nothing and
 * nothing is stored. The same use case committing sends the event, and when it arrives what it announces
 * is already readable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendForJustering, signMinutes } from '../../../shared/services/justering-service';
import type { UseCase, UseCaseContext } from '../../../shared/usecase/context';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { planMeeting, seedCouncil, type Council, type PlannedMeeting, type SeededPerson } from '../agenda/fixture';

interface Change {
  type: string;
  meetingId: string | null;
  at: number;
}

/** An open tab's stream: the 'change' events it received, in order. */
async function openStream(url: string): Promise<{ ready: Promise<void>; changes: Change[]; close(): void }> {
  const ac = new AbortController();
  const res = await fetch(url, { signal: ac.signal, headers: { accept: 'text/event-stream' } });
  expect(res.status).toBe(200);
  const changes: Change[] = [];
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  void (async () => {
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const lines = buf.slice(0, i).split('\n');
          buf = buf.slice(i + 2);
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
          if (event === 'ready') markReady();
          if (event === 'change' && data) changes.push({ ...(JSON.parse(data) as { type: string; meetingId: string | null }), at: Date.now() });
        }
      }
    } catch {
      // Closed by the test.
    }
  })();
  return { ready, changes, close: () => ac.abort() };
}

async function until<T>(what: string, fn: () => T | null | undefined | false, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The use case as written, then a failure after its event was collected (e.g. a later statement failing). */
function failingAfter<I, O>(useCase: (ctx: UseCaseContext, input: I) => Promise<O>, eventType: string): UseCase<I, O> {
  return async (ctx, input) => {
    await useCase(ctx, input);
    expect(ctx.events.map((e) => e.type)).toContain(eventType);
    throw new Error('injected failure after the event was collected');
  };
}

describe('justering events reach an open tab only after commit', () => {
  let t: TestApp;
  let council: Council;
  let meeting: PlannedMeeting;
  let version = 0;
  const secretary = () => council.people.secretary;
  const as = (p: SeededPerson) => ({ actor: { personId: p.id, tenantId: t.app.store.tenantId, isAdmin: false }, correlationId: `test:${p.id}`, locale: 'sv' as const });

  async function ok<T = any>(res: Response, status = 200): Promise<T> {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async function stream() {
    const { url } = await ok<{ url: string }>(await t.api('/api/v1/stream-tickets', { method: 'POST', as: secretary().email, json: { meetingId: meeting.meetingId } }), 201);
    const s = await openStream(`${t.url}${url}`);
    await s.ready;
    return s;
  }

  beforeAll(async () => {
    t = await startTestApp({ runJobs: false });
    council = await seedCouncil(t);
    meeting = await planMeeting(t, council, '2025-03-27T08:00:00.000Z');
    const m = await ok(await t.api(`/api/v1/meetings/${meeting.meetingId}`, { as: secretary().email }));
    await ok(
      await t.api(`/api/v1/meetings/${meeting.meetingId}`, {
        method: 'PATCH',
        as: secretary().email,
        json: { version: m.meeting.version, justerarePersonIds: [council.people.ledamot.id, council.people.chair.id], secretaryPersonIds: [secretary().id] },
      }),
    );
    version = (await ok<{ number: number }>(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions`, { method: 'POST', as: secretary().email }), 201)).number;
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('sending for justering: rolled back → no event; committed → the event, after the justering is stored', async () => {
    const s = await stream();
    await expect(t.app.runner.run(as(secretary()), failingAfter(sendForJustering, 'minutes.justering_sent'), { meetingId: meeting.meetingId })).rejects.toThrow(/injected/);
    await new Promise((r) => setTimeout(r, 300));
    expect(s.changes).toEqual([]);
    expect((await t.app.store.read.minutesVersions.findBy({ meetingId: meeting.meetingId })).every((v) => v.justeringSentAt === null)).toBe(true);

    await t.app.runner.run(as(secretary()), sendForJustering, { meetingId: meeting.meetingId });
    await until('the justering_sent event', () => s.changes.find((c) => c.type === 'minutes.justering_sent'));
    expect(s.changes.map((c) => [c.type, c.meetingId])).toEqual([['minutes.justering_sent', meeting.meetingId]]);
    s.close();
  });

  it('signing: rolled back → no event, no signature; committed → minutes.signed, the signature readable when it arrives', async () => {
    const s = await stream();
    const jari = council.people.ledamot;
    await expect(t.app.runner.run(as(jari), failingAfter(signMinutes, 'minutes.signed'), { meetingId: meeting.meetingId, number: version })).rejects.toThrow(/injected/);
    await new Promise((r) => setTimeout(r, 300));
    expect(s.changes).toEqual([]);
    expect(await t.app.store.read.justeringSignatures.findBy({ meetingId: meeting.meetingId })).toEqual([]);

    // Through the API, as the tab does it: the event arrives, and by then the signature is there to read.
    let storedWhenAnnounced: number | null = null;
    const watching = until('the signed event', () => s.changes.find((c) => c.type === 'minutes.signed')).then(async () => {
      storedWhenAnnounced = (await t.app.store.read.justeringSignatures.findBy({ meetingId: meeting.meetingId })).length;
    });
    await ok(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions/${version}/justering/sign`, { method: 'POST', as: jari.email }));
    await watching;
    expect(storedWhenAnnounced).toBe(1);
    expect(s.changes.map((c) => c.type)).toEqual(['minutes.signed']);
    s.close();
  });
});
