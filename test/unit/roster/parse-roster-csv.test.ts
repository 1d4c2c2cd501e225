import { describe, expect, it } from 'vitest';
import { RadslagError } from '../../../shared/errors/catalog';
import { parseRosterCsv, splitCsvLine } from '../../../shared/roster';

describe('parseRosterCsv', () => {
  it('reads an English header with commas and quoted fields', () => {
    const csv = [
      'name,organisation,role,email,order',
      'Jenny Steen,Region Örebro län,ordförande,jenny.steen@regionorebrolan.se,',
      '"Ann-Christine Appelqvist","Hallsberg kommun",ersättare,,1',
      'Lena Hagström,"Karlskoga kommun",ersättare,,2',
      '"Vakant",RF-SISU,ersättare,,1',
    ].join('\n');
    const r = parseRosterCsv(csv);
    expect(r.unreadLines).toEqual([]);
    expect(r.entries.map((e) => [e.name, e.organisationName, e.role, e.email, e.substituteOrder, e.vacancy])).toEqual([
      ['Jenny Steen', 'Region Örebro län', 'ordförande', 'jenny.steen@regionorebrolan.se', undefined, false],
      ['Ann-Christine Appelqvist', 'Hallsbergs kommun', 'ersättare', undefined, 1, false],
      ['Lena Hagström', 'Karlskoga kommun', 'ersättare', undefined, 2, false],
      ['Vakant', 'RF-SISU Örebro län', 'ersättare', undefined, 1, true],
    ]);
    expect(r.entries[1]!.organisationWritten).toBe('Hallsberg kommun');
  });

  it('reads Swedish headers with semicolons (Excel), a BOM, CRLF and a quoted separator', () => {
    const csv = '\uFEFFNamn;Organisation;Roll;E-post;Ordning\r\nErik König;Askersunds kommun;Ersättare;erik.konig@askersund.se;1\r\n"Swift Johannison; Anna";Region Örebro län;tjänsteperson;;\r\n';
    const r = parseRosterCsv(csv);
    expect(r.entries.map((e) => e.name)).toEqual(['Erik König']);
    expect(r.entries[0]).toMatchObject({ role: 'ersättare', organisationName: 'Askersunds kommun', substituteOrder: 1, lineNo: 2 });
    // "Swift Johannison; Anna" was quoted so it is one field, but it is not a name in first-last order.
    expect(r.unreadLines.map((u) => [u.lineNo, u.code])).toEqual([[3, 'not_a_person']]);
  });

  it('reports bad roles, e-mails, orders and marks per line and keeps the good rows', () => {
    const csv = [
      'namn,organisation,roll,e-post,ordning,närvaro',
      'Siw Lunander,Hallsbergs kommun,ledamot,siw@hallsberg.se,,deltog',
      'Jan Engman,Kumla kommun,suppleant,,,',
      'Elvy Wiklund,Laxå kommun,ersättare,elvy(at)laxa.se,,',
      'Tina Johansson,Laxå kommun,ersättare,,andra,',
      'Eva Karlsson,Nora kommun,ersättare,,1,kanske',
      ',Nora kommun,ledamot,,,',
      'Berth Falk,Lekeberg kommun,ersättare,,1,förhinder',
    ].join('\n');
    const r = parseRosterCsv(csv);
    expect(r.entries.map((e) => [e.name, e.mark])).toEqual([
      ['Siw Lunander', 'present'],
      ['Berth Falk', 'förhinder'],
    ]);
    expect(r.unreadLines.map((u) => [u.lineNo, u.code])).toEqual([
      [3, 'bad_role'],
      [4, 'bad_email'],
      [5, 'bad_order'],
      [6, 'bad_mark'],
      [7, 'empty_name'],
    ]);
    expect(r.unreadLines[0]!.reason).toContain('suppleant');
    expect(r.unreadLines[0]!.reasonEn).toContain('Unknown role');
  });

  it('warns about an unknown organisation and keeps it as written', () => {
    const r = parseRosterCsv('name,organisation\nKalle Anka,Ankeborgs kommun');
    expect(r.entries[0]).toMatchObject({ organisationName: 'Ankeborgs kommun', organisationKnown: false, role: 'ledamot' });
    expect(r.warnings.map((w) => w.code)).toEqual(['unknown_organisation']);
  });

  it('rejects a file without a name column with a catalog error', () => {
    expect(() => parseRosterCsv('organisation;roll\nKumla kommun;ledamot')).toThrow(RadslagError);
    try {
      parseRosterCsv('organisation;roll\nKumla kommun;ledamot');
    } catch (e) {
      expect((e as RadslagError).code).toBe('VALIDATION_FAILED');
    }
    expect(() => parseRosterCsv('  \n')).toThrow(RadslagError);
  });

  it('reports a row with too many fields', () => {
    const r = parseRosterCsv('name,organisation\nAnna Karlsson,Nora kommun,ledamot');
    expect(r.unreadLines.map((u) => u.code)).toEqual(['column_count']);
  });

  it('splits quoted fields with doubled quotes', () => {
    expect(splitCsvLine('"a ""b"" c",d,"e,f"', ',')).toEqual(['a "b" c', 'd', 'e,f']);
  });
});
