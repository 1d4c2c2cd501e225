import { describe, expect, it } from 'vitest';
import type { MembershipRole } from '../../../shared/domain';
import { parseRoster, type RosterEntry, type RosterMark } from '../../../shared/roster';
import { readSeed } from './seed-fixtures';

/**
 * Every seed's whole attendance list against an expected list written by hand from reading the seed
 * (not from the parser's output). Organisations are the dictionary's official names.
 */
interface Expected {
  name: string;
  role: MembershipRole;
  roles?: MembershipRole[];
  org?: string;
  title?: string;
  mark?: RosterMark;
  justerare?: boolean;
  replaces?: string;
  itemRange?: { from: number; to: number };
  partOfMeeting?: boolean;
  vacancy?: boolean;
}

function project(e: RosterEntry): Expected {
  return {
    name: e.name,
    role: e.role,
    roles: e.roles,
    org: e.organisationName,
    title: e.title,
    mark: e.mark,
    justerare: e.justerare,
    replaces: e.replacesName,
    itemRange: e.itemRange,
    partOfMeeting: e.partOfMeeting,
    vacancy: e.vacancy,
  };
}

function full(x: Expected, defaultMark: 'present' | 'none'): Expected {
  return {
    name: x.name,
    role: x.role,
    roles: x.roles ?? [x.role],
    org: x.org,
    title: x.title,
    mark: x.mark ?? defaultMark,
    justerare: x.justerare ?? false,
    replaces: x.replaces,
    itemRange: x.itemRange,
    partOfMeeting: x.partOfMeeting ?? false,
    vacancy: x.vacancy ?? false,
  };
}

const R = 'Region Örebro län';
const ledamot = (name: string, org: string, extra: Partial<Expected> = {}): Expected => ({ name, role: 'ledamot', org, ...extra });
const ersattare = (name: string, org: string | undefined, extra: Partial<Expected> = {}): Expected => ({
  name,
  role: 'ersättare',
  ...(org ? { org } : {}),
  ...extra,
});

