import { describe, expect, it } from 'vitest';
import { itemSection } from '../integration/agenda/minutes-sections';
import { live, pickItem, shooterTo, tabJourney } from './panel-helpers';
import { apiAs, pick, USERS } from './tab-harness';

/** Screenshots of this file go outside the repository, to be looked at by a person. */
const SHOTS = '/tmp/shots/decision-desk';
const shoot = shooterTo(SHOTS);

const POLICY = 'Länsgemensam folkhälsopolicy';

/**
 * The secretary's desk at 320 px, walked through the Teams test host from the saved contentUrl with clicks and
 * typing only: attendance grouped (ledamöter first) with a search and one-tap "Närvarande"; a decision written
 * while the desk shows item 1 moved to the item it belongs to (before, it stayed under item 1 for good), its
 * wording changed, a duplicate withdrawn, the decision confirmed, a member's reservation and a jäv recorded.
 * The draft minutes, read over the API afterwards, show exactly that.
 */
describe('the secretary corrects decisions and attendance from the desk', () => {
  const journey = tabJourney('meeting');

  it('attendance grouped with search and one tap; propose, move, edit, withdraw, confirm, reservation and jäv; the minutes show the result', async () => {
    const [chair, secretary] = await Promise.all([journey.open('sidePanel', { as: USERS.chair, width: 320 }), journey.open('sidePanel', { as: USERS.secretary, width: 320 })]);
    await Promise.all([live(chair), live(secretary)]);
    const f = secretary.frame;
    expect(await f.locator('[data-panel-view]').getAttribute('data-panel-view')).toBe('secretary');

    // Attendance: ledamöter first (chair, vice chair, then by name), then ersättare, then officials.
    const groups = f.locator('[data-attendance-group]');
    await groups.first().waitFor({ timeout: 10_000 });
    expect(await groups.evaluateAll((els) => els.map((e) => e.getAttribute('data-attendance-group')))).toEqual(['members', 'substitutes', 'others']);
    expect(await f.locator('[data-attendance-group="members"] li[data-person]').evaluateAll((els) => els.map((e) => e.getAttribute('data-person')))).toEqual(['Siw Lunander', 'Per Nyman', 'Anders Holm', 'Karin Haster']);
    expect(await f.locator('[data-attendance-group] h3').allInnerTexts()).toEqual(['Ledamöter', 'Ersättare', 'Tjänstepersoner och övriga']);
    // Search: part of a name, case and diacritics ignored.
    const search = f.getByRole('searchbox', { name: 'Sök i närvarolistan' });
    await search.click();
    await search.pressSequentially('hol');
    await f.locator('li[data-person]').nth(1).waitFor({ state: 'detached', timeout: 5000 });
    expect(await f.locator('li[data-person]').evaluateAll((els) => els.map((e) => e.getAttribute('data-person')))).toEqual(['Anders Holm']);
    await search.fill('');
    await search.pressSequentially('MAJA');
    await f.locator('li[data-person="Maja Ek"]').waitFor();
    expect(await f.locator('li[data-person]').count()).toBe(1);
    await search.fill('');
    // One tap each: the four ledamöter are here (and the meeting is quorate).
    for (const name of ['Siw Lunander', 'Per Nyman', 'Anders Holm', 'Karin Haster']) {
      await f.getByRole('button', { name: `Närvarande: ${name}` }).click();
      await f.locator(`li[data-person="${name}"][data-state="present"]`).waitFor({ timeout: 5000 });
    }
    expect(await f.getByRole('button', { name: 'Närvarande: Anders Holm' }).getAttribute('aria-pressed')).toBe('true');
    await f.locator('[data-quorate="true"]').waitFor({ timeout: 5000 });

    // The chair opens the meeting; the desk is at item 1 when the secretary writes the policy decision.
    await chair.frame.getByRole('button', { name: 'Starta mötet: punkt 1' }).click();
    await f.getByRole('heading', { name: 'Anteckningar för punkt 1' }).waitFor({ timeout: 5000 });
    const first = 'Rådet antar folkhälsopolicyn.';
    const decisionBox = f.getByRole('textbox', { name: 'Beslutsformulering' });
    await decisionBox.click();
    await decisionBox.pressSequentially(first);
    await f.getByRole('button', { name: 'Föreslå beslut' }).click();
    const row = (text: string) => f.locator('li[data-decision]', { hasText: text });
    await row(first).waitFor({ timeout: 5000 });

    // Filed under item 1 by mistake: "Flytta till punkt…" the policy item.
    await row(first).getByRole('button', { name: 'Flytta till punkt…' }).click();
    await pick(f, 'Flytta beslutet till punkt', POLICY);
    await shoot(secretary, 'desk-move-open-320');
    await row(first).getByRole('button', { name: 'Flytta', exact: true }).click();
    await row(first).waitFor({ state: 'detached', timeout: 5000 });
    const optionText = (await f.getByLabel('Punkt', { exact: true }).locator('option', { hasText: POLICY }).innerText()).trim();
    const policyNumber = Number(/^(\d+)\./.exec(optionText)![1]);
    await pickItem(f, policyNumber);
    await f.getByRole('heading', { name: `Anteckningar för punkt ${policyNumber}` }).waitFor();
    await row(first).waitFor({ timeout: 5000 });

    // "Ändra": the wording as decided.
    const wording = 'Rådet antar den länsgemensamma folkhälsopolicyn enligt utkastet.';
    await row(first).getByRole('button', { name: 'Ändra', exact: true }).click();
    const edit = f.getByRole('textbox', { name: 'Ändra beslutsformulering' });
    await edit.click();
    await edit.press('Control+A');
    await edit.pressSequentially(wording);
    await f.getByRole('button', { name: 'Spara ändringen' }).click();
    await row(wording).waitFor({ timeout: 5000 });
    // The old wording goes when the saved decision comes back (it may still show for a render under load).
    await expect.poll(() => row(first).count(), { timeout: 5000 }).toBe(0);
    expect(await f.locator('li[data-decision]').count()).toBe(1);

    // A duplicate, written twice by mistake: "Dra tillbaka", asked first.
    const duplicate = 'Rådet antar policyn (dubblett).';
    await decisionBox.click();
    await decisionBox.pressSequentially(duplicate);
    await f.getByRole('button', { name: 'Föreslå beslut' }).click();
    await row(duplicate).waitFor({ timeout: 5000 });
    await row(duplicate).getByRole('button', { name: 'Dra tillbaka' }).click();
    await row(duplicate).getByText('Dra tillbaka förslaget? Det tas bort och kommer inte med i protokollet.').waitFor();
    await shoot(secretary, 'desk-withdraw-ask-320');
    await row(duplicate).getByRole('button', { name: 'Ja, dra tillbaka' }).click();
    await row(duplicate).waitFor({ state: 'detached', timeout: 5000 });

    // Confirmed; then Anders Holm reserves himself, recorded by the secretary.
    await row(wording).getByRole('button', { name: 'Bekräfta beslut' }).click();
    await f.locator('li[data-decision="confirmed"]', { hasText: wording }).waitFor({ timeout: 5000 });
    expect(await row(wording).getByRole('button', { name: 'Ändra', exact: true }).count()).toBe(0);
    await row(wording).getByRole('button', { name: 'Reservation…' }).click();
    await pick(f, 'Vem reserverar sig?', 'Anders Holm');
    const why = f.getByRole('textbox', { name: 'Motivering (valfri)' });
    await why.click();
    await why.pressSequentially('Kumla kommun vill invänta remissvaren.');
    await shoot(secretary, 'desk-reservation-open-320');
    await f.getByRole('button', { name: 'Registrera reservation' }).click();
    await row(wording).locator('[data-reservations]', { hasText: 'Anders Holm reserverade sig mot beslutet: Kumla kommun vill invänta remissvaren.' }).waitFor({ timeout: 5000 });

    // Jäv: Karin Haster takes no part in the item.
    await pick(f, `Jäv i punkt ${policyNumber} för`, 'Karin Haster');
    await f.getByRole('button', { name: 'Anmäl jäv' }).click();
    await f.locator(`[data-recusals="${policyNumber}"]`, { hasText: `Karin Haster anmälde jäv och deltar inte i punkt ${policyNumber}` }).waitFor({ timeout: 5000 });

    expect(await secretary.horizontalOverflow()).toBe(0);
    const violations = await secretary.axe();
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await shoot(secretary, 'desk-after-corrections-320');
    expect(secretary.pageErrors).toEqual([]);
    expect(chair.pageErrors).toEqual([]);

    // The same desk in dark and high contrast: nothing overflows, nothing for axe; the tools of the confirmed
    // decision and the grouped attendance are there.
    for (const theme of ['dark', 'contrast'] as const) {
      const panel = await journey.open('sidePanel', { as: USERS.secretary, width: 320, theme });
      await pickItem(panel.frame, policyNumber);
      await panel.frame.locator('li[data-decision="confirmed"]', { hasText: wording }).getByRole('button', { name: 'Reservation…' }).waitFor({ timeout: 10_000 });
      await panel.frame.locator('[data-attendance-group="members"]').waitFor();
      expect(await panel.horizontalOverflow(), theme).toBe(0);
      expect(await panel.axe(), theme).toEqual([]);
      await shoot(panel, `desk-after-corrections-${theme}-320`);
    }

    // The draft minutes: the decision under the policy item, confirmed, as worded, with the reservation;
    // the jäv at the item; nothing under item 1; the duplicate nowhere.
    const m = `/api/v1/meetings/${journey.h.meetingId}`;
    const version = await (await apiAs(journey.h, USERS.secretary, `${m}/minutes/versions`, { method: 'POST' })).json();
    const html = (await (await apiAs(journey.h, USERS.secretary, `${m}/minutes/versions/${version.number}`)).json()).html as string;
    const policy = itemSection(html, POLICY);
    expect(policy).toContain(`<b>Beslut: ${wording}</b>`);
    expect(policy).toContain('Anders Holm reserverar sig: Kumla kommun vill invänta remissvaren.');
    expect(policy).toContain('Karin Haster anmälde jäv och deltog inte i handläggningen av ärendet.');
    expect(html).not.toContain(first);
    expect(html).not.toContain(duplicate);
    expect(html.match(/länsgemensamma folkhälsopolicyn/g)).toHaveLength(1);
    const recusals = (await (await apiAs(journey.h, USERS.secretary, `${m}/recusals`)).json()).recusals as { personId: string }[];
    expect(recusals.map((r) => r.personId)).toEqual([USERS.member2.personId]);
  });
});
