import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting } from '../../shared/services/meeting-service';
import type { Caller } from '../../shared/usecase/context';
import type { SavedTab, TabSurface } from '../kit/teams-host';
import { apiAs, CHANNEL, pick, PUBLIC_URL, startHarness, USERS, type Harness, type TestUser } from './tab-harness';

/**
 * The tab as Teams runs it: installed from the package, added to a meeting and a channel through the
 * configuration page, then the one saved contentUrl loaded in every surface as every role. The page is
 * chosen by the frame context (and the role), never by the URL; URLs saved by earlier versions still work.
 */
describe('one saved contentUrl, every Teams surface', () => {
  let h: Harness;
  let meetingTab: SavedTab;
  let channelTab: SavedTab;
  beforeAll(async () => {
    h = await startHarness();
    [meetingTab, channelTab] = await Promise.all([h.meetingTab(), h.channelTab()]);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** What a surface showed: the page, the panel's view, and that Teams heard from it as it should. */
  async function shown(tab: TabSurface, screenshot?: string): Promise<{ page?: string; view?: string | null }> {
    try {
      if (screenshot) await tab.screenshot(screenshot);
      const state = await tab.state();
      expect(state.failures).toEqual([]);
      expect(state.unhandled).toEqual([]);
      expect(state.notifySuccessMs).not.toBeNull();
      const page = await tab.shownPage();
      const view = page === 'panel' ? await tab.frame.locator('[data-panel-view]').getAttribute('data-panel-view') : null;
      return { page, view };
    } finally {
      await tab.close();
    }
  }

  it('the configuration page saves one contentUrl on the app’s domain for the meeting and for the channel', () => {
    expect(meetingTab.contentUrl).toBe(`${PUBLIC_URL}/tab/?meetingId=${encodeURIComponent(h.meetingId)}`);
    expect(meetingTab.settings).toMatchObject({ entityId: `meeting-${h.meetingId}`, websiteUrl: meetingTab.contentUrl });
    expect(channelTab.contentUrl).toBe(`${PUBLIC_URL}/tab/?bodyId=${encodeURIComponent(h.bodyId)}`);
    expect(channelTab.settings).toMatchObject({ entityId: `body-${h.bodyId}`, suggestedDisplayName: 'SSR folkhälsa' });
  });

  const panelView: [TestUser, string][] = [
    [USERS.chair, 'chair'],
    [USERS.secretary, 'secretary'],
    [USERS.member, 'member'],
    [USERS.substitute, 'member'],
    [USERS.official, 'member'],
  ];
  for (const [user, view] of panelView) {
    it(`side panel, ${user.role}: the live panel in the ${view} view`, async () => {
      const tab = await meetingTab.open('sidePanel', { as: user, theme: 'dark' });
      expect(tab.page.viewportSize()?.width).toBe(320);
      expect(await shown(tab, `surface-side-panel-${user.key}-dark`)).toEqual({ page: 'panel', view });
    });
  }

  for (const user of [USERS.chair, USERS.member]) {
    it(`meeting stage, ${user.role}: the stage`, async () => {
      expect((await shown(await meetingTab.open('meetingStage', { as: user }))).page).toBe('stage');
    });
  }

  for (const user of [USERS.secretary, USERS.member]) {
    it(`content in the meeting, ${user.role}: the meeting (details before, minutes after)`, async () => {
      const tab = await meetingTab.open('content', { as: user });
      await tab.frame.getByRole('tab', { name: 'Förberedelse', selected: true }).waitFor();
      expect((await shown(tab)).page).toBe('meeting');
    });
    it(`content in the channel, ${user.role}: the council page`, async () => {
      const tab = await channelTab.open('content', { as: user });
      await tab.frame.getByRole('heading', { level: 1, name: 'Specifika samverkansrådet för folkhälsa' }).waitFor();
      expect((await shown(tab)).page).toBe('channel');
    });
  }

  it('the personal tab: the person’s own meetings', async () => {
    const tab = await h.teams.openPersonal({ as: USERS.member });
    await tab.frame.getByRole('heading', { level: 1, name: 'Mina möten' }).waitFor();
    expect((await shown(tab)).page).toBe('personal');
  });

  it('“Mina möten” lists the person’s own meetings across every council they sit on, upcoming first, and opens one', async () => {
    // A second council the member and the secretary also sit on, with meetings ahead and behind.
    const { store, ids } = h.t.app.runnerDeps;
    const bodyId = ids.next();
    await store.transaction(async (tx) => {
      await tx.bodies.insert({ id: bodyId, tenantId: store.tenantId, name: 'Chefsgruppen för hälsa och välfärd', kind: 'chefsgrupp', shortName: 'Chefsgruppen', defaultDocumentKind: 'minnesanteckningar', absenceContact: null, version: 1 });
      for (const [u, role] of [[USERS.member, 'ledamot'], [USERS.secretary, 'sekreterare']] as const)
        await tx.memberships.insert({ id: ids.next(), tenantId: store.tenantId, bodyId, personId: u.personId!, role, organisationId: null, title: null, substituteOrder: null, substituteForPersonId: null, from: null, to: null, version: 1 });
    });
    const ctx: Caller = { actor: { personId: USERS.secretary.personId!, tenantId: store.tenantId, isAdmin: false }, correlationId: 'test', locale: 'sv' };
    const day = 86_400_000;
    const plan = (bodyIds: string[], title: string, inDays: number) =>
      h.t.app.runner.run(ctx, createMeeting, { bodyIds, title, startsAt: new Date(Date.now() + inDays * day).toISOString(), endsAt: new Date(Date.now() + inDays * day + 7_200_000).toISOString(), timeZone: 'Europe/Stockholm', place: null, mode: 'teams', secretaryPersonIds: [], standardAgenda: true, items: [] });
    await plan([bodyId], 'Chefsgruppen i januari', 40);
    await plan([h.bodyId], 'Folkhälsorådet i december', 12);
    await plan([bodyId, h.bodyId], 'Gemensamt möte om ANDTS', 20);
    await plan([bodyId], 'Chefsgruppen i oktober', -50);

    const tab = await h.teams.openPersonal({ as: USERS.member });
    try {
      await tab.frame.getByRole('heading', { level: 1, name: 'Mina möten' }).waitFor();
      const titles = async (which: string) => (await tab.frame.locator(`[data-meetings="${which}"] > li`).allInnerTexts()).map((t) => t.split('\n')[0]!.replace(/ Pågår nu$/, ''));
      expect(await titles('upcoming')).toEqual(['Samverkansrådet 23 november', 'Folkhälsorådet i december', 'Gemensamt möte om ANDTS', 'Chefsgruppen i januari']);
      expect(await titles('past')).toEqual(['Chefsgruppen i oktober']);
      const joint = await tab.frame.locator('[data-meetings="upcoming"] > li', { hasText: 'Gemensamt möte om ANDTS' }).innerText();
      expect(joint).toMatch(/Gemensamt möte: Chefsgruppen, SSR folkhälsa/);
      expect(joint).toMatch(/Du är ledamot/);
      expect(await tab.frame.locator('[data-meetings="upcoming"] > li').first().innerText()).toMatch(/^Samverkansrådet 23 november Pågår nu\n/);
      // Not a council's roster (what the personal tab showed before).
      expect(await tab.frame.locator('table').count()).toBe(0);
      expect(await tab.frame.getByRole('link', { name: 'Chefsgruppen för hälsa och välfärd' }).count()).toBe(1);
      expect(await tab.horizontalOverflow()).toBe(0);
      expect(await tab.axe()).toEqual([]);
      await tab.screenshot('personal-across-bodies');
      await tab.frame.locator('[data-meetings="upcoming"] > li', { hasText: 'Folkhälsorådet i december' }).getByRole('link', { name: 'Öppna mötet' }).click();
      await tab.frame.getByRole('heading', { level: 1, name: 'Folkhälsorådet i december' }).waitFor({ timeout: 10_000 });
      expect(await tab.shownPage()).toBe('meeting');
    } finally {
      await tab.close();
    }
    // At the side panel's width too, nothing scrolls sideways.
    const narrow = await h.teams.openPersonal({ as: USERS.member, width: 320 });
    try {
      expect(await narrow.horizontalOverflow()).toBe(0);
      await narrow.screenshot('personal-320');
    } finally {
      await narrow.close();
    }
  });

  describe('URLs saved by earlier versions', () => {
    const meeting = { kind: 'meeting' as const, teamsMeetingId: 'x' };
    const old = (contentUrl: string, place: 'meeting' | 'channel' = 'meeting') =>
      h.teams.savedTab(place === 'meeting' ? { ...meeting, teamsMeetingId: h.teamsMeetingId } : { kind: 'channel', ...CHANNEL }, { contentUrl: `${PUBLIC_URL}${contentUrl}`, entityId: 'old' });
    const cases: [string, 'sidePanel' | 'meetingStage' | 'content', string][] = [
      ['/tab/meeting?meetingId=ID', 'sidePanel', 'panel'],
      ['/tab/meeting?meetingId=ID', 'meetingStage', 'stage'],
      ['/tab/meeting?meetingId=ID', 'content', 'meeting'],
      ['/tab/panel', 'sidePanel', 'panel'],
      ['/tab/panel', 'content', 'meeting'],
      ['/tab/side-panel', 'sidePanel', 'panel'],
      ['/tab/stage', 'meetingStage', 'stage'],
      ['/tab/stage', 'sidePanel', 'panel'],
      ['/tab/channel', 'sidePanel', 'panel'],
      ['/tab/', 'sidePanel', 'panel'],
      ['/tab/', 'content', 'meeting'],
    ];
    for (const [url, surface, page] of cases) {
      it(`${url} in ${surface} shows the ${page}`, async () => {
        const tab = await old(url.replace('ID', h.meetingId)).open(surface, { as: USERS.chair });
        expect((await shown(tab)).page).toBe(page);
      });
    }
    it('/tab/channel?bodyId=… in the channel shows the council page', async () => {
      const tab = await old(`/tab/channel?bodyId=${h.bodyId}`, 'channel').open('content', { as: USERS.secretary });
      expect((await shown(tab)).page).toBe('channel');
    });
  });

  describe('the configuration page', () => {
    it('in a Teams meeting not linked yet: Save stays off until a meeting is chosen; saving links the Teams meeting', async () => {
      const created = await (await apiAs(h, USERS.secretary, '/api/v1/meetings', { method: 'POST', json: { bodyIds: [h.bodyId], title: 'Extra möte om budgeten', startsAt: '2031-03-10T08:00:00Z', endsAt: '2031-03-10T10:00:00Z' } })).json();
      const teamsMeetingId = 'MCMxOTpleHRyYV9idWRnZXRAdGhyZWFkLnYy';
      const adding = await h.teams.addToMeeting({ teamsMeetingId, chatId: '19:meeting_extra@thread.v2' }, { as: USERS.secretary });
      expect((await adding.config.state()).valid).toBe(false);
      await expect(adding.save()).rejects.toThrow(/Save is disabled/);
      expect(await adding.config.axe()).toEqual([]);
      await pick(adding.config.frame, 'Vilket möte i Rådslag är det här?', 'Extra möte om budgeten');
      await adding.waitValid();
      await adding.config.screenshot('config-meeting-chosen');
      const saved = await adding.save();
      await adding.config.close();
      expect(saved.contentUrl).toBe(`${PUBLIC_URL}/tab/?meetingId=${created.meeting.id}`);
      expect(await (await apiAs(h, USERS.member, `/api/v1/teams-meetings/${encodeURIComponent(teamsMeetingId)}`)).json()).toEqual({ meetingId: created.meeting.id });
      // The panel of that Teams meeting now finds its meeting.
      const panel = await saved.open('sidePanel', { as: USERS.chair });
      await panel.frame.getByRole('heading', { level: 1, name: 'Extra möte om budgeten' }).waitFor();
      await panel.close();
    });

    it('a member cannot link a Teams meeting: Save fails and the page says why, next to the choice', async () => {
      await apiAs(h, USERS.secretary, '/api/v1/meetings', { method: 'POST', json: { bodyIds: [h.bodyId], title: 'Möte som ledamoten väljer', startsAt: '2031-04-10T08:00:00Z', endsAt: '2031-04-10T10:00:00Z' } });
      const adding = await h.teams.addToMeeting({ teamsMeetingId: 'MCMxOTptZW1iZXJfYWRkc19pdEB0aHJlYWQudjI=' }, { as: USERS.member });
      await pick(adding.config.frame, 'Vilket möte i Rådslag är det här?', 'Möte som ledamoten väljer');
      await adding.waitValid();
      await expect(adding.save()).rejects.toThrow(/refused to save/);
      const alert = adding.config.frame.locator('[role="alert"]');
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(/Något gick fel/);
      expect((await adding.config.state()).settings).toBeNull();
      await adding.config.close();
    });

    it('in a channel: the council is chosen, Teams stores its URL', async () => {
      const adding = await h.teams.addToChannel({ teamId: '19:other@thread.tacv2', channelId: '19:other-general@thread.tacv2' }, { as: USERS.secretary, theme: 'dark' });
      expect((await adding.config.state()).valid).toBe(false);
      await pick(adding.config.frame, 'Vilket råd hör kanalen till?', 'Specifika samverkansrådet');
      await adding.waitValid();
      expect(await adding.config.axe()).toEqual([]);
      const saved = await adding.save();
      expect(saved.contentUrl).toBe(`${PUBLIC_URL}/tab/?bodyId=${h.bodyId}`);
      await adding.config.close();
    });
  });
});
