import { describe, expect, it } from 'vitest';
import { buildDemoRegion, demoMeetingDate, emailLocalPart } from './demo-region';

describe('demo region data', () => {
  const region = buildDemoRegion();

  it('folds names to ASCII e-mail local parts', () => {
    expect(emailLocalPart('Åsa Öberg')).toBe('asa.oberg');
    expect(emailLocalPart('Göran Källström')).toBe('goran.kallstrom');
  });

  it('is the same on every build (no randomness) and has distinct names and e-mails', () => {
    expect(buildDemoRegion()).toEqual(region);
    expect(new Set(region.people.map((p) => p.name)).size).toBe(region.people.length);
    expect(new Set(region.people.map((p) => p.email)).size).toBe(region.people.length);
  });

  it('gives municipal e-mails the municipality’s domain', () => {
    const laxa = region.organisations.find((o) => o.name === 'Laxå kommun')!;
    expect(laxa.domain).toBe('laxa.se');
    expect(region.organisations.find((o) => o.name === 'Hällefors kommun')!.domain).toBe('hallefors.se');
    expect(region.organisations.find((o) => o.name === 'Lekebergs kommun')!.domain).toBe('lekeberg.se');
    expect(region.organisations.find((o) => o.name === 'Degerfors kommun')!.domain).toBe('degerfors.se');
    expect(region.organisations.find((o) => o.name === 'Örebro kommun')!.domain).toBe('orebro.se');
  });

  it('every seat refers to a person and an organisation of the region', () => {
    for (const s of region.seats) {
      expect(region.people.some((p) => p.key === s.personKey)).toBe(true);
      expect(region.organisations.some((o) => o.key === s.organisationKey)).toBe(true);
    }
  });

  it('meets on a Friday at least two weeks ahead', () => {
    const d = demoMeetingDate(new Date('2026-11-23T10:00:00Z'));
    expect(d).toBe('2026-12-11');
    expect(new Date(`${d}T00:00:00Z`).getUTCDay()).toBe(5);
  });
});
