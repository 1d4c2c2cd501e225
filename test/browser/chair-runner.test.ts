import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TabSurface } from '../kit/teams-host';
import { live, tabJourney } from './panel-helpers';
import { USERS } from './tab-harness';

/** Screenshots of this file go outside the repository, to be looked at by a person. */
const SHOTS = '/tmp/radslag-chair-screens';

const chairNow = (tab: TabSurface, name: string) => tab.frame.locator('[data-chair-now]', { hasText: `Ordförande nu: ${name}` }).waitFor({ timeout: 5000 });

/**
 * The chair runs a whole meeting from the side panel, walked through the Teams test host from the saved
 * contentUrl with clicks and typing only: one click per item ("Starta mötet: punkt 1", then "Nästa punkt"),
 * two items taken out of order from the agenda overview, the chair handed to a member for one item ("denna
 * punkt") with a confirmation (everyone sees "Ordförande nu: …"), taken back by moving on, and "Avsluta
 * mötet" with a proposal unconfirmed lists it and asks first.
 */
describe('the chair runs the meeting from the side panel', () => {
  const journey = tabJourney('meeting');

  it('one click per item, items out of order from the overview, a handover for one item taken back, and an end that lists the unconfirmed first', async () => {
    const [chair, secretary, member] = await Promise.all([
      journey.open('sidePanel', { as: USERS.chair, width: 320 }),
      journey.open('sidePanel', { as: USERS.secretary, width: 320 }),
      journey.open('sidePanel', { as: USERS.member, width: 320 }),
    ]);
    await Promise.all([live(chair), live(secretary), live(member)]);
    const c = chair.frame;
    expect(await c.locator('[data-panel-view]').getAttribute('data-panel-view')).toBe('chair');
    for (const tab of [chair, secretary, member]) await chairNow(tab, 'Siw Lunander');

    // Karin Haster has sent apologies: the secretary records it (she must not be offered the chair).
    await secretary.frame.getByLabel('Ändra närvaro för Karin Haster').selectOption({ label: 'Förhinder' });
    await secretary.frame.locator('li[data-person="Karin Haster"][data-state="förhinder"]').waitFor({ timeout: 5000 });

    const total = await c.locator('[data-overview-item]').count();
    expect(total).toBeGreaterThanOrEqual(6);
    const at = (n: number) => c.locator(`[data-current-item="${n}"]`).waitFor({ timeout: 5000 });
    const status = (n: number) => c.locator(`[data-overview-item="${n}"]`).getAttribute('data-status');
    const next = () => c.getByRole('button', { name: 'Nästa punkt', exact: true }).click();

    // One click opens the meeting with item 1; no separate "Avsluta punkt".
    expect(await c.getByRole('button', { name: /^Avsluta punkt/ }).count()).toBe(0);
    await c.getByRole('button', { name: 'Starta mötet: punkt 1' }).click();
    await at(1);
    await c.locator('[data-next-item="2"]').waitFor();

    // Out of order from the overview: item 3 before item 2 (item 1 is finished by the same click).
    await c.getByRole('button', { name: 'Starta punkt 3', exact: true }).click();
    await at(3);
    expect([await status(1), await status(2)]).toEqual(['done', 'pending']);
    await c.getByRole('button', { name: 'Starta punkt 2', exact: true }).click();
    await at(2);
    expect(await status(3)).toBe('done');
    expect(await chair.horizontalOverflow()).toBe(0);
    mkdirSync(SHOTS, { recursive: true });
    copyFileSync(await chair.screenshot('chair-running-320'), join(SHOTS, 'chair-running-320.png'));
    // "Nästa punkt" goes on after the items already taken: item 4.
    await next();
    await at(4);
    for (const n of [1, 2, 3]) expect(await status(n)).toBe('done');

    // Handover for this item only: candidates serving, sorted, no förhinder, not the chair; confirmed first.
    const select = c.getByLabel('Ny mötesordförande');
    const names = (await select.locator('option').allInnerTexts()).map((x) => x.trim()).filter((x) => x !== '—');
    expect(names).toEqual(['Anders Holm', 'Per Nyman']);
    await select.selectOption({ label: 'Anders Holm' });
    expect(await c.getByRole('radio', { name: 'Denna punkt (4)' }).isChecked()).toBe(true);
    await c.getByRole('button', { name: 'Lämna över…' }).click();
    const confirm = c.locator('[data-confirm-handover]');
    expect(await c.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText.trim())).toBe('Ja, lämna över');
    expect(await confirm.innerText()).toMatch(/Lämna över ordförandeskapet till Anders Holm för punkt 4\?/);
    await confirm.getByRole('button', { name: 'Ja, lämna över' }).click();
    for (const tab of [chair, secretary, member]) await chairNow(tab, 'Anders Holm');
    // The member now has the runner for item 4, but not "Nästa punkt" (item 5 is Siw's again: the server would refuse).
    await member.frame.locator('[data-panel-view="chair"]').waitFor({ state: 'attached', timeout: 5000 });
    await member.frame.getByRole('button', { name: 'Avsluta punkt 4' }).waitFor();
    expect(await member.frame.getByRole('button', { name: 'Nästa punkt', exact: true }).count()).toBe(0);
    // Siw chairs the items after it: she keeps the runner (no handover section while Anders chairs) and takes the chair back by moving on.
    expect(await c.getByLabel('Ny mötesordförande').count()).toBe(0);
    await next();
    await at(5);
    for (const tab of [chair, secretary, member]) await chairNow(tab, 'Siw Lunander');
    await member.frame.locator('[data-panel-view="member"]').waitFor({ state: 'attached', timeout: 5000 });

    // The rest, one click each, up to the last item.
    for (let n = 6; n <= total; n++) {
      await next();
      await at(n);
    }
    expect(await c.getByRole('button', { name: 'Nästa punkt', exact: true }).count()).toBe(0);

    // The secretary proposes a decision on the last item and does not confirm it.
    const text = 'Ordföranden förklarade mötet avslutat.';
    await secretary.frame.getByRole('heading', { name: `Anteckningar för punkt ${total}` }).waitFor({ timeout: 5000 });
    await secretary.frame.getByLabel('Beslutsformulering').fill(text);
    await secretary.frame.getByRole('button', { name: 'Föreslå beslut' }).click();
    await secretary.frame.locator('li[data-decision="proposed"]', { hasText: text }).waitFor({ timeout: 5000 });

    // "Avsluta mötet" asks first and lists what is not confirmed; nothing ends until she says so.
    await c.getByRole('button', { name: 'Avsluta mötet', exact: true }).click();
    const end = c.locator('[data-confirm-end]');
    await end.locator('[data-unconfirmed]', { hasText: text }).waitFor({ timeout: 5000 });
    expect(await c.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText.trim())).toBe('Avsluta mötet ändå');
    expect(await end.innerText()).toMatch(/1 st\. är inte bekräftade/);
    expect(await c.getByText('Mötet är avslutat').count()).toBe(0);
    expect(await chair.horizontalOverflow()).toBe(0);
    const violations = await chair.axe();
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    mkdirSync(SHOTS, { recursive: true });
    copyFileSync(await chair.screenshot('chair-end-confirm-320'), join(SHOTS, 'chair-end-confirm-320.png'));
    await end.getByRole('button', { name: 'Avbryt' }).click();
    expect(await end.count()).toBe(0);
    // The notice of the handover at item 4 is not still shown at the end.
    expect(await c.getByText('Ordförandeskapet är överlämnat.').count()).toBe(0);
    await c.getByRole('button', { name: 'Avsluta mötet', exact: true }).click();
    await c.locator('[data-confirm-end]').getByRole('button', { name: 'Avsluta mötet ändå' }).click();
    await c.getByText('Mötet är avslutat').waitFor({ timeout: 5000 });

    // A mis-click is undone with "Tillbaka": the last item runs again and the meeting is open.
    await c.getByRole('button', { name: 'Tillbaka en punkt' }).click();
    await at(total);
    expect(await c.getByText('Mötet är avslutat').count()).toBe(0);
    expect(chair.pageErrors).toEqual([]);
    expect(member.pageErrors).toEqual([]);
  });
});
