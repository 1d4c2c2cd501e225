import { describe, expect, it } from 'vitest';
import { rosterFingerprint, zonedTimeToUtc } from './roster-import-service';

describe('zonedTimeToUtc', () => {
  it('converts Stockholm wall-clock time in winter (+01) and summer (+02)', () => {
    expect(zonedTimeToUtc('2022-01-31', '09:00', 'Europe/Stockholm')).toBe('2022-01-31T08:00:00.000Z');
    expect(zonedTimeToUtc('2024-09-20', '09:00', 'Europe/Stockholm')).toBe('2024-09-20T07:00:00.000Z');
    expect(zonedTimeToUtc('2024-03-31', '12:00', 'Europe/Stockholm')).toBe('2024-03-31T10:00:00.000Z');
  });
});

describe('rosterFingerprint', () => {
  const base = {
    people: [{ id: 'p1', tenantId: 't', name: 'A', isAdmin: false, version: 1 }],
    organisations: [],
    memberships: [{ id: 'm1', tenantId: 't', bodyId: 'b', personId: 'p1', role: 'ledamot' as const, organisationId: null, version: 1 }],
  };
  it('changes when a row changes version or a remembered confirmation is added, not with order', () => {
    const f = rosterFingerprint(base, {});
    expect(rosterFingerprint({ ...base, people: [...base.people] }, {})).toBe(f);
    expect(rosterFingerprint({ ...base, memberships: [{ ...base.memberships[0]!, version: 2 }] }, {})).not.toBe(f);
    expect(rosterFingerprint(base, { 'a@b': 'p1' })).not.toBe(f);
  });
});
