import { describe, expect, it } from 'vitest';
import type { Organisation, Person } from '../../../shared/domain';
import { RadslagError } from '../../../shared/errors/catalog';
import {
  applyRosterPlan,
  parseRoster,
  personKey,
  planRosterImport,
  type ExistingRoster,
} from '../../../shared/roster';
import { readSeed } from './seed-fixtures';

const EMPTY: ExistingRoster = { people: [], organisations: [], memberships: [] };

function ids() {
  let n = 0;
  return { tenantId: 't', newId: (kind: string) => `${kind}-${++n}` };
}

describe('planRosterImport: the 2024-09-20 joint meeting into two bodies', () => {
  const parsed = parseRoster(readSeed('specifika-samverkansraden-2024-09-20'));
  const bodyIds = ['body-svo', 'body-fh'];
  const plan = planRosterImport(parsed, EMPTY, { bodyIds });

  it('creates each organisation once, with official names', () => {
    expect(plan.organisations.create.map((o) => o.name).sort()).toEqual(
      [
        'Askersunds kommun',
        'Degerfors kommun',
        'Hallsbergs kommun',
        'Hällefors kommun',
        'Karlskoga kommun',
        'Kumla kommun',
        'Laxå kommun',
        'Lekebergs kommun',
        'Lindesbergs kommun',
        'Ljusnarsbergs kommun',
        'Nora kommun',
        'Region Örebro län',
        'RF-SISU Örebro län',
        'Örebro kommun',
        'ÖLBF',
      ].sort(),
    );
  });

  it('creates a person on both bodies once (47 people for 56 seats incl. one vacancy)', () => {
    expect(plan.people.filter((p) => p.action === 'create')).toHaveLength(47);
    expect(plan.memberships.add).toHaveLength(56);
    const siw = plan.people.filter((p) => p.name === 'Siw Lunader');
    expect(siw).toHaveLength(1);
    // Jari Mehtalainen (first body) and Jari Mehtäläinen (second body) are one person.
    expect(plan.people.filter((p) => p.name.startsWith('Jari'))).toHaveLength(1);
    const vacancy = plan.memberships.add.filter((a) => a.person === null);
    expect(vacancy).toEqual([
      expect.objectContaining({ bodyId: 'body-fh', role: 'ersättare', organisation: { kind: 'new', key: 'rf-sisu' }, substituteOrder: 1 }),
    ]);
    expect(plan.needsConfirmation).toBe(false);
    expect(plan.isEmpty).toBe(false);
  });

  it('keeps the struck names as förhinder for the meeting', () => {
    const forhinder = plan.attendance.filter((a) => a.state === 'förhinder').map((a) => `${a.bodyId}:${a.lineNo}`);
    expect(forhinder).toEqual(['body-svo:37', 'body-svo:54', 'body-fh:61', 'body-fh:64', 'body-fh:67']);
  });

  it('can take everyone listed and not struck as present (a protocol\'s list)', () => {
    const withUnmarked = planRosterImport(parsed, EMPTY, { bodyIds, unmarked: 'present' });
    expect(withUnmarked.attendance.filter((a) => a.state === 'förhinder')).toHaveLength(5);
    // 56 seats, one of them a vacancy (no attendance), five förhinder.
    expect(withUnmarked.attendance.filter((a) => a.state === 'present')).toHaveLength(56 - 1 - 5);
    expect(plan.attendance.filter((a) => a.state === 'present')).toEqual([]);
  });

  it('re-importing the same list after applying it gives an empty plan', () => {
    const applied = applyRosterPlan(plan, EMPTY, ids());
    expect(applied.people).toHaveLength(47);
    expect(applied.organisations).toHaveLength(15);
    expect(applied.memberships).toHaveLength(56);
    const again = planRosterImport(parsed, applied, { bodyIds });
    expect(again.isEmpty).toBe(true);
    expect(again.people.every((p) => p.action === 'keep')).toBe(true);
    expect(again.memberships).toMatchObject({ add: [], update: [], remove: [] });
    expect(again.memberships.unchanged).toHaveLength(56);
    expect(again.organisations.create).toEqual([]);
  });

  it('a changed list updates and removes instead of duplicating', () => {
    const applied = applyRosterPlan(plan, EMPTY, ids());
    const changed = readSeed('specifika-samverkansraden-2024-09-20')
      .replace('Jenny Steen, Region Örebro län\n', '')
      .replace('Erik Sjöberg, Örebro kommun', 'Erik Sjöberg, Örebro kommun, erik.sjoberg@orebro.se');
    const next = planRosterImport(parseRoster(changed), applied, { bodyIds });
    expect(next.people.filter((p) => p.action === 'create')).toEqual([]);
    expect(next.memberships.add).toEqual([]);
    expect(next.memberships.remove).toEqual([expect.objectContaining({ bodyId: 'body-svo', role: 'ledamot' })]);
    const erik = next.people.find((p) => p.name === 'Erik Sjöberg')!;
    expect(erik.action).toBe('update');
    expect(erik.changes).toEqual([{ field: 'email', from: null, to: 'erik.sjoberg@orebro.se' }]);
    const applied2 = applyRosterPlan(next, applied, ids());
    expect(applied2.people).toHaveLength(47);
    expect(applied2.memberships).toHaveLength(55);
    expect(planRosterImport(parseRoster(changed), applied2, { bodyIds }).isEmpty).toBe(true);
  });

  it('refuses a body count that does not fit the list', () => {
    expect(() => planRosterImport(parsed, EMPTY, { bodyIds: ['only-one'] })).toThrow(RadslagError);
  });
});

