import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting } from '../../shared/services/meeting-service';
import type { Caller } from '../../shared/usecase/context';
import { callInCard, type CallInCardModel } from '../../bot/teams/callin/callin-card';
import { adaptiveCardAction, deliverToBot, personalConversationId, teamsUserId } from '../kit/activities';
import { startBotConnector, type BotConnector } from '../kit/bot-connector';
import type { SavedTab, TabSurface } from '../kit/teams-host';
import { inEveryTheme } from './panel-helpers';
import { apiAs, APP_ID, pick, startHarness, TENANT, USERS, type Harness, type TestUser } from './tab-harness';

const SHOTS = '/tmp/shots/doors';
const DAY = 86_400_000;

/**
 * Förhinder from every door, through the Teams test host from the saved contentUrl, clicks and typing only:
 * a member gives förhinder in "Mina möten" and the ersättare says Ja on the call-in card (the invoke Teams
 * sends), while the secretary watches the call-in in the meeting; the secretary marks förhinder in the
 * meeting tab's roster and sees the call-in live (asked → accepted) and can put someone in the seat herself.
 */
describe('förhinder from every door, the call-in live', () => {
  let h: Harness;
  let connector: BotConnector;
  let meetingTab: SavedTab;
  const opened: TabSurface[] = [];
  const track = (tab: TabSurface) => (opened.push(tab), tab);

  /**
   * The call-in card the bot sends the ersättare about `absent`: the one the Bot Connector received, or (when
   * the send has not gone out yet: this harness's in-process bot may not get an outbound token) the very card
   * the queued send renders, from its job.
   */
  async function callInCardFor(u: TestUser, absent: string): Promise<{ actions: Array<{ verb: string; data: Record<string, unknown> }> }> {
    const conv = personalConversationId(APP_ID, { aadObjectId: u.oid, name: u.name });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const sent = connector.sent.find((s) => s.conversationId === conv && JSON.stringify(s.activity).includes(absent) && JSON.stringify(s.activity).includes('callin.answer'));
      if (sent) return (sent.activity.attachments as Array<{ content: { actions: Array<{ verb: string; data: Record<string, unknown> }> } }>)[0]!.content;
      const jobs = await h.t.app.store.read.jobs.list({ kind: 'teams.send', dedupeKeyPrefix: 'callin-ask:' });
      const job = jobs.find((j) => (j.payload.to as { personId?: string }).personId === u.personId && JSON.stringify(j.payload).includes(absent));
      if (job) return callInCard((job.payload.message as { model: CallInCardModel }).model) as unknown as { actions: Array<{ verb: string; data: Record<string, unknown> }> };
      if (Date.now() > deadline) throw new Error(`no call-in card for ${u.name} about ${absent}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The ersättare presses a button of that card: the adaptiveCard/action invoke Teams sends, with a Bot Framework token. */
  async function answerCard(u: TestUser, absent: string, answer: 'ja' | 'nej'): Promise<void> {
    const card = await callInCardFor(u, absent);
    const action = card.actions.find((a) => a.verb === 'callin.answer' && a.data.answer === answer)!;
    const activity = adaptiveCardAction({ serviceUrl: connector.url, botAppId: APP_ID, tenantId: TENANT, from: { aadObjectId: u.oid, name: u.name }, scope: { kind: 'personal' }, verb: action.verb, data: action.data });
    const res = await deliverToBot(`${h.t.url}/api/messages`, activity, { entra: h.entra, botAppId: APP_ID });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toMatch(/Felkod|Error code/);
  }

  beforeAll(async () => {
    h = await startHarness();
    connector = await startBotConnector();
    meetingTab = await h.meetingTab();
    const { store } = h.t.app.runnerDeps;
    // Setup: the ersättare and the secretary have installed the app (the bot can reach them), and a meeting a week ahead.
    for (const u of [USERS.substitute, USERS.secretary])
      await store.read.conversationRefs.upsert({
        key: `personal:${u.oid}`,
        kind: 'personal',
        personId: u.personId!,
        reference: { serviceUrl: connector.url, tenantId: TENANT, conversationId: personalConversationId(APP_ID, { aadObjectId: u.oid, name: u.name }), userId: teamsUserId({ aadObjectId: u.oid, name: u.name }), aadObjectId: u.oid, conversationType: 'personal' },
      });
    const ctx: Caller = { actor: { personId: USERS.secretary.personId!, tenantId: store.tenantId, isAdmin: false }, correlationId: 'seed-doors', locale: 'sv' };
    const start = Math.floor((Date.now() + 7 * DAY) / 3_600_000) * 3_600_000;
    await h.t.app.runner.run(ctx, createMeeting, { bodyIds: [h.bodyId], title: 'Folkhälsorådet i december', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3_600_000).toISOString(), timeZone: 'Europe/Stockholm', place: 'Eklundavägen 1', mode: 'hybrid', secretaryPersonIds: [USERS.secretary.personId!], standardAgenda: true, items: [] });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    for (const tab of opened) await tab.close().catch(() => undefined);
    await connector?.close();
    await h?.close();
  });

  it('a member gives förhinder in “Mina möten”, the ersättare accepts on the card, the secretary sees it live; the member takes it back', async () => {
    // The secretary follows the meeting from her own "Mina möten".
    const desk = track(await h.teams.openPersonal({ as: USERS.secretary }));
    await desk.frame.locator('[data-meetings="upcoming"] > li', { hasText: 'Folkhälsorådet i december' }).getByRole('link', { name: 'Öppna mötet' }).click();
    await desk.frame.getByRole('heading', { level: 1, name: 'Folkhälsorådet i december' }).waitFor({ timeout: 10_000 });
    await desk.frame.locator('[data-live="live"]').first().waitFor({ timeout: 10_000 });
    expect(await desk.frame.getByText('Inga ersättare inkallade.').count()).toBe(1);

    const mine = track(await h.teams.openPersonal({ as: USERS.member, width: 320 }));
    await mine.frame.getByRole('heading', { level: 1, name: 'Mina möten' }).waitFor();
    const row = mine.frame.locator('[data-meetings="upcoming"] > li', { hasText: 'Folkhälsorådet i december' });
    await row.locator('[data-my-state="expected"]').waitFor();
    await mine.page.screenshot({ path: `${SHOTS}/mina-moten-320-before.png`, fullPage: true });
    await row.getByRole('button', { name: /^Anmäl förhinder/ }).click();
    await row.locator('[data-my-state="förhinder"]').waitFor({ timeout: 10_000 });
    expect(await row.innerText()).toMatch(/Förhinder anmält\. Din ersättare kallas in\./);
    expect(await row.getByRole('button', { name: /^Ångra förhinder/ }).count()).toBe(1);
    expect(await mine.horizontalOverflow()).toBe(0);
    expect(await mine.axe()).toEqual([]);
    await mine.page.screenshot({ path: `${SHOTS}/mina-moten-320-after.png`, fullPage: true });

    // The secretary's open page shows who was asked and when, without reloading.
    const chain = desk.frame.locator('[data-call-in="Anders Holm"]');
    await chain.locator('[data-step="Maja Ek"][data-state="asked"]').waitFor({ timeout: 10_000 });
    expect(await chain.innerText()).toMatch(/Maja Ek \(Region Örebro län\): tillfrågad kl\. \d\d\.\d\d, inget svar än/);

    await answerCard(USERS.substitute, 'Anders Holm', 'ja');
    await chain.locator('[data-step="Maja Ek"][data-state="accepted"]').waitFor({ timeout: 10_000 });
    expect(await chain.innerText()).toMatch(/Tjänstgör: Maja Ek[\s\S]*tackade ja kl\. \d\d\.\d\d/);
    await desk.page.screenshot({ path: `${SHOTS}/secretary-sees-accepted.png`, fullPage: true });

    // "Ångra förhinder": the member is expected again, the chain stops, the secretary sees that too.
    await row.getByRole('button', { name: /^Ångra förhinder/ }).click();
    await row.locator('[data-my-state="expected"]').waitFor({ timeout: 10_000 });
    expect(await row.innerText()).toMatch(/Förhindret är ångrat/);
    await desk.frame.locator('[data-call-in="Anders Holm"][data-status="cancelled"]').waitFor({ timeout: 10_000 });
  });

  it('the secretary marks förhinder in the meeting tab’s roster: the call-in shows live (asked → accepted); she can seat someone herself', async () => {
    const tab = track(await meetingTab.open('content', { as: USERS.secretary }));
    const f = tab.frame;
    await f.getByRole('tab', { name: 'Förberedelse', selected: true }).waitFor();
    await f.locator('[data-live="live"]').first().waitFor({ timeout: 10_000 });
    await f.getByRole('button', { name: 'Anmäl förhinder för Karin Haster' }).click();
    const chain = f.locator('[data-call-in="Karin Haster"]');
    await chain.locator('[data-step="Maja Ek"][data-state="asked"]').waitFor({ timeout: 10_000 });
    expect(await chain.innerText()).toMatch(/Väntar på svar[\s\S]*Maja Ek \(Region Örebro län\): tillfrågad kl\. \d\d\.\d\d, inget svar än/);
    expect(await f.getByRole('button', { name: 'Ångra förhinder för Karin Haster' }).count()).toBe(1);

    await answerCard(USERS.substitute, 'Karin Haster', 'ja');
    await chain.locator('[data-step="Maja Ek"][data-state="accepted"]').waitFor({ timeout: 10_000 });
    expect(await chain.innerText()).toMatch(/Tjänstgör: Maja Ek/);
    // Maja's seat in the roster says whom she serves for.
    await f.locator('tr', { hasText: 'Maja Ek' }).filter({ hasText: 'ersätter Karin Haster' }).waitFor({ timeout: 10_000 });

    // Override: förhinder for Per Nyman, and she puts Omar Said in the seat herself.
    await f.getByRole('button', { name: 'Anmäl förhinder för Per Nyman' }).click();
    const per = f.locator('[data-call-in="Per Nyman"]').first();
    await per.waitFor({ timeout: 10_000 });
    await pick(f, 'Välj ersättare för Per Nyman', 'Omar Said');
    await per.getByRole('button', { name: 'Sätt som tjänstgörande' }).click();
    await per.getByText('Tjänstgör: Omar Said').waitFor({ timeout: 10_000 });
    // Maja, asked first, is shown as passed over by the secretary, not as unreachable.
    expect(await per.innerText()).toMatch(/Maja Ek \(Region Örebro län\): tillfrågad kl\. \d\d\.\d\d, sekreteraren valde en annan/);
    // Omar did not say yes: the secretary put him in, and the list says so.
    expect(await per.locator('[data-step="Omar Said"]').innerText()).toMatch(/^Omar Said( \([^)]*\))?: insatt av sekreteraren kl\. \d\d\.\d\d$/);
    expect(await per.innerText()).not.toMatch(/Omar Said[^\n]*tackade ja/);
    expect(await tab.axe()).toEqual([]);
    await tab.page.screenshot({ path: `${SHOTS}/secretary-roster-callins.png`, fullPage: true });
    // The call-in list at 320 px (the tab in a narrow window), in each theme: the line says who put Omar in.
    const panel = track(await meetingTab.open('content', { as: USERS.secretary, width: 320 }));
    await panel.frame.getByRole('tab', { name: 'Förberedelse', selected: true }).waitFor();
    await panel.frame.locator('[data-live="live"]').first().waitFor({ timeout: 10_000 });
    const inPanel = panel.frame.locator('[data-call-in="Per Nyman"] [data-step="Omar Said"]').first();
    await inPanel.waitFor({ timeout: 10_000 });
    await inPanel.scrollIntoViewIfNeeded();
    expect(await inPanel.innerText()).toMatch(/insatt av sekreteraren kl\. \d\d\.\d\d$/);
    await inEveryTheme(panel, SHOTS, 'callin-put-in-320');
  }, 300_000);

  it('“Mina möten” at 320 px: each upcoming meeting with the person’s state and the förhinder action, nothing scrolls sideways', async () => {
    const tab = track(await h.teams.openPersonal({ as: USERS.member2, width: 320 }));
    await tab.frame.getByRole('heading', { level: 1, name: 'Mina möten' }).waitFor();
    const upcoming = tab.frame.locator('[data-meetings="upcoming"] > li');
    // Karin Haster's förhinder (marked by the secretary above) shows in her own list, with the undo.
    const today = upcoming.filter({ hasText: 'Samverkansrådet 23 november' });
    await today.locator('[data-my-state="förhinder"]').waitFor();
    expect(await today.getByRole('button', { name: /^Ångra förhinder/ }).count()).toBe(1);
    expect(await upcoming.filter({ hasText: 'Folkhälsorådet i december' }).getByRole('button', { name: /^Anmäl förhinder/ }).count()).toBe(1);
    expect(await tab.horizontalOverflow()).toBe(0);
    expect(await tab.axe()).toEqual([]);
    await tab.page.screenshot({ path: `${SHOTS}/mina-moten-320.png`, fullPage: true });
  });

  it('on the council page each role is offered exactly the roster actions the server accepts', async () => {
    const channelTab = await h.channelTab();
    for (const u of [USERS.secretary, USERS.chair, USERS.member, USERS.substitute, USERS.official]) {
      const tab = track(await channelTab.open('content', { as: u }));
      await tab.frame.getByRole('heading', { level: 1, name: 'Specifika samverkansrådet för folkhälsa' }).waitFor();
      await tab.frame.locator('table tbody tr').first().waitFor();
      const offered = {
        remove: (await tab.frame.getByRole('button', { name: /^Ta bort: / }).count()) > 0,
        add: (await tab.frame.getByRole('button', { name: 'Lägg till plats' }).count()) > 0,
        import: (await tab.frame.getByRole('button', { name: 'Förhandsgranska' }).count()) > 0,
      };
      await tab.close();
      // What the server answers the same person (probes that change nothing lasting).
      const body = `/api/v1/bodies/${h.bodyId}`;
      const seatId = async (r: Response) => ((await r.json()) as { id: string }).id;
      const added = await apiAs(h, u, `${body}/memberships`, { method: 'POST', json: { personId: null, role: 'övrig' } });
      // The removal probe aims at a real vacancy (a missing one would be 404 for anyone).
      const target = added.ok ? await seatId(added) : await seatId(await apiAs(h, USERS.secretary, `${body}/memberships`, { method: 'POST', json: { personId: null, role: 'övrig' } }));
      const removed = await apiAs(h, u, `${body}/memberships/${target}`, { method: 'DELETE' });
      if (!removed.ok) await apiAs(h, USERS.secretary, `${body}/memberships/${target}`, { method: 'DELETE' });
      const imported = await apiAs(h, u, `${body}/roster-imports`, { method: 'POST', json: { text: 'Test Testsson, ledamot' } });
      const accepted = { remove: removed.status !== 403, add: added.status !== 403, import: imported.status !== 403 };
      expect({ role: u.role, ...offered }).toEqual({ role: u.role, ...accepted });
      // The probes reach the policy: the secretary may do all three, a member none.
      if (u === USERS.secretary) expect(accepted).toEqual({ remove: true, add: true, import: true });
      if (u === USERS.member) expect(accepted).toEqual({ remove: false, add: false, import: false });
    }
  });

  it('“Ta bort” on a roster seat asks first; Avbryt keeps the seat', async () => {
    const tab = track(await (await h.channelTab()).open('content', { as: USERS.secretary }));
    const f = tab.frame;
    await f.locator('table tbody tr').first().waitFor();
    // A vacancy added through the page, then removed.
    await pick(f, 'Roll', 'övrig');
    await f.getByRole('button', { name: 'Lägg till plats' }).click();
    const vacant = f.locator('tr[data-seat="Vakant"]');
    await vacant.waitFor({ timeout: 10_000 });
    await vacant.getByRole('button', { name: 'Ta bort: Vakant' }).click();
    await vacant.getByText('Ta bort Vakant (övrig) från deltagarlistan?').waitFor();
    expect(await vacant.count()).toBe(1);
    await vacant.getByRole('button', { name: 'Avbryt' }).click();
    await vacant.getByRole('button', { name: 'Ta bort: Vakant' }).click();
    await vacant.getByRole('button', { name: 'Ta bort', exact: true }).click();
    await vacant.waitFor({ state: 'detached', timeout: 10_000 });
  });
});
