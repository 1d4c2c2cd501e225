import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { renderPreview, table } from './render';

describe('CLI argument parsing', () => {
  it('reads the command, valued flags, boolean flags and --flag=value', () => {
    const a = parseArgs(['import-roster', '--body', 'Specifika samverkansrådet för folkhälsa', '--apply', 'extra.txt', '--url=http://localhost:4000', '--csv']);
    expect(a.command).toBe('import-roster');
    expect(a.flags).toEqual({ body: 'Specifika samverkansrådet för folkhälsa', apply: true, url: 'http://localhost:4000', csv: true });
    expect(a.positionals).toEqual(['extra.txt']);
  });
  it('refuses a valued flag without its value and an unknown flag, in Swedish and English; -h is help', () => {
    expect(() => parseArgs(['bodies', '--user'])).toThrowError(expect.objectContaining({ sv: '--user behöver ett värde', en: '--user needs a value' }));
    expect(() => parseArgs(['bodies', '--bdy', 'x'])).toThrowError(expect.objectContaining({ sv: 'Okänd flagga --bdy (se --help)' }));
    expect(parseArgs(['-h']).flags.help).toBe(true);
    expect(parseArgs([]).command).toBeNull();
  });
});

describe('CLI tables', () => {
  it('aligns columns and clips long cells', () => {
    const out = table(['Namn', 'Roll'], [['Åsa Öberg', 'ledamot'], ['B', 'x'.repeat(60)]], 10).split('\n');
    expect(out[0]).toBe('Namn       Roll');
    expect(out[1]).toBe('---------  ----------');
    expect(out[3]).toBe(`B          ${'x'.repeat(9)}…`);
  });

  const view = {
    id: 'imp1',
    version: 1,
    status: 'previewed',
    bodies: [{ id: 'b1', name: 'Rådet' }],
    options: {},
    understood: {
      bodies: [
        {
          entries: [
            { lineNo: 2, name: 'Eva Ek', roles: ['ersättare'], organisationName: 'Kumla kommun', mark: 'förhinder', replacesName: 'Bo Ek', alsoOnLines: [5], substituteOrder: 1, vacancy: false, partOfMeeting: false, justerare: false },
          ],
        },
      ],
      unreadLines: [{ lineNo: 3, text: '???', reason: 'Raden ser inte ut som ett namn.', reasonEn: 'The line does not look like a name.' }],
      warnings: [],
    },
    plan: {
      people: [{ action: 'confirm', name: 'Eva Ek', ref: { kind: 'new', key: 'eva ek@k' }, organisation: null, match: { kind: 'suggested', via: 'name', score: 0.9 }, suggestions: [{ name: 'Eva Eek', score: 0.9 }] }],
      organisations: { create: [] },
      memberships: { add: [{ bodyId: 'b1', person: { kind: 'new', key: 'eva ek@k' }, role: 'ersättare', organisation: null, substituteOrder: 1 }], update: [], remove: [], unchanged: [] },
      attendance: [],
      warnings: [],
    },
    names: { people: { 'new:eva ek@k': 'Eva Ek' }, organisations: {} },
    summary: { entries: 1, unreadLines: 1, peopleToCreate: 0, peopleMatched: 0, needingConfirmation: 1, membershipsToAdd: 1, membershipsToUpdate: 0, membershipsToRemove: 0 },
  };

  it('renders the preview in Swedish: marks, notes, unread lines, what needs confirming', () => {
    const sv = renderPreview(view, 'sv');
    expect(sv).toMatch(/^2\s+Eva Ek\s+ersättare\s+Kumla kommun\s+struken: förhinder\s+ersätter Bo Ek; ordning 1; även rad 5$/m);
    expect(sv).toContain('Rader som inte kunde läsas');
    expect(sv).toMatch(/BEKRÄFTA\s+Eva Ek\s+suggested \(namn 0\.90\)\s+Eva Eek 0\.90/);
    expect(sv).toContain('1 att bekräfta');
  });

  it('renders the preview in English with --lang en', () => {
    const en = renderPreview(view, 'en');
    expect(en).toMatch(/^Line\s+Name\s+Role\s+Organisation/m);
    expect(en).toMatch(/substitute\s+Kumla kommun\s+struck: apologies\s+replaces Bo Ek/);
    expect(en).toContain('Lines that could not be read');
    expect(en).toContain('1 to confirm');
  });
});
