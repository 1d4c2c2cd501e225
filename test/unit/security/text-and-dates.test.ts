import { describe, expect, it } from 'vitest';
import { calendarDateSchema, instantSchema, isKnownTimeZone, timeZoneSchema } from '../../../shared/contracts/common';
import { cleanText, cleaningReviver, findUnstorableText, isStorableText } from '../../../shared/contracts/text';

describe('text the store can keep (issue 15, finding 8)', () => {
  it('strips NUL and replaces unpaired surrogates with U+FFFD, keeping pairs', () => {
    expect(cleanText('a\u0000b')).toBe('ab');
    expect(cleanText('x\ud800y')).toBe('x\ufffdy');
    expect(cleanText('\udc00')).toBe('\ufffd');
    expect(cleanText('tall 🌲 \ud83d')).toBe('tall 🌲 \ufffd');
    expect(cleanText('vanlig text')).toBe('vanlig text');
    expect(isStorableText('🌲')).toBe(true);
    expect(isStorableText('\ud83d')).toBe(false);
  });

  it('cleans every string of a parsed activity, keys included', () => {
    const parsed = JSON.parse('{"text":"Förhinder\\u0000","from":{"name":"Anna \\ud800"},"value":{"k\\u0000":"v"}}', cleaningReviver) as Record<string, any>;
    expect(parsed).toEqual({ text: 'Förhinder', from: { name: 'Anna \ufffd' }, value: { k: 'v' } });
  });

  it('finds the path of the first unstorable string', () => {
    expect(findUnstorableText({ a: 'ok', items: [{ title: 'ok' }, { title: 'x\u0000' }] })).toBe('items.1.title');
    expect(findUnstorableText({ ['b\ud800']: 1 })).toBe('b\ufffd');
    expect(findUnstorableText({ a: ['fine', 1, null] })).toBeNull();
  });
});

describe('dates and time zones (issue 15, finding 8)', () => {
  it.each(['2027-02-31', '2027-13-01', '0000-00-00', '9999-99-99', '0000-01-01', '1899-12-31', '2200-01-01'])('refuses %s', (d) => {
    expect(calendarDateSchema.safeParse(d).success).toBe(false);
  });
  it.each(['2028-02-29', '1900-01-01', '2199-12-31', '2025-04-03'])('accepts %s', (d) => {
    expect(calendarDateSchema.safeParse(d).success).toBe(true);
  });
  it('bounds instants to the same years', () => {
    expect(instantSchema.safeParse('0000-01-01T00:00:00Z').success).toBe(false);
    expect(instantSchema.safeParse('2025-03-14T08:00:00.000Z').success).toBe(true);
    expect(instantSchema.safeParse('2025-03-14T08:00:00+01:00').success).toBe(true);
  });
  it('knows IANA time zones and nothing else', () => {
    expect(isKnownTimeZone('Europe/Stockholm')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    expect(timeZoneSchema.safeParse('Mars/Olympus').success).toBe(false);
    expect(timeZoneSchema.safeParse('').success).toBe(false);
  });
});