describe('seed specifika-samverkansraden-2024-09-20 (joint meeting, two bodies)', () => {
  const result = parseRoster(readSeed('specifika-samverkansraden-2024-09-20'));

  it('finds two bodies and reads every line of the attendance list', () => {
    expect(result.readAs).toEqual({ kind: 'document', blocks: [{ startLine: 25, endLine: 107 }] });
    expect(result.bodies).toHaveLength(2);
    expect(result.unreadLines).toEqual([]);
  });

  it('reads the first body (social välfärd samt vård och omsorg) with ordförande, justerare and struck names', () => {
    const expected: Expected[] = [
      // Ordförande, then again under Ersättare without organisation: one person, roles merged.
      { name: 'Bechet Barsom', role: 'ordförande', roles: ['ordförande', 'ersättare'], org: R },
      ledamot('Jenny Steen', R),
      ledamot('Jessica Ekerbring', 'Örebro kommun'),
      ledamot('Helena Fagerstedt', 'Lekebergs kommun', { mark: 'förhinder' }),
      ledamot('Jari Mehtalainen', 'Lindesbergs kommun'),
      ledamot('Christina Kuurne', 'Hällefors kommun'),
      ledamot('Lena Jonsson-Arndt', 'Karlskoga kommun'),
      // Justerare, then again under Ledamöter with "Hallsberg kommun": one person, in the place of the seat.
      ledamot('Siw Lunader', 'Hallsbergs kommun', { justerare: true }),
      ledamot('Niina Linatti', 'Askersunds kommun'),
      ledamot('Ingela Sundberg', 'Degerfors kommun'),
      ledamot('Jerry Karjalainen', 'Laxå kommun'),
      ledamot('Annica Sjöqvist', 'Kumla kommun'),
      ledamot('Jon Brossberg', 'Ljusnarsbergs kommun'),
      ledamot('Anna Karlsson', 'Nora kommun'),
      ersattare('Erik Sjöberg', 'Örebro kommun'),
      ersattare('Yvonne Hagström', 'Lekebergs kommun'),
      ersattare('Monika Klockars', 'Lindesbergs kommun', { mark: 'förhinder' }),
      ersattare('Wilhelm Tham', 'Hällefors kommun'),
      ersattare('Liselott Eriksson', 'Karlskoga kommun'),
      ersattare('Ann-Christine Appelqvist', 'Hallsbergs kommun'),
    ];
    expect(result.bodies[0]!.entries.map(project)).toEqual(expected.map((x) => full(x, 'none')));
  });

  it('reads the second body (folkhälsa), its three ersättare columns with repeats, the vacancy and the officials', () => {
    const t = (name: string, title: string): Expected => ({ name, role: 'tjänsteperson', org: R, title });
    const expected: Expected[] = [
      ledamot('Caroline Dieker', 'Askersunds kommun', { mark: 'förhinder' }),
      ledamot('Ann-Christin Pettersson', 'Degerfors kommun'),
      ledamot('Siw Lunader', 'Hallsbergs kommun'),
      ledamot('Mattias Kjellberg', 'Hällefors kommun', { mark: 'förhinder' }),
      ledamot('Amanda Lindgren', 'Karlskoga kommun'),
      ledamot('Annica Sjöqvist', 'Kumla kommun'),
      ledamot('Jerry Karjalainen', 'Laxå kommun', { mark: 'förhinder' }),
      ledamot('Kristin Östman', 'Lekebergs kommun'),
      ledamot('Jari Mehtäläinen', 'Lindesbergs kommun'),
      ledamot('Natalie Ström', 'Ljusnarsbergs kommun'),
      ledamot('Anna Karlsson', 'Nora kommun'),
      ledamot('Jimmy Nordengren', 'Örebro kommun'),
      ledamot('Unnur Tryggvadóttir', 'RF-SISU Örebro län'),
      ledamot('Cecilia Lönn-Elgstrand', 'ÖLBF'),
      ersattare('Erik König', 'Askersunds kommun'), // listed twice
      ersattare('Anita Bohlin Neuman', 'Degerfors kommun'),
      ersattare('Ann-Christine Appelqvist', 'Hallsbergs kommun'),
      ersattare('Christina Kuurne', 'Hällefors kommun'),
      ersattare('Lena Hagström', 'Karlskoga kommun'),
      ersattare('Jan Engman', 'Kumla kommun'), // listed twice
      ersattare('Elvy Wiklund', 'Laxå kommun'),
      ersattare('Berth Falk', 'Lekebergs kommun'),
      ersattare('Torbjörn Holm', 'Degerfors kommun'),
      ersattare('Tina Johansson', 'Laxå kommun'),
      // "Mathias Eriksson Ljusnarsberg kommun" without a comma, and again with one.
      ersattare('Mathias Eriksson', 'Ljusnarsbergs kommun'),
      ersattare('Eva Karlsson', 'Nora kommun'),
      ersattare('Monika Klockars', 'Lindesbergs kommun'),
      ersattare('Pia-Maria Johansson', 'Nora kommun'),
      ersattare('Christina Håkansson', 'Örebro kommun'),
      ersattare('Vakant', 'RF-SISU Örebro län', { vacancy: true }),
      ersattare('Emma Lado', 'ÖLBF'),
      t('Ingmar Ångman', 'områdeschef Vårld och Folkhälsa, Regional utveckling'),
      t('Panagiota Lazarido', 'specialistläkare och medicinsk rådgivare vålfärd och folkhälsa, Hälsa- och'),
      t('Maria Lindborg', 'utvecklingsledare, Vårld och Folkhälsa, Regional utveckling'),
      t('Malin Duckert Ek', 'utvecklingsledare, Vårld och Folkhälsa, Regional utveckling'),
      t('Anna Swift Johannison', 'utredningssekreterare, Staben hållbar utveckling'),
    ];
    expect(result.bodies[1]!.entries.map(project)).toEqual(expected.map((x) => full(x, 'none')));
  });

  it('merges repeated lines and remembers where they were', () => {
    const body2 = result.bodies[1]!.entries;
    const erik = body2.find((e) => e.name === 'Erik König')!;
    expect([erik.lineNo, ...erik.alsoOnLines]).toEqual([78, 87]);
    const mathias = body2.find((e) => e.name === 'Mathias Eriksson')!;
    expect([mathias.lineNo, ...mathias.alsoOnLines]).toEqual([91, 95]);
    const bechet = result.bodies[0]!.entries[0]!;
    expect([bechet.lineNo, ...bechet.alsoOnLines]).toEqual([27, 51]);
  });

  it('orders ersättare within their organisation by listing order', () => {
    const order = (name: string) => result.bodies[1]!.entries.find((e) => e.name === name)!.substituteOrder;
    expect([order('Anita Bohlin Neuman'), order('Torbjörn Holm')]).toEqual([1, 2]);
    expect([order('Eva Karlsson'), order('Pia-Maria Johansson')]).toEqual([1, 2]);
    expect([order('Elvy Wiklund'), order('Tina Johansson')]).toEqual([1, 2]);
    expect(order('Vakant')).toBe(1);
    expect(result.bodies[0]!.entries[0]!.substituteOrder).toBeUndefined(); // Bechet Barsom sits as ordförande
    expect(result.bodies[1]!.entries.find((e) => e.name === 'Jimmy Nordengren')!.substituteOrder).toBeUndefined();
  });

  it('never turns the letterhead, footer or agenda into people', () => {
    const names = result.entries.map((e) => e.name);
    for (const bad of ['Box 1613', 'Region Örebro län', 'Eklundavägen 2', 'POSTADRESS', 'Sekreterare']) expect(names).not.toContain(bad);
    expect(result.entries).toHaveLength(20 + 36);
  });
});

