import { describe, expect, it } from 'vitest';
import { extractRosterBlocks, parseRoster, recognizeOrganisation, findOrganisationSuffix } from '../../../shared/roster';

describe('parseRoster: pasted list shapes beyond the seeds', () => {
  it('reads ✓ / ✔ as deltog and <del>, <s>, ~~ as meddelat förhinder', () => {
    const r = parseRoster(
      ['✓ Jenny Steen, Region Örebro län', '✔Erik Sjöberg, Örebro kommun', '<del>Helena Fagerstedt, Lekeberg kommun</del>', '<s>Wilhelm Tham, Hällefors</s>', '~~Jon Brossberg~~, Ljusnarsberg kommun', 'Anna Karlsson, Nora kommun'].join('\n'),
    );
    expect(r.entries.map((e) => [e.name, e.organisationName, e.mark])).toEqual([
      ['Jenny Steen', 'Region Örebro län', 'present'],
      ['Erik Sjöberg', 'Örebro kommun', 'present'],
      ['Helena Fagerstedt', 'Lekebergs kommun', 'förhinder'],
      ['Wilhelm Tham', 'Hällefors kommun', 'förhinder'],
      ['Jon Brossberg', 'Ljusnarsbergs kommun', 'förhinder'],
      ['Anna Karlsson', 'Nora kommun', 'none'],
    ]);
  });

  it('accepts semicolons, dashes and list markup as separators', () => {
    const r = parseRoster(['<li>Jenny Steen; Region Örebro län</li>', 'Erik Sjöberg – Örebro kommun', '• Jan Engman - Kumla kommun', '<p>Ann-Christin Pettersson, Degerfors kommun</p>'].join('\n'));
    expect(r.entries.map((e) => [e.name, e.organisationName])).toEqual([
      ['Jenny Steen', 'Region Örebro län'],
      ['Erik Sjöberg', 'Örebro kommun'],
      ['Jan Engman', 'Kumla kommun'],
      ['Ann-Christin Pettersson', 'Degerfors kommun'],
    ]);
    expect(r.unreadLines).toEqual([]);
  });

  it('uses a body name as a heading for joint meetings', () => {
    const r = parseRoster(
      [
        'Specifika samverkansrådet för folkhälsa',
        'Ledamöter:',
        'Annica Sjöqvist, Kumla kommun',
        'Ersättare:',
        'Jan Engman, Kumla kommun',
        '',
        'Chefsgrupp social välfärd samt vård och omsorg:',
        'Ledamöter:',
        'Annica Sjöqvist, Kumla kommun',
      ].join('\n'),
    );
    expect(r.bodies.map((b) => [b.heading, b.entries.map((e) => `${e.name}/${e.role}`)])).toEqual([
      ['Specifika samverkansrådet för folkhälsa', ['Annica Sjöqvist/ledamot', 'Jan Engman/ersättare']],
      ['Chefsgrupp social välfärd samt vård och omsorg', ['Annica Sjöqvist/ledamot']],
    ]);
    expect(r.entries[1]!.bodyHeading).toBe('Specifika samverkansrådet för folkhälsa');
  });

  it('takes a title and organisation on the lines below a name', () => {
    const r = parseRoster(['Tjänstepersoner:', 'Lena Adolfsson', 'områdeschef Nära vård', 'Region Örebro län', '', 'Karin Haster', 'områdeschef Psykiatri', 'Karolina Strid', 'Hälsa- och sjukvårdsstaben'].join('\n'));
    expect(r.entries.map((e) => [e.name, e.title, e.organisationName, e.role])).toEqual([
      ['Lena Adolfsson', 'områdeschef Nära vård', 'Region Örebro län', 'tjänsteperson'],
      ['Karin Haster', 'områdeschef Psykiatri', undefined, 'tjänsteperson'],
      ['Karolina Strid', 'Hälsa- och sjukvårdsstaben', undefined, 'tjänsteperson'],
    ]);
  });

  it('reads the other headers, e-mail addresses, vacancies and replacements', () => {
    const r = parseRoster(
      [
        'Sekreterare:',
        'Malin Duckert Ek, Region Örebro län <malin.duckert.ek@regionorebrolan.se>',
        'Adjungerade:',
        'Albin Algotson, Linköpings universitet',
        'Övriga:',
        'Panagiota Lazarido, specialistläkare',
        'Ersättare:',
        'Vakant, RF-SISU',
        'Tina Johansson, Laxå kommun (ersätter Jerry Karjalainen)',
        'Elvy Wiklund, Laxå kommun, ersätter Jerry Karjalainen, punkt 2–5',
      ].join('\n'),
    );
    expect(r.entries.map((e) => [e.name, e.role, e.organisationName ?? null, e.organisationKnown, e.email ?? null, e.replacesName ?? null, e.vacancy])).toEqual([
      ['Malin Duckert Ek', 'sekreterare', 'Region Örebro län', true, 'malin.duckert.ek@regionorebrolan.se', null, false],
      ['Albin Algotson', 'adjungerad', 'Linköpings universitet', false, null, null, false],
      ['Panagiota Lazarido', 'övrig', null, false, null, null, false],
      ['Vakant', 'ersättare', 'RF-SISU Örebro län', true, null, null, true],
      ['Tina Johansson', 'ersättare', 'Laxå kommun', true, null, 'Jerry Karjalainen', false],
      ['Elvy Wiklund', 'ersättare', 'Laxå kommun', true, null, 'Jerry Karjalainen', false],
    ]);
    expect(r.entries[5]!.itemRange).toEqual({ from: 2, to: 5 });
    expect(r.entries.filter((e) => e.role === 'ersättare').map((e) => e.substituteOrder)).toEqual([1, 1, 2]);
    expect(r.warnings.map((w) => w.code)).toEqual(['unknown_organisation']);
  });

  it('reports lines it cannot read instead of inventing people', () => {
    const r = parseRoster(['Ledamöter:', 'Ingmar', 'Region Örebro län', '019-602 70 00', 'Siw Lunander, Hallsbergs kommun'].join('\n'));
    expect(r.entries.map((e) => e.name)).toEqual(['Siw Lunander']);
    expect(r.unreadLines.map((u) => [u.lineNo, u.code])).toEqual([
      [2, 'single_word'],
      [3, 'organisation_only'],
      [4, 'not_a_person'],
    ]);
    expect(r.unreadLines[0]!.reason).toMatch(/ett ord/);
  });

  it('a lone word or an address right under a person is reported, not taken as their title', () => {
    const r = parseRoster('Anna Karlsson, Nora kommun\nIngmar\nBox 1613');
    expect(r.entries).toEqual([expect.objectContaining({ name: 'Anna Karlsson', organisationName: 'Nora kommun' })]);
    expect(r.entries[0]!.title).toBeUndefined();
    expect(r.unreadLines.map((u) => u.lineNo)).toEqual([2, 3]);
  });

  it('a person listed twice with different organisations stays two entries, with a warning', () => {
    const r = parseRoster('Anna Karlsson, Nora kommun\nAnna Karlsson, Kumla kommun');
    expect(r.entries.map((e) => e.organisationName)).toEqual(['Nora kommun', 'Kumla kommun']);
    expect(r.warnings.map((w) => w.code)).toEqual(['same_name_other_organisation']);
  });

  it('a name only under Justerare becomes the default role with a warning', () => {
    const r = parseRoster('Justerare:\nSiw Lunander, Hallsbergs kommun');
    expect(r.entries[0]).toMatchObject({ role: 'ledamot', justerare: true });
    expect(r.warnings.map((w) => w.code)).toEqual(['justerare_only']);
  });
});