describe('planRosterImport: people across imports and spellings', () => {
  it('the same person on two bodies, imported at different times, is one person', () => {
    const first = planRosterImport(parseRoster(readSeed('chefsgrupp-folkhalsa-2022-01-31')), EMPTY, { bodyIds: ['cg-fh'] });
    const afterFirst = applyRosterPlan(first, EMPTY, ids());
    expect(afterFirst.people).toHaveLength(10);
    const second = planRosterImport(parseRoster(readSeed('gemensam-chefsgrupp-2022-06-03')), afterFirst, { bodyIds: ['cg-joint'] });
    expect(second.needsConfirmation).toBe(false);
    const matched = second.people.filter((p) => p.ref.kind === 'existing').map((p) => p.name).sort();
    expect(matched).toEqual(['Anna Jakobsson', 'Cecilia Ljung', 'Emma Lado', 'Ida Broman', 'Ingmar Ångman', 'Linnea Hedkvist']);
    // Ingmar had no organisation; the second list says Region Örebro län: filled in, not duplicated.
    expect(second.people.find((p) => p.name === 'Ingmar Ångman')!.changes).toEqual([
      { field: 'organisationId', from: null, to: expect.stringMatching(/^new:|^organisation-/) },
    ]);
    const afterSecond = applyRosterPlan(second, afterFirst, ids());
    expect(afterSecond.people).toHaveLength(10 + 29);
    // The first body's seats are untouched by the second body's import.
    expect(afterSecond.memberships.filter((m) => m.bodyId === 'cg-fh')).toHaveLength(10);
  });

  it('a similar name is a suggestion to confirm, never merged or applied silently', () => {
    const region: Organisation = { id: 'o-r', tenantId: 't', name: 'Region Örebro län', kind: 'region', aliases: [], version: 1 };
    const behcet: Person = { id: 'p-b', tenantId: 't', name: 'Behcet Barsom', organisationId: 'o-r', isAdmin: false, version: 1 };
    const existing: ExistingRoster = { people: [behcet], organisations: [region], memberships: [] };
    const parsed = parseRoster('Ordförande:\nBechet Barsom, Region Örebro län\nLedamöter:\nJenny Steen, Region Örebro län');
    const plan = planRosterImport(parsed, existing, { bodyIds: ['b'] });
    const bechet = plan.people.find((p) => p.name === 'Bechet Barsom')!;
    expect(bechet.action).toBe('confirm');
    expect(bechet.suggestions).toEqual([{ personId: 'p-b', name: 'Behcet Barsom', score: expect.any(Number) }]);
    expect(plan.needsConfirmation).toBe(true);
    expect(() => applyRosterPlan(plan, existing, ids())).toThrow(RadslagError);

    const key = personKey({ name: 'Bechet Barsom', organisationName: 'Region Örebro län' });
    expect(bechet.key).toBe(key);
    const same = planRosterImport(parsed, existing, { bodyIds: ['b'], confirmations: { [key]: 'p-b' } });
    expect(same.needsConfirmation).toBe(false);
    expect(same.people.find((p) => p.key === key)).toMatchObject({ ref: { kind: 'existing', id: 'p-b' }, action: 'keep', name: 'Behcet Barsom' });
    expect(same.memberships.add.find((a) => a.role === 'ordförande')!.person).toEqual({ kind: 'existing', id: 'p-b' });

    const other = planRosterImport(parsed, existing, { bodyIds: ['b'], confirmations: { [key]: 'new' } });
    expect(other.people.find((p) => p.key === key)).toMatchObject({ action: 'create', ref: { kind: 'new' } });
  });

  it('two different people with similar names at different organisations are not merged', () => {
    const orgs: Organisation[] = [
      { id: 'o-r', tenantId: 't', name: 'Region Örebro län', kind: 'region', aliases: [], version: 1 },
      { id: 'o-ok', tenantId: 't', name: 'Örebro kommun', kind: 'kommun', aliases: [], version: 1 },
    ];
    const jacobsson: Person = { id: 'p-j', tenantId: 't', name: 'Anna Jacobsson', organisationId: 'o-ok', isAdmin: false, version: 1 };
    const plan = planRosterImport(parseRoster('Anna Jakobsson, Region Örebro län'), { people: [jacobsson], organisations: orgs, memberships: [] }, { bodyIds: ['b'] });
    expect(plan.people).toEqual([expect.objectContaining({ action: 'create', name: 'Anna Jakobsson', ref: { kind: 'new', key: expect.any(String) } })]);
    expect(plan.needsConfirmation).toBe(false);
  });

  it('resolves "(ersätter …)" to the replaced person and keeps partial attendance', () => {
    const text = [
      'Närvarande:',
      '✓ Lise Bergman Nordgren, biträdande områdeschef Psykiatri (ersätter Karin Haster)',
      '~~Karin Haster, områdeschef Psykiatri~~',
      'Camilla Pettersson, utvecklingsledare, punkt 6–7',
      'Anna Jakobsson, Region Örebro län (del av mötet)',
      'Ida Broman, folkhälsochef norra Örebro län',
    ].join('\n');
    const plan = planRosterImport(parseRoster(text), EMPTY, { bodyIds: ['b'] });
    const byLine = new Map(plan.attendance.map((a) => [a.lineNo, a]));
    const karinRef = plan.people.find((p) => p.name === 'Karin Haster')!.ref;
    expect(byLine.get(2)).toMatchObject({ state: 'present', replaces: karinRef, replacesName: 'Karin Haster' });
    expect(byLine.get(3)).toMatchObject({ state: 'förhinder' });
    expect(byLine.get(4)).toMatchObject({ state: 'present', itemRange: { from: 6, to: 7 }, partOfMeeting: false });
    expect(byLine.get(5)).toMatchObject({ state: 'present', partOfMeeting: true });
    expect(byLine.get(6)).toMatchObject({ state: 'present' });
  });
});
