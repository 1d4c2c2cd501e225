/**
 * The import never merges or re-seats on its own: a namesake from another organisation (or with a title
 * that shares nothing) is a question, and a seat's stored role is kept unless the secretary accepts the
 * listed one. Built on the folkhälsa council of the 2024-09-20 seed.
 */
import { describe, expect, it } from 'vitest';
import type { ExistingRoster } from '../../../shared/roster';
import { applyRosterPlan, matchPerson, parseRoster, planRosterImport } from '../../../shared/roster';
import { readRosterFixture, readSeed } from './seed-fixtures';

const FOLK = 'Specifika samverkansrådet för folkhälsa';
let n = 0;
const ids = { tenantId: 't', newId: (kind: string) => `${kind}-${++n}` };

/** The seed's two councils imported, and the secretary seated as sekreterare on the folkhälsa council. */
function seeded(): ExistingRoster {
  const seed = parseRoster(readSeed('specifika-samverkansraden-2024-09-20'));
  const first = applyRosterPlan(planRosterImport(seed, { people: [], organisations: [], memberships: [] }, { bodyIds: ['svo', 'fh'] }), { people: [], organisations: [], memberships: [] }, ids);
  const malin = first.people.find((p) => p.name === 'Malin Duckert Ek')!;
  const memberships = first.memberships.map((m) => (m.personId === malin.id && m.bodyId === 'fh' ? { ...m, role: 'sekreterare' as const } : m));
  return { ...first, memberships };
}

describe('a namesake from another organisation is a question, never a silent merge', () => {
  const existing = seeded();
  const list = parseRoster(readRosterFixture('namesake-and-secretary'), { bodyNames: [FOLK] });
  const plan = planRosterImport(list, existing, { bodyIds: ['fh'], removeMissing: false });

  it('asks about Anna Karlsson (Örebro kommun) against the stored Anna Karlsson (Nora kommun)', () => {
    const anna = plan.people.find((p) => p.name === 'Anna Karlsson')!;
    expect(anna.action).toBe('confirm');
    expect(anna.suggestions.map((s) => s.name)).toEqual(['Anna Karlsson']);
    expect(plan.needsConfirmation).toBe(true);
    expect(() => applyRosterPlan(plan, existing, ids)).toThrow(/must be confirmed first/);
  });

  it('merges a listed person whose organisation agrees, and a new person only when the secretary says so', () => {
    expect(plan.people.find((p) => p.name === 'Annica Sjöqvist')!.action).toBe('keep');
    const key = plan.people.find((p) => p.name === 'Anna Karlsson')!.key;
    const answered = planRosterImport(list, existing, { bodyIds: ['fh'], removeMissing: false, confirmations: { [key]: 'new' } });
    expect(answered.people.find((p) => p.name === 'Anna Karlsson')!.action).toBe('create');
    const after = applyRosterPlan(answered, existing, ids);
    expect(after.people.filter((p) => p.name === 'Anna Karlsson')).toHaveLength(2);
  });

  it('an organisation nobody knows, or a title sharing no word, is a question too', () => {
    const people = [{ id: 'p1', tenantId: 't', name: 'Ida Broman', title: 'folkhälsochef norra Örebro län', organisationId: 'o1', isAdmin: false, version: 1 }];
    const organisations = [{ id: 'o1', tenantId: 't', name: 'Lindesbergs kommun', kind: 'kommun' as const, aliases: [], version: 1 }];
    expect(matchPerson({ name: 'Ida Broman', organisationName: 'Socialförvaltningen Kumla' }, people, { organisations }).kind).toBe('suggested');
    expect(matchPerson({ name: 'Ida Broman', title: 'kommundirektör' }, people, { organisations }).kind).toBe('suggested');
    // A title that changed but shares words (as in the seeds) is still the same person.
    expect(matchPerson({ name: 'Ida Broman', title: 'enhetschef norra länsdelen' }, people, { organisations }).kind).toBe('exact');
  });
});

describe("the secretary's own seat keeps its role unless the secretary accepts the change", () => {
  const existing = seeded();
  const list = parseRoster(readRosterFixture('namesake-and-secretary'), { bodyNames: [FOLK] });
  const seat = existing.memberships.find((m) => m.bodyId === 'fh' && m.role === 'sekreterare')!;

  it('asks instead of changing sekreterare to ledamot', () => {
    const plan = planRosterImport(list, existing, { bodyIds: ['fh'], removeMissing: false });
    expect(plan.roleQuestions).toEqual([expect.objectContaining({ membershipId: seat.id, name: 'Malin Duckert Ek', from: 'sekreterare', to: 'ledamot', accepted: false })]);
    expect(plan.memberships.update.flatMap((u) => u.changes).some((c) => c.field === 'role')).toBe(false);
    expect(plan.warnings.map((w) => w.code)).toContain('role_change_asked');
  });

  it('changes the role when accepted, and only then', () => {
    const plan = planRosterImport(list, existing, { bodyIds: ['fh'], removeMissing: false, roleChanges: { [seat.id]: true }, confirmations: { 'anna karlsson@kommun:orebro': 'new' } });
    expect(plan.memberships.update.find((u) => u.membershipId === seat.id)!.changes).toContainEqual({ field: 'role', from: 'sekreterare', to: 'ledamot' });
    const after = applyRosterPlan(plan, existing, ids);
    expect(after.memberships.find((m) => m.id === seat.id)!.role).toBe('ledamot');
  });
});