describe('extractRosterBlocks', () => {
  it('finds the list between the header and the first agenda item, and nothing in a text without one', () => {
    const doc = ['Protokoll', 'Tid: 3 juni 2022', 'Närvarande:', '', 'Ida Broman\tfolkhälsochef', '', '1. Inledning', 'Ingmar hälsade välkommen.', 'POSTADRESS', 'Box 1613'].join('\n');
    expect(extractRosterBlocks(doc)).toEqual([{ startLine: 3, endLine: 5, lines: [{ lineNo: 3, text: 'Närvarande:' }, { lineNo: 4, text: '' }, { lineNo: 5, text: 'Ida Broman\tfolkhälsochef' }] }]);
    expect(extractRosterBlocks('Sekreterare\nLinnea Hed-\nkvist\n\n1. Inledning')).toEqual([]);
    const doc2 = 'Protokoll\n\n1. Inledning\nPOSTADRESS';
    const asDocument = parseRoster(doc2, { mode: 'document' });
    expect(asDocument.entries).toEqual([]);
    expect(asDocument.warnings.map((w) => w.code)).toEqual(['no_roster_found']);
    // Without a list header, 'auto' reads it as a list: nothing becomes a person, every line is shown as
    // unread, and the page footer is reported as such.
    const auto = parseRoster(doc2);
    expect(auto.entries).toEqual([]);
    expect(auto.unreadLines.map((u) => u.lineNo)).toEqual([1, 3]);
    expect(auto.warnings.map((w) => [w.code, w.lineNo])).toEqual([['page_furniture', 4]]);
  });
});

describe('organisation dictionary', () => {
  it('recognises every form the seeds use and tells titles from organisations', () => {
    const name = (t: string) => recognizeOrganisation(t)?.name ?? null;
    expect(name('Hallsberg kommun')).toBe('Hallsbergs kommun');
    expect(name('Hallsbergs kommun')).toBe('Hallsbergs kommun');
    expect(name('Hallsberg')).toBe('Hallsbergs kommun');
    expect(name('Lekeberg kommun')).toBe('Lekebergs kommun');
    expect(name('Lokeberg')).toBe('Lekebergs kommun');
    expect(name('RF SISU Örebro län')).toBe('RF-SISU Örebro län');
    expect(name('ÖLBF')).toBe('ÖLBF');
    expect(name('Länsstyrelsen')).toBe('Länsstyrelsen i Örebro län');
    expect(name('Örebro universitet')).toBe('Örebro universitet');
    expect(name('Örebro')).toBe('Örebro kommun');
    expect(name('Örebro län')).toBeNull();
    expect(name('Regional utveckling')).toBeNull();
    expect(findOrganisationSuffix('folkhälsochef norra Örebro län')).toBeNull();
    expect(findOrganisationSuffix('hållbarhetschef Örebro kommun')).toMatchObject({ prefix: 'hållbarhetschef', match: { name: 'Örebro kommun' } });
    // A bare municipality name inside a text is not taken: it may be a surname ("Anna Nora").
    expect(findOrganisationSuffix('Anna Nora')).toBeNull();
  });

  it('recognises the tenant\'s own organisations and aliases', () => {
    expect(recognizeOrganisation('Hälsa och sjukvård', [{ name: 'Hälso- och sjukvårdsförvaltningen', aliases: ['Hälsa och sjukvård'] }])).toMatchObject({
      name: 'Hälso- och sjukvårdsförvaltningen',
      via: 'alias',
    });
  });
});
