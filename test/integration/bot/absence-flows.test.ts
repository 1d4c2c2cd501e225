/**
 * Förhinder flows sent as Teams 1:1 message activities through the real bot (HTTP, Bot Connector stand-in):
 * what is stored and what is sent. The worst defect first: a denied förhinder records nothing, calls in nobody
 * and tells no secretary — neither from the text nor from a button on a question card. Then messages written
 * days before they are processed, partial attendance, several meetings, language per message, forwarded
 * e-mail, withdrawal notices that name the meeting, and the bot's own words never escaped.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adaptiveCardAction, personalConversationId, personalMessage } from '../../kit/activities';
import { BOT_APP_ID, NOW, P, cardOf, makeReachable, startBotHarness, type BotHarness, type FixturePerson } from './bot-fixture';

type Card = { body?: unknown[]; actions?: Array<{ verb: string; title: string; data: Record<string, unknown> }> };

describe('förhinder flows through the bot', () => {
  let h: BotHarness;
  let n = 0;
  const conv = (p: FixturePerson) => personalConversationId(BOT_APP_ID, p.user);
  const sentTo = (p: FixturePerson) => h.connector.sent.filter((s) => s.conversationId === conv(p));
  const texts = (card: unknown): string[] => {
    const out: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
        for (const [k, x] of Object.entries(o)) if (k !== 'data') walk(x);
      }
    };
    walk(card);
    return out;
  };
  /** Sends a 1:1 message written at `writtenAt` (default: the harness clock) and runs the jobs. */
  const say = async (p: FixturePerson, text: string, opts: { writtenAt?: string; locale?: string; utcOffsetMinutes?: number } = {}) => {
    const before = sentTo(p).length;
    const extra = { ...(opts.writtenAt ? { timestamp: new Date(opts.writtenAt) } : {}), ...(opts.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: opts.utcOffsetMinutes } : {}) };
    const r = await h.deliver(personalMessage({ ...h.base(p, { id: `fl-${(n += 1)}`, ...(opts.locale ? { locale: opts.locale } : {}) }), ...extra, text }));
    expect(r.status).toBe(200);
    await h.drain();
    return sentTo(p).slice(before).map((s) => cardOf(s.activity) as Card);
  };
  const press = async (p: FixturePerson, card: Card, pick: (a: { verb: string; title: string; data: Record<string, unknown> }) => boolean) => {
    const action = [...(card.actions ?? []), ...((card.body ?? []) as Array<{ actions?: Card['actions'] }>).flatMap((b) => b.actions ?? [])].find(pick)!;
    expect(action).toBeDefined();
    const r = await h.deliver(adaptiveCardAction({ ...h.base(p), scope: { kind: 'personal' }, verb: action.verb, data: action.data }));
    expect(r.status).toBe(200);
    await h.drain();
    return (r.body as { value: Card }).value;
  };
  const attendanceOf = (p: FixturePerson) => h.t.app.store.read.attendance.findBy({ personId: p.id });
  const chainsFor = (p: FixturePerson) => h.t.app.store.read.callIns.findBy({ absentPersonId: p.id });

  beforeAll(async () => {
    h = await startBotHarness();
    await makeReachable(h.t.app, h.connector, Object.values(P));
  }, 60_000);
  afterAll(async () => h?.close());
  beforeEach(async () => {
    h.clock.set(NOW);
    const db = h.t.app.database.db as any;
    for (const table of ['call_in_steps', 'call_ins', 'absence_requests']) await sql`DELETE FROM ${sql.table(table)}`.execute(db);
    await sql`DELETE FROM attendance`.execute(db);
  });

  it('a denied förhinder records nothing, calls in nobody and tells no secretary', async () => {
    const before = { sara: sentTo(P.sara).length, eva: sentTo(P.eva).length, emil: sentTo(P.emil).length };
    for (const text of ['Jag har inte förhinder den 14/3', 'Nej, jag kommer', 'I can make it on Friday', 'Jag har inget förhinder på fredag', 'jag har inte förhinder 14.3']) {
      const replies = await say(P.anna, text);
      expect(replies, text).toHaveLength(1);
      const said = texts(replies[0]).join(' ');
      expect(said, text).toMatch(/Inget förhinder är noterat|inget förhinder är noterat|No absence is recorded/);
      expect(JSON.stringify(replies[0]), text).not.toContain('absence.undo');
      expect(JSON.stringify(replies[0]), text).not.toContain('absence.choose_meeting');
    }
    expect(await attendanceOf(P.anna)).toHaveLength(0);
    expect(await chainsFor(P.anna)).toHaveLength(0);
    expect(await h.t.app.store.read.absenceRequests.findBy({ personId: P.anna.id })).toHaveLength(0);
    expect(sentTo(P.sara).length).toBe(before.sara);
    expect(sentTo(P.eva).length).toBe(before.eva);
    expect(sentTo(P.emil).length).toBe(before.emil);
  });

  it('a question card never records what the member did not say: "Nej, det stämmer inte" records nothing and says so', async () => {
    for (const text of ['Jag har förhinder', 'Jag kanske inte kan komma på fredag', 'Förhinder den 21 mars']) {
      const [q] = await say(P.anna, text);
      const said = texts(q);
      // The question is the bot's; "Du skrev:" quotes only the member.
      expect(said.filter((t) => t.startsWith('Du skrev:'))).toEqual([`Du skrev: ${text}`]);
      const answer = await press(P.anna, q!, (a) => a.verb === 'absence.decline');
      expect(texts(answer).join(' ')).toContain('inget är noterat');
    }
    expect(await attendanceOf(P.anna)).toHaveLength(0);
    expect(await chainsFor(P.anna)).toHaveLength(0);
    expect((await h.t.app.store.read.absenceRequests.findBy({ personId: P.anna.id })).map((r) => r.status)).toEqual(['declined', 'declined', 'declined']);
  });

  it('a time outside the meeting is said back with nothing recorded and no button that would record it', async () => {
    const [reply] = await say(P.anna, 'Ansluter kl. 14 på fredag');
    expect(texts(reply)).toEqual(['Tiden du angav ligger utanför mötet Specifika samverkansrådet för folkhälsa, fredag 14 mars 2025 kl. 09.00. Inget är noterat; skriv gärna igen med rätt tid.']);
    expect(JSON.stringify(reply)).not.toContain('Action.Execute');
    expect(await attendanceOf(P.anna)).toHaveLength(0);
  });

  it('a denial of a förhinder on record asks before withdrawing it; "Nej" keeps it, "Ja" withdraws', async () => {
    await say(P.anna, 'Kan inte komma på fredag');
    expect((await attendanceOf(P.anna)).map((a) => [a.meetingId, a.state])).toEqual([['R1', 'förhinder']]);
    const [q1] = await say(P.anna, 'Jag har inte förhinder på fredag');
    expect(texts(q1).join(' ')).toContain('Du har ett förhinder anmält för Specifika samverkansrådet för folkhälsa, fredag 14 mars 2025 kl. 09.00. Vill du ta bort det?');
    await press(P.anna, q1!, (a) => a.verb === 'absence.decline');
    expect((await attendanceOf(P.anna))[0]!.state).toBe('förhinder');
    const [q2] = await say(P.anna, 'Jag har inte förhinder på fredag');
    const done = await press(P.anna, q2!, (a) => a.verb === 'absence.choose_meeting' && a.title === 'Ja, ta bort förhindret');
    expect(texts(done).join(' ')).toContain('Förhindret för Specifika samverkansrådet för folkhälsa, fredag 14 mars 2025 kl. 09.00 är borttaget');
    expect((await attendanceOf(P.anna))[0]!.state).toBe('expected');
  });

  it('messages written days before they are processed are read as of when they were written', async () => {
    // Written Friday 7 March, processed Wednesday 12 March: "på fredag" is 14 March, and Eva is called in.
    const [card] = await say(P.anna, 'Kan inte komma på fredag', { writtenAt: '2025-03-07T09:00:00.000Z' });
    expect((await attendanceOf(P.anna)).map((a) => [a.meetingId, a.state])).toEqual([['R1', 'förhinder']]);
    expect((await chainsFor(P.anna)).map((c) => c.status)).toEqual(['open']);
    const evaAsked = JSON.stringify(cardOf(sentTo(P.eva).at(-1)!.activity));

    // Written 7 March about "14/3", processed 15 March after the meeting: still 14 March 2025 (not 2026),
    // noted as given in time, nobody called in, the secretary told.
    await sql`DELETE FROM call_in_steps`.execute(h.t.app.database.db as any);
    await sql`DELETE FROM call_ins`.execute(h.t.app.database.db as any);
    await sql`DELETE FROM attendance`.execute(h.t.app.database.db as any);
    h.clock.set('2025-03-15T09:00:00.000Z');
    const sara = sentTo(P.sara).length;
    const eva = sentTo(P.eva).length;
    const [late] = await say(P.anna, 'Förhinder 14/3', { writtenAt: '2025-03-07T09:00:00.000Z' });
    expect((await attendanceOf(P.anna)).map((a) => [a.meetingId, a.state])).toEqual([['R1', 'förhinder']]);
    expect(texts(late)).toContain('Mötet har redan hållits, så ingen ersättare kallas in.');
    expect(await chainsFor(P.anna)).toHaveLength(0);
    expect(sentTo(P.eva).length).toBe(eva);
    expect(sentTo(P.sara).length).toBe(sara + 1);

    // "imorgon" written Wednesday noon, processed Thursday evening: Thursday's meeting (C0), not Friday's.
    await sql`DELETE FROM attendance`.execute(h.t.app.database.db as any);
    h.clock.set('2025-03-13T20:00:00.000Z');
    await say(P.anna, 'Förhinder imorgon', { writtenAt: '2025-03-12T11:00:00.000Z' });
    expect((await attendanceOf(P.anna)).map((a) => a.meetingId)).toEqual(['C0']);
    // "imorgon" is the sender's own tomorrow (Teams' localTimestamp): written 23.30 UTC on Thursday 13 March,
    // it is Friday 14 March for a sender in London but Saturday 15 March for one in Stockholm.
    await sql`DELETE FROM attendance`.execute(h.t.app.database.db as any);
    h.clock.set('2025-03-13T23:35:00.000Z');
    await say(P.anna, 'Förhinder imorgon', { writtenAt: '2025-03-13T23:30:00.000Z', utcOffsetMinutes: 0 });
    expect((await attendanceOf(P.anna)).map((a) => a.meetingId)).toEqual(['R1']);
    await sql`DELETE FROM attendance`.execute(h.t.app.database.db as any);
    const [q] = await say(P.anna, 'Förhinder imorgon', { writtenAt: '2025-03-13T23:30:00.000Z', utcOffsetMinutes: 60 });
    expect(await attendanceOf(P.anna)).toHaveLength(0);
    expect(texts(q)[0]).toBe('Jag hittar inget av dina möten den 15 mars 2025. Vilket möte menar du?');
    // The wording of the first confirmation and call-in.
    expect(texts(card)[0]).toBe('Förhinder noterat för Anna Ledamot: Specifika samverkansrådet för folkhälsa, fredag 14 mars 2025 kl. 09.00.');
    expect(evaAsked).toContain('Du är inkallad att tjänstgöra som ersättare för Anna Ledamot');
  });

  it('partial attendance is stored as partial with its times and items, and confirmed as partial', async () => {
    const sara = sentTo(P.sara).length;
    const [card] = await say(P.anna, 'Kommer 10.30 på fredag, måste gå 11.45');
    const [a] = await attendanceOf(P.anna);
    expect(a).toMatchObject({ meetingId: 'R1', state: 'expected', partOfMeeting: true, arrivesAt: '2025-03-14T09:30:00.000Z', leavesAt: '2025-03-14T10:45:00.000Z' });
    expect(texts(card)[0]).toBe('Delvis närvaro noterad för Anna Ledamot: Specifika samverkansrådet för folkhälsa, fredag 14 mars 2025 kl. 09.00.');
    expect(texts(card)).toContain('Delvis närvaro: ansluter kl. 10.30, går kl. 11.45');
    expect(await chainsFor(P.anna)).toHaveLength(0);
    const notice = texts(cardOf(sentTo(P.sara).at(-1)!.activity)).join('\n');
    expect(sentTo(P.sara).length).toBe(sara + 1);
    expect(notice).toContain('Anna Ledamot: Delvis närvaro noterad för Specifika samverkansrådet för folkhälsa, fredag 14 mars 2025 kl. 09.00: ansluter kl. 10.30, går kl. 11.45.');

    await say(P.anna, 'Deltar punkt 2–5 på fredag');
    expect((await attendanceOf(P.anna))[0]).toMatchObject({ itemRange: { from: 2, to: 5 }, partOfMeeting: true });
  });

  it('several meetings in one message are all recorded, or all offered with "Båda mötena"', async () => {
    const cards = await say(P.anna, 'Förhinder 16/5 och 20/5');
    expect(cards).toHaveLength(2);
    expect((await attendanceOf(P.anna)).map((a) => a.meetingId).sort()).toEqual(['C3', 'R3']);
    await sql`DELETE FROM attendance`.execute(h.t.app.database.db as any);
    const [q] = await say(P.anna, 'Förhinder den 21 mars');
    expect(await attendanceOf(P.anna)).toHaveLength(0);
    await press(P.anna, q!, (a) => a.verb === 'absence.choose_all' && a.title === 'Båda mötena');
    expect((await attendanceOf(P.anna)).map((a) => [a.meetingId, a.state]).sort()).toEqual([['C1', 'förhinder'], ['R2', 'förhinder']]);
  });

  it('replies in the language the member wrote in, whatever the client locale', async () => {
    const [en] = await say(P.anna, "Sorry, I can't attend on Friday", { locale: 'sv-SE' });
    expect(texts(en)[0]).toBe('Absence recorded for Anna Ledamot: Specifika samverkansrådet för folkhälsa, Friday, 14 March 2025 at 09:00.');
    const [sv] = await say(P.anna, 'Kan inte komma imorgon', { locale: 'en-GB' });
    expect(texts(sv)[0]).toBe('Förhinder noterat för Anna Ledamot: Chefsgrupp folkhälsa, torsdag 13 mars 2025 kl. 13.00.');
  });

  it('a forwarded e-mail is not read as the forwarder’s own absence', async () => {
    const sara = sentTo(P.sara).length;
    const [reply] = await say(P.nils, 'Vidarebefordrat meddelande\nFrån: Anna Ledamot <p-anna@kumla.example>\nSkickat: den 10 mars 2025 08:12\nÄmne: Förhinder\n\nJag kan inte komma på fredag.');
    expect(texts(reply).join(' ')).toContain('Det här ser ut att vara ett vidarebefordrat meddelande från Anna Ledamot');
    expect(await attendanceOf(P.nils)).toHaveLength(0);
    expect(await attendanceOf(P.anna)).toHaveLength(0);
    expect(sentTo(P.sara).length).toBe(sara);
  });

  it('withdrawal notices to the ersättare and the secretary name the meeting; the bot’s own words are never escaped', async () => {
    await say(P.anna, 'Kan inte komma på fredag');
    const ask = cardOf(sentTo(P.eva).at(-1)!.activity) as Card;
    expect(texts(ask).slice(0, 2)).toEqual(['Du är inkallad att tjänstgöra som ersättare för Anna Ledamot', 'Specifika samverkansrådet för folkhälsa, fredag 14 mars 2025 kl. 09.00. Kan du tjänstgöra?']);
    await press(P.eva, ask, (a) => a.verb === 'callin.answer' && a.data.answer === 'ja');
    const sara = sentTo(P.sara).length;
    await say(P.anna, 'Jag kan ändå komma på fredag');
    expect(String(sentTo(P.eva).at(-1)!.activity.text)).toBe(
      'Anna Ledamot kan komma till Specifika samverkansrådet för folkhälsa, fredag 14 mars 2025 kl. 09.00 ändå, så du behöver inte tjänstgöra som ersättare där. Tack!',
    );
    const notices = sentTo(P.sara).slice(sara).map((s) => texts(cardOf(s.activity)).join('\n'));
    expect(notices.some((t) => t.includes('Anna Ledamot kan komma ändå: Specifika samverkansrådet för folkhälsa, fredag 14 mars 2025 kl. 09.00'))).toBe(true);
    // Every card the bot sent in these flows: no Markdown escape in the bot's own words ("Hej\!", "kl\. 09").
    const all = h.connector.sent.map((s) => cardOf(s.activity)).filter(Boolean);
    for (const card of all) for (const t of texts(card)) if (!t.startsWith('Du skrev:') && !/Vidarebefordrat|Från:/.test(t)) expect(t).not.toMatch(/\\[!.()?:,]/);
    // One time format in Swedish cards.
    for (const card of all) for (const t of texts(card)) if (/\bkl\b/.test(t)) expect(t).toMatch(/kl\. \d{2}\.\d{2}/);
  });
});
