import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TabSurface } from '../kit/teams-host';
import { inEveryTheme } from './panel-helpers';
import { apiAs, startHarness, USERS, type Harness } from './tab-harness';

/** Screenshots of this file go outside the repository, to be looked at by a person. */
const SHOTS = '/tmp/shots/draft-readers';

/**
 * Who reads unjusterade drafts is the council's setting, and the secretary sets it on the council page in the
 * channel (through the Teams test host, by clicks): from "the secretary, the chair and the justerare" to
 * "everyone who reads the council's minutes", after which a member reads the draft the server refused them
 * before. A member is offered no such control, and the server refuses them the change as before.
 */
describe('the council’s draft readers, set in the channel tab', () => {
  let h: Harness;
  const opened: TabSurface[] = [];

  beforeAll(async () => {
    h = await startHarness();
  }, 120_000);
  afterAll(async () => {
    for (const tab of opened) await tab.close().catch(() => undefined);
    await h?.close();
  });

  it('the secretary lets members read drafts; a member then reads one and sees no control', async () => {
    const m = `/api/v1/meetings/${h.meetingId}`;
    const version = await (await apiAs(h, USERS.secretary, `${m}/minutes/versions`, { method: 'POST' })).json();
    const draft = `${m}/minutes/versions/${version.number}`;
    expect((await apiAs(h, USERS.member, draft)).status).toBe(403);

    const channel = await h.channelTab();
    const tab = await channel.open('content', { as: USERS.secretary });
    opened.push(tab);
    const f = tab.frame;
    await f.getByRole('heading', { name: 'Utkast till protokoll' }).waitFor({ timeout: 10_000 });
    expect(await f.getByRole('radio', { name: 'Sekreteraren, ordföranden och justerarna' }).isChecked()).toBe(true);
    expect(await f.getByRole('button', { name: 'Spara', exact: true }).isDisabled()).toBe(true);
    await f.getByRole('radio', { name: 'Alla som får läsa rådets protokoll' }).click();
    await f.getByRole('button', { name: 'Spara', exact: true }).click();
    await f.getByText('Sparat.').waitFor({ timeout: 5000 });
    await f.locator('[data-draft-readers="members"]').waitFor({ timeout: 5000 });
    await inEveryTheme(tab, SHOTS, 'draft-readers-saved');
    expect(tab.pageErrors).toEqual([]);

    // The council page in a narrow window (320 px): the setting's choices wrap, nothing scrolls sideways.
    const narrow = await channel.open('content', { as: USERS.secretary, width: 320 });
    opened.push(narrow);
    await narrow.frame.locator('[data-draft-readers="members"]').waitFor({ timeout: 10_000 });
    await narrow.frame.locator('#draft-readers, [data-draft-readers]').first().scrollIntoViewIfNeeded();
    await inEveryTheme(narrow, SHOTS, 'draft-readers-320');

    // Saved on the server: the council says so, and a member reads the draft now.
    expect((await (await apiAs(h, USERS.secretary, `/api/v1/bodies/${h.bodyId}`)).json()).minutesDraftReaders).toBe('members');
    expect((await apiAs(h, USERS.member, draft)).status).toBe(200);

    // A member: no control offered, and the server refuses the change.
    const member = await channel.open('content', { as: USERS.member });
    opened.push(member);
    // The roster has loaded (and with it who the member is) before the control's absence is checked.
    await member.frame.getByText('Karin Haster').first().waitFor({ timeout: 10_000 });
    await member.page.waitForLoadState('networkidle');
    expect(await member.frame.getByRole('heading', { name: 'Utkast till protokoll' }).count()).toBe(0);
    const body = await (await apiAs(h, USERS.member, `/api/v1/bodies/${h.bodyId}`)).json();
    expect((await apiAs(h, USERS.member, `/api/v1/bodies/${h.bodyId}`, { method: 'PATCH', json: { version: body.version, minutesDraftReaders: 'leads' } })).status).toBe(403);
  }, 300_000);
});