describe('seed chefsgrupp-folkhalsa-2022-01-31 ("Name, title, ordförande" under Närvarande)', () => {
  const result = parseRoster(readSeed('chefsgrupp-folkhalsa-2022-01-31'));

  it('reads every person with title, organisation, inline role and partial attendance', () => {
    const p = (name: string, title: string, extra: Partial<Expected> = {}): Expected => ({ name, role: 'ledamot', title, ...extra });
    const expected: Expected[] = [
      p('Ingmar Ångman', 'områdeschef välfärd och folkhälsa', { role: 'ordförande' }),
      p('Anna Jakobsson', 'chef staben för hållbar utveckling', { partOfMeeting: true }),
      p('Katrin Larsson', 'hållbarhetschef', { org: 'Örebro kommun' }),
      p('Cecilia Ljung', 'folkhälsochef västra länsdelen'),
      p('Margareta Johansson', 'folkhälsochef', { org: 'RF-SISU Örebro län' }),
      p('Emma Lado', 'folkhälsokommunikatör', { org: 'ÖLBF' }),
      // "norra Örebro län" is a part of the county, not an organisation.
      p('Ida Broman', 'folkhälsochef norra Örebro län'),
      p('Linnea Hedkvist', 'utvecklingsledare välfärd och folkhälsa'),
      p('Camilla Pettersson', 'utvecklingsledare välfärd och folkhälsa', { itemRange: { from: 2, to: 5 } }),
      p('Maria Lindborg', 'projektledare barnfattigdom välfärd och folkhälsa', { itemRange: { from: 6, to: 7 } }),
    ];
    expect(result.bodies).toHaveLength(1);
    expect(result.entries.map(project)).toEqual(expected.map((x) => full(x, 'present')));
    expect(result.unreadLines).toEqual([]);
  });
});

