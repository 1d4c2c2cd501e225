/**
 * Förhinder phrasings sent over HTTP as Teams 1:1 messages to the running server (fixed "now": Wednesday
 * 12 March 2025 09.00 Stockholm), by Anna who sits on two bodies. Each row states the expected outcome in
 * the store and in the reply the connector receives: recorded (förhinder or partial), withdrawn, a question
 * card with NO record, or "not understood" with no record.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalConversationId, personalMessage } from '../../kit/activities';
import { BOT_APP_ID, P, cardOf, makeReachable, startBotHarness, type BotHarness } from './bot-fixture';

type Expect =
  | { kind: 'absence'; meetingId: string; partial?: { itemRange?: { from: number; to: number } }; substitute?: string; also?: string[] }
  | { kind: 'withdrawal'; meetingId: string; before: string }
  | { kind: 'question'; options: string[] }
  | { kind: 'not_understood' };

interface Row {
  text: string;
  quoted?: boolean;
  en?: boolean;
  expect: Expect;
}

const ROWS: Row[] = [
  // Quoted in the issue.
  { quoted: true, text: 'Jag har förhinder 16/5', expect: { kind: 'absence', meetingId: 'C3' } },
  { quoted: true, text: 'Förhinder den 21 mars', expect: { kind: 'question', options: ['C1', 'R2'] } },
  { quoted: true, text: 'Kan inte komma på fredag', expect: { kind: 'absence', meetingId: 'R1' } },
  { quoted: true, text: 'Jag kan inte komma imorgon', expect: { kind: 'absence', meetingId: 'C0' } },
  { quoted: true, text: 'Förhinder till nästa möte', expect: { kind: 'question', options: ['C0', 'R1'] } },
  { quoted: true, text: 'Jag har förhinder på mötet i maj', expect: { kind: 'question', options: ['C3', 'R3'] } },
  { quoted: true, text: 'Kan bara vara med på punkt 1–5 på fredag', expect: { kind: 'absence', meetingId: 'R1', partial: { itemRange: { from: 1, to: 5 } } } },
  { quoted: true, text: 'Ansluter kl 10.30 på fredag', expect: { kind: 'absence', meetingId: 'R1', partial: {} } },
  { quoted: true, text: 'Måste gå 11 på fredag', expect: { kind: 'absence', meetingId: 'R1', partial: {} } },
  { quoted: true, text: 'Jag kan ändå komma på fredag', expect: { kind: 'withdrawal', meetingId: 'R1', before: 'R1' } },
  { quoted: true, text: 'Förhinder på fredag, Erik König går in för mig', expect: { kind: 'absence', meetingId: 'R1', substitute: 'Erik König' } },
  { quoted: true, text: 'forhinder pa fredag', expect: { kind: 'absence', meetingId: 'R1' } },
  { quoted: true, text: 'kan ej 16/5', expect: { kind: 'absence', meetingId: 'C3' } },
  { quoted: true, text: 'Förhinder idag', expect: { kind: 'question', options: ['C0', 'R1'] } },
  // Not quoted in the issue.
  { text: 'Sitter fast i annat möte den 21/3, kan inte delta', expect: { kind: 'question', options: ['C1', 'R2'] } },
  { text: 'Sitter fast i annat möte den 21/3 kl 13, kan inte delta', expect: { kind: 'absence', meetingId: 'R2' } },
  { text: 'Jag är bortrest hela vecka 13', expect: { kind: 'absence', meetingId: 'C2' } },
  // "hela vecka 12": both meetings that week are recorded, each confirmed with its own card.
  { text: 'Jag är bortrest hela vecka 12', expect: { kind: 'absence', meetingId: 'C1', also: ['R2'] } },
  { text: 'Kommer bli sen på fredag', expect: { kind: 'absence', meetingId: 'R1', partial: {} } },
  { text: 'Är sjuk, kan inte komma till chefsgruppen imorgon', expect: { kind: 'absence', meetingId: 'C0' } },
  { text: 'Tyvärr förhindrad att delta i folkhälsorådet den 9/4', expect: { kind: 'absence', meetingId: 'R4' } },
  { text: 'Lämnar återbud till rådets möte i maj', expect: { kind: 'absence', meetingId: 'R3' } },
  { text: 'Förhinder majmötet för chefsgruppen', expect: { kind: 'absence', meetingId: 'C3' } },
  { text: 'Jag kan inte den 21 mars kl 13', expect: { kind: 'absence', meetingId: 'R2' } },
  { text: 'Kan inte komma på torsdag', expect: { kind: 'absence', meetingId: 'C0' } },
  { text: 'Förhinder vecka 14', expect: { kind: 'question', options: ['R4', 'C3'] } },
  { text: 'Jag har förhinder', expect: { kind: 'question', options: ['C0', 'R1'] } },
  { text: 'Jag kanske inte kan komma på fredag', expect: { kind: 'question', options: ['R1'] } },
  { text: 'Kan jag anmäla förhinder på fredag?', expect: { kind: 'question', options: ['R1'] } },
  { text: 'Förhinder 16/5, min ersättare blir Okänd Person', expect: { kind: 'absence', meetingId: 'C3', substitute: 'Okänd Person' } },
  { text: 'Förhindret gäller inte längre, jag kommer på fredag', expect: { kind: 'withdrawal', meetingId: 'R1', before: 'R1' } },
  { text: 'Jag kan ändå komma', expect: { kind: 'withdrawal', meetingId: 'R2', before: 'R2' } },
  { text: 'Tar tillbaka mitt förhinder för den 9/4', expect: { kind: 'withdrawal', meetingId: 'R4', before: 'R4' } },
  { text: 'Kan inte delta i chefsgruppens nästa möte', expect: { kind: 'absence', meetingId: 'C0' } },
  { text: 'Chefsgruppen 21/3: förhinder', expect: { kind: 'absence', meetingId: 'C1' } },
  { text: 'Deltar bara i p. 3-4 på fredag', expect: { kind: 'absence', meetingId: 'R1', partial: { itemRange: { from: 3, to: 4 } } } },
  { text: 'Förhinder nästa fredag i chefsgruppen', expect: { kind: 'absence', meetingId: 'C1' } },
  { text: 'Har inte möjlighet att delta på mötet i april', expect: { kind: 'absence', meetingId: 'R4' } },
  { text: 'Kan int komma pa fredag', expect: { kind: 'absence', meetingId: 'R1' } },
  { text: 'kan inet komma till radet 9/4', expect: { kind: 'absence', meetingId: 'R4' } },
  { text: 'franvarande vecka 13', expect: { kind: 'absence', meetingId: 'C2' } },
  // English.
  { en: true, text: "I can't attend on Friday", expect: { kind: 'absence', meetingId: 'R1' } },
  { en: true, text: "Apologies, I won't make it to the next meeting", expect: { kind: 'question', options: ['C0', 'R1'] } },
  { en: true, text: "I'm sick tomorrow, unable to attend", expect: { kind: 'absence', meetingId: 'C0' } },
  { en: true, text: 'I can make it after all on Friday', expect: { kind: 'withdrawal', meetingId: 'R1', before: 'R1' } },
  { en: true, text: 'Only items 1 to 5 on Friday for me', expect: { kind: 'absence', meetingId: 'R1', partial: { itemRange: { from: 1, to: 5 } } } },
  { en: true, text: 'I might not be able to attend on Friday', expect: { kind: 'question', options: ['R1'] } },
  // Chit-chat.
  { text: 'hej', expect: { kind: 'not_understood' } },
  { text: 'Vad står på dagordningen på fredag?', expect: { kind: 'not_understood' } },
  { en: true, text: 'Thanks, see you on Friday', expect: { kind: 'not_understood' } },
];

describe('förhinder phrasings over HTTP (1:1 chat, two bodies, fixed now)', () => {
  let h: BotHarness;
  let n = 0;
  const conv = personalConversationId(BOT_APP_ID, P.anna.user);
  const latencies: number[] = [];

  beforeAll(async () => {
    h = await startBotHarness();
    await makeReachable(h.t.app, h.connector, [P.anna]);
    // Warm up (first parse loads chrono's locales) so the latencies below are the steady state.
    await h.deliver(personalMessage({ ...h.base(P.nils, { id: 'warm-up' }), text: 'hej' }));
    await h.drain();
  }, 60_000);
  afterAll(async () => h?.close());

  it('has at least 40 rows, at least 10 not quoted in the issue, every outcome kind, both languages', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
    expect(ROWS.filter((r) => !r.quoted).length).toBeGreaterThanOrEqual(10);
    expect(ROWS.filter((r) => r.en).length).toBeGreaterThanOrEqual(5);
    for (const k of ['absence', 'withdrawal', 'question', 'not_understood']) expect(ROWS.some((r) => r.expect.kind === k)).toBe(true);
  });

  it.each(ROWS.map((r) => [r.text, r] as const))('%j', async (_t, row) => {
    const db = h.t.app.database.db as any;
    // Setup per row: Anna starts with no attendance, no chains and no open questions (or one förhinder to withdraw).
    await sql`DELETE FROM call_ins WHERE absent_person_id = ${P.anna.id}`.execute(db);
    await sql`DELETE FROM attendance WHERE person_id = ${P.anna.id}`.execute(db);
    await sql`DELETE FROM absence_requests WHERE person_id = ${P.anna.id}`.execute(db);
    if (row.expect.kind === 'withdrawal')
      await h.t.app.store.read.attendance.insert({ id: `seed-${(n += 1)}`, tenantId: h.t.app.store.tenantId, meetingId: row.expect.before, personId: P.anna.id, bodyId: null, state: 'förhinder', source: 'chat', replacesPersonId: null, itemRange: null, partOfMeeting: false, note: null, unclassifiedGuest: false, updatedAt: new Date().toISOString(), updatedBy: null, version: 1 });
    const before = h.connector.count((s) => s.conversationId === conv);
    const started = Date.now();
    const res = await h.deliver(personalMessage({ ...h.base(P.anna, { id: `phr-${(n += 1)}`, locale: row.en ? 'en-GB' : 'sv-SE' }), text: row.text }));
    expect(res.status).toBe(200);
    latencies.push(Date.now() - started);
    await h.drain();
    const replies = h.connector.sent.filter((s) => s.conversationId === conv).slice(before);
    expect(replies).toHaveLength(1 + (row.expect.kind === 'absence' ? (row.expect.also?.length ?? 0) : 0));
    const card = cardOf(replies[0]!.activity);
    const cardJson = JSON.stringify(card ?? replies[0]!.activity);
    const attendance = await h.t.app.store.read.attendance.findBy({ personId: P.anna.id });
    const requests = await h.t.app.store.read.absenceRequests.findBy({ personId: P.anna.id });
    const e = row.expect;
    switch (e.kind) {
      case 'absence': {
        expect(attendance.map((a) => a.meetingId).sort()).toEqual([e.meetingId, ...(e.also ?? [])].sort());
        // The first reply confirms the first meeting named (one card per meeting).
        const a = attendance.find((x) => x.meetingId === e.meetingId)!;
        if (e.partial) {
          expect(a.state).toBe('expected');
          expect(a.partOfMeeting).toBe(true);
          if (e.partial.itemRange) expect(a.itemRange).toEqual(e.partial.itemRange);
        } else expect(a.state).toBe('förhinder');
        // The confirmation card has "Ångra" bound to this record.
        expect(cardJson).toContain('absence.undo');
        expect(cardJson).toContain(a.id);
        if (e.substitute) expect(cardJson).toContain(e.substitute);
        expect(requests).toHaveLength(0);
        break;
      }
      case 'withdrawal':
        expect(attendance.map((a) => [a.meetingId, a.state])).toEqual([[e.meetingId, 'expected']]);
        expect(cardJson).not.toContain('absence.undo');
        break;
      case 'question':
        // Never a silent guess: nothing recorded, one open question with exactly the offered meetings.
        expect(attendance).toHaveLength(0);
        expect(requests).toHaveLength(1);
        expect(requests[0]!.candidateMeetingIds).toEqual(e.options);
        expect(cardJson).toContain('absence.choose_meeting');
        for (const id of e.options) expect(cardJson).toContain(`"meetingId":"${id}"`);
        break;
      case 'not_understood':
        expect(attendance).toHaveLength(0);
        expect(requests).toHaveLength(0);
        expect(cardJson).not.toContain('absence.undo');
        expect(cardJson).not.toContain('absence.choose_meeting');
        break;
    }
  });

  it('answers Teams well within 2 s (the reply goes out as a job): median under 1 s, every one under 2 s on a quiet machine', () => {
    expect(latencies.length).toBe(ROWS.length);
    const sorted = [...latencies].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]!).toBeLessThan(1000);
    // Under a loaded CI machine single outliers happen; the platform retries only after 5 s.
    expect(sorted.at(-1)!).toBeLessThan(process.env.CI ? 5000 : 2000);
  });
});
