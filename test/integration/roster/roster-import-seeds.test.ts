import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { ADMIN, apply, countPeople, createBody, json, peopleNamed, preview, readSeed, rosterOf, sortSeats, type Seat } from './roster-kit';

/**
 * The WHOLE attendance lists of every seed, imported through the HTTP API and checked against lists
 * written by hand from reading the seeds (not from the parser's output): each body's stored seats
 * (person, role, organisation, ersättare order), the people, and the marks kept as attendance.
 */
const R = 'Region Örebro län';
const led = (name: string, org: string | null): Seat => ({ name, role: 'ledamot', org });
const ers = (name: string | null, org: string, order: number): Seat => ({ name, role: 'ersättare', org, order });

const SOCIAL: Seat[] = [
  // Ordförande, and again under Ersättare with no organisation: one seat, the ordförande's.
  { name: 'Bechet Barsom', role: 'ordförande', org: R },
  // Justerare, then under Ledamöter as "Hallsberg kommun": one seat.
  led('Siw Lunader', 'Hallsbergs kommun'),
  led('Jenny Steen', R),
  led('Jessica Ekerbring', 'Örebro kommun'),
  led('Helena Fagerstedt', 'Lekebergs kommun'),
  led('Jari Mehtalainen', 'Lindesbergs kommun'),
  led('Christina Kuurne', 'Hällefors kommun'),
  led('Lena Jonsson-Arndt', 'Karlskoga kommun'),
  led('Niina Linatti', 'Askersunds kommun'),
  led('Ingela Sundberg', 'Degerfors kommun'),
  led('Jerry Karjalainen', 'Laxå kommun'),
  led('Annica Sjöqvist', 'Kumla kommun'),
  led('Jon Brossberg', 'Ljusnarsbergs kommun'),
  led('Anna Karlsson', 'Nora kommun'),
  ers('Erik Sjöberg', 'Örebro kommun', 1),
  ers('Yvonne Hagström', 'Lekebergs kommun', 1),
  ers('Monika Klockars', 'Lindesbergs kommun', 1),
  ers('Wilhelm Tham', 'Hällefors kommun', 1),
  ers('Liselott Eriksson', 'Karlskoga kommun', 1),
  ers('Ann-Christine Appelqvist', 'Hallsbergs kommun', 1),
];

const tj = (name: string, title: string): Seat => ({ name, role: 'tjänsteperson', org: R, title });
const FOLKHALSA: Seat[] = [
  led('Caroline Dieker', 'Askersunds kommun'),
  led('Ann-Christin Pettersson', 'Degerfors kommun'),
  led('Siw Lunader', 'Hallsbergs kommun'),
  led('Mattias Kjellberg', 'Hällefors kommun'),
  led('Amanda Lindgren', 'Karlskoga kommun'),
  led('Annica Sjöqvist', 'Kumla kommun'),
  led('Jerry Karjalainen', 'Laxå kommun'),
  led('Kristin Östman', 'Lekebergs kommun'),
  // Spelled Mehtäläinen here, Mehtalainen on the other body: the same person (the first spelling is kept).
  led('Jari Mehtalainen', 'Lindesbergs kommun'),
  led('Natalie Ström', 'Ljusnarsbergs kommun'),
  led('Anna Karlsson', 'Nora kommun'),
  led('Jimmy Nordengren', 'Örebro kommun'),
  led('Unnur Tryggvadóttir', 'RF-SISU Örebro län'),
  led('Cecilia Lönn-Elgstrand', 'ÖLBF'),
  ers('Erik König', 'Askersunds kommun', 1), // listed twice
  ers('Anita Bohlin Neuman', 'Degerfors kommun', 1),
  ers('Torbjörn Holm', 'Degerfors kommun', 2),
  ers('Ann-Christine Appelqvist', 'Hallsbergs kommun', 1),
  ers('Christina Kuurne', 'Hällefors kommun', 1),
  ers('Lena Hagström', 'Karlskoga kommun', 1),
  ers('Jan Engman', 'Kumla kommun', 1), // listed twice
  ers('Elvy Wiklund', 'Laxå kommun', 1),
  ers('Tina Johansson', 'Laxå kommun', 2),
  ers('Berth Falk', 'Lekebergs kommun', 1),
  // "Mathias Eriksson Ljusnarsberg kommun" without a comma, and again with one.
  ers('Mathias Eriksson', 'Ljusnarsbergs kommun', 1),
  ers('Eva Karlsson', 'Nora kommun', 1),
  ers('Pia-Maria Johansson', 'Nora kommun', 2),
  ers('Monika Klockars', 'Lindesbergs kommun', 1),
  ers('Christina Håkansson', 'Örebro kommun', 1),
  ers(null, 'RF-SISU Örebro län', 1), // "Vakant, RF-SISU"
  ers('Emma Lado', 'ÖLBF', 1),
  tj('Ingmar Ångman', 'områdeschef Vårld och Folkhälsa, Regional utveckling'),
  tj('Panagiota Lazarido', 'specialistläkare och medicinsk rådgivare vålfärd och folkhälsa, Hälsa- och'),
  tj('Maria Lindborg', 'utvecklingsledare, Vårld och Folkhälsa, Regional utveckling'),
  tj('Malin Duckert Ek', 'utvecklingsledare, Vårld och Folkhälsa, Regional utveckling'),
  tj('Anna Swift Johannison', 'utredningssekreterare, Staben hållbar utveckling'),
];

