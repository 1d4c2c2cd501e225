import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { justeringCard } from '../../bot/teams/justering/justering-card';
import type { JusteringCardModel } from '../../bot/teams/justering/justering-card';
import { yymmddInZone } from '../../shared/minutes/swedish-time';
import { correctMeetingAttendance } from '../../shared/services/attendance-service';
import { createMeeting } from '../../shared/services/meeting-service';
import type { Caller } from '../../shared/usecase/context';
import { adaptiveCardAction, deliverToBot } from '../kit/activities';
import type { SavedTab, TabSurface } from '../kit/teams-host';
import { readDocx } from '../unit/minutes/read-back';
import { APP_ID, TENANT, pick, startHarness, USERS, type Harness, type TestUser } from './tab-harness';

const SHOTS = '/tmp/shots/minutes';
const DAY = 86_400_000;
const ZONE = 'Europe/Stockholm';

/** The app's clock: real time plus an offset the test moves forward a day at a time. */
let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };

async function shoot(tab: TabSurface, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const viewport = tab.page.viewportSize()!;
  const height = await tab.frame.evaluate(() => document.documentElement.scrollHeight);
  if (height > viewport.height) await tab.page.setViewportSize({ width: viewport.width, height: Math.min(height, 6000) });
  try {
    await tab.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  } finally {
    if (height > viewport.height) await tab.page.setViewportSize(viewport);
  }
}

/** The words of a text, without the ✓ marks (the .docx draws them the same, as text, but spacing differs). */
const words = (s: string): string[] => s.replace(/✓/g, ' ').split(/\s+/).filter(Boolean);

/**
 * After the meeting, in Teams, through the Teams-like host from the saved contentUrl (clicks and typing only in
 * the tab): the secretary makes the draft, appoints two justerare and sends; each justerare presses "Justera" on
 * the card Teams shows them (the invoke Teams sends), on different days; the minutes lock and the justering line
 * reads "Justerade: <namn> YYMMDD, <namn> YYMMDD"; the secretary makes a rättelse, which is listed as version
 * N+1 with what it changed; its .docx downloads from the tab and says what the HTML says. A member sees no
 * draft: no version, no link, and the server answers 403.
 */
