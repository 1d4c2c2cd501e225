/**
 * The synthetic lists of test/fixtures/rosters (built from the seeds) through the product's own import over
 * HTTP, as the tab sends them, and rendered: a joint protokoll whose list runs over page breaks with the
 * letterhead and footer repeated, officials as two column blocks, a namesake from another organisation
 * (a question, never a merge) and the secretary's own sekreterare seat (kept unless the secretary ticks it).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { htmlListItems } from '../../unit/minutes/read-back';
import { ADMIN, apply, createBody, json, peopleNamed, preview, readSeed, rosterOf } from './roster-kit';

const SOCIAL = 'Specifika samverkansrådet för social välfärd samt vård och omsorg';
const FOLK = 'Specifika samverkansrådet för folkhälsa';
const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../../fixtures/rosters/${name}.txt`, import.meta.url)), 'utf8');

let t: TestApp;
let social = '';
let folk = '';
beforeAll(async () => {
  t = await startTestApp();
  social = await createBody(t, SOCIAL);
  folk = await createBody(t, FOLK);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('a joint protokoll pasted whole, its list running over two page breaks', () => {
  let meetingId = '';
  it('is read as two councils (no fourth body), every person kept, the furniture reported', async () => {
    const imp = await preview(t, social, { text: fixture('letterhead-every-page'), createMeeting: { date: '2024-09-20', startTime: '09:00', endTime: '12:00' }, unmarked: 'present' });
    expect(imp.bodies.map((b: { name: string }) => b.name)).toEqual([SOCIAL, FOLK]);
    expect(imp.understood.unreadLines).toEqual([]);
    expect(imp.understood.warnings.filter((w: { code: string }) => w.code === 'page_furniture')).toHaveLength(6);
    // The same people and seats as the seed without page breaks.
    const plain = await preview(t, social, { text: readSeed('specifika-samverkansraden-2024-09-20') });
    expect(imp.summary.entries).toBe(plain.summary.entries);
    expect(imp.plan.memberships.add.length).toBe(plain.plan.memberships.add.length);
    const applied = await apply(t, social, imp.id, { version: imp.version });
    meetingId = applied.result.meetingId;
    expect((await rosterOf(t, folk)).filter((s) => s.role === 'sekreterare')).toEqual([]);
    expect(await peopleNamed(t, 'Malin Duckert Ek')).toHaveLength(1);
  }, 60_000);

  it('renders minutes that list every council member once, in the list’s order, vacancy last', async () => {
    const v = await json(await t.api(`/api/v1/meetings/${meetingId}/minutes/versions`, { method: 'POST', as: ADMIN }), 201);
    const full = await json(await t.api(`/api/v1/meetings/${meetingId}/minutes/versions/${v.number}`, { as: ADMIN }), 200);
    const folkPart = full.html.slice(full.html.indexOf(`<h3>${FOLK}</h3>`), full.html.indexOf('<p><b>Tjänstepersoner:'));
    const names = htmlListItems(folkPart).map((l) => l.text.split(',')[0]);
    expect(names.slice(0, 4)).toEqual(['Caroline Dieker', 'Ann-Christin Pettersson', 'Siw Lunader', 'Mattias Kjellberg']);
    expect(names.at(-1)).toBe('Vakant');
    const ledamoter = htmlListItems(full.html.slice(full.html.indexOf(`<h3>${SOCIAL}</h3>`), full.html.indexOf(`<h3>${FOLK}</h3>`))).map((l) => l.text.split(',')[0]);
    expect(new Set(ledamoter).size).toBe(ledamoter.length);
    expect(ledamoter).toContain('Ingela Sundberg'); // after the first page break
    expect(ledamoter).toContain('Liselott Eriksson');
  }, 60_000);

  it('records each council’s own mark for a person on both lists, and the minutes show each list right (issue 18 item 3)', async () => {
    const v = await json(await t.api(`/api/v1/meetings/${meetingId}/minutes/versions`, { method: 'POST', as: ADMIN }), 201);
    const full = await json(await t.api(`/api/v1/meetings/${meetingId}/minutes/versions/${v.number}`, { as: ADMIN }), 200);
    const socialPart = htmlListItems(full.html.slice(full.html.indexOf(`<h3>${SOCIAL}</h3>`), full.html.indexOf(`<h3>${FOLK}</h3>`)));
    const folkPart = htmlListItems(full.html.slice(full.html.indexOf(`<h3>${FOLK}</h3>`), full.html.indexOf('<p><b>Tjänstepersoner:')));
    const stateIn = (list: { text: string; state: string }[], name: string) => list.filter((l) => l.text.startsWith(`${name},`)).map((l) => l.state);
    // The seed: Jerry Karjalainen present on the social list and struck on folkhälsa's; Monika Klockars the other way.
    expect(stateIn(socialPart, 'Jerry Karjalainen')).toEqual(['deltog']);
    expect(stateIn(folkPart, 'Jerry Karjalainen')).toEqual(['förhinder']);
    expect(stateIn(socialPart, 'Monika Klockars')).toEqual(['förhinder']);
    expect(stateIn(folkPart, 'Monika Klockars')).toEqual(['deltog']);
    expect(stateIn(socialPart, 'Siw Lunader')).toEqual(['deltog']);
    expect(stateIn(folkPart, 'Siw Lunader')).toEqual(['deltog']);
  }, 60_000);
});

describe('officials as two column blocks', () => {
  it('seats them as tjänstepersoner with their titles, through the import', async () => {
    const body = await createBody(t, 'Gemensam chefsgrupp', 'chefsgrupp');
    const imp = await preview(t, body, { text: fixture('two-column-officials') });
    expect(imp.understood.unreadLines).toEqual([]);
    await apply(t, body, imp.id, { version: imp.version });
    const seats = await rosterOf(t, body, { titles: true });
    expect(seats.filter((s) => s.role === 'tjänsteperson').map((s) => [s.name, s.title])).toEqual(
      expect.arrayContaining([
        ['Karin Haster', 'områdeschef Psykiatri'],
        ['Ingmar Ångman', 'områdeschef välfärd och folkhälsa'],
        ['Linnea Hedkvist', 'utvecklingsledare'],
      ]),
    );
    expect(seats.filter((s) => s.role === 'ledamot')).toHaveLength(5);
  }, 60_000);
});

describe('a namesake and the secretary’s own seat', () => {
  it('asks about the namesake and the role; without answers nothing merges and the seat stays sekreterare', async () => {
    const { memberships } = await json(await t.api(`/api/v1/bodies/${folk}/memberships`, { as: ADMIN }), 200);
    const [malin] = await peopleNamed(t, 'Malin Duckert Ek');
    const seat = memberships.find((m: { personId: string }) => m.personId === malin.id);
    await json(await t.api(`/api/v1/bodies/${folk}/memberships/${seat.id}`, { method: 'PATCH', as: ADMIN, json: { version: seat.version, role: 'sekreterare' } }), 200);

    const imp = await preview(t, folk, { text: fixture('namesake-and-secretary'), removeMissing: false });
    expect(imp.suggestions.map((s: { listedName: string; listedOrganisation: string }) => [s.listedName, s.listedOrganisation])).toEqual([['Anna Karlsson', 'Örebro kommun']]);
    expect(imp.plan.roleQuestions).toEqual([expect.objectContaining({ membershipId: seat.id, name: 'Malin Duckert Ek', from: 'sekreterare', to: 'ledamot', accepted: false })]);
    // Applying without an answer about the namesake is refused, and nothing is written.
    const refused = await t.api(`/api/v1/bodies/${folk}/roster-imports/${imp.id}/apply`, { method: 'POST', as: ADMIN, json: { version: imp.version } });
    expect(refused.status).toBe(409);
    expect(await peopleNamed(t, 'Anna Karlsson')).toHaveLength(1);

    // "A new person", and the role question left unticked: Anna Karlsson of Örebro is created, Malin stays sekreterare.
    await apply(t, folk, imp.id, { version: imp.version, decisions: [{ key: imp.suggestions[0].personKey, choice: 'new' }] });
    expect(await peopleNamed(t, 'Anna Karlsson')).toHaveLength(2);
    expect((await rosterOf(t, folk)).find((s) => s.name === 'Malin Duckert Ek')!.role).toBe('sekreterare');
  }, 60_000);

  it('changes the role only when the secretary ticks it, and refuses an answer to a question not asked', async () => {
    const imp = await preview(t, folk, { text: fixture('namesake-and-secretary'), removeMissing: false });
    const q = imp.plan.roleQuestions[0];
    const bad = await t.api(`/api/v1/bodies/${folk}/roster-imports/${imp.id}/apply`, { method: 'POST', as: ADMIN, json: { version: imp.version, roleChanges: [{ membershipId: 'not-asked', accept: true }] } });
    expect(bad.status).toBe(400);
    await apply(t, folk, imp.id, { version: imp.version, roleChanges: [{ membershipId: q.membershipId, accept: true }] });
    expect((await rosterOf(t, folk)).find((s) => s.name === 'Malin Duckert Ek')!.role).toBe('ledamot');
  }, 60_000);
});