/** Struck through in the joint protocol (meddelat förhinder); everyone else listed took part. */
const STRUCK = ['Helena Fagerstedt', 'Monika Klockars', 'Caroline Dieker', 'Mattias Kjellberg', 'Jerry Karjalainen'];
// Struck per council's list (issue 18 item 3): Monika Klockars only on the social list, Jerry Karjalainen only on folkhälsa's.
const STRUCK_SOCIAL = ['Helena Fagerstedt', 'Monika Klockars'];
const STRUCK_FOLK = ['Caroline Dieker', 'Mattias Kjellberg', 'Jerry Karjalainen'];

const p = (name: string, title: string): Seat => ({ name, role: 'ledamot', org: null, title });
const CHEFSGRUPP_FOLKHALSA: Seat[] = [
  { name: 'Ingmar Ångman', role: 'ordförande', org: null, title: 'områdeschef välfärd och folkhälsa' },
  p('Anna Jakobsson', 'chef staben för hållbar utveckling'),
  { name: 'Katrin Larsson', role: 'ledamot', org: 'Örebro kommun', title: 'hållbarhetschef' },
  p('Cecilia Ljung', 'folkhälsochef västra länsdelen'),
  { name: 'Margareta Johansson', role: 'ledamot', org: 'RF-SISU Örebro län', title: 'folkhälsochef' },
  { name: 'Emma Lado', role: 'ledamot', org: 'ÖLBF', title: 'folkhälsokommunikatör' },
  p('Ida Broman', 'folkhälsochef norra Örebro län'),
  p('Linnea Hedkvist', 'utvecklingsledare välfärd och folkhälsa'),
  p('Camilla Pettersson', 'utvecklingsledare välfärd och folkhälsa'),
  p('Maria Lindborg', 'projektledare barnfattigdom välfärd och folkhälsa'),
];

