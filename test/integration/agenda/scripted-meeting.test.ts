/**
 * A whole meeting over HTTP activities, as the Teams client sends them: the chair runs a 14-item agenda
 * from the cards the bot posts in the meeting chat, the secretary confirms every decision from her own view
 * (fetched through the card's refresh), one-tap standard decisions, jäv, an open vote with a reservation, a
 * postponed matter, two follow-up tasks, a chair handover at item 11 and the evaluation at the end. Then the
 * stored result is checked, and the next meeting's agenda carries the postponed matter and the open tasks.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { startBotConnector, type BotConnector } from '../../kit/bot-connector';
import { buildMinutesModel } from '../../../shared/minutes/build-minutes-model';
import { ADMIN_EMAIL, planMeeting, recordAttendance, seedCouncil, type Council, type PlannedMeeting } from './fixture';
import { actionOf, cardText, isErrorCard, TeamsClient, type Card } from './teams-client';
import { validateCard } from '../../../bot/teams/cards/validate-card';

let t: TestApp;
let connector: BotConnector;
let council: Council;
let meeting: PlannedMeeting;
let client: TeamsClient;

beforeAll(async () => {
  connector = await startBotConnector();
  t = await startTestApp();
  council = await seedCouncil(t);
  meeting = await planMeeting(t, council, '2026-03-20T08:00:00.000Z');
  await recordAttendance(t, council, meeting.meetingId);
  const chat = { chatId: `19:meeting_${randomUUID()}@thread.v2`, teamsMeetingId: `MCMeeting-${randomUUID()}` };
  client = new TeamsClient(t.url, connector, chat);
  const p = council.people;
  await client.install([p.secretary.teams, p.chair.teams, p.viceChair.teams, p.ledamot.teams, p.servingErsattare.teams, ...council.ledamoter.map((l) => l.teams)]);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await connector?.close();
});

const store = () => t.app.store.read;

async function itemByNumber(n: number) {
  const [item] = (await store().agendaItems.findBy({ meetingId: meeting.meetingId, number: n }));
  return item!;
}

/** The item card for item n as the chair sees it (the chat shows it; the chair's view comes by refresh). */
async function chairItemCard(n: number): Promise<Card> {
  const item = await itemByNumber(n);
  return client.invoke(council.people.chair.teams, 'refresh', { cardId: `item:${item.id}`, cardKind: 'item', entityId: item.id });
}

/** The latest decision on item n, through the secretary's refreshed view of the posted decision card. */
async function secretaryConfirms(n: number, expectedText?: string): Promise<void> {
  const item = await itemByNumber(n);
  const decisions = await store().decisions.findBy({ itemId: item.id }, 'proposedAt');
  const d = decisions[decisions.length - 1]!;
  const posted = await client.waitForPosted(1, (c) => c.refresh?.action.data.entityId === d.id && c.refresh.action.data.cardKind === 'decision');
  // The message in the chat is read-only; the secretary's own view has Bekräfta / Ändra.
  expect(actionsVerbs(posted[0]!)).toEqual([]);
  const mine = await client.refresh(council.people.secretary.teams, posted[0]!);
  if (expectedText) expect(cardText(mine)).toContain(expectedText.replace(/\./g, ''));
  const confirmed = await client.press(council.people.secretary.teams, mine, 'decision.confirm');
  expect(cardText(confirmed)).toContain('Bekräftat av Sara Sekreterare');
}

const actionsVerbs = (c: Card) => [...(c.actions ?? []), ...c.body.flatMap((b) => ((b as { actions?: unknown[] }).actions ?? []))].map((a) => (a as { verb: string }).verb);

async function standard(n: number, key: string, as = council.people.chair.teams, inputs: Record<string, unknown> = {}): Promise<void> {
  const std = await client.waitForPosted(1, (c) => actionsVerbs(c).includes('decision.standard') && c.body.some((b) => String(b.text).includes(`punkt ${n}:`)));
  await client.press(as, std[std.length - 1]!, 'decision.standard', inputs, (d) => d.standardKey === key);
}

async function start(n: number, as = council.people.chair.teams): Promise<Card> {
  const card = await client.invoke(as, 'refresh', { cardId: `item:${(await itemByNumber(n)).id}`, cardKind: 'item', entityId: (await itemByNumber(n)).id });
  return client.press(as, card, 'item.start');
}

