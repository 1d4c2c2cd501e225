import { describe, expect, it } from 'vitest';
import type { Membership } from '../../shared/domain';
import { shooterTo, tabJourney } from './panel-helpers';
import { apiAs, driveMeetingHalfway, USERS } from './tab-harness';

/** Screenshots of this file go outside the repository, to be looked at by a person. */
const SHOTS = '/tmp/shots/planning';

const shoot = shooterTo(SHOTS);

const CHEF = 'Chefsgrupp folkhälsa';
const isoDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Planning in the tab (issue 17 items 1 and 6), walked from the council channel's saved contentUrl through the
 * Teams test host with clicks and typing only: the secretary plans a joint meeting of two councils, gives it an
 * agenda item (an attachment she typed but did not add is not lost), looks at its roster (a person on both
 * councils once, ersättare not "Väntas"), sends the kallelse and sees who it did not reach and why, moves it,
 * creates a series from "Kommande möten" and cancels one of them after being asked.
 */
describe('planning meetings in the tab', () => {
  const [dateA, dateB] = [isoDay(40), isoDay(54)];
  const journey = tabJourney('channel', async (h) => {
    // Setup before the journey: a second council the secretary also serves, Anders Holm sits on both, and the
    // dates the last minutes set under "Kommande möten".
    const { store, ids } = h.t.app.runnerDeps;
    await store.transaction(async (tx) => {
      const chefId = ids.next();
      await tx.bodies.insert({ id: chefId, tenantId: store.tenantId, name: CHEF, kind: 'chefsgrupp', shortName: 'Chefsgrupp', defaultDocumentKind: 'protokoll', absenceContact: null, version: 1 });
      const seat = (personId: string, role: Membership['role']) =>
        tx.memberships.insert({ id: ids.next(), tenantId: store.tenantId, bodyId: chefId, personId, role, organisationId: null, title: null, substituteOrder: null, substituteForPersonId: null, from: null, to: null, version: 1 });
      await seat(USERS.secretary.personId!, 'sekreterare');
      await seat(USERS.member.personId!, 'ledamot');
    });
    for (const date of [dateA, dateB]) {
      const res = await apiAs(h, USERS.secretary, `/api/v1/meetings/${h.meetingId}/upcoming-dates`, { method: 'POST', json: { date, note: 'em' } });
      expect(res.status).toBe(201);
    }
  }, 120_000);

  const open = async (width: number) => {
    const tab = await journey.open('content', { as: USERS.secretary, width });
    await tab.frame.getByRole('tab', { name: 'Möten' }).click();
    return tab;
  };
  const meetingsOf = async () => (await journey.h.t.app.store.read.meetings.listForBodies([journey.h.bodyId])).filter((m) => m.id !== journey.h.meetingId);

  it('a joint meeting with agenda and kallelse, moved; a series from Kommande möten; one cancelled after asking', async () => {
    const tab = await open(1280);
    const f = tab.frame;
    await f.getByRole('button', { name: 'Planera möte' }).click();
    const form = f.getByRole('form', { name: 'Planera möte' });
    await form.waitFor({ timeout: 10_000 });
    await shoot(tab, 'planner-full-width');

    // The form says what is wrong next to the field, before anything is sent.
    await form.getByLabel('Länk till Teams-mötet').fill('http://teams.example/x');
    await form.getByRole('button', { name: 'Skapa möte' }).click();
    await form.getByText('Välj ett datum, eller datum under Kommande möten.').waitFor({ timeout: 5000 });
    await form.getByText('Länken ska börja med https://').waitFor();

    // A joint meeting of the two councils, a Tuesday afternoon in Kumla, notes rather than minutes.
    const day = isoDay(21);
    await form.getByRole('checkbox', { name: CHEF }).check();
    await form.getByLabel('Datum').fill(day);
    await form.getByLabel('Starttid').fill('13:00');
    await form.getByLabel('Sluttid').fill('15:30');
    await form.getByLabel('Plats').fill('Kumla stadshus, sal 2');
    await form.getByLabel('Länk till Teams-mötet').fill('https://teams.microsoft.com/l/meetup-join/19%3ameeting_plan');
    await form.getByRole('radio', { name: 'Minnesanteckningar' }).check();
    await form.getByRole('button', { name: 'Skapa möte' }).click();
    await f.getByText('Mötet är skapat.').waitFor({ timeout: 10_000 });
    const [joint] = await meetingsOf();
    expect(joint).toMatchObject({ bodyIds: [journey.h.bodyId, expect.any(String)], documentKind: 'minnesanteckningar', place: 'Kumla stadshus, sal 2', teams: { joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_plan' } });
    expect(joint!.startsAt).toBe(new Date(`${day}T13:00:00${offset(day)}`).toISOString());

    // Its page: the roster lists Anders Holm once with both councils, and Maja Ek (ersättare) as not called in.
    await f.locator(`li[data-meeting="${joint!.id}"] a`).click();
    await f.getByRole('heading', { name: 'Tid och plats' }).waitFor({ timeout: 15_000 });
    const anders = f.locator('tr[data-roster-person="Anders Holm"]');
    expect(await anders.count()).toBe(1);
    expect(await anders.locator('[data-councils]').innerText()).toBe('SSR folkhälsa, Chefsgrupp');
    expect(await f.locator('tr[data-roster-person="Maja Ek"]').innerText()).toContain('Inte inkallad');
    expect(await f.locator('tr[data-roster-person="Maja Ek"]').innerText()).not.toContain('Väntas');
    expect(await f.locator('[data-roster-group="substitutes"] caption').innerText()).toBe('Ersättare');

    // An agenda item; the attachment typed but not added is asked about on Spara, then added.
    await f.getByRole('button', { name: 'Lägg till punkt' }).click();
    await f.getByLabel('Rubrik').fill('Gemensam handlingsplan 2027');
    await f.getByLabel('Bilagans namn').fill('Handlingsplan (pdf)');
    await f.getByLabel('Länk (https://…)').fill('https://projify.example/plan-2027.pdf');
    await f.getByRole('button', { name: 'Spara', exact: true }).click();
    await f.locator('[data-attachment-question]').waitFor({ timeout: 5000 });
    await f.getByRole('button', { name: 'Lägg till bilagan och spara' }).click();
    const item = f.locator('li[data-item]', { hasText: 'Gemensam handlingsplan 2027' });
    await item.getByRole('link', { name: 'Handlingsplan (pdf)' }).waitFor({ timeout: 10_000 });

    // "Ta bort" asks; Avbryt keeps the item.
    const number = await item.getAttribute('data-item');
    await item.getByRole('button', { name: `Ta bort: ${number}. Gemensam handlingsplan 2027` }).click();
    await item.locator('[data-remove-question]').getByRole('button', { name: 'Avbryt' }).click();
    expect(await f.locator('li[data-item]', { hasText: 'Gemensam handlingsplan 2027' }).count()).toBe(1);
    expect((await journey.h.t.app.store.read.agendaItems.findBy({ meetingId: joint!.id })).some((i) => i.title === 'Gemensam handlingsplan 2027')).toBe(true);

    // The kallelse: nobody has the bot in Teams in this organisation yet, and she is told so, per person, with the reason.
    await f.getByRole('button', { name: 'Skicka kallelse' }).click();
    const reach = f.locator('[data-kallelse-reach]');
    await reach.waitFor({ timeout: 10_000 });
    await f.locator('[data-unreachable="Anders Holm"]').waitFor({ timeout: 10_000 });
    expect(await f.locator('[data-unreachable="Anders Holm"]').innerText()).toContain('Rådslag har ännu ingen kontakt med Teams i organisationen');
    expect(await f.locator('[data-unreachable="Anders Holm"]').innerText()).toContain('anders.holm@kumla.se');

    // She moves it a week later; the notices job is written with the change.
    await f.getByRole('button', { name: 'Ändra tid och plats' }).click();
    const moveTo = isoDay(28);
    await f.getByRole('form', { name: 'Ändra tid och plats' }).getByLabel('Datum').fill(moveTo);
    await f.getByRole('form', { name: 'Ändra tid och plats' }).getByRole('button', { name: 'Spara' }).click();
    await f.locator('[data-meeting-details="moved"]').waitFor({ timeout: 10_000 });
    await f.getByText(/^Flyttat från /).waitFor();
    const moved = await journey.h.t.app.store.read.meetings.require(joint!.id);
    expect(moved).toMatchObject({ status: 'moved', startsAt: new Date(`${moveTo}T13:00:00${offset(moveTo)}`).toISOString() });
    expect((await journey.h.t.app.store.read.jobs.list({ kind: 'meeting.change_notices' })).some((j) => (j.payload as { meetingId?: string }).meetingId === joint!.id)).toBe(true);
    await shoot(tab, 'meeting-moved-full-width');

    // Back on the council page: a series on the two dates from "Kommande möten".
    await f.getByRole('link', { name: 'Till rådets sida' }).click();
    await f.getByRole('tab', { name: 'Möten' }).click();
    await f.getByRole('button', { name: 'Planera möte' }).click();
    const series = f.getByRole('form', { name: 'Planera möte' });
    for (const d of [dateA, dateB]) await series.getByRole('checkbox', { name: new RegExp(`${Number(d.slice(8, 10))} \\p{L}+ ${d.slice(0, 4)} \\(em\\)`, 'u') }).check();
    await series.getByLabel('Plats').fill('Digitalt');
    await series.getByRole('button', { name: 'Skapa 2 möten' }).click();
    await f.getByText('2 möten är skapade.').waitFor({ timeout: 10_000 });
    const all = await meetingsOf();
    const created = all.filter((m) => [dateA, dateB].includes(m.startsAt.slice(0, 10)));
    expect(created.map((m) => m.place)).toEqual(['Digitalt', 'Digitalt']);

    // One of them is cancelled: she is asked first, "Nej" keeps it, "Ja" cancels it.
    await f.locator(`li[data-meeting="${created[1]!.id}"] a`).click();
    await f.getByRole('button', { name: 'Ställ in mötet' }).click();
    await f.locator('[data-cancel-question]').getByRole('button', { name: 'Nej, behåll mötet' }).click();
    expect((await journey.h.t.app.store.read.meetings.require(created[1]!.id)).status).toBe('planned');
    await f.getByRole('button', { name: 'Ställ in mötet' }).click();
    await f.locator('[data-cancel-question]').getByText('Alla som fått kallelsen får besked').waitFor();
    await f.getByRole('button', { name: 'Ja, ställ in mötet' }).click();
    await f.getByText('Mötet är inställt.').waitFor({ timeout: 10_000 });
    expect((await journey.h.t.app.store.read.meetings.require(created[1]!.id)).status).toBe('cancelled');
    // The notice comes with the answer; the page drops "Skicka kallelse" when the meeting is read again.
    await f.getByRole('button', { name: 'Skicka kallelse' }).waitFor({ state: 'detached', timeout: 10_000 });
    expect(await tab.axe()).toEqual([]);
  }, 240_000);

  it('the planning form fits 320 px with no horizontal scroll and no axe violations', async () => {
    const tab = await open(320);
    await tab.frame.getByRole('button', { name: 'Planera möte' }).click();
    await tab.frame.getByRole('form', { name: 'Planera möte' }).waitFor({ timeout: 10_000 });
    await shoot(tab, 'planner-320');
    expect(await tab.horizontalOverflow()).toBe(0);
    const violations = await tab.axe();
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    // The meeting's page with Tid och plats, the grouped roster and the kallelse fits too.
    await tab.frame.getByRole('button', { name: 'Avbryt' }).click();
    await tab.frame.locator(`li[data-meeting="${journey.h.meetingId}"] a`).click();
    await tab.frame.getByRole('heading', { name: 'Tid och plats' }).waitFor({ timeout: 15_000 });
    await tab.frame.locator('[data-roster-group="members"]').waitFor({ timeout: 10_000 });
    await shoot(tab, 'meeting-page-320');
    expect(await tab.horizontalOverflow()).toBe(0);
    expect(await tab.axe()).toEqual([]);
  }, 180_000);

  it('a member is offered no planning; the running item offers no Ta bort, the others ask first', async () => {
    const member = await journey.open('content', { as: USERS.member, width: 1280 });
    await member.frame.getByRole('tab', { name: 'Möten' }).click();
    await member.frame.getByRole('heading', { name: 'Möten' }).waitFor({ timeout: 10_000 });
    expect(await member.frame.getByRole('button', { name: 'Planera möte' }).count()).toBe(0);

    await driveMeetingHalfway(journey.h);
    const meeting = journey.track(await (await journey.h.meetingTab()).open('content', { as: USERS.secretary, width: 1280 }));
    const f = meeting.frame;
    await f.getByRole('tab', { name: 'Förberedelse' }).click();
    await f.locator('li[data-item="4"]').waitFor({ timeout: 15_000 });
    expect(await f.locator('li[data-item="3"]').getByRole('button', { name: /^Ta bort/ }).count()).toBe(0);
    await f.locator('li[data-item="4"]').getByRole('button', { name: /^Ta bort: 4\./ }).click();
    await f.locator('li[data-item="4"] [data-remove-question]').waitFor();
    expect(await f.locator('li[data-item="4"]').count()).toBe(1);
  }, 120_000);
});

/** The Stockholm offset on a day ("+01:00" in winter, "+02:00" in summer). */
function offset(day: string): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', timeZoneName: 'longOffset' }).formatToParts(new Date(`${day}T12:00:00Z`)).find((p) => p.type === 'timeZoneName')!.value;
  return name === 'GMT' ? '+00:00' : name.replace('GMT', '');
}