const t_ = (name: string, title: string): Seat => ({ name, role: 'ledamot', org: null, title });
const o_ = (name: string, org: string, title: string | null = null): Seat => ({ name, role: 'ledamot', org, title });
const GEMENSAM: Seat[] = [
  t_('Lena Adolfsson', 'områdeschef Nära vård, biträdande hs-direktör'),
  t_('Karin Haster', 'områdeschef Psykiatri'),
  t_('Karolina Strid', 'Hälsa- och sjukvårdsstaben'),
  t_('Katrin Eriksson', 'biträdande områdeschef Nära vård primärvård'),
  t_('Martin Gunnarsson', 'biträdande områdeschef Specialiserad vård'),
  t_('Lise Bergman Nordgren', 'biträdande områdeschef Psykiatri'),
  t_('Martin Widlund', 'biträdande områdeschef Nära vård'),
  o_('Maria Ståhl', 'Askersunds kommun'),
  o_('Unni Johansson', 'Degerfors kommun'),
  o_('Jaana Jansson', 'Hallsbergs kommun'),
  o_('Daniel Åhnberg', 'Hällefors kommun'),
  o_('Helen Willyams', 'Karlskoga kommun'),
  o_('Gabriella Mueller Prabin', 'Kumla kommun'),
  o_('Madelene Maxe', 'Laxå kommun'),
  o_('Ann-Mari Gustafsson', 'Lekebergs kommun'), // written "Lokeberg"
  o_('Madde Gustafsson', 'Lindesbergs kommun'),
  o_('Camilla Hofström', 'Ljusnarsbergs kommun'),
  o_('Fredrik Bergström', 'Nora kommun'),
  o_('Annika Roman', 'Örebro kommun'),
  o_('Johanna Viberg', 'Örebro kommun'),
  o_('Patrik Jonsson', 'Örebro kommun'),
  o_('Ann-Catrin Svantes Ohlson', 'Örebro kommun'),
  t_('Cecilia Ljung', 'enhetschef social hållbarhet västra länsdelen'),
  t_('Ida Broman', 'folkhälsochef norra Örebro län'),
  t_('Annika Karlsson Juliussen', 'folkhälsochef södra Örebro län'),
  o_('Lisen Tang Kempe', 'Örebro kommun', 'strategisk planerare folkhälsa'),
  o_('Jonas Karlsson', 'RF-SISU Örebro län', 'verksamhetschef folkhälsa/samhälle'),
  o_('Emma Lado', 'ÖLBF', 'folkhälsokommunikatör'),
  o_('Ingmar Ångman', R),
  o_('Anna Jakobsson', R),
  o_('Johanna Häll', R),
  o_('Malin Duckert Ek', R),
  o_('Hanna Turesson Bernehed', R),
  o_('Jenny Forsberg', R),
  o_('Linnea Hedkvist', R),
];

const strip = (seats: Seat[], keepTitles: boolean): Seat[] =>
  sortSeats(seats.map((s) => (keepTitles ? { ...s, title: s.title ?? null } : (({ title: _t, ...rest }) => rest)(s))));

