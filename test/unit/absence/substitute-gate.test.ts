/**
 * Issue 10: the bot reads the whole roster for a förhinder only when the text could name a substitute
 * (`mayNameSubstitute`). The gate must never be false where the parser, given the roster, finds one.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { interpretAbsenceMessage, mayNameItems, mayNameSubstitute } from '../../../shared/absence';
import { MEETINGS, PEOPLE, context } from './fixture';

const NAMED = [
  'Förhinder på fredag, Erik König går in för mig',
  'Kan inte komma på fredag. Ersättare: Karin Haster',
  'Förhinder 16/5, skickar Anna Berg',
  'Kan inte den 21/3, erik könig kan gå in för mig',
  'I can not attend on Friday, Erik König will replace me',
  'Förhinder på fredag, min ersättare blir Kalle Okänd',
  'Sjuk idag. I mitt ställe kommer Anna Svensson',
];
const PLAIN = ['Jag har förhinder 16/5', 'Kan inte komma på fredag', 'Jag kan ändå komma på fredag', 'Måste gå 11 på fredag', 'Förhinder nästa möte'];

const substituteOf = (text: string) => {
  const intent = interpretAbsenceMessage(text, context());
  return intent.kind === 'absence' ? intent.substitute : intent.kind === 'ambiguous' ? intent.understood.substitute : undefined;
};

describe('mayNameSubstitute (no roster read without a substitute phrase)', () => {
  it('is true for texts that name a substitute, and the parser finds them', () => {
    for (const text of NAMED) {
      expect(substituteOf(text), text).toBeTruthy();
      expect(mayNameSubstitute(text), text).toBe(true);
    }
  });

  it('is false for plain förhinder, and the parser finds no substitute there either', () => {
    for (const text of PLAIN) {
      expect(mayNameSubstitute(text), text).toBe(false);
      expect(substituteOf(text), text).toBeFalsy();
    }
  });

  it('is never false where the parser (with the roster) finds a substitute', () => {
    const parts = fc.constantFrom(
      'Förhinder', 'på fredag', '16/5', 'kan inte', ...PEOPLE.map((p) => p.name), 'erik könig', 'går in för mig', 'ersättare:', 'skickar',
      'will replace me', 'in my place', 'kommer istället', 'tar min plats', 'vikarierar', ',', '.', 'Kalle', 'Sven Svensson',
    );
    fc.assert(
      fc.property(fc.array(parts, { minLength: 1, maxLength: 8 }), (words) => {
        const text = words.join(' ');
        if (substituteOf(text)) expect(mayNameSubstitute(text)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe('mayNameItems (agenda items read only for a text that names items)', () => {
  it('is true exactly when the text names items, and the parser reads items only then', () => {
    expect(mayNameItems('Kan bara vara med på punkt 1–5 på fredag')).toBe(true);
    expect(mayNameItems('Missar punkt 5-6 på fredag')).toBe(true);
    expect(mayNameItems('Kan inte komma på fredag')).toBe(false);
    // Without items in the context the reading of an item-free text is the same.
    const noItems = MEETINGS.map((m) => ({ ...m, items: [] }));
    for (const text of ['Kan inte komma på fredag', 'Ansluter kl 10.30 på fredag', 'Förhinder den 21 mars', 'Jag kan ändå komma på fredag']) {
      expect(mayNameItems(text), text).toBe(false);
      expect(interpretAbsenceMessage(text, context({ meetings: noItems })), text).toEqual(interpretAbsenceMessage(text, context()));
    }
  });
});
