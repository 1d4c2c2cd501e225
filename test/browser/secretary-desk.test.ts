import { describe, expect, it } from 'vitest';
import { correctMeetingAttendance } from '../../shared/services/attendance-service';
import { createMeeting } from '../../shared/services/meeting-service';
import type { Caller } from '../../shared/usecase/context';
import { live, pickItem, shooterTo, tabJourney } from './panel-helpers';
import { pick, USERS } from './tab-harness';

/** Screenshots of this file go outside the repository, to be looked at by a person. */
const SHOTS = '/tmp/radslag-desk-screens';

const shoot = shooterTo(SHOTS);

/**
 * The two dead ends a secretary hit in Teams (issue 16 item 3, issue 17 item 3), walked through the Teams
 * test host from the saved contentUrl with clicks and typing only:
 * 1. her notes save themselves and survive the chair moving on; a half-written decision keeps its item;
 * 2. after the meeting she appoints justerare in the content tab and sends for justering; she sees who got
 *    the card in Teams and who cannot be reached, and why; a justerare signs from the tab (her open tab shows
 *    it live); the one Teams would not reach justerar by e-mail, which she records with its date.
 */
describe('the secretary’s desk and justering in the tab', () => {
  const journey = tabJourney('meeting');
  const { open } = journey;

  it('notes save themselves and stay when the chair moves on; the desk follows the chair unless she is writing or pinned; a half-written decision keeps its item', async () => {
    const [chair, secretary] = [await open('sidePanel', { as: USERS.chair }), await open('sidePanel', { as: USERS.secretary })];
    await Promise.all([live(chair), live(secretary)]);
    const f = secretary.frame;
    expect(await f.locator('[data-panel-view]').getAttribute('data-panel-view')).toBe('secretary');
    const notesHeading = (n: number) => f.getByRole('heading', { name: `Anteckningar för punkt ${n}` });
    const chairStep = async (label: string, n: number) => {
      await chair.frame.getByRole('button', { name: label, exact: true }).click();
      await chair.frame.locator(`[data-current-item="${n}"]`).waitFor({ timeout: 5000 });
    };

    // The chair opens the meeting; the desk follows to item 1.
    await chairStep('Starta mötet: punkt 1', 1);
    await notesHeading(1).waitFor({ timeout: 5000 });
    expect(await f.locator('[data-desk-follow]').getAttribute('data-desk-follow')).toBe('following');

    // She writes notes and does not press anything; the chair moves on to item 2 meanwhile ("Nästa punkt").
    const text = 'Ordföranden hälsade välkommen. Närvaron fastställdes; Karin Haster anmälde jäv i punkt 6.';
    const box = f.getByRole('textbox', { name: 'Anteckningar för punkt 1' });
    await box.click();
    await box.pressSequentially(text, { delay: 5 });
    await chairStep('Nästa punkt', 2);

    // Her desk stayed where she writes, the text is there and saved, and she is told where the chair is.
    await f.locator('[data-desk-follow="behind"]', { hasText: 'Ordföranden är på punkt 2' }).waitFor({ timeout: 5000 });
    await f.locator('[data-notes-item="1"][data-notes-status="saved"]').waitFor({ timeout: 5000 });
    expect(await box.inputValue()).toBe(text);
    expect(await f.locator('[data-notes-item="1"] [role="status"]').innerText()).toBe('Sparat');
    await shoot(secretary, 'side-panel-secretary-behind-320');

    // "Följ ordföranden": item 2; back to item 1 by choosing it, the text is there.
    await f.getByRole('button', { name: 'Följ ordföranden' }).click();
    await notesHeading(2).waitFor({ timeout: 5000 });
    await pickItem(f, 1);
    await notesHeading(1).waitFor();
    expect(await f.getByRole('textbox', { name: 'Anteckningar för punkt 1' }).inputValue()).toBe(text);
    expect(await f.locator('[data-desk-follow]').getAttribute('data-desk-follow')).toBe('pinned');

    // Pinned: the chair moving on does not move her desk.
    await chairStep('Nästa punkt', 3);
    await f.locator('[data-desk-follow="pinned"]', { hasText: 'Ordföranden är på punkt 3' }).waitFor({ timeout: 5000 });
    await notesHeading(1).waitFor();

    // Following again, not writing: the desk goes with the chair.
    await f.getByRole('button', { name: 'Följ ordföranden' }).click();
    await notesHeading(3).waitFor({ timeout: 5000 });
    await chairStep('Nästa punkt', 4);
    await notesHeading(4).waitFor({ timeout: 5000 });

    // A half-written decision keeps its item: the chair moves to 5, the desk stays at 4, the decision is filed under 4.
    const decision = 'Föregående protokoll lades till handlingarna.';
    await f.getByRole('textbox', { name: 'Beslutsformulering' }).fill(decision);
    await f.getByRole('heading', { name: 'Beslut', exact: true }).click(); // focus leaves the field; the draft is still there
    await chairStep('Nästa punkt', 5);
    await f.locator('[data-desk-follow="behind"]', { hasText: 'Ordföranden är på punkt 5' }).waitFor({ timeout: 5000 });
    await notesHeading(4).waitFor();
    await f.getByRole('button', { name: 'Föreslå beslut' }).click();
    await f.locator('li[data-decision="proposed"]', { hasText: decision }).waitFor({ timeout: 5000 });
    await f.getByRole('button', { name: 'Följ ordföranden' }).click();
    await notesHeading(5).waitFor({ timeout: 5000 });
    expect(await f.locator('li[data-decision]', { hasText: decision }).count()).toBe(0);

    expect(await secretary.horizontalOverflow()).toBe(0);
    const violations = await secretary.axe();
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await shoot(secretary, 'side-panel-secretary-320');

    // A fresh panel (as after closing Teams) reads the notes from the server.
    const again = await open('sidePanel', { as: USERS.secretary, theme: 'dark' });
    await pickItem(again.frame, 1);
    await again.frame.getByRole('heading', { name: 'Anteckningar för punkt 1' }).waitFor();
    expect(await again.frame.getByRole('textbox', { name: 'Anteckningar för punkt 1' }).inputValue()).toBe(text);
    await pickItem(again.frame, 4);
    await again.frame.locator('li[data-decision="proposed"]', { hasText: decision }).waitFor({ timeout: 5000 });
    await shoot(again, 'side-panel-secretary-dark-320');
    expect(chair.pageErrors).toEqual([]);
    expect(secretary.pageErrors).toEqual([]);
  });

  it('after the meeting: the secretary appoints two justerare and sends; she is told the one Teams cannot reach and why; a justerare signs in the tab, live; the other is recorded via e-post with its date', async () => {
    // Setup through the app: a meeting held last month, four ledamöter present (the ersättare was not called in).
    const runner = journey.h.t.app.runner;
    const store = journey.h.t.app.runnerDeps.store;
    const ctx: Caller = { actor: { personId: USERS.secretary.personId!, tenantId: store.tenantId, isAdmin: false }, correlationId: 'desk-test', locale: 'sv' };
    const start = Date.now() - 30 * 86_400_000;
    const created = await runner.run(ctx, createMeeting, { bodyIds: [journey.h.bodyId], title: 'Samverkansrådet 26 oktober', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 7_200_000).toISOString(), timeZone: 'Europe/Stockholm', place: 'Eklundavägen 1', mode: 'hybrid', secretaryPersonIds: [], standardAgenda: true, items: [{ title: 'Regional handlingsplan för suicidprevention', kind: 'beslut', presenters: [], attachments: [] }] });
    for (const u of [USERS.chair, USERS.member, USERS.member2, USERS.member3]) await runner.run(ctx, correctMeetingAttendance, { meetingId: created.meeting.id, personId: u.personId!, state: 'present' });
    // The bot has never been in a conversation in this organisation: no card can reach anyone in Teams
    // (test/integration/minutes/justering-reach.test.ts covers opening the chat and a refusal by Teams).

    // The secretary adds the tab to that Teams meeting and opens it after the meeting.
    const adding = await journey.h.teams.addToMeeting({ teamsMeetingId: 'MCMxOTpvY3RvYmVyX21lZXRpbmdAdGhyZWFkLnYy' }, { as: USERS.secretary });
    const octoberTab = await adding.configure((f) => pick(f, 'Vilket möte i Rådslag är det här?', 'Samverkansrådet 26 oktober'));
    await adding.config.close().catch(() => undefined);
    const secretary = journey.track(await octoberTab.open('content', { as: USERS.secretary, width: 320 }));
    const f = secretary.frame;
    await f.getByRole('tab', { name: 'Protokoll', selected: true }).waitFor({ timeout: 10_000 });
    await live(secretary);
    await f.getByRole('heading', { name: 'Justering' }).waitFor({ timeout: 10_000 });

    // Nothing to send yet: the button says why instead of failing with "mötet har inga justerare".
    const send = f.getByRole('button', { name: 'Skicka för justering' });
    expect(await send.isDisabled()).toBe(true);
    await f.getByRole('button', { name: 'Skapa utkast' }).click();
    await f.locator('[data-minutes-version="1"]').waitFor({ timeout: 10_000 });
    await f.getByText('Utse justerare först.').waitFor();

    // The candidates are the serving members, sorted; not the ersättare, the secretary or the official.
    const choices = f.locator('fieldset').getByRole('checkbox');
    await choices.first().waitFor();
    const labels = await f.locator('fieldset label').allInnerTexts();
    expect(labels.map((l) => l.trim())).toEqual(['Anders Holm', 'Karin Haster', 'Per Nyman', 'Siw Lunander']);
    await f.getByRole('checkbox', { name: 'Anders Holm' }).click();
    await f.getByRole('checkbox', { name: 'Karin Haster' }).click();
    await f.getByRole('button', { name: 'Utse justerare' }).click();
    await f.getByText('Justerarna är utsedda.').waitFor({ timeout: 5000 });
    await f.locator('[data-justerare-appointed="2"]', { hasText: 'Anders Holm, Karin Haster' }).waitFor({ timeout: 5000 });
    await send.click();
    await f.getByText(/^Protokollet skickas till justerarna i Teams\./).waitFor({ timeout: 5000 });
    await f.locator('li[data-justerare="Anders Holm"][data-signed="no"]').waitFor({ timeout: 5000 });
    // Who got the card and who did not, and what to do: not "skickat" for someone Teams would not reach.
    for (const name of ['Anders Holm', 'Karin Haster']) {
      const delivery = f.locator(`li[data-justerare="${name}"] [data-delivery="unreachable"]`);
      await delivery.waitFor({ timeout: 15_000 });
      expect(await delivery.innerText()).toBe('Nås inte i Teams: Rådslag har ännu ingen kontakt med Teams i organisationen. Be hen öppna Rådslag i Teams, eller justera via e-post och registrera det här.');
      expect(await f.locator(`li[data-justerare="${name}"]`).innerText()).not.toMatch(/kommit fram/);
    }
    // What was sent is a fresh draft that names the justerare (version 1 was made before they were appointed).
    await f.locator('[data-minutes-version="2"]').waitFor({ timeout: 5000 });
    expect(await f.locator('article[data-minutes="preview"]').innerText()).toMatch(/Justerare: Anders Holm/);
    expect(await secretary.horizontalOverflow()).toBe(0);
    const violations = await secretary.axe();
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await shoot(secretary, 'minutes-view-secretary-sent-320');

    // A member who is not justerare: no secretary controls, no "Justera".
    const member3 = journey.track(await octoberTab.open('content', { as: USERS.member3, width: 320 }));
    await member3.frame.locator('[data-justering-status]').waitFor({ timeout: 10_000 });
    for (const name of ['Utse justerare', 'Skicka för justering', 'Justera version 2', 'Skapa utkast', 'Generera om', 'Publicera']) expect(await member3.frame.getByRole('button', { name }).count(), name).toBe(0);
    await member3.close();

    // The justerare opens the tab and signs; the secretary's open tab shows it without a reload.
    const justerare = journey.track(await octoberTab.open('content', { as: USERS.member, width: 320 }));
    await justerare.frame.getByRole('button', { name: 'Justera version 2' }).waitFor({ timeout: 10_000 });
    expect(await justerare.frame.getByRole('button', { name: 'Utse justerare' }).count()).toBe(0);
    expect(await justerare.axe()).toEqual([]);
    await shoot(justerare, 'minutes-view-justerare-320');
    await live(justerare);
    const clicked = Date.now();
    await justerare.frame.getByRole('button', { name: 'Justera version 2' }).click();
    await justerare.frame.getByText('Du har justerat protokollet.').waitFor({ timeout: 5000 });
    const signed = f.locator('li[data-justerare="Anders Holm"][data-signed="yes"]');
    await signed.waitFor({ timeout: 5000 });
    console.log(`justering: the secretary's tab showed the signature ${Date.now() - clicked} ms after the justerare's click`);
    expect(await signed.innerText()).toMatch(/^✓ Anders Holm – justerade \d{4}-\d{2}-\d{2}$/);
    expect(await f.locator('li[data-justerare="Karin Haster"]').innerText()).toMatch(/^Karin Haster – väntar på justering\n/);
    // Once someone has signed, the justerare are no longer offered for change (the round is under way).
    expect(await f.getByRole('button', { name: 'Utse justerare' }).count()).toBe(0);
    expect(await justerare.frame.getByRole('button', { name: 'Justera version 2' }).count()).toBe(0);

    // Karin justerade by e-mail yesterday: the secretary records it with that date; the minutes lock.
    const yesterday = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(Date.now() - 86_400_000));
    const karin = f.locator('li[data-justerare="Karin Haster"]');
    const date = karin.getByLabel('Datum då Karin Haster justerade via e-post');
    expect(await date.inputValue()).toBe(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date()));
    await date.click();
    await date.fill(yesterday);
    await karin.getByRole('button', { name: 'Registrera justering via e-post' }).click();
    await f.locator('li[data-justerare="Karin Haster"][data-signed="yes"]').waitFor({ timeout: 5000 });
    expect(await f.locator('li[data-justerare="Karin Haster"]').innerText()).toBe(`✓ Karin Haster – justerade ${yesterday}`);
    await f.getByText('Protokollet är justerat och låst; en ändring görs som rättelse.').waitFor({ timeout: 5000 });
    expect(await send.count()).toBe(0);
    expect(await secretary.horizontalOverflow()).toBe(0);
    expect(await secretary.axe()).toEqual([]);
    await shoot(secretary, 'minutes-view-secretary-justerat-320');
    expect(secretary.pageErrors).toEqual([]);
  });
});