describe('seed gemensam-chefsgrupp-2022-06-03 ("Name<TAB>title or organisation")', () => {
  const result = parseRoster(readSeed('gemensam-chefsgrupp-2022-06-03'));

  it('reads all 35 people, telling municipalities from free titles', () => {
    const t = (name: string, title: string): Expected => ({ name, role: 'ledamot', title });
    const o = (name: string, org: string, title?: string): Expected => ({ name, role: 'ledamot', org, ...(title ? { title } : {}) });
    const expected: Expected[] = [
      t('Lena Adolfsson', 'områdeschef Nära vård, biträdande hs-direktör'),
      t('Karin Haster', 'områdeschef Psykiatri'),
      t('Karolina Strid', 'Hälsa- och sjukvårdsstaben'),
      t('Katrin Eriksson', 'biträdande områdeschef Nära vård primärvård'),
      t('Martin Gunnarsson', 'biträdande områdeschef Specialiserad vård'),
      t('Lise Bergman Nordgren', 'biträdande områdeschef Psykiatri'),
      t('Martin Widlund', 'biträdande områdeschef Nära vård'),
      o('Maria Ståhl', 'Askersunds kommun'),
      o('Unni Johansson', 'Degerfors kommun'),
      o('Jaana Jansson', 'Hallsbergs kommun'),
      o('Daniel Åhnberg', 'Hällefors kommun'),
      o('Helen Willyams', 'Karlskoga kommun'),
      o('Gabriella Mueller Prabin', 'Kumla kommun'),
      o('Madelene Maxe', 'Laxå kommun'),
      o('Ann-Mari Gustafsson', 'Lekebergs kommun'), // written "Lokeberg"
      o('Madde Gustafsson', 'Lindesbergs kommun'),
      o('Camilla Hofström', 'Ljusnarsbergs kommun'),
      o('Fredrik Bergström', 'Nora kommun'),
      o('Annika Roman', 'Örebro kommun'),
      o('Johanna Viberg', 'Örebro kommun'),
      o('Patrik Jonsson', 'Örebro kommun'),
      o('Ann-Catrin Svantes Ohlson', 'Örebro kommun'),
      t('Cecilia Ljung', 'enhetschef social hållbarhet västra länsdelen'),
      t('Ida Broman', 'folkhälsochef norra Örebro län'),
      t('Annika Karlsson Juliussen', 'folkhälsochef södra Örebro län'),
      o('Lisen Tang Kempe', 'Örebro kommun', 'strategisk planerare folkhälsa'),
      o('Jonas Karlsson', 'RF-SISU Örebro län', 'verksamhetschef folkhälsa/samhälle'),
      o('Emma Lado', 'ÖLBF', 'folkhälsokommunikatör'),
      o('Ingmar Ångman', R),
      o('Anna Jakobsson', R),
      o('Johanna Häll', R),
      o('Malin Duckert Ek', R),
      o('Hanna Turesson Bernehed', R),
      o('Jenny Forsberg', R),
      o('Linnea Hedkvist', R),
    ];
    expect(result.entries.map(project)).toEqual(expected.map((x) => full(x, 'present')));
    expect(result.unreadLines).toEqual([]);
  });

  it('warns that "Lokeberg" was read as Lekebergs kommun, and keeps what was written', () => {
    const ann = result.entries.find((e) => e.name === 'Ann-Mari Gustafsson')!;
    expect(ann.organisationWritten).toBe('Lokeberg');
    expect(result.warnings.map((w) => [w.code, w.lineNo])).toEqual([['typo_organisation', ann.lineNo]]);
  });

  it('does not take the repeated letterhead ("Sekreterare / Linnea Hed- / kvist") as a roster', () => {
    expect(result.entries.filter((e) => e.name.includes('Hed-'))).toEqual([]);
    expect(result.entries.filter((e) => e.role === 'sekreterare')).toEqual([]);
  });
});
