import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clampText, escapeCardText } from '../../../bot/teams/cards/escape-card-text';

/** What a CommonMark renderer shows for a string made only of text and backslash escapes. */
function unescapeCommonMark(s: string): string {
  return s.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('escapeCardText', () => {
  it('neutralises links, emphasis, code, strike, headings, lists, quotes, HTML and date functions', () => {
    expect(escapeCardText('[klicka](https://evil)')).toBe('\\[klicka\\]\\(https://evil\\)');
    expect(escapeCardText('**fet**')).toBe('\\*\\*fet\\*\\*');
    expect(escapeCardText('_kursiv_ ~~x~~ `kod`')).toBe('\\_kursiv\\_ \\~\\~x\\~\\~ \\`kod\\`');
    expect(escapeCardText('<script>alert(1)</script>')).toBe('\\<script\\>alert\\(1\\)\\</script\\>');
    expect(escapeCardText('# Rubrik')).toBe('\\# Rubrik');
    expect(escapeCardText('- punkt\n  + punkt\n1. ett\n2) två\n> citat')).toBe('\\- punkt\n  \\+ punkt\n1\\. ett\n2\\) två\n\\> citat');
    expect(escapeCardText('{{DATE(2017-02-14T06:08:00Z, SHORT)}}')).toBe('\\{\\{DATE\\(2017-02-14T06:08:00Z, SHORT\\)\\}\\}');
    expect(escapeCardText('![bild](https://x)')).toBe('\\!\\[bild\\]\\(https://x\\)');
  });

  it('leaves ordinary Swedish text alone, including a dash inside a line and dates', () => {
    const s = 'Camilla Pettersson, utvecklingsledare – punkt 2-5, 2024-09-20 kl. 10.30';
    expect(escapeCardText(s)).toBe(s);
  });

  it('escapes backslashes first, so a user backslash cannot undo our escape', () => {
    expect(escapeCardText('\\[x](y)')).toBe('\\\\\\[x\\]\\(y\\)');
  });

  it('removes control characters and normalises line ends', () => {
    expect(escapeCardText('a\u0000b\r\nc\u0007')).toBe('ab\nc');
  });

  it('property: the rendered text equals the input, and no unescaped Markdown punctuation remains', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab [](){}*_~`#<>!|\\-+.1 \n'.split('')), maxLength: 40 }), (s) => {
        const out = escapeCardText(s);
        expect(unescapeCommonMark(out)).toBe(s);
        // Every special character is preceded by an odd number of backslashes.
        const stripped = out.replace(/\\[\s\S]/g, '');
        expect(stripped).not.toMatch(/[[\]()*_~`#<>{}|!\\]/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('clampText', () => {
  it('cuts on code points and marks the cut', () => {
    expect(clampText('Ångman', 10)).toBe('Ångman');
    expect(clampText('abcdefghij', 5)).toBe('abcd…');
    expect(Array.from(clampText('😀'.repeat(10), 4))).toHaveLength(4);
  });
});
