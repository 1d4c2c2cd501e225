import type { Id, Organisation, Person } from '../domain';
import { fold } from './fold';
import { isSameSpelling, nameSimilarity } from './name-similarity';
import { recognizeOrganisation } from './organisations';

export { normalizeName, isSameSpelling, nameSimilarity, editDistance } from './name-similarity';

/**
 * Matching a listed person to the people we already have. Identity (Entra object id, then e-mail) is
 * proof; a name is not. Only an identical normalised name with no disagreeing organisation or identity
 * is taken as the same person ('exact'); anything merely similar is 'suggested' for the secretary to
 * confirm, because two different people often have nearly the same name (Karin/Katrin Larsson).
 */
export interface MatchCandidate {
  name: string;
  email?: string | null;
  aadObjectId?: string | null;
  organisationName?: string | null;
  organisationId?: Id | null;
  /** The title the list gives ("utvecklingsledare"): a different known title makes a namesake a question. */
  title?: string | null;
}

export interface MatchContext {
  /** Resolves organisation names to ids (by name, alias or the built-in dictionary). */
  organisations?: readonly Organisation[];
  /** Organisations each person represents through memberships, besides Person.organisationId. */
  personOrganisationIds?: Readonly<Record<Id, readonly Id[]>>;
}

export type MatchKind = 'exact' | 'identity' | 'suggested' | 'none';

export interface ScoredPerson {
  person: Person;
  score: number;
}

export interface PersonMatch {
  kind: MatchKind;
  /** exact/identity: the same person. suggested: the best guess, to be confirmed — never to be merged as is. */
  person?: Person;
  score: number;
  via: 'aadObjectId' | 'email' | 'name' | 'none';
  /** Other people with similar names, best first. */
  alternatives: ScoredPerson[];
}

/** At or above this a similar name is offered as a suggestion. */
export const SUGGEST_THRESHOLD = 0.8;
/** At or above this a similar name is listed among the alternatives. */
export const ALTERNATIVE_THRESHOLD = 0.55;
/** Known, different organisations make a similar name less likely to be the same person. */
const ORGANISATION_CONFLICT_PENALTY = 0.25;

const sameEmail = (a?: string | null, b?: string | null) => Boolean(a && b && a.trim().toLowerCase() === b.trim().toLowerCase());

/** The organisation id a name refers to, among the tenant's organisations. */
export function resolveOrganisationId(name: string | null | undefined, organisations: readonly Organisation[]): Id | null {
  if (!name) return null;
  const f = fold(name);
  const direct = organisations.find((o) => fold(o.name) === f || o.aliases.some((a) => fold(a) === f));
  if (direct) return direct.id;
  // "Hallsberg kommun" and "Hallsbergs kommun" are one organisation through the dictionary.
  const known = recognizeOrganisation(name);
  if (!known) return null;
  const viaKnown = organisations.find((o) => recognizeOrganisation(o.name)?.key === known.key);
  return viaKnown?.id ?? null;
}

type OrgRelation = 'agree' | 'conflict' | 'unknown';

/** What is known about the candidate's organisation, worked out once per match. */
interface CandidateOrg {
  id: Id | null;
  /** Dictionary key, for comparing with people whose organisation is known only by name. */
  key: string | null;
  /** Dictionary key of each tenant organisation id. */
  keyOfOrg: ReadonlyMap<Id, string | undefined>;
  /** The organisation as written, when neither the tenant nor the dictionary knows it. */
  name: string | null;
  nameOfOrg: ReadonlyMap<Id, string>;
}

function candidateOrg(candidate: MatchCandidate, ctx: MatchContext): CandidateOrg {
  const organisations = ctx.organisations ?? [];
  return {
    id: candidate.organisationId ?? resolveOrganisationId(candidate.organisationName, organisations),
    key: candidate.organisationName ? (recognizeOrganisation(candidate.organisationName)?.key ?? null) : null,
    keyOfOrg: new Map(organisations.map((o) => [o.id, recognizeOrganisation(o.name)?.key])),
    name: candidate.organisationName?.trim() || null,
    nameOfOrg: new Map(organisations.map((o) => [o.id, o.name])),
  };
}