describe('the minutes after the meeting: justering on two days, the lock, a rättelse, the Word file', () => {
  let h: Harness;
  let tab: SavedTab;
  let meetingId: string;
  const opened: TabSurface[] = [];

  beforeAll(async () => {
    h = await startHarness({ clock, botTokens: true });
    // Setup through the app: a meeting held three days ago, the members present.
    const runner = h.t.app.runner;
    const ctx: Caller = { actor: { personId: USERS.secretary.personId!, tenantId: h.t.app.store.tenantId, isAdmin: false }, correlationId: 'minutes-journey', locale: 'sv' };
    const start = Date.now() - 3 * DAY;
    const created = await runner.run(ctx, createMeeting, { bodyIds: [h.bodyId], title: 'Samverkansrådet 1 december', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 7_200_000).toISOString(), timeZone: ZONE, place: 'Eklundavägen 1', mode: 'hybrid', secretaryPersonIds: [USERS.secretary.personId!], standardAgenda: true, items: [{ title: 'Länsgemensam folkhälsopolicy', kind: 'beslut', presenters: [], attachments: [] }] });
    meetingId = created.meeting.id;
    for (const u of [USERS.chair, USERS.member, USERS.member2, USERS.member3]) await runner.run(ctx, correctMeetingAttendance, { meetingId, personId: u.personId!, state: 'present' });
    const adding = await h.teams.addToMeeting({ teamsMeetingId: 'MCMxOTpkZWNlbWJlcl9tZWV0aW5nQHRocmVhZC52Mg==' }, { as: USERS.secretary });
    tab = await adding.configure((f) => pick(f, 'Vilket möte i Rådslag är det här?', 'Samverkansrådet 1 december'));
    await adding.config.close().catch(() => undefined);
  }, 120_000);
  afterAll(async () => {
    for (const t of opened) await t.close().catch(() => undefined);
    await h?.close();
  });

  const open = async (as: TestUser, width = 320) => {
    const t = await tab.open('content', { as, width });
    opened.push(t);
    await t.frame.getByRole('tab', { name: 'Protokoll', selected: true }).waitFor({ timeout: 15_000 });
    await t.frame.locator('[data-live="live"]').first().waitFor({ timeout: 10_000 });
    return t;
  };

  /** The justerare presses "Justera" on the card they were sent: the card as Teams shows it, the invoke as Teams sends it. */
  async function signOnCard(u: TestUser): Promise<void> {
    const jobs = await h.t.app.store.read.jobs.list({ kind: 'teams.send', dedupeKeyPrefix: 'justering.card:', limit: 50 });
    const sent = jobs.map((j) => j.payload as { to: { personId?: string }; message: { card: string; model: JusteringCardModel } }).find((p) => p.to.personId === u.personId && p.message.card === 'justering');
    expect(sent, `a justering card for ${u.name}`).toBeTruthy();
    const card = justeringCard(sent!.message.model) as { actions?: { verb?: string; title?: string; data?: Record<string, unknown> }[] };
    const justera = card.actions?.find((a) => a.verb === 'justering.sign');
    expect(justera?.title).toBe('Justera');
    const activity = adaptiveCardAction({ serviceUrl: 'https://smba.trafficmanager.net/emea/', botAppId: APP_ID, tenantId: TENANT, from: { aadObjectId: u.oid, name: u.name }, scope: { kind: 'personal' }, verb: 'justering.sign', data: justera!.data! });
    const res = await deliverToBot(`${h.t.url}/api/messages`, activity, { entra: h.entra, botAppId: APP_ID });
    expect(res.status, res.text).toBe(200);
    expect(JSON.stringify(res.body)).toMatch(new RegExp(`Justerat av [^"]*${u.name}`));
  }

  it('justering on two days from the cards, the lock and the justering line, a rättelse as version N+1, the .docx as the HTML; a member sees no draft', async () => {
    const secretary = await open(USERS.secretary);
    const f = secretary.frame;

    // Nothing generated yet: "Skapa utkast" is the primary action, "Generera om" is not offered.
    const create = f.getByRole('button', { name: 'Skapa utkast' });
    expect(await create.getAttribute('data-appearance')).toBe('primary');
    expect(await f.getByRole('button', { name: 'Generera om' }).count()).toBe(0);
    await create.click();
    await f.locator('[data-version-row="1"]').waitFor({ timeout: 10_000 });
    expect(await f.locator('[data-version-row="1"] [data-version-changes]').innerText()).toBe('Första versionen.');
    expect(await f.locator('[data-version-row="1"]').innerText()).toContain('Linnea Berg');

    // Publishing an unjusterat draft asks first; "Avbryt" publishes nothing.
    await f.getByRole('button', { name: 'Publicera', exact: true }).click();
    const question = f.locator('[data-publish-question]');
    expect(await question.innerText()).toContain('Protokollet är inte justerat. Vill du publicera utkastet ändå? Inlägget i kanalen märks ”Utkast”.');
    await question.getByRole('button', { name: 'Avbryt' }).click();
    expect(await question.count()).toBe(0);
    expect(await f.locator('[data-outbox]').count()).toBe(0);
    await f.getByRole('button', { name: 'Publicera', exact: true }).click();
    await question.getByRole('button', { name: 'Publicera utkastet' }).click();
    const post = f.locator('[data-outbox="minutes.post"]');
    await post.waitFor({ timeout: 10_000 });
    // The council has no Teams channel here: the secretary is told so in her words, not in Graph's.
    await f.locator('[data-outbox="minutes.post"][data-state="failed"]').waitFor({ timeout: 20_000 });
    expect(await post.innerText()).toMatch(/^Inlägg i kanalen, version 1\s+Misslyckades – se felet och försök igen\s+Rådet är inte kopplat till någon Teams-kanal\./);
    expect(await f.locator('main, body').first().innerText()).not.toMatch(/\bGraph\b|resourceDisabled|\bheld\b/);

    // The justerare, appointed and sent the draft.
    await f.getByRole('checkbox', { name: 'Anders Holm' }).click();
    await f.getByRole('checkbox', { name: 'Karin Haster' }).click();
    await f.getByRole('button', { name: 'Utse justerare' }).click();
    await f.getByText('Justerarna är utsedda.').waitFor({ timeout: 5000 });
    await f.getByRole('button', { name: 'Skicka för justering' }).click();
    await f.locator('[data-version-row="2"]').waitFor({ timeout: 10_000 });
    // Version 2 names the justerare in the header: that is what it changed.
    expect(await f.locator('[data-version-row="2"] [data-version-changes]').innerText()).toBe('Ändrat: mötesuppgifter.');
    await f.locator('li[data-justerare="Anders Holm"][data-signed="no"]').waitFor({ timeout: 5000 });

    // A member who is not justerare: no draft, no version, no Word link; the server refuses the draft itself.
    const member = await open(USERS.member3);
    await member.frame.getByText('Protokollet finns inte att läsa ännu. Det visas här senast när det är justerat.').waitFor({ timeout: 10_000 });
    expect(await member.frame.locator('[data-version-row]').count()).toBe(0);
    expect(await member.frame.locator('article[data-minutes]').count()).toBe(0);
    expect(await member.frame.getByRole('button', { name: /Word-fil/ }).count()).toBe(0);
    for (const n of [1, 2]) {
      const res = await h.t.api(`/api/v1/meetings/${meetingId}/minutes/versions/${n}/docx`, { token: await h.entra.mintUserToken({ tenantId: TENANT, oid: USERS.member3.oid, upn: USERS.member3.upn, name: USERS.member3.name, audience: `api://radslag.test/${APP_ID}`, scopes: ['access_as_user'] }) });
      expect(res.status).toBe(403);
    }
    await member.close();

    // Day one: Anders justerar on his card; the secretary's open tab shows it live.
    const day1 = clock.now().toISOString();
    await signOnCard(USERS.member);
    await f.locator('li[data-justerare="Anders Holm"][data-signed="yes"]').waitFor({ timeout: 5000 });
    // Day two: Karin justerar on hers; the minutes lock.
    offset += DAY;
    const day2 = clock.now().toISOString();
    await signOnCard(USERS.member2);
    await f.getByText('Protokollet är justerat och låst; en ändring görs som rättelse.').waitFor({ timeout: 5000 });
    await f.locator('[data-version-row="3"][data-version-status="final"]').waitFor({ timeout: 5000 });
    const line = `Justerade: Anders Holm ${yymmddInZone(day1, ZONE)}, Karin Haster ${yymmddInZone(day2, ZONE)}`;
    expect(yymmddInZone(day1, ZONE)).not.toBe(yymmddInZone(day2, ZONE));
    expect(await f.locator('article[data-minutes="preview"]').innerText()).toContain(line);
    expect(await f.locator('[data-version-row="3"] [data-version-changes]').innerText()).toBe('Ändrat: justering.');
    expect(await f.getByRole('button', { name: 'Generera om' }).count()).toBe(0);
    await shoot(secretary, 'secretary-justerat-320');

    // A rättelse: why, then the correction, then the version; the justerade version 3 stays.
    offset += DAY;
    await f.getByRole('button', { name: 'Gör rättelse' }).click();
    await f.getByRole('textbox', { name: 'Vad rättas, och varför?' }).fill('Punkt 1: fel lokal angavs.');
    await f.getByRole('button', { name: 'Börja rättelsen' }).click();
    await f.locator('[data-correction="open"]').waitFor({ timeout: 5000 });
    const notes = f.getByRole('textbox', { name: /^1\. / });
    await notes.click();
    await notes.pressSequentially('Mötet hölls i Eklundavägen 1, inte i Eken.', { delay: 2 });
    await f.locator('[data-notes-item="1"][data-notes-status="saved"]').waitFor({ timeout: 10_000 });
    await f.getByRole('button', { name: 'Skapa rättelseversion' }).click();
    await f.getByText('Rättelsen är sparad som version 4.').waitFor({ timeout: 10_000 });
    const row = f.locator('[data-version-row="4"][data-version-status="correction"]');
    await row.waitFor({ timeout: 5000 });
    expect(await row.innerText()).toContain('Rättelse av version 3: Punkt 1: fel lokal angavs.');
    expect(await row.locator('[data-version-changes]').innerText()).toBe('Ändrat: punkt 1 (anteckningar).');
    await f.locator('[data-version-row="3"][data-version-status="final"]').waitFor();
    const article = await f.locator('article[data-minutes="preview"]').innerText();
    expect(article).toContain('Mötet hölls i Eklundavägen 1, inte i Eken.');
    expect(article).toContain(line);
    expect(await secretary.horizontalOverflow()).toBe(0);
    const violations = await secretary.axe();
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await shoot(secretary, 'secretary-rattelse-320');

    // The Word file of version 4 downloads from the tab, and says what the HTML says.
    const [download] = await Promise.all([secretary.page.waitForEvent('download', { timeout: 15_000 }), row.getByRole('button', { name: 'Ladda ner version 4 som Word-fil' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Protokoll \d{4}-\d{2}-\d{2} version 4\.docx$/);
    const docx = readDocx(new Uint8Array(readFileSync((await download.path())!)));
    // Paragraph by paragraph: every line of the HTML, in order, is a paragraph of the document; what the
    // document has besides is its letterhead (the body and the document kind) and the justering line repeated there.
    const norm = (x: string) => words(x).join(' ');
    const htmlLines = article.split('\n').map(norm).filter(Boolean);
    const docLines = docx.paragraphs.map((p) => norm(p.text)).filter(Boolean);
    writeFileSync(join(SHOTS, 'version-4.docx.txt'), docLines.join('\n'));
    writeFileSync(join(SHOTS, 'version-4.html.txt'), htmlLines.join('\n'));
    const body = 'Specifika samverkansrådet för folkhälsa';
    const title = docLines.indexOf(htmlLines[0]!);
    expect(docLines.slice(0, title), 'the letterhead').toEqual([body, 'Protokoll']);
    const rest = htmlLines.filter((l, i) => !(i === 1 && l === body));
    let next = 0;
    const extra: string[] = [];
    for (const l of docLines.slice(title)) {
      if (next < rest.length && l === rest[next]) next++;
      else extra.push(l);
    }
    expect(rest.slice(next), 'HTML lines missing from the .docx (in order)').toEqual([]);
    expect(extra, 'what the .docx says beyond the HTML').toEqual([line]);
    const docWords = docLines.join(' ');
    expect(docWords).toContain(line);
    expect(secretary.pageErrors).toEqual([]);
  });
});