describe('roster import over HTTP: every seed\'s whole attendance list', () => {
  let t: TestApp;
  let social: string;
  let folkhalsa: string;
  let chefsgrupp: string;
  let gemensam: string;
  let jointImport: any;
  let jointMeetingId: string;

  beforeAll(async () => {
    t = await startTestApp();
    social = await createBody(t, 'Specifika samverkansrådet för social välfärd samt vård och omsorg');
    folkhalsa = await createBody(t, 'Specifika samverkansrådet för folkhälsa');
    chefsgrupp = await createBody(t, 'Chefsgrupp folkhälsa', 'chefsgrupp');
    gemensam = await createBody(t, 'Gemensam chefsgrupp folkhälsa och hälso- och sjukvård', 'chefsgrupp');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('previews the joint protocol (two bodies): understood people, marks and quirks, nothing written yet', async () => {
    const before = await countPeople(t);
    jointImport = await preview(t, social, {
      text: readSeed('specifika-samverkansraden-2024-09-20'),
      bodyIds: [social, folkhalsa],
      createMeeting: { date: '2024-09-20', startTime: '09:00', endTime: '12:00', place: 'Lokal Eken, Eklundavägen 1' },
      unmarked: 'present',
    });
    expect(jointImport.status).toBe('previewed');
    expect(jointImport.bodies.map((b: any) => b.id)).toEqual([social, folkhalsa]);
    const u = jointImport.understood;
    expect(u.unreadLines).toEqual([]);
    expect(u.bodies.map((b: any) => b.entries.length)).toEqual([20, 36]);
    const entry = (i: number, name: string) => u.bodies[i].entries.find((e: any) => e.name === name);
    // Struck names are read as förhinder.
    for (const name of ['Helena Fagerstedt', 'Monika Klockars']) expect(entry(0, name).mark).toBe('förhinder');
    for (const name of ['Caroline Dieker', 'Mattias Kjellberg', 'Jerry Karjalainen']) expect(entry(1, name).mark).toBe('förhinder');
    // The same person listed twice is one entry that remembers both lines.
    expect(entry(1, 'Erik König').alsoOnLines).toHaveLength(1);
    expect(entry(1, 'Jan Engman').alsoOnLines).toHaveLength(1);
    // "Mathias Eriksson Ljusnarsberg kommun" (no comma).
    expect(entry(1, 'Mathias Eriksson').organisationName).toBe('Ljusnarsbergs kommun');
    // "Bechet Barsom" alone under Ersättare is the ordförande, not a second person.
    expect(u.bodies[0].entries.filter((e: any) => e.name === 'Bechet Barsom')).toHaveLength(1);
    expect(entry(1, 'Vakant').vacancy).toBe(true);
    expect(jointImport.summary).toMatchObject({ entries: 56, peopleToCreate: 47, membershipsToAdd: 56, needingConfirmation: 0, organisationsToCreate: 15 });
    expect(jointImport.plan.needsConfirmation).toBe(false);
    // A preview writes no person and no seat.
    expect(await countPeople(t)).toBe(before);
    expect(await rosterOf(t, social)).toEqual([]);
  });

  it('applies it: both bodies hold exactly the seats in the protocol', async () => {
    const applied = await apply(t, social, jointImport.id, { version: jointImport.version });
    expect(applied.status).toBe('applied');
    expect(applied.result.counts).toMatchObject({ peopleCreated: 47, membershipsAdded: 56, membershipsRemoved: 0 });
    jointMeetingId = applied.result.meetingId;
    expect(await rosterOf(t, social)).toEqual(strip(SOCIAL, false));
    expect(await rosterOf(t, folkhalsa, { titles: true })).toEqual(strip(FOLKHALSA, true));
  });

  it('keeps one person for a person on both bodies, and for the two spellings Mehtalainen/Mehtäläinen', async () => {
    for (const name of ['Siw Lunader', 'Annica Sjöqvist', 'Anna Karlsson', 'Christina Kuurne', 'Monika Klockars', 'Ann-Christine Appelqvist', 'Jari Mehtalainen']) {
      expect(await peopleNamed(t, name), name).toHaveLength(1);
    }
    expect(await peopleNamed(t, 'Jari Mehtäläinen')).toHaveLength(0);
    expect(await peopleNamed(t, 'Erik König')).toHaveLength(1);
    expect(await peopleNamed(t, 'Mathias Eriksson')).toHaveLength(1);
    expect(await peopleNamed(t, 'Bechet Barsom')).toHaveLength(1);
    expect(await peopleNamed(t, 'Vakant')).toHaveLength(0);
    const [siw] = await peopleNamed(t, 'Siw Lunader');
    const { memberships: m1 } = await json(await t.api(`/api/v1/bodies/${social}/memberships`, { as: ADMIN }), 200);
    const { memberships: m2 } = await json(await t.api(`/api/v1/bodies/${folkhalsa}/memberships`, { as: ADMIN }), 200);
    expect(m1.filter((m: any) => m.personId === siw.id)).toHaveLength(1);
    expect(m2.filter((m: any) => m.personId === siw.id)).toHaveLength(1);
  });

  it('keeps the marks as attendance of the created past meeting (struck = förhinder, the rest deltog)', async () => {
    const { meeting } = await json(await t.api(`/api/v1/meetings/${jointMeetingId}`, { as: ADMIN }), 200);
    expect(meeting.bodyIds).toEqual([social, folkhalsa]);
    expect(meeting.startsAt).toBe('2024-09-20T07:00:00.000Z');
    expect(meeting.place).toBe('Lokal Eken, Eklundavägen 1');
    expect(meeting.status).toBe('held');
    const rows = await t.app.store.read.attendance.findBy({ meetingId: jointMeetingId });
    const people = await t.app.store.read.people.listAll();
    const nameOf = (id: string) => people.find((p) => p.id === id)!.name;
    expect(new Set(rows.map((r) => r.personId)).size).toBe(47);
    // A person on both councils' lists has a row per council, with the state that council's list gives.
    for (const r of rows) {
      const name = nameOf(r.personId);
      const struck = r.bodyId === social ? STRUCK_SOCIAL : r.bodyId === folkhalsa ? STRUCK_FOLK : STRUCK;
      expect(r.state, `${name} in ${r.bodyId === social ? 'social' : 'folkhälsa'}`).toBe(struck.includes(name) ? 'förhinder' : 'present');
    }
    const statesOf = (name: string) => Object.fromEntries(rows.filter((r) => nameOf(r.personId) === name).map((r) => [r.bodyId === social ? 'social' : 'folk', r.state]));
    expect(statesOf('Jerry Karjalainen')).toEqual({ social: 'present', folk: 'förhinder' });
    expect(statesOf('Monika Klockars')).toEqual({ social: 'förhinder', folk: 'present' });
    expect(statesOf('Siw Lunader')).toEqual({ social: 'present', folk: 'present' });
    // Everyone on one list only keeps one row, as before.
    expect(statesOf('Jenny Steen')).toEqual({ social: 'present' });
    expect(rows.every((r) => r.source === 'import')).toBe(true);
  });

  it('re-importing the same protocol changes nothing and duplicates no one', async () => {
    const people = await countPeople(t);
    const again = await preview(t, social, { text: readSeed('specifika-samverkansraden-2024-09-20'), bodyIds: [social, folkhalsa] });
    expect(again.plan.isEmpty).toBe(true);
    expect(again.summary).toMatchObject({ peopleToCreate: 0, membershipsToAdd: 0, membershipsToUpdate: 0, membershipsToRemove: 0, organisationsToCreate: 0 });
    const applied = await apply(t, social, again.id);
    expect(applied.result.counts).toEqual({
      organisationsCreated: 0,
      peopleCreated: 0,
      peopleUpdated: 0,
      membershipsAdded: 0,
      membershipsUpdated: 0,
      membershipsRemoved: 0,
      attendanceRecorded: 0,
    });
    expect(await countPeople(t)).toBe(people);
    expect(await rosterOf(t, social)).toEqual(strip(SOCIAL, false));
  });

  it('imports the 2022 chefsgrupp notes ("Name, title, ordförande" under Närvarande) with partial attendance', async () => {
    const imp = await preview(t, chefsgrupp, {
      text: readSeed('chefsgrupp-folkhalsa-2022-01-31'),
      createMeeting: { date: '2022-01-31', documentKind: 'minnesanteckningar', title: 'Mötesanteckningar chefsgrupp folkhälsa' },
    });
    expect(imp.understood.unreadLines).toEqual([]);
    // Already known from the joint protocol: Ingmar Ångman, Emma Lado and Maria Lindborg (same names, no disagreeing organisation).
    const matched = imp.plan.people.filter((x: any) => x.action !== 'create').map((x: any) => x.name).sort();
    expect(matched).toEqual(['Emma Lado', 'Ingmar Ångman', 'Maria Lindborg']);
    const applied = await apply(t, chefsgrupp, imp.id);
    expect(await rosterOf(t, chefsgrupp, { titles: true })).toEqual(strip(CHEFSGRUPP_FOLKHALSA, true));
    const rows = await t.app.store.read.attendance.findBy({ meetingId: applied.result.meetingId });
    const people = await t.app.store.read.people.listAll();
    const byName = (n: string) => rows.find((r) => r.personId === people.find((p) => p.name === n)!.id)!;
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.state === 'present')).toBe(true);
    expect(byName('Anna Jakobsson').partOfMeeting).toBe(true);
    expect(byName('Camilla Pettersson').itemRange).toEqual({ from: 2, to: 5 });
    expect(byName('Maria Lindborg').itemRange).toEqual({ from: 6, to: 7 });
    // The same Ingmar Ångman sits on the folkhälsa council and chairs the chefsgrupp.
    expect(await peopleNamed(t, 'Ingmar Ångman')).toHaveLength(1);
  });

  it('imports the 2022 joint chefsgrupp ("Name<TAB>title or organisation"), reading "Lokeberg" as Lekebergs kommun', async () => {
    const imp = await preview(t, gemensam, { text: readSeed('gemensam-chefsgrupp-2022-06-03') });
    expect(imp.understood.unreadLines).toEqual([]);
    expect(imp.understood.warnings.map((w: any) => w.code)).toEqual(['typo_organisation']);
    await apply(t, gemensam, imp.id);
    expect(await rosterOf(t, gemensam, { titles: true })).toEqual(strip(GEMENSAM, true));
    for (const name of ['Cecilia Ljung', 'Ida Broman', 'Linnea Hedkvist', 'Anna Jakobsson', 'Malin Duckert Ek', 'Emma Lado']) {
      expect(await peopleNamed(t, name), name).toHaveLength(1);
    }
    // 47 (joint) + 7 (chefsgrupp) + 28 (gemensam) people, plus the local administrator.
    expect(await countPeople(t)).toBe(47 + 7 + 28 + 1);
  });
});