async function finish(n: number, as = council.people.chair.teams): Promise<Card> {
  const card = await client.invoke(as, 'refresh', { cardId: `item:${(await itemByNumber(n)).id}`, cardKind: 'item', entityId: (await itemByNumber(n)).id });
  return client.press(as, card, 'item.finish');
}

describe('a scripted 14-item meeting over Teams activities', () => {
  it('runs the whole agenda from the cards and stores every decision with its confirmer', async () => {
    const p = council.people;
    expect(meeting.items).toHaveLength(14);

    // 1. Mötet öppnas
    const opened = await start(1);
    expect(cardText(opened)).toContain('Pågår');
    await finish(1);
    // Finishing posts the next item's card in the chat.
    await client.waitForPosted(1, (c) => c.refresh?.action.data.entityId === meeting.items[1]!.id);

    // 2. Fastställande av dagordning: one tap, confirmed word for word.
    await start(2);
    await standard(2, 'agenda_approved');
    await secretaryConfirms(2, 'Dagordningen fastställs.');
    await finish(2);

    // 3. Val av justerare among those present → the meeting's justerare.
    await start(3);
    await standard(3, 'justerare_elected', p.chair.teams, { justerarePersonIds: `${p.ledamot.id},${council.ledamoter[1]!.id}` });
    await secretaryConfirms(3, 'Till justerare väljs');
    await finish(3);

    // 4. Föregående protokoll
    await start(4);
    await standard(4, 'minutes_filed');
    await secretaryConfirms(4, 'Protokollet läggs till handlingarna.');
    await finish(4);

    // 5. Information: noted, and the first follow-up task from the posted task form.
    await start(5);
    await standard(5, 'information_noted');
    await secretaryConfirms(5, 'Informationen noteras.');
    const taskForms = await client.waitForPosted(1, (c) => actionsVerbs(c).includes('task.create'));
    const form5 = taskForms[taskForms.length - 1]!;
    await client.press(p.secretary.teams, form5, 'task.create', { taskText: 'Ingmar undersöker statistiken för länsdelen', taskOwnerPersonId: p.ledamot.id, taskDueDate: '2026-04-15' });
    await finish(5);

    // 6. Beslut with jäv, a proposal, an open vote and a reservation.
    await start(6);
    const recusalCards = await client.waitForPosted(1, (c) => actionsVerbs(c).includes('recusal.add'));
    await client.press(p.secretary.teams, recusalCards[recusalCards.length - 1]!, 'recusal.add', { recusalPersonId: council.ledamoter[0]!.id, recusalNote: 'Anställd i projektet' });
    const chair6 = await chairItemCard(6);
    await client.press(p.chair.teams, chair6, 'decision.propose', { decisionText: 'Samverkansrådet antar handlingsplanen för folkhälsa 2025.' });
    const item6 = await itemByNumber(6);
    const [d6] = await store().decisions.findBy({ itemId: item6.id });
    const posted6 = await client.waitForPosted(1, (c) => c.refresh?.action.data.entityId === d6!.id && c.refresh.action.data.cardKind === 'decision');
    const chairDecisionView = await client.refresh(p.chair.teams, posted6[0]!);
    await client.press(p.chair.teams, chairDecisionView, 'vote.open', { voteQuestion: 'Bifall till handlingsplanen' });
    const voteCards = await client.waitForPosted(1, (c) => c.refresh?.action.data.cardKind === 'vote' && c.refresh.action.data.entityId === d6!.id);
    const votePosted = voteCards[0]!;
    const voters: Array<[typeof p.chair, string]> = [
      [p.chair, 'ja'],
      [p.viceChair, 'ja'],
      [p.ledamot, 'nej'],
      [p.servingErsattare, 'ja'],
      [council.ledamoter[1]!, 'ja'],
      [council.ledamoter[2]!, 'avstår'],
      [council.ledamoter[3]!, 'nej'],
    ];
    for (const [person, choice] of voters) {
      const view = await client.refresh(person.teams, votePosted);
      await client.press(person.teams, view, 'vote.cast', {}, (d) => d.choice === choice);
    }
    // The recused ledamot and the ersättare who serves for no one get no buttons, and a forged press is refused.
    const recusedView = await client.refresh(council.ledamoter[0]!.teams, votePosted);
    expect(actionsVerbs(recusedView)).not.toContain('vote.cast');
    const forged = await client.invoke(council.ledamoter[0]!.teams, 'vote.cast', { cardId: `vote:${d6!.id}`, decisionId: d6!.id, choice: 'ja' });
    expect(isErrorCard(forged)).toBe(true);
    expect(cardText(forged)).toContain('tjänstgörande');
    const closeView = await client.refresh(p.chair.teams, votePosted);
    const closed = await client.press(p.chair.teams, closeView, 'vote.close');
    expect(cardText(closed)).toContain('Resultat: bifall');
    const reservationPrompt = await client.waitForPosted(1, (c) => actionsVerbs(c).includes('reservation.add'));
    const reserved = await client.press(p.ledamot.teams, reservationPrompt[0]!, 'reservation.add', { reservationText: 'Planen saknar finansiering.' });
    expect(cardText(reserved)).toContain('Jari Mehtäläinen reserverar sig');
    await secretaryConfirms(6, 'Samverkansrådet antar handlingsplanen');
    await finish(6);

    // 7. A postponed matter.
    await start(7);
    await standard(7, 'postponed');
    await secretaryConfirms(7, 'Beslutet skjuts upp till nästa möte.');
    await finish(7);
    expect((await itemByNumber(7)).status).toBe('postponed');

    // 8. Workshop: a free-text decision and the second task (owner not on the roster).
    await start(8);
    await client.press(p.chair.teams, await chairItemCard(8), 'decision.propose', { decisionText: 'Rådet ger arbetsgruppen i uppdrag att sammanfatta workshopen.' });
    const forms8 = await client.waitForPosted(2, (c) => actionsVerbs(c).includes('task.create'));
    await client.press(p.chair.teams, forms8[forms8.length - 1]!, 'task.create', { taskText: 'Linnea gör en doodle för nästa workshop', taskOwnerName: 'Linnea Berg' });
    await secretaryConfirms(8);
    await finish(8);

    // 9. The secretary changes the proposed words before confirming (Ändra, then Bekräfta).
    await start(9);
    await client.press(p.chair.teams, await chairItemCard(9), 'decision.propose', { decisionText: 'Rådet utser Siw till representant' });
    const item9 = await itemByNumber(9);
    const [d9] = await store().decisions.findBy({ itemId: item9.id });
    const posted9 = await client.waitForPosted(1, (c) => c.refresh?.action.data.entityId === d9!.id);
    const secView9 = await client.refresh(p.secretary.teams, posted9[0]!);
    const edited = await client.press(p.secretary.teams, secView9, 'decision.edit', { decisionText: 'Rådet utser Siw Lunander till representant i länsgruppen.' });
    await client.press(p.secretary.teams, edited, 'decision.confirm');
    await finish(9);

    // 10. Information noted.
    await start(10);
    await standard(10, 'information_noted');
    await secretaryConfirms(10);
    await finish(10);

    // 11. The chair hands over to the vice chair from item 11 on; the former chair can no longer run the agenda.
    const handoverCards = await client.waitForPosted(1, (c) => actionsVerbs(c).includes('chair.handover'));
    // The handover card posted when the meeting opened is still good: only another handover makes it stale.
    await client.press(p.chair.teams, handoverCards[0]!, 'chair.handover', { handoverPersonId: p.viceChair.id, handoverFromItem: '11', handoverToItem: '' });
    // Pressed again after that handover, the same card is stale (the secretary may hand over, so it is not a refusal);
    // the former chair is refused outright: from item 11 the vice chair chairs.
    const stale = await client.invoke(p.secretary.teams, 'chair.handover', { ...actionOf(handoverCards[0]!, 'chair.handover').data, handoverPersonId: p.ledamot.id, handoverFromItem: '12' });
    expect(cardText(stale)).toMatch(/CONFLICT\\*_STALE/);
    const formerChair = await client.invoke(p.chair.teams, 'chair.handover', { ...actionOf(handoverCards[0]!, 'chair.handover').data, version: 2, handoverPersonId: p.chair.id, handoverFromItem: '12' });
    expect(cardText(formerChair)).toContain('FORBIDDEN');
    const item11 = await itemByNumber(11);
    const refused = await client.invoke(p.chair.teams, 'item.start', { cardId: `item:${item11.id}`, meetingId: meeting.meetingId, itemId: item11.id, version: item11.version });
    expect(isErrorCard(refused)).toBe(true);
    expect(cardText(refused)).toContain('mötesordföranden eller sekreteraren');
    await start(11, p.viceChair.teams);
    await standard(11, 'information_noted', p.viceChair.teams);
    await secretaryConfirms(11);
    await finish(11, p.viceChair.teams);

    // 12. Övriga frågor
    await start(12, p.viceChair.teams);
    const vice12 = await client.invoke(p.viceChair.teams, 'refresh', { cardId: `item:${(await itemByNumber(12)).id}`, cardKind: 'item', entityId: (await itemByNumber(12)).id });
    await client.press(p.viceChair.teams, vice12, 'decision.propose', { decisionText: 'Inga övriga frågor anmäldes.' });
    await secretaryConfirms(12);
    await finish(12, p.viceChair.teams);

    // 13. Kommande möten: no decision.
    await start(13, p.viceChair.teams);
    await finish(13, p.viceChair.teams);

    // 14. Mötet avslutas: the evaluation card is posted; three people answer.
    await start(14, p.viceChair.teams);
    const evalCards = await client.waitForPosted(1, (c) => actionsVerbs(c).includes('evaluation.submit'));
    await client.press(p.ledamot.teams, evalCards[0]!, 'evaluation.submit', { evalWorked: 'Tydlig dagordning', evalHindered: 'Ljudet i rummet', evalScore: '4' });
    await client.press(p.tjansteperson.teams, evalCards[0]!, 'evaluation.submit', { evalWorked: 'Bra diskussion', evalScore: '5' });
    await client.press(p.viceChair.teams, evalCards[0]!, 'evaluation.submit', { evalHindered: 'För lite tid för workshopen' });
    await finish(14, p.viceChair.teams);

    // ---- the stored result ----
    const m = await store().meetings.require(meeting.meetingId);
    expect(m.status).toBe('held');
    expect(m.startedAt).toBeTruthy();
    expect(m.endedAt).toBeTruthy();
    expect([...m.justerarePersonIds].sort()).toEqual([p.ledamot.id, council.ledamoter[1]!.id].sort());
    const items = await store().agendaItems.findBy({ meetingId: meeting.meetingId }, 'number');
    expect(items.map((i) => i.status)).toEqual(['done', 'done', 'done', 'done', 'done', 'done', 'postponed', 'done', 'done', 'done', 'done', 'done', 'done', 'done']);
    const decisions = await store().decisions.findBy({ meetingId: meeting.meetingId });
    const numberOf = new Map(items.map((i) => [i.id, i.number]));
    expect(decisions.map((d) => numberOf.get(d.itemId)).sort((a, b) => a! - b!)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const d of decisions) {
      expect(d.status, d.text).toBe('confirmed');
      expect(d.confirmedBy, d.text).toBe(p.secretary.id);
      expect(d.confirmedAt).toBeTruthy();
    }
    const byItem = (n: number) => decisions.find((d) => numberOf.get(d.itemId) === n)!;
    expect(byItem(2).text).toBe('Dagordningen fastställs.');
    expect(byItem(3).text).toBe('Till justerare väljs Jari Mehtäläinen och Anna Jakobsson.');
    expect(byItem(7).postponed).toBe(true);
    expect(byItem(9).text).toBe('Rådet utser Siw Lunander till representant i länsgruppen.');
    expect(byItem(11).proposedBy).toBe(p.viceChair.id);
    const vote = byItem(6).vote!;
    expect(vote.closedAt).toBeTruthy();
    expect(vote.eligiblePersonIds).not.toContain(council.ledamoter[0]!.id);
    expect(vote.eligiblePersonIds).not.toContain(p.nonServingErsattare.id);
    expect(vote.eligiblePersonIds).toContain(p.servingErsattare.id);
    expect(vote.votes).toHaveLength(7);
    expect(vote.votes.find((v) => v.personId === p.servingErsattare.id)?.servingForPersonId).toBe(council.absentLedamot.id);
    expect(byItem(6).reservations.map((r) => [r.personId, r.text])).toEqual([[p.ledamot.id, 'Planen saknar finansiering.']]);
    const tasks = await store().tasks.findBy({ meetingId: meeting.meetingId });
    expect(tasks.map((x) => [x.text, x.ownerName, x.dueDate ?? null]).sort()).toEqual(
      [
        ['Ingmar undersöker statistiken för länsdelen', 'Jari Mehtäläinen', '2026-04-15'],
        ['Linnea gör en doodle för nästa workshop', 'Linnea Berg', null],
      ].sort(),
    );
    const handovers = await store().chairHandovers.findBy({ meetingId: meeting.meetingId });
    expect(handovers.map((h) => [h.personId, h.fromItemNumber, h.toItemNumber])).toEqual([[p.viceChair.id, 11, null]]);
    expect((await store().recusals.findBy({ meetingId: meeting.meetingId })).map((r) => r.personId)).toEqual([council.ledamoter[0]!.id]);
    const evals = await store().evaluations.findBy({ meetingId: meeting.meetingId });
    expect(evals).toHaveLength(3);

    // The minutes model reads the same rows: decisions with their words, the handover and the evaluation.
    const people = await store().people.listAll();
    const memberships = await store().memberships.findBy({ bodyId: council.bodyId });
    const minutes = buildMinutesModel({
      meeting: m,
      bodies: [await store().bodies.require(council.bodyId)],
      persons: people,
      organisations: [],
      memberships,
      attendance: await store().attendance.findBy({ meetingId: m.id }),
      items,
      chairHandovers: handovers,
      decisions,
      tasks,
      evaluations: evals,
      version: 1,
      status: 'draft',
    });
    expect(minutes.header.chairHandovers.join(' ')).toContain('Siw Lunander');
    expect(minutes.evaluation?.responses).toBe(3);
    expect(minutes.evaluation?.averageScore).toBe(4.5);
    expect(minutes.items.find((i) => i.number === 2)?.decisions.map((d) => d.text)).toEqual(['Dagordningen fastställs.']);

    // Every card the bot answered with or posted was valid (checked on arrival); there were many of them.
    expect(client.seen.length).toBeGreaterThan(60);
    expect(client.posted().length).toBeGreaterThan(25);
  }, 120_000);

  it('a redelivered confirm has no second effect; a second secretary on a stale version gets CONFLICT_STALE', async () => {
    const p = council.people;
    const item = await itemByNumber(12);
    const created = await t.api(`/api/v1/meetings/${meeting.meetingId}/agenda/items/${item.id}/decisions`, { method: 'POST', as: p.secretary.email, json: { text: 'Extra beslut för samtidighetstest.' } });
    expect(created.status).toBe(201);
    const d = (await created.json()) as { id: string; version: number };
    const data = { cardId: `decision:${d.id}`, decisionId: d.id, version: d.version };
    const id = `f:${randomUUID()}`;
    const first = await client.invoke(p.secretary.teams, 'decision.confirm', data, { id });
    const again = await client.invoke(p.secretary.teams, 'decision.confirm', data, { id });
    expect(again).toEqual(first);
    const stored = await store().decisions.require(d.id);
    expect(stored.version).toBe(d.version + 1);
    const audits = await store().audit.list({ entity: 'decision', entityId: d.id });
    expect(audits.filter((a) => a.action === 'decision.confirm')).toHaveLength(1);

    // Reopen (audited, with what was confirmed) then two secretaries edit from the same version: one wins.
    const reopened = await t.api(`/api/v1/decisions/${d.id}/reopen`, { method: 'POST', as: p.secretary.email, json: { version: stored.version, reason: 'Fel ordalydelse' } });
    expect(reopened.status).toBe(200);
    const r = (await reopened.json()) as { version: number; status: string };
    expect(r.status).toBe('proposed');
    const reopenAudit = (await store().audit.list({ entity: 'decision', entityId: d.id })).find((a) => a.action === 'decision.reopen');
    expect(reopenAudit?.details).toMatchObject({ previousConfirmedBy: p.secretary.id, previousText: 'Extra beslut för samtidighetstest.', reason: 'Fel ordalydelse' });
    const [a, b] = await Promise.all([
      t.api(`/api/v1/decisions/${d.id}`, { method: 'PATCH', as: p.secretary.email, json: { version: r.version, text: 'Version A.' } }),
      t.api(`/api/v1/decisions/${d.id}`, { method: 'PATCH', as: ADMIN_EMAIL, json: { version: r.version, text: 'Version B.' } }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const body = (await loser.json()) as { error: { code: string; data: { text: string; version: number } } };
    expect(body.error.code).toBe('CONFLICT_STALE');
    const winnerText = (await store().decisions.require(d.id)).text;
    expect(body.error.data.text).toBe(winnerText);
    expect(body.error.data.version).toBe(r.version + 1);

    // The same over cards: both secretaries press Ändra on the card they see (same version); the second gets
    // the CONFLICT_STALE error on top of the fresh decision, whose Bekräfta carries the new version.
    const fresh = await store().decisions.require(d.id);
    const view = { cardId: `decision:${d.id}`, cardKind: 'decision', entityId: d.id };
    const mine = await client.invoke(p.secretary.teams, 'refresh', view);
    const theirs = await client.invoke(p.admin.teams, 'refresh', view);
    const winner = await client.press(p.secretary.teams, mine, 'decision.edit', { decisionText: 'Lydelse från kort A.' });
    expect(cardText(winner)).toContain('Lydelse från kort A.');
    const loserCard = await client.invoke(p.admin.teams, 'decision.edit', { ...actionOf(theirs, 'decision.edit').data, decisionText: 'Lydelse från kort B.' });
    expect(isErrorCard(loserCard)).toBe(true);
    expect(cardText(loserCard)).toMatch(/CONFLICT\\*_STALE/);
    expect(cardText(loserCard)).toContain('Lydelse från kort A.');
    expect(actionOf(loserCard, 'decision.confirm').data.version).toBe(fresh.version + 1);
    expect((await store().decisions.require(d.id)).text).toBe('Lydelse från kort A.');
  }, 60_000);

  it('a tab retrying a POST with the same Idempotency-Key gets the first result, not a second decision', async () => {
    const item = await itemByNumber(12);
    const before = (await store().decisions.findBy({ itemId: item.id })).length;
    const send = () =>
      t.api(`/api/v1/meetings/${meeting.meetingId}/agenda/items/${item.id}/decisions`, { method: 'POST', as: council.people.secretary.email, headers: { 'idempotency-key': 'retry-0001-abc' }, json: { text: 'Ett beslut som skickas två gånger.' } });
    const a = (await (await send()).json()) as { id: string };
    const b = (await (await send()).json()) as { id: string };
    expect(b.id).toBe(a.id);
    expect((await store().decisions.findBy({ itemId: item.id })).length).toBe(before + 1);
    // The same key from another person is another request.
    const other = await t.api(`/api/v1/meetings/${meeting.meetingId}/agenda/items/${item.id}/decisions`, { method: 'POST', as: ADMIN_EMAIL, headers: { 'idempotency-key': 'retry-0001-abc' }, json: { text: 'Ett annat beslut.' } });
    expect(((await other.json()) as { id: string }).id).not.toBe(a.id);
    const bad = await t.api(`/api/v1/meetings/${meeting.meetingId}/agenda/items/${item.id}/decisions`, { method: 'POST', as: ADMIN_EMAIL, headers: { 'idempotency-key': 'x' }, json: { text: 'Kort nyckel.' } });
    expect(bad.status).toBe(400);
  }, 30_000);

  it('the next meeting of the body carries the postponed matter and the open tasks', async () => {
    const next = await planMeeting(t, council, '2026-04-24T08:00:00.000Z');
    const res = await t.api(`/api/v1/meetings/${next.meetingId}/agenda/carry-over`, { method: 'POST', as: council.people.secretary.email });
    expect(res.status).toBe(200);
    const out = (await res.json()) as { carriedItems: number; carriedTasks: number; items: Array<{ number: number; title: string; notes: string; carriedFromItemId: string | null }> };
    expect(out.carriedItems).toBe(1);
    expect(out.carriedTasks).toBe(2);
    expect(out.items).toHaveLength(16);
    expect(out.items.map((i) => i.number)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const carried = out.items.find((i) => i.title === 'Budget för samverkansrådet' && i.carriedFromItemId);
    expect(carried?.carriedFromItemId).toBe((await itemByNumber(7)).id);
    const taskItem = out.items.find((i) => i.title === 'Uppdrag från föregående möte')!;
    expect(taskItem.notes).toContain('Jari Mehtäläinen: Ingmar undersöker statistiken för länsdelen (senast 2026-04-15)');
    expect(taskItem.notes).toContain('Linnea Berg: Linnea gör en doodle');
    // Both come before the closing standard items (Rapporter … Mötet avslutas stay last).
    expect(out.items.slice(-4).map((i) => i.title)).toEqual(['Rapporter', 'Övriga frågor', 'Kommande möten', 'Mötet avslutas']);
    const again = (await (await t.api(`/api/v1/meetings/${next.meetingId}/agenda/carry-over`, { method: 'POST', as: council.people.secretary.email })).json()) as { carriedItems: number; carriedTasks: number };
    expect([again.carriedItems, again.carriedTasks]).toEqual([0, 0]);
  }, 60_000);

  it('starting an item from the tab (API) posts its card and tools in the linked meeting chat', async () => {
    const next = (await store().meetings.listForBodies([council.bodyId])).find((x) => x.startsAt.startsWith('2026-04-24'))!;
    await t.app.store.transaction(async (tx) => tx.meetings.update({ ...next, teams: { meetingId: client.chat.teamsMeetingId, chatId: client.chat.chatId } }));
    const items = await store().agendaItems.findBy({ meetingId: next.id }, 'number');
    const carried = items.find((i) => i.title === 'Budget för samverkansrådet')!;
    const res = await t.api(`/api/v1/meetings/${next.id}/agenda/items/${carried.id}/start`, { method: 'POST', as: council.people.chair.email, json: { version: carried.version } });
    expect(res.status).toBe(200);
    const [posted] = await client.waitForPosted(1, (c) => c.refresh?.action.data.entityId === carried.id);
    expect(cardText(posted!)).toContain('Budget för samverkansrådet');
    // The chair's own view of that posted card has the proposal field and Avsluta; a ledamot's has no buttons.
    const chairView = await client.refresh(council.people.chair.teams, posted!);
    expect(actionsVerbs(chairView).sort()).toEqual(['decision.propose', 'item.back', 'item.finish']);
    const memberView = await client.refresh(council.people.ledamot.teams, posted!);
    expect(actionsVerbs(memberView)).toEqual([]);
    await client.waitForPosted(1, (c) => actionsVerbs(c).includes('decision.standard') && cardText(c).includes('Budget'));
  }, 60_000);

  it('per-role views of one decision card, and a card broken on purpose is caught by the same check', async () => {
    const item = await itemByNumber(6);
    const [d] = await store().decisions.findBy({ itemId: item.id });
    const posted = (await client.waitForPosted(1, (c) => c.refresh?.action.data.entityId === d!.id && c.refresh.action.data.cardKind === 'decision'))[0]!;
    const secretary = await client.refresh(council.people.secretary.teams, posted);
    const chair = await client.refresh(council.people.chair.teams, posted);
    const member = await client.refresh(council.people.servingErsattare.teams, posted);
    // Confirmed: the secretary may reopen; nobody else has a button; everyone sees who confirmed it.
    expect(actionsVerbs(secretary)).toEqual(['decision.reopen']);
    expect(actionsVerbs(chair)).toEqual([]);
    expect(actionsVerbs(member)).toEqual([]);
    for (const c of [secretary, chair, member]) expect(cardText(c)).toContain('Bekräftat av Sara Sekreterare');
    // A person whose Teams client is in English gets the same view in English (also validated on arrival).
    const english = await client.invoke(council.people.secretary.teams, 'refresh', posted.refresh!.action.data, { locale: 'en-GB' });
    expect(cardText(english)).toContain('Confirmed by Sara Sekreterare');
    expect(actionsVerbs(english)).toEqual(['decision.reopen']);
    const vote = await client.invoke(council.people.chair.teams, 'refresh', { cardId: `vote:${d!.id}`, cardKind: 'vote', entityId: d!.id }, { locale: 'en-GB' });
    expect(cardText(vote)).toContain('Result: carried');
    // The refreshed views passed validateCard on arrival; the same check refuses a broken copy.
    const broken = JSON.parse(JSON.stringify(secretary)) as Card;
    broken.actions = [{ type: 'Action.Submit', title: 'Skicka', data: {} }];
    expect(validateCard(broken).valid).toBe(false);
    const oversize = JSON.parse(JSON.stringify(secretary)) as Card;
    oversize.body.push({ type: 'TextBlock', text: 'x'.repeat(30_000), wrap: true });
    expect(validateCard(oversize).problems.map((p) => p.kind)).toContain('size');
  }, 30_000);
});