function organisationRelation(c: CandidateOrg, person: Person, ctx: MatchContext): OrgRelation {
  const personOrgs = new Set<Id>([...(person.organisationId ? [person.organisationId] : []), ...(ctx.personOrganisationIds?.[person.id] ?? [])]);
  if (personOrgs.size === 0) return 'unknown';
  if (c.id) return personOrgs.has(c.id) ? 'agree' : 'conflict';
  // An organisation not (yet) among the tenant's still conflicts with a person's different known one.
  if (!c.key) {
    // Written as no dictionary knows it ("Socialförvaltningen Kumla"): a person whose organisations all
    // have other names is someone else until the secretary says otherwise.
    if (!c.name) return 'unknown';
    const names = [...personOrgs].map((id) => c.nameOfOrg.get(id)).filter((n): n is string => Boolean(n));
    return names.length === 0 ? 'unknown' : names.some((n) => fold(n) === fold(c.name!)) ? 'agree' : 'conflict';
  }
  const pKeys = [...personOrgs].map((id) => c.keyOfOrg.get(id));
  return pKeys.includes(c.key) ? 'agree' : pKeys.some(Boolean) ? 'conflict' : 'unknown';
}

/**
 * Two titles that share no word ("utvecklingsledare" / "kommundirektör"). Titles change over the years
 * ("folkhälsochef västra länsdelen" → "enhetschef social hållbarhet västra länsdelen" in the seeds), so a
 * shared word still agrees; nothing in common makes a namesake a question.
 */
function titleConflict(candidate: MatchCandidate, person: Person): boolean {
  const words = (t: string | null | undefined): Set<string> => new Set(fold(t ?? '').split(/[^a-z0-9]+/).filter((w) => w.length >= 4));
  const a = words(candidate.title);
  const b = words(person.title);
  return a.size > 0 && b.size > 0 && ![...a].some((w) => b.has(w));
}

function identityConflict(candidate: MatchCandidate, person: Person): boolean {
  if (candidate.aadObjectId && person.aadObjectId && candidate.aadObjectId !== person.aadObjectId) return true;
  if (candidate.email && person.email && !sameEmail(candidate.email, person.email)) return true;
  return false;
}

export function matchPerson(candidate: MatchCandidate, people: readonly Person[], ctx: MatchContext = {}): PersonMatch {
  const cOrg = candidateOrg(candidate, ctx);
  const scored = people
    .map((person) => {
      let score = nameSimilarity(candidate.name, person.name);
      if (score === 1 && !isSameSpelling(candidate.name, person.name)) score = 0.98;
      const org = organisationRelation(cOrg, person, ctx);
      if (org === 'conflict') score = Math.max(0, score - ORGANISATION_CONFLICT_PENALTY);
      return { person, score, org };
    })
    .sort((a, b) => b.score - a.score);
  const alternativesExcept = (p?: Person): ScoredPerson[] =>
    scored
      .filter((s) => s.person !== p && s.score >= ALTERNATIVE_THRESHOLD)
      .slice(0, 5)
      .map(({ person, score }) => ({ person, score }));

  if (candidate.aadObjectId) {
    const byAad = people.find((p) => p.aadObjectId === candidate.aadObjectId);
    if (byAad) return { kind: 'identity', person: byAad, score: 1, via: 'aadObjectId', alternatives: [] };
  }
  if (candidate.email) {
    const byEmail = people.find(
      (p) => sameEmail(p.email, candidate.email) && !(candidate.aadObjectId && p.aadObjectId && p.aadObjectId !== candidate.aadObjectId),
    );
    if (byEmail) return { kind: 'identity', person: byEmail, score: 1, via: 'email', alternatives: [] };
  }

  const sameName = scored.filter((s) => fold(s.person.name) === fold(candidate.name));
  const mergeable = sameName.filter((s) => s.org !== 'conflict' && !identityConflict(candidate, s.person) && !titleConflict(candidate, s.person));
  const agreeing = mergeable.filter((s) => s.org === 'agree');
  const exact = mergeable.length === 1 ? mergeable[0] : agreeing.length === 1 ? agreeing[0] : undefined;
  if (exact) {
    return { kind: 'exact', person: exact.person, score: exact.score, via: 'name', alternatives: alternativesExcept(exact.person) };
  }
  const best = scored[0];
  if (best && best.score >= SUGGEST_THRESHOLD) {
    return { kind: 'suggested', person: best.person, score: best.score, via: 'name', alternatives: alternativesExcept(best.person) };
  }
  // Same name but a disagreeing organisation or identity: still worth showing.
  const fallback = sameName[0] ?? best;
  if (fallback && sameName.length > 0) {
    return { kind: 'suggested', person: fallback.person, score: fallback.score, via: 'name', alternatives: alternativesExcept(fallback.person) };
  }
  return { kind: 'none', score: best?.score ?? 0, via: 'none', alternatives: alternativesExcept() };
}
