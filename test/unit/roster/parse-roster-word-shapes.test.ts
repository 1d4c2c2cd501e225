/**
 * What Word and PDF copies put into a pasted protocol (test/fixtures/rosters, built from the seeds):
 * the page letterhead and footer repeated in the middle of the list, officials as two column blocks,
 * and headers the seeds do not use. Expected values were written from reading the fixtures.
 */
import { describe, expect, it } from 'vitest';
import { findPageFurniture, parseRoster } from '../../../shared/roster';
import { readRosterFixture, readSeed } from './seed-fixtures';

const SOCIAL = 'Specifika samverkansrådet för social välfärd samt vård och omsorg';
const FOLK = 'Specifika samverkansrådet för folkhälsa';

describe('a list that runs over page breaks (letterhead and footer repeated)', () => {
  const text = readRosterFixture('letterhead-every-page');
  const fromSeed = parseRoster(readSeed('specifika-samverkansraden-2024-09-20'));
  const r = parseRoster(text, { bodyNames: [SOCIAL, FOLK] });

  it('reads the same two bodies and the same people, in order, as the seed without page breaks', () => {
    expect(r.bodies).toHaveLength(2);
    const people = (x: typeof r) => x.bodies.map((b) => b.entries.map((e) => `${e.name}|${e.role}|${e.mark}|${e.organisationName ?? ''}|${e.title ?? ''}`));
    expect(people(r)).toEqual(people(fromSeed));
    expect(r.entries.some((e) => e.name === 'Malin Duckert Ek' && e.role === 'sekreterare')).toBe(false);
    expect(r.unreadLines).toEqual([]);
  });

  it('reports each skipped footer, letterhead and page number instead of dropping it unseen', () => {
    const skipped = r.warnings.filter((w) => w.code === 'page_furniture');
    expect(skipped.map((w) => w.sv.replace(/ och lästes.*/, ''))).toEqual([
      'Raderna 44–73 är sidfot',
      'Raderna 75–85 är sidhuvud',
      'Rad 88 är sidnummer',
      'Raderna 131–160 är sidfot',
      'Raderna 162–172 är sidhuvud',
      'Rad 175 är sidnummer',
    ]);
  });

  it('reads the same when only the list part is pasted (list mode), and the letterhead is not a body', () => {
    const lines = text.split('\n');
    const list = lines.slice(lines.indexOf('Ordförande:'), lines.indexOf('1.\tMötet öppnas och justerare utses, Bechet öppnar mötet och hälsar deltagarna välkomna.')).join('\n');
    const asList = parseRoster(list, { mode: 'list', bodyNames: [SOCIAL, FOLK] });
    expect(asList.bodies.map((b) => b.entries.length)).toEqual(r.bodies.map((b) => b.entries.length));
    expect(asList.unreadLines).toEqual([]);
  });

  it('finds the letterhead of the other two seeds too, and never a person line', () => {
    for (const seed of ['gemensam-chefsgrupp-2022-06-03', 'chefsgrupp-folkhalsa-2022-01-31']) {
      const lines = readSeed(seed).split('\n');
      const f = findPageFurniture(lines);
      const marked = [...f.lines].map((i) => lines[i]!.trim()).filter(Boolean);
      expect(marked, seed).toEqual(expect.arrayContaining(seed.startsWith('gemensam') ? ['Tjänsteställe', 'Sekreterare', 'kvist'] : ['Postadress', 'Box 1613, 701 16 Örebro']));
      for (const p of parseRoster(readSeed(seed)).entries) expect(f.lines.has(p.lineNo - 1), `${seed}: ${p.name}`).toBe(false);
    }
  });
});

describe('officials as two column blocks (names, then titles / organisations)', () => {
  const r = parseRoster(readRosterFixture('two-column-officials'));

  it('pairs each name with its title and organisation, row by row', () => {
    const officials = r.entries.filter((e) => e.role === 'tjänsteperson').map((e) => [e.name, e.title ?? null, e.organisationName ?? null]);
    expect(officials).toEqual([
      ['Lena Adolfsson', 'områdeschef Nära vård, biträdande hs-direktör', null],
      ['Karin Haster', 'områdeschef Psykiatri', null],
      ['Karolina Strid', 'Hälsa- och sjukvårdsstaben', null],
      ['Katrin Eriksson', 'biträdande områdeschef Nära vård primärvård', null],
      ['Martin Gunnarsson', 'biträdande områdeschef Specialiserad vård', null],
      ['Ingmar Ångman', 'områdeschef välfärd och folkhälsa', 'Region Örebro län'],
      ['Johanna Häll', 'utvecklingsledare', 'Region Örebro län'],
      ['Linnea Hedkvist', 'utvecklingsledare', 'Region Örebro län'],
    ]);
    expect(r.warnings.filter((w) => w.code === 'two_column_block')).toHaveLength(2);
  });

  it('seats no official as a ledamot: an unfamiliar header still names the role', () => {
    expect(r.entries.filter((e) => e.role === 'ledamot').map((e) => e.name)).toEqual(['Maria Ståhl', 'Unni Johansson', 'Jaana Jansson', 'Daniel Åhnberg', 'Helen Willyams']);
    expect(r.unreadLines).toEqual([]);
  });

  it('does not guess when the blocks do not have the same length: it says which lines to check', () => {
    const odd = parseRoster('Tjänstepersoner:\nLena Adolfsson\nKarin Haster\nKarolina Strid\n\nområdeschef Nära vård\nområdeschef Psykiatri');
    expect(odd.entries.slice(0, 2).map((e) => e.title ?? null)).toEqual([null, null]);
    expect(odd.warnings.map((w) => w.code)).toContain('two_column_block');
    expect(odd.warnings.find((w) => w.code === 'two_column_block')!.sv).toContain('går inte att para ihop');
  });

  it('reads compound headers by their role word', () => {
    const h = parseRoster(['Övriga närvarande tjänstepersoner:', 'Ida Broman, folkhälsochef', 'Tjänstgörande ersättare:', 'Jan Engman, Kumla kommun', 'Adjungerade från länsstyrelsen:', 'Eva Ek, Länsstyrelsen i Örebro län'].join('\n'));
    expect(h.entries.map((e) => [e.name, e.role, e.mark])).toEqual([
      ['Ida Broman', 'tjänsteperson', 'present'],
      ['Jan Engman', 'ersättare', 'present'],
      ['Eva Ek', 'adjungerad', 'none'],
    ]);
  });
});
