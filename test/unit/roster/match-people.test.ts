import { describe, expect, it } from 'vitest';
import type { Organisation, Person } from '../../../shared/domain';
import { editDistance, isSameSpelling, matchPerson, nameSimilarity, normalizeName } from '../../../shared/roster';

let n = 0;
function person(name: string, extra: Partial<Person> = {}): Person {
  n += 1;
  return { id: `p${n}`, tenantId: 't', name, isAdmin: false, version: 1, ...extra };
}
function org(id: string, name: string, aliases: string[] = []): Organisation {
  return { id, tenantId: 't', name, kind: 'kommun', aliases, version: 1 };
}

const orgs = [
  org('o-region', 'Region Örebro län'),
  org('o-orebro', 'Örebro kommun'),
  org('o-lindesberg', 'Lindesbergs kommun'),
  org('o-hallsberg', 'Hallsbergs kommun'),
  org('o-karlskoga', 'Karlskoga kommun'),
  org('o-nora', 'Nora kommun'),
  org('o-kumla', 'Kumla kommun'),
];
const ctx = { organisations: orgs };

describe('normalizeName', () => {
  it('folds case, diacritics and hyphens but keeps a way to compare the exact spelling', () => {
    expect(normalizeName('Jari Mehtäläinen')).toBe('jari mehtalainen');
    expect(normalizeName('  Lena  Jonsson-Arndt ')).toBe('lena jonsson arndt');
    expect(normalizeName('Ingmar Ångman')).toBe('ingmar angman');
    expect(normalizeName('Helén Willyams')).toBe(normalizeName('Helen Willyams'));
    expect(isSameSpelling('Helén Willyams', 'Helen Willyams')).toBe(false);
    expect(isSameSpelling('helen  WILLYAMS', 'Helen Willyams')).toBe(true);
  });

  it('counts a swapped letter pair as one edit', () => {
    expect(editDistance('bechet', 'behcet')).toBe(1);
    expect(editDistance('lunader', 'lunander')).toBe(1);
    expect(editDistance('gunnarsson', 'widlund')).toBeGreaterThan(6);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('scores the seed variants high and different people low', () => {
    expect(nameSimilarity('Bechet Barsom', 'Behcet Barsom')).toBeGreaterThan(0.85);
    expect(nameSimilarity('Siw Lunader', 'Siw Lunander')).toBeGreaterThan(0.85);
    expect(nameSimilarity('Martin Gunnarsson', 'Martin Widlund')).toBeLessThan(0.5);
    expect(nameSimilarity('Annika Karlsson', 'Annika Karlsson Juliussen')).toBeLessThan(0.8);
  });
});

describe('matchPerson: identity first', () => {
  it('1. Entra object id wins even when the name is spelled differently', () => {
    const behcet = person('Behcet Barsom', { aadObjectId: 'aad-1' });
    const m = matchPerson({ name: 'Bechet Barsom', aadObjectId: 'aad-1' }, [person('Bechet Barsom'), behcet]);
    expect(m.kind).toBe('identity');
    expect(m.person).toBe(behcet);
    expect(m.via).toBe('aadObjectId');
  });

  it('2. object id is preferred over e-mail when they point at different people', () => {
    const a = person('Anna Karlsson', { email: 'anna.karlsson@nora.se' });
    const b = person('Anna Karlsson', { aadObjectId: 'aad-2' });
    const m = matchPerson({ name: 'Anna Karlsson', email: 'anna.karlsson@nora.se', aadObjectId: 'aad-2' }, [a, b]);
    expect(m.person).toBe(b);
    expect(m.via).toBe('aadObjectId');
  });

  it('3. e-mail matches case-insensitively', () => {
    const siw = person('Siw Lunander', { email: 'Siw.Lunander@Hallsberg.se' });
    const m = matchPerson({ name: 'Siw Lunader', email: 'siw.lunander@hallsberg.se' }, [siw]);
    expect(m).toMatchObject({ kind: 'identity', via: 'email' });
    expect(m.person).toBe(siw);
  });

  it('4. the same e-mail on a person with another object id is not an identity', () => {
    const p = person('Emma Lado', { email: 'emma@olbf.se', aadObjectId: 'aad-x' });
    const m = matchPerson({ name: 'Emma Lado', email: 'emma@olbf.se', aadObjectId: 'aad-y' }, [p]);
    expect(m.kind).not.toBe('identity');
    expect(m.kind).not.toBe('exact');
  });
});

describe('matchPerson: the seed spelling variants', () => {
  it('5. Mehtalainen and Mehtäläinen at the same organisation are one person', () => {
    const jari = person('Jari Mehtäläinen', { organisationId: 'o-lindesberg' });
    const m = matchPerson({ name: 'Jari Mehtalainen', organisationName: 'Lindesberg kommun' }, [jari], ctx);
    expect(m.kind).toBe('exact');
    expect(m.person).toBe(jari);
  });

  it('6. Helen and Helén Willyams are one person', () => {
    const helen = person('Helén Willyams', { organisationId: 'o-karlskoga' });
    expect(matchPerson({ name: 'Helen Willyams', organisationName: 'Karlskoga' }, [helen], ctx).person).toBe(helen);
    expect(matchPerson({ name: 'Helen Willyams' }, [helen], ctx).kind).toBe('exact');
  });

  it('7. "Lena Jonsson-Arndt" and "Lena Jonsson Arndt" are one person', () => {
    const lena = person('Lena Jonsson-Arndt', { organisationId: 'o-karlskoga' });
    expect(matchPerson({ name: 'Lena Jonsson Arndt', organisationName: 'Karlskoga kommun' }, [lena], ctx)).toMatchObject({ kind: 'exact' });
  });

  it('8. Bechet/Behcet Barsom is only suggested, for the secretary to confirm', () => {
    const behcet = person('Behcet Barsom', { organisationId: 'o-region' });
    const m = matchPerson({ name: 'Bechet Barsom', organisationName: 'Region Örebro län' }, [behcet], ctx);
    expect(m.kind).toBe('suggested');
    expect(m.person).toBe(behcet);
  });

  it('9. Siw Lunader/Lunander is only suggested', () => {
    const siw = person('Siw Lunander', { organisationId: 'o-hallsberg' });
    expect(matchPerson({ name: 'Siw Lunader', organisationName: 'Hallsbergs kommun' }, [siw], ctx).kind).toBe('suggested');
  });

  it('10. a swapped first and last name is suggested, not merged', () => {
    const p = person('Barsom Behcet');
    expect(matchPerson({ name: 'Behcet Barsom' }, [p]).kind).toBe('suggested');
  });
});

describe('matchPerson: different people with similar names never merge', () => {
  it('11. Anna Jakobsson (Region) and Anna Jacobsson (Örebro kommun)', () => {
    const jacobsson = person('Anna Jacobsson', { organisationId: 'o-orebro' });
    const m = matchPerson({ name: 'Anna Jakobsson', organisationName: 'Region Örebro län' }, [jacobsson], ctx);
    expect(m.kind).toBe('none');
    expect(m.person).toBeUndefined();
    // Still shown as a possibility, never chosen.
    expect(m.alternatives.map((a) => a.person)).toContain(jacobsson);
  });

  it('12. Karin Larsson and Katrin Larsson', () => {
    const katrin = person('Katrin Larsson', { organisationId: 'o-orebro' });
    const m = matchPerson({ name: 'Karin Larsson' }, [katrin], ctx);
    expect(['suggested', 'none']).toContain(m.kind);
    expect(m.kind).not.toBe('exact');
  });

  it('13. Annika Karlsson and Annika Karlsson Juliussen', () => {
    const juliussen = person('Annika Karlsson Juliussen');
    const m = matchPerson({ name: 'Annika Karlsson' }, [juliussen]);
    expect(m.kind).toBe('none');
  });

  it('14. Martin Gunnarsson and Martin Widlund', () => {
    const widlund = person('Martin Widlund');
    const m = matchPerson({ name: 'Martin Gunnarsson' }, [widlund]);
    expect(m.kind).toBe('none');
    expect(m.alternatives).toEqual([]);
  });

  it('15. the same name at a different organisation is a namesake until confirmed', () => {
    const noraAnna = person('Anna Karlsson', { organisationId: 'o-nora' });
    const m = matchPerson({ name: 'Anna Karlsson', organisationName: 'Kumla kommun' }, [noraAnna], ctx);
    expect(m.kind).toBe('suggested');
  });

  it('16. two people with one name: the organisation decides', () => {
    const nora = person('Anna Karlsson', { organisationId: 'o-nora' });
    const kumla = person('Anna Karlsson', { organisationId: 'o-kumla' });
    const m = matchPerson({ name: 'Anna Karlsson', organisationName: 'Nora kommun' }, [kumla, nora], ctx);
    expect(m.kind).toBe('exact');
    expect(m.person).toBe(nora);
  });

  it('17. two people with one name and no organisation given: ambiguous, suggested with both', () => {
    const nora = person('Anna Karlsson', { organisationId: 'o-nora' });
    const kumla = person('Anna Karlsson', { organisationId: 'o-kumla' });
    const m = matchPerson({ name: 'Anna Karlsson' }, [nora, kumla], ctx);
    expect(m.kind).toBe('suggested');
    expect([m.person, ...m.alternatives.map((a) => a.person)]).toEqual(expect.arrayContaining([nora, kumla]));
  });

  it('18. the same name with a different e-mail is not merged', () => {
    const p = person('Erik König', { email: 'erik.konig@askersund.se' });
    const m = matchPerson({ name: 'Erik König', email: 'erik.konig@gmail.com' }, [p]);
    expect(m.kind).toBe('suggested');
  });

  it('19. an organisation known through a membership counts', () => {
    const p = person('Christina Kuurne');
    const m = matchPerson({ name: 'Christina Kuurne', organisationName: 'Hällefors kommun' }, [p], {
      organisations: [...orgs, org('o-hallefors', 'Hällefors kommun')],
      personOrganisationIds: { [p.id]: ['o-orebro'] },
    });
    expect(m.kind).toBe('suggested');
  });

  it('20. nobody close: none', () => {
    const m = matchPerson({ name: 'Unnur Tryggvadóttir' }, [person('Jimmy Nordengren'), person('Natalie Ström')]);
    expect(m).toMatchObject({ kind: 'none', alternatives: [] });
    expect(m.score).toBeLessThan(0.5);
  });
});
