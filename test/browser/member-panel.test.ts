import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { THEMES, type SavedTab, type TabSurface } from '../kit/teams-host';
import { startHarness, USERS, type Harness } from './tab-harness';
import { jointMeetingTab } from './panel-helpers';

/** Screenshots of this file go outside the repository, to be looked at by a person. */
const SHOTS = '/tmp/shots/member';

const live = (tab: TabSurface) => tab.frame.locator('[data-live="live"]').first().waitFor({ timeout: 10_000 });
const chairNow = (tab: TabSurface, name: string) => tab.frame.locator('[data-chair-now]', { hasText: `Ordförande nu: ${name}` }).waitFor({ timeout: 10_000 });
const view = (tab: TabSurface) => tab.frame.locator('[data-panel-view]').getAttribute('data-panel-view');

function shot(path: string, name: string): void {
  mkdirSync(SHOTS, { recursive: true });
  copyFileSync(path, join(SHOTS, `${name}.png`));
}

/** Whether a comes before b in the document. */
async function before(tab: TabSurface, a: string, b: string): Promise<boolean> {
  return tab.frame.evaluate(([x, y]) => {
    const ea = document.querySelector(x!);
    const eb = document.querySelector(y!);
    return !!ea && !!eb && (ea.compareDocumentPosition(eb) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  }, [a, b]);
}

/**
 * The member's and the ersättare's side panel, walked through the Teams test host from the saved contentUrl
 * with clicks and typing only: the member checks in and undoes it, an ersättare not called in is not offered
 * check-in, a vote opened by the secretary appears at the top of the member's panel and the member votes
 * there; then every side panel role and the stage in light, dark and high contrast at 320 px (axe 0, no
 * horizontal scroll). Last, a joint meeting: the second council's chair gets the chair view and chairs an item,
 * and a member's check-in can no longer be undone from the panel once the meeting has ended.
 */
describe('the member’s side panel, the stage, and a joint meeting', () => {
  let h: Harness;
  let meetingTab: SavedTab;
  const opened: TabSurface[] = [];
  const open = async (tab: SavedTab, ...args: Parameters<SavedTab['open']>) => {
    const s = await tab.open(...args);
    opened.push(s);
    return s;
  };

  beforeAll(async () => {
    h = await startHarness();
    meetingTab = await h.meetingTab();
  });
  // Each test's browsers close after it: a shared 2-core machine loads fewer pages at once.
  afterEach(async () => {
    for (const tab of opened.splice(0)) await tab.close().catch(() => undefined);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a member checks in and undoes it, an ersättare not called in is not offered it, and the member votes from the top of the panel', async () => {
    const [chair, secretary, member, substitute] = await Promise.all([
      open(meetingTab, 'sidePanel', { as: USERS.chair }),
      open(meetingTab, 'sidePanel', { as: USERS.secretary }),
      open(meetingTab, 'sidePanel', { as: USERS.member }),
      open(meetingTab, 'sidePanel', { as: USERS.substitute }),
    ]);
    await Promise.all([live(chair), live(secretary), live(member), live(substitute)]);
    expect(await view(member)).toBe('member');
    expect(await view(substitute)).toBe('member');
    const m = member.frame;

    // The ersättare is not called in: no check-in, and the panel says why.
    await substitute.frame.getByText('Du är ersättare och inte inkallad till det här mötet.').waitFor({ timeout: 5000 });
    expect(await substitute.frame.getByRole('button', { name: /på plats/ }).count()).toBe(0);

    // The member is expected and it is the meeting day: the primary button; pressed, then undone.
    await chair.frame.getByRole('button', { name: 'Starta mötet: punkt 1' }).click();
    await m.locator('[data-current-item="1"]').waitFor({ timeout: 5000 });
    await m.getByRole('button', { name: 'Jag är på plats' }).click();
    await m.getByText('Du är registrerad som närvarande.').waitFor({ timeout: 5000 });
    await secretary.frame.locator('li[data-person="Anders Holm"][data-state="present"]').waitFor({ timeout: 5000 });
    await m.getByRole('button', { name: 'Ångra incheckningen' }).click();
    await m.getByRole('button', { name: 'Jag är på plats' }).waitFor({ timeout: 5000 });
    await secretary.frame.locator('li[data-person="Anders Holm"]:not([data-state="present"])').waitFor({ timeout: 5000 });
    expect(await m.getByText('Du är registrerad som närvarande.').count()).toBe(0);
    // In again (a vote is for those present).
    await m.getByRole('button', { name: 'Jag är på plats' }).click();
    await m.getByRole('button', { name: 'Ångra incheckningen' }).waitFor({ timeout: 5000 });

    // The chair moves on to item 2; the secretary proposes a decision there and opens a vote.
    await chair.frame.getByRole('button', { name: 'Nästa punkt', exact: true }).click();
    await m.locator('[data-current-item="2"]').waitFor({ timeout: 5000 });
    const s = secretary.frame;
    await s.getByRole('heading', { name: 'Anteckningar för punkt 2' }).waitFor({ timeout: 5000 });
    const text = 'Dagordningen fastställs med ett tillägg under övriga frågor.';
    await s.getByLabel('Beslutsformulering').fill(text);
    await s.getByRole('button', { name: 'Föreslå beslut' }).click();
    const row = s.locator('li[data-decision="proposed"]', { hasText: text });
    await row.waitFor({ timeout: 5000 });
    await row.getByLabel('Fråga').fill('Bifall till förslaget?');
    await row.getByRole('button', { name: 'Starta omröstning' }).click();

    // At the top of the member's panel: before the check-in, the current item and the agenda, in view without scrolling.
    const ballot = m.locator('[data-open-vote]', { hasText: 'Bifall till förslaget?' });
    await ballot.waitFor({ timeout: 5000 });
    expect(await before(member, '[data-open-vote]', '[data-check-in-block]')).toBe(true);
    expect(await before(member, '[data-open-vote]', '[data-current-item]')).toBe(true);
    expect(await before(member, '[data-open-vote]', '[data-member-item]')).toBe(true);
    const box = (await ballot.boundingBox())!;
    expect(box.y + box.height).toBeLessThan(member.page.viewportSize()!.height);
    expect(await member.horizontalOverflow()).toBe(0);
    shot(await member.screenshot('member-vote-open-320'), 'member-vote-open-320');
    await ballot.getByRole('button', { name: 'Ja' }).click();
    await m.getByText('Din röst är registrerad.').waitFor({ timeout: 5000 });
    await row.getByText(/Ja 1 · Nej 0 · Avstår 0/).waitFor({ timeout: 5000 });
    // The ersättare is not serving: she sees the vote but has no ballot buttons the server would refuse.
    await substitute.frame.locator('[data-open-vote] [data-not-eligible]').waitFor({ timeout: 5000 });
    expect(await substitute.frame.locator('[data-open-vote]').getByRole('button').count()).toBe(0);
    for (const tab of [member, substitute, secretary, chair]) expect(tab.pageErrors).toEqual([]);
  });

  for (const theme of THEMES)
    it(`every side panel role and the stage in the ${theme} theme: 320 px, no horizontal scroll, axe 0`, async () => {
      const surfaces: [string, TabSurface][] = [];
      for (const [name, surface, as] of [
        ['chair', 'sidePanel', USERS.chair],
        ['secretary', 'sidePanel', USERS.secretary],
        ['member', 'sidePanel', USERS.member],
        ['ersattare', 'sidePanel', USERS.substitute],
        ['stage', 'meetingStage', USERS.member3],
      ] as const)
        surfaces.push([name, await open(meetingTab, surface, { as, theme })]);
      const stage = surfaces[4]![1];
      // The stage: the current item with its start time; the finished item marked in words, not colour alone.
      await stage.frame.locator('[data-stage-current="2"]').waitFor({ timeout: 10_000 });
      expect(await stage.frame.locator('[data-stage-current]').innerText()).toMatch(/Startade kl\. \d{2}\.\d{2}/);
      expect(await stage.frame.locator('[data-stage-item="1"]').innerText()).toMatch(/Klar/);
      for (const [name, tab] of surfaces) {
        await live(tab);
        if (name !== 'stage') expect(await tab.horizontalOverflow(), `${name} ${theme}`).toBe(0);
        shot(await tab.screenshot(`member-suite-${name}-${theme}`), `${name}-${theme}`);
        const violations = await tab.axe();
        expect(violations, `${name} ${theme}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
      }
    }, 300_000);

  it('a joint meeting: the second council’s chair gets the chair view and chairs an item', { timeout: 300_000 }, async () => {
    // Setup (not the journey): a second council with its own chair, and a joint meeting linked to a Teams meeting.
    const { tab: jointTab, gunnel, meetingId: jointMeetingId } = await jointMeetingTab(h, {
      oid: '0c0ffee0-0000-4000-8000-000000000020',
      teamsMeetingId: 'MCMxOTptZWV0aW5nX2pvaW50X21lZXRpbmdfdGVzdA==',
      title: 'Gemensamt möte med chefsgruppen',
      items: [{ title: 'Gemensam lägesbild', kind: 'information', presenters: [{ name: 'Gunnel Ek' }], attachments: [] }],
    });
    const [siw, second, member] = await Promise.all([open(jointTab, 'sidePanel', { as: USERS.chair }), open(jointTab, 'sidePanel', { as: gunnel }), open(jointTab, 'sidePanel', { as: USERS.member })]);
    await Promise.all([live(siw), live(second), live(member)]);
    expect(await view(siw)).toBe('chair');
    // The second council's chair leads the joint meeting too: the runner, not the member view.
    expect(await view(second)).toBe('chair');
    expect(await view(member)).toBe('member');
    const g = second.frame;
    await g.getByRole('button', { name: 'Starta mötet: punkt 1' }).click();
    await g.locator('[data-current-item="1"]').waitFor({ timeout: 10_000 });
    await siw.frame.locator('[data-current-item="1"]').waitFor({ timeout: 10_000 });

    // Siw hands item 1 to Gunnel (the other council's chair is among the candidates); everyone sees it.
    await siw.frame.getByLabel('Ny mötesordförande').selectOption({ label: 'Gunnel Ek' });
    await siw.frame.getByRole('button', { name: 'Lämna över…' }).click();
    await siw.frame.locator('[data-confirm-handover]').getByRole('button', { name: 'Ja, lämna över' }).click();
    for (const tab of [siw, second, member]) await chairNow(tab, 'Gunnel Ek');
    // Gunnel chairs item 1 and moves the meeting on with one click.
    await g.getByRole('button', { name: 'Nästa punkt', exact: true }).click();
    for (const tab of [siw, second, member]) await tab.frame.locator('[data-current-item="2"]').waitFor({ timeout: 10_000 });
    await chairNow(member, 'Siw Lunander');
    expect(await view(second)).toBe('chair');
    expect(await second.horizontalOverflow()).toBe(0);
    shot(await second.screenshot('joint-second-chair-320'), 'joint-second-chair-320');
    const violations = await second.axe();
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    // The member checks in and may undo it while the meeting runs; once it has ended the panel no longer
    // offers "Ångra" (the server refuses it then too).
    await member.frame.getByRole('button', { name: 'Jag är på plats' }).click();
    await member.frame.getByRole('button', { name: 'Ångra incheckningen' }).waitFor({ timeout: 5000 });
    await h.t.app.runnerDeps.store.transaction(async (tx) => {
      const m = await tx.meetings.require(jointMeetingId);
      await tx.meetings.update({ ...m, endedAt: new Date().toISOString() });
    });
    const after = await open(jointTab, 'sidePanel', { as: USERS.member });
    await live(after);
    await after.frame.getByText('Du är registrerad som närvarande.').waitFor({ timeout: 10_000 });
    expect(await after.frame.getByRole('button', { name: 'Ångra incheckningen' }).count()).toBe(0);
    for (const tab of [siw, second, member, after]) expect(tab.pageErrors).toEqual([]);
  });
});
