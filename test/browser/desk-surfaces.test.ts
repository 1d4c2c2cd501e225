import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SavedTab, TabSurface } from '../kit/teams-host';
import { inEveryTheme, jointMeetingTab, live, pickItem, shoot as shootTo } from './panel-helpers';
import { apiAs, pick, startHarness, USERS, type Harness } from './tab-harness';

/** Screenshots of this file go outside the repository, to be looked at by a person. */
const SHOTS = '/tmp/shots/desk-surfaces';
const shoot = (tab: TabSurface, name: string) => shootTo(tab, SHOTS, name);
/** Light, dark and high contrast: no sideways scroll, axe 0, a shot each. */
const themed = (tab: TabSurface, name: string) => inEveryTheme(tab, SHOTS, name);

async function ok(r: Promise<Response>): Promise<any> {
  const res = await r;
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * What the secretary's desk and the side panel offer matches what the server accepts, walked through the Teams
 * test host at 320 px: the reservation picker offers those serving at the item (not someone with jäv there),
 * a justerat meeting offers no decision or jäv buttons and says why, and a joint meeting names both councils'
 * chairs as leading an item nobody was handed.
 */
describe('the desk offers what the server accepts', () => {
  let h: Harness;
  let meetingTab: SavedTab;
  const opened: TabSurface[] = [];

  beforeAll(async () => {
    h = await startHarness();
    meetingTab = await h.meetingTab();
  });
  afterAll(async () => {
    for (const tab of opened) await tab.close().catch(() => undefined);
    await h?.close();
  });

  it('the reservation picker leaves out someone with jäv at the item; after justering no change is offered, with one line why', { timeout: 300_000 }, async () => {
    // Setup (not the journey): the four ledamöter are present, item 1 runs, Karin Haster has jäv in it, a decision is proposed.
    const m = `/api/v1/meetings/${h.meetingId}`;
    for (const u of [USERS.chair, USERS.member3, USERS.member, USERS.member2]) await ok(apiAs(h, USERS.secretary, `${m}/attendance/${u.personId}`, { method: 'PUT', json: { state: 'present' } }));
    const item1 = ((await ok(apiAs(h, USERS.chair, m))).items as { id: string; number: number; version: number }[]).find((i) => i.number === 1)!;
    await ok(apiAs(h, USERS.chair, `${m}/agenda/items/${item1.id}/start`, { method: 'POST', json: { version: item1.version } }));
    await ok(apiAs(h, USERS.secretary, `${m}/recusals`, { method: 'POST', json: { itemId: item1.id, personId: USERS.member2.personId } }));
    const wording = 'Mötet förklaras öppnat.';
    await ok(apiAs(h, USERS.secretary, `${m}/agenda/items/${item1.id}/decisions`, { method: 'POST', json: { text: wording } }));

    const secretary = await meetingTab.open('sidePanel', { as: USERS.secretary, width: 320 });
    opened.push(secretary);
    await live(secretary);
    const f = secretary.frame;
    await pickItem(f, 1);
    const row = f.locator('li[data-decision]', { hasText: wording });
    await row.getByRole('button', { name: 'Reservation…' }).click();
    const who = f.getByLabel('Vem reserverar sig?');
    await who.locator('option', { hasText: 'Anders Holm' }).waitFor({ state: 'attached', timeout: 5000 });
    const offered = (await who.locator('option').allInnerTexts()).map((x) => x.trim()).filter((x) => x !== '—');
    // Serving at item 1 by the server's rule: the ledamöter present, not Karin Haster (jäv).
    expect(offered.sort()).toEqual(['Anders Holm', 'Per Nyman', 'Siw Lunander']);
    await themed(secretary, 'reservation-picker-320');
    await pick(f, 'Vem reserverar sig?', 'Per Nyman');
    await f.getByRole('button', { name: 'Registrera reservation' }).click();
    await row.locator('[data-reservations]', { hasText: 'Per Nyman reserverade sig mot beslutet.' }).waitFor({ timeout: 5000 });
    // The server answers the same list, less the one who has reserved.
    const candidates = await ok(apiAs(h, USERS.secretary, `/api/v1/decisions/${(await ok(apiAs(h, USERS.secretary, `${m}/decisions`))).decisions[0].id}/reservation-candidates`));
    expect(candidates.personIds.sort()).toEqual([USERS.member.personId, USERS.chair.personId].sort());
    // A pick left behind by "Avbryt" is not kept for someone who reserved meanwhile (the list no longer offers them).
    await row.getByRole('button', { name: 'Reservation…' }).click();
    await who.locator('option', { hasText: 'Anders Holm' }).waitFor({ state: 'attached', timeout: 5000 });
    await pick(f, 'Vem reserverar sig?', 'Anders Holm');
    await row.getByRole('button', { name: 'Avbryt' }).click();
    const decisionId = (await ok(apiAs(h, USERS.secretary, `${m}/decisions`))).decisions[0].id;
    await ok(apiAs(h, USERS.secretary, `/api/v1/decisions/${decisionId}/recorded-reservations`, { method: 'POST', json: { personId: USERS.member.personId } }));
    await row.locator('[data-reservations]', { hasText: 'Anders Holm reserverade sig mot beslutet.' }).waitFor({ timeout: 5000 });
    await row.getByRole('button', { name: 'Reservation…' }).click();
    await who.locator('option', { hasText: 'Siw Lunander' }).waitFor({ state: 'attached', timeout: 5000 });
    expect(await who.locator('option', { hasText: 'Anders Holm' }).count()).toBe(0);
    expect(await who.inputValue()).toBe('');
    expect(await f.getByRole('button', { name: 'Registrera reservation' }).isDisabled()).toBe(true);
    await row.getByRole('button', { name: 'Avbryt' }).click();

    // Setup: Per Nyman reports förhinder (after the reservation), so the meeting has a call-in chain when it is justerat.
    await ok(apiAs(h, USERS.secretary, `${m}/absence`, { method: 'POST', json: { personId: USERS.member3.personId } }));
    for (const until = Date.now() + 10_000; ((await ok(apiAs(h, USERS.secretary, `${m}/call-ins`))).chains as unknown[]).length === 0; ) {
      if (Date.now() > until) throw new Error('no call-in chain for Per Nyman');
      await new Promise((r) => setTimeout(r, 200));
    }

    // Justering done (setup: a version and the lock, as the last justerare's signature leaves them).
    const version = await ok(apiAs(h, USERS.secretary, `${m}/minutes/versions`, { method: 'POST' }));
    const { store, ids } = h.t.app.runnerDeps;
    await store.transaction(async (tx) => {
      const final = (await tx.minutesVersions.findBy({ meetingId: h.meetingId })).find((v) => v.number === version.number)!;
      await tx.minutesLocks.insert({ id: ids.next(), tenantId: store.tenantId, meetingId: h.meetingId, locked: true, finalVersionId: final.id, lockedAt: new Date().toISOString(), correctionReason: null, correctionOpenedBy: null, version: 1 });
    });
    for (const [locale, line] of [
      ['sv-se', 'Protokollet är justerat: beslut, reservationer, jäv, anteckningar, uppdrag och närvaro ändras nu bara genom en rättelse av protokollet.'],
      ['en-us', 'The minutes are signed off: decisions, reservations, recusals, notes, tasks and attendance now change only through a correction of the minutes.'],
    ] as const) {
      const panel = await meetingTab.open('sidePanel', { as: USERS.secretary, width: 320, locale });
      opened.push(panel);
      await live(panel);
      const p = panel.frame;
      if (locale === 'sv-se') await pickItem(p, 1);
      else await p.getByLabel('Item', { exact: true }).selectOption({ label: (await p.getByLabel('Item', { exact: true }).locator('option', { hasText: /^1\. / }).first().innerText()).trim() });
      await p.locator('[data-desk-locked]', { hasText: line }).waitFor({ timeout: 10_000 });
      await p.locator('li[data-decision]', { hasText: wording }).waitFor();
      // Nothing the server would refuse with LOCKED_FINAL: no decision tools, no proposal, no jäv form.
      expect(await p.locator('[data-decision-tools]').count()).toBe(0);
      expect(await p.locator('li[data-decision] button').count()).toBe(0);
      expect(await p.getByRole('button', { name: locale === 'sv-se' ? 'Föreslå beslut' : 'Propose decision' }).count()).toBe(0);
      expect(await p.getByRole('button', { name: locale === 'sv-se' ? 'Anmäl jäv' : 'Record conflict of interest' }).count()).toBe(0);
      // Nor a task, a note or an attendance change: the notes are read-only, attendance shown but not changeable.
      expect(await p.getByRole('button', { name: locale === 'sv-se' ? 'Lägg till uppdrag' : 'Add task' }).count()).toBe(0);
      expect(await p.locator('[data-notes-item="1"] textarea').getAttribute('readonly')).not.toBeNull();
      expect(await p.locator('[data-attendance-group] button:not([disabled])').count()).toBe(0);
      // Shown as words a person can read in every theme (not as greyed-out controls), and the notes say why they are read-only.
      expect(await p.locator('[data-attendance-group="members"] li[data-person="Anders Holm"] [data-attendance-state="present"]').innerText()).toBe(locale === 'sv-se' ? 'Närvarande' : 'Present');
      expect(await p.locator('[data-attendance-group] select').count()).toBe(0);
      await p.locator('[data-notes-item="1"]', { hasText: locale === 'sv-se' ? 'Kan inte ändras: protokollet är justerat.' : 'Cannot be changed: the minutes are signed off.' }).waitFor();
      expect(await panel.horizontalOverflow()).toBe(0);
      if (locale === 'sv-se') await themed(panel, 'desk-locked-320');
      else await shoot(panel, `desk-locked-${locale}-320`);
      expect(panel.pageErrors).toEqual([]);
    }
    // The call-in list on the meeting tab: the chain is shown, with no way to ask or seat anyone (the store refuses it).
    const roster = await meetingTab.open('content', { as: USERS.secretary, width: 320 });
    opened.push(roster);
    const chain = roster.frame.locator('[data-call-in="Per Nyman"]');
    await chain.locator('[data-step]').first().waitFor({ timeout: 10_000 });
    expect(await chain.getByRole('button').count()).toBe(0);
    const [callIn] = (await ok(apiAs(h, USERS.secretary, `${m}/call-ins`))).chains as { callIn: { id: string } }[];
    const seat = await apiAs(h, USERS.secretary, `${m}/call-ins/${callIn!.callIn.id}/override`, { method: 'POST', json: { personId: USERS.substitute.personId, mode: 'assign' } });
    expect(((await seat.json()) as { error: { code: string } }).error.code).toBe('LOCKED_FINAL');
    expect(await roster.horizontalOverflow()).toBe(0);
    expect(roster.pageErrors).toEqual([]);
    // The chair's runner likewise offers no step of the agenda (the store refuses those too) and says why.
    const chairPanel = await meetingTab.open('sidePanel', { as: USERS.chair, width: 320 });
    opened.push(chairPanel);
    await chairPanel.frame.getByText('Protokollet är justerat och låst; en ändring görs som rättelse.').waitFor({ timeout: 10_000 });
    for (const name of [/^Nästa punkt/, /^Starta/, /^Avsluta/, /^Tillbaka/, /^Lämna över/]) expect(await chairPanel.frame.getByRole('button', { name }).count()).toBe(0);
    await live(chairPanel);
    await themed(chairPanel, 'runner-locked-chair-320');
    expect(await chairPanel.frame.getByLabel('Ny mötesordförande').count()).toBe(0);
    expect(chairPanel.pageErrors).toEqual([]);
    // The meeting tab's preparation likewise: no agenda edit and no call-in override, one line why.
    const content = await meetingTab.open('content', { as: USERS.secretary });
    opened.push(content);
    await content.frame.getByRole('tab', { name: 'Förberedelse' }).click();
    await content.frame.locator('[data-agenda-locked]', { hasText: 'Protokollet är justerat och låst; en ändring görs som rättelse.' }).waitFor({ timeout: 10_000 });
    for (const name of [/^Redigera: /, /^Flytta upp: /, /^Flytta ned: /, /^Lägg till punkt/]) expect(await content.frame.getByRole('button', { name }).count()).toBe(0);
    expect(content.pageErrors).toEqual([]);
    // And the server indeed refuses: the picker was hidden for a reason.
    const refused = await apiAs(h, USERS.secretary, `${m}/recusals`, { method: 'POST', json: { itemId: item1.id, personId: USERS.member.personId } });
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('LOCKED_FINAL');
    // A handover too: the chair is offered none after justering because the store refuses it.
    const meeting = await ok(apiAs(h, USERS.chair, m));
    const handover = await apiAs(h, USERS.chair, `${m}/chair-handovers`, { method: 'POST', json: { version: meeting.meeting.version, personId: USERS.member3.personId, fromItemNumber: 1, toItemNumber: 1 } });
    expect(((await handover.json()) as { error: { code: string } }).error.code).toBe('LOCKED_FINAL');
    expect(secretary.pageErrors).toEqual([]);
  });

  it('a joint meeting: both councils’ chairs are named as leading an item nobody was handed, the one handed it alone', { timeout: 300_000 }, async () => {
    // Setup (not the journey): a second council with its own chair, and a joint meeting linked to a Teams meeting.
    const { tab: jointTab, gunnel } = await jointMeetingTab(h, { oid: '0c0ffee0-0000-4000-8000-000000000021', teamsMeetingId: 'MCMxOTptZWV0aW5nX2pvaW50X2xlYWRlcnNfdGVzdA==', title: 'Gemensamt möte om lägesbilden', chairPersonId: USERS.chair.personId! });
    const [siw, member] = [await jointTab.open('sidePanel', { as: USERS.chair, width: 320 }), await jointTab.open('sidePanel', { as: USERS.member, width: 320 })];
    opened.push(siw, member);
    await Promise.all([live(siw), live(member)]);
    await siw.frame.getByRole('button', { name: 'Starta mötet: punkt 1' }).click();
    await member.frame.locator('[data-current-item="1"]').waitFor({ timeout: 10_000 });
    // Item 1, nobody handed it: the councils' chairs lead it together (the server lets each of them run it).
    const line = member.frame.locator('[data-chair-now]');
    await line.filter({ hasText: 'Ordförande nu: Siw Lunander och Gunnel Ek' }).waitFor({ timeout: 10_000 });
    expect((await line.getAttribute('data-chair-now'))!.split(' ').sort()).toEqual([USERS.chair.personId, gunnel.personId].sort());
    await themed(member, 'joint-leaders-member-320');
    // Siw hands item 1 to Gunnel: now Gunnel alone.
    await siw.frame.getByLabel('Ny mötesordförande').selectOption({ label: 'Gunnel Ek' });
    await siw.frame.getByRole('button', { name: 'Lämna över…' }).click();
    await siw.frame.locator('[data-confirm-handover]').getByRole('button', { name: 'Ja, lämna över' }).click();
    await line.filter({ hasText: /^Ordförande nu: Gunnel Ek$/ }).waitFor({ timeout: 10_000 });
    expect(await line.getAttribute('data-chair-now')).toBe(gunnel.personId);
    expect(await member.horizontalOverflow()).toBe(0);
    for (const tab of [siw, member]) expect(tab.pageErrors).toEqual([]);
  });
});
