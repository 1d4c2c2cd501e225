/**
 * The check-in card in the meeting chat, per person (Teams Universal Actions): the message itself has no
 * button (most people in the chat would be refused), it lists the expected people's Teams ids for refresh, and
 * each of them gets their own view through the refresh invoke Teams sends by itself (trigger "automatic"): the
 * button while they may check in, a status line once checked in; someone not expected gets a status line only.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TENANT_ID } from '../../../bot/config';
import { deliverToBot, meetingStart, teamsUserId } from '../../kit/activities';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { startBotConnector, type BotConnector } from '../../kit/bot-connector';
import { planMeeting, seedCouncil, type Council } from './fixture';
import { actionsOf, BOT_APP_ID, cardText, TeamsClient } from './teams-client';

let t: TestApp;
let connector: BotConnector;
let council: Council;

beforeAll(async () => {
  connector = await startBotConnector();
  t = await startTestApp();
  council = await seedCouncil(t);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await connector?.close();
});

describe('the check-in card in the meeting chat', () => {
  it('shows the button only to expected people who have not checked in, each in their own view', async () => {
    const client = new TeamsClient(t.url, connector, { chatId: `19:meeting_${randomUUID()}@thread.v2`, teamsMeetingId: `MCMcheckin-${randomUUID()}` });
    const p = council.people;
    await client.install([p.secretary.teams, p.chair.teams, p.ledamot.teams, p.nonServingErsattare.teams, p.outsider.teams]);
    const { meetingId } = await planMeeting(t, council, new Date(Date.now() - 60_000).toISOString());
    const m = await t.app.store.read.meetings.require(meetingId);
    await t.app.store.transaction(async (tx) => tx.meetings.update({ ...m, teams: { meetingId: client.chat.teamsMeetingId, chatId: client.chat.chatId } }));

    // Teams says the meeting started: the bot posts the check-in card in the meeting chat.
    const started = meetingStart({ serviceUrl: connector.url, botAppId: BOT_APP_ID, tenantId: LOCAL_TENANT_ID, from: p.secretary.teams, meetingId: client.chat.teamsMeetingId, chatId: client.chat.chatId, title: 'Samverkansrådet' });
    expect((await deliverToBot(`${t.url}/api/messages`, started)).status).toBeLessThan(300);
    const [posted] = await client.waitForPosted(1, (c) => c.refresh?.action.data.cardKind === 'checkin');
    // The message everyone sees: no button, one line on who gets it.
    expect(actionsOf(posted!).map((a) => a.verb)).toEqual([]);
    expect(cardText(posted!)).toContain('De som väntas på mötet ser knappen ”Jag är på plats” här.');
    // Someone expected whose Teams id the bot does not know sees only this message: it says where to check in.
    expect(cardText(posted!)).toContain('Syns den inte för dig kan du anmäla dig i Rådslag i mötets sidopanel.');
    expect(posted!.refresh!.action.data).toMatchObject({ cardKind: 'checkin', entityId: meetingId });
    // Listed for their own view: the expected people whose Teams ids are known first, then the rest of the
    // rosters (an ersättare may be called in after the card is posted); nobody off the rosters.
    const listed = posted!.refresh!.userIds;
    expect(listed.slice(0, 3).sort()).toEqual([p.secretary, p.chair, p.ledamot].map((x) => teamsUserId(x.teams)).sort());
    expect(listed).toContain(teamsUserId(p.nonServingErsattare.teams));
    expect(listed).not.toContain(teamsUserId(p.outsider.teams));
    expect(listed.length).toBeLessThanOrEqual(60);

    // The ledamot's own view (Teams refreshes it by itself): the button; the press checks them in.
    const mine = await client.refresh(p.ledamot.teams, posted!);
    expect(actionsOf(mine).map((a) => a.verb)).toEqual(['checkin']);
    const pressed = await client.press(p.ledamot.teams, mine, 'checkin');
    expect(cardText(pressed)).toContain('Du är antecknad som närvarande.');
    expect(actionsOf(pressed)).toEqual([]);
    expect((await t.app.store.read.attendance.findBy({ meetingId, personId: p.ledamot.id })).map((a) => [a.state, a.source])).toEqual([['present', 'check_in']]);
    // Checked in: their view has no button any more, only the status line.
    const after = await client.refresh(p.ledamot.teams, posted!);
    expect(actionsOf(after)).toEqual([]);
    expect(cardText(after)).toContain('Du är antecknad som närvarande.');

    // An ersättare not called in (the server refuses them): a status line, in English for English Teams.
    const ebbe = await client.refresh(p.nonServingErsattare.teams, posted!, { locale: 'en-US' });
    expect(actionsOf(ebbe)).toEqual([]);
    expect(cardText(ebbe)).toContain('You are not on the list of people expected at the meeting');
    const refused = await client.invoke(p.nonServingErsattare.teams, 'checkin', { cardId: `checkin-${meetingId}`, meetingId });
    expect(cardText(refused)).toContain('Du står inte på listan över dem som väntas till mötet');
    // Called in during the meeting (after the card was posted): the same card now offers Ebbe the button.
    await t.app.store.transaction(async (tx) =>
      tx.attendance.insert({ id: randomUUID(), tenantId: LOCAL_TENANT_ID, meetingId, personId: p.nonServingErsattare.id, bodyId: council.bodyId, state: 'expected', source: 'call_in', replacesPersonId: council.absentLedamot.id, partOfMeeting: false, updatedAt: new Date().toISOString(), version: 1 }),
    );
    expect(actionsOf(await client.refresh(p.nonServingErsattare.teams, posted!)).map((a) => a.verb)).toEqual(['checkin']);
    // The chair, expected and not checked in, gets the button.
    expect(actionsOf(await client.refresh(p.chair.teams, posted!)).map((a) => a.verb)).toEqual(['checkin']);
  }, 60_000);
});
