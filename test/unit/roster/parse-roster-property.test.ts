import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNameLike, parseRoster, parseRosterCsv } from '../../../shared/roster';
import { RadslagError } from '../../../shared/errors/catalog';

const lineChars = fc.constantFrom(...'AaÅåÖöEeKkLlNn ,;\t-–~✓()<>/:.0123456789@'.split(''));
const line = fc.array(lineChars, { maxLength: 40 }).map((cs) => cs.join(''));
const text = fc.array(line, { maxLength: 20 }).map((ls) => ls.join('\n'));

describe('parseRoster on arbitrary text', () => {
  it('never throws, every person has a name-like name, and every line number is real', () => {
    fc.assert(
      fc.property(text, (t) => {
        const r = parseRoster(t, { mode: 'list' });
        const lineCount = t.split('\n').length;
        for (const e of r.entries) {
          expect(e.vacancy || isNameLike(e.name)).toBe(true);
          expect(e.lineNo).toBeGreaterThanOrEqual(1);
          expect(e.lineNo).toBeLessThanOrEqual(lineCount);
          expect(e.roles).toContain(e.role);
        }
        for (const u of r.unreadLines) expect(u.text.trim()).not.toBe('');
      }),
      { numRuns: 300 },
    );
  });

  it('a non-blank line is never lost: it is a person, a header, a continuation or reported', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('Ledamöter:', 'Anna Karlsson, Nora kommun', 'Box 1613', 'Ingmar', 'Vakant, RF-SISU', 'områdeschef Psykiatri', ''), { maxLength: 12 }), (ls) => {
        const r = parseRoster(ls.join('\n'), { mode: 'list' });
        ls.forEach((l, i) => {
          const lineNo = i + 1;
          const used =
            r.entries.some((e) => e.lineNo === lineNo || e.alsoOnLines.includes(lineNo)) || r.unreadLines.some((u) => u.lineNo === lineNo);
          const header = l === 'Ledamöter:';
          const continuation = l === 'områdeschef Psykiatri' && i > 0 && ls[i - 1] !== '' && ls[i - 1] !== 'Ledamöter:';
          if (l && !header && !continuation && l !== 'områdeschef Psykiatri') expect(used).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseRosterCsv on arbitrary text', () => {
  it('either parses or throws a catalog error', () => {
    fc.assert(
      fc.property(text, (t) => {
        try {
          const r = parseRosterCsv(`namn;organisation;roll\n${t}`);
          for (const e of r.entries) expect(e.vacancy || isNameLike(e.name)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(RadslagError);
        }
      }),
      { numRuns: 200 },
    );
  });
});
