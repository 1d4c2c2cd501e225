import type { OrganisationKind } from '../domain';
import { fold } from './fold';

/**
 * The organisation dictionary of Region Örebro län's collaboration structure. Members of the councils
 * represent these organisations; the seeds write them in many forms ("Hallsbergs kommun", "Hallsberg
 * kommun", "Hallsberg", "RF SISU Örebro län"), so each has its aliases. Pure data, no state.
 */
export interface KnownOrganisation {
  /** Stable key, e.g. "kommun:lekeberg". */
  key: string;
  /** The official name used when the organisation is created. */
  name: string;
  kind: OrganisationKind;
  /** Full forms that may also stand at the end of a title ("hållbarhetschef Örebro kommun"). */
  aliases: string[];
  /**
   * Forms recognised only when they are the whole field ("Hällefors", "Nora"): a bare municipality name
   * inside a longer text may be a surname or part of a title ("folkhälsochef norra Örebro län").
   */
  standaloneAliases: string[];
  /** Misspellings seen in real minutes ("Lokeberg"); recognised with a warning. */
  typoAliases: string[];
}

interface MunicipalitySpec {
  stem: string;
  /** Official name; genitive-s forms are official for some ("Lekebergs kommun"), not for others. */
  official: string;
  typos?: string[];
}

const MUNICIPALITIES: readonly MunicipalitySpec[] = [
  { stem: 'Askersund', official: 'Askersunds kommun' },
  { stem: 'Degerfors', official: 'Degerfors kommun' },
  { stem: 'Hallsberg', official: 'Hallsbergs kommun' },
  { stem: 'Hällefors', official: 'Hällefors kommun' },
  { stem: 'Karlskoga', official: 'Karlskoga kommun' },
  { stem: 'Kumla', official: 'Kumla kommun' },
  { stem: 'Laxå', official: 'Laxå kommun' },
  // "Lokeberg" in gemensam-chefsgrupp-2022-06-03: the alphabetical list puts it exactly where Lekeberg is.
  { stem: 'Lekeberg', official: 'Lekebergs kommun', typos: ['Lokeberg'] },
  { stem: 'Lindesberg', official: 'Lindesbergs kommun' },
  { stem: 'Ljusnarsberg', official: 'Ljusnarsbergs kommun' },
  { stem: 'Nora', official: 'Nora kommun' },
  { stem: 'Örebro', official: 'Örebro kommun' },
];

function municipality(spec: MunicipalitySpec): KnownOrganisation {
  const s = spec.stem;
  const genitive = s.endsWith('s') ? s : `${s}s`;
  const aliases = [...new Set([spec.official, `${s} kommun`, `${genitive} kommun`])];
  return {
    key: `kommun:${fold(s).replace(/ /g, '-')}`,
    name: spec.official,
    kind: 'kommun',
    aliases,
    standaloneAliases: [s],
    typoAliases: (spec.typos ?? []).flatMap((t) => [t, `${t} kommun`, `${t}s kommun`]),
  };
}

export const KNOWN_ORGANISATIONS: readonly KnownOrganisation[] = [
  {
    key: 'region',
    name: 'Region Örebro län',
    kind: 'region',
    aliases: ['Region Örebro län', 'Region Örebro', 'Örebro läns landsting'],
    standaloneAliases: ['Regionen', 'RÖL'],
    typoAliases: [],
  },
  ...MUNICIPALITIES.map(municipality),
  {
    key: 'rf-sisu',
    name: 'RF-SISU Örebro län',
    kind: 'förening',
    aliases: ['RF-SISU Örebro län', 'RF SISU Örebro län', 'RF-SISU', 'RF SISU', 'RFSISU'],
    standaloneAliases: [],
    typoAliases: [],
  },
  {
    key: 'olbf',
    name: 'ÖLBF',
    kind: 'förening',
    aliases: ['ÖLBF', 'Örebro läns bildningsförbund', 'Örebro Läns Bildningsförbund'],
    standaloneAliases: [],
    typoAliases: [],
  },
  {
    key: 'lansstyrelsen',
    name: 'Länsstyrelsen i Örebro län',
    kind: 'myndighet',
    aliases: ['Länsstyrelsen i Örebro län', 'Länsstyrelsen Örebro län', 'Länsstyrelsen'],
    standaloneAliases: [],
    typoAliases: [],
  },
  {
    key: 'oru',
    name: 'Örebro universitet',
    kind: 'myndighet',
    aliases: ['Örebro universitet', 'Örebro Universitet'],
    standaloneAliases: ['ORU'],
    typoAliases: [],
  },
];

/** An organisation the tenant already has (from the store), recognised by name or alias. */
export interface ExtraOrganisation {
  name: string;
  aliases?: readonly string[];
  kind?: OrganisationKind;
}

export interface OrganisationMatch {
  /** Canonical name (dictionary's official name, or the tenant organisation's name). */
  name: string;
  kind: OrganisationKind;
  key: string;
  /** The text as written. */
  written: string;
  via: 'name' | 'alias' | 'standalone' | 'typo';
}

interface Form {
  folded: string;
  org: { key: string; name: string; kind: OrganisationKind };
  via: OrganisationMatch['via'];
  /** May stand at the end of a longer text. */
  inText: boolean;
}

function formsOf(extra: readonly ExtraOrganisation[]): Form[] {
  const forms: Form[] = [];
  for (const o of KNOWN_ORGANISATIONS) {
    const org = { key: o.key, name: o.name, kind: o.kind };
    for (const a of o.aliases) forms.push({ folded: fold(a), org, via: a === o.name ? 'name' : 'alias', inText: true });
    for (const a of o.standaloneAliases) forms.push({ folded: fold(a), org, via: 'standalone', inText: false });
    for (const a of o.typoAliases) forms.push({ folded: fold(a), org, via: 'typo', inText: a.includes(' ') });
  }
  for (const e of extra) {
    const known = recognizeInForms(forms, e.name);
    const org = known
      ? { key: known.key, name: known.name, kind: known.kind }
      : { key: `tenant:${fold(e.name)}`, name: e.name, kind: e.kind ?? 'annan' };
    forms.push({ folded: fold(e.name), org, via: 'name', inText: true });
    for (const a of e.aliases ?? []) forms.push({ folded: fold(a), org, via: 'alias', inText: true });
  }
  return forms;
}

/** Built once: the dictionary never changes at run time. */
const BUILTIN_FORMS: readonly Form[] = formsOf([]);

function formsFor(extra: readonly ExtraOrganisation[]): readonly Form[] {
  return extra.length ? formsOf(extra) : BUILTIN_FORMS;
}

function recognizeInForms(forms: readonly Form[], text: string): OrganisationMatch | null {
  const f = fold(text);
  if (!f) return null;
  const hit = forms.find((x) => x.folded === f);
  return hit ? { ...hit.org, written: text.trim(), via: hit.via } : null;
}

/** The organisation a whole field names ("Hallsbergs kommun", "Hällefors", "RF SISU Örebro län"), or null. */
export function recognizeOrganisation(text: string, extra: readonly ExtraOrganisation[] = []): OrganisationMatch | null {
  return recognizeInForms(formsFor(extra), text);
}

/**
 * An organisation standing at the end of a longer text: "hållbarhetschef Örebro kommun" →
 * { prefix: "hållbarhetschef", org: Örebro kommun }. Only full forms count here, never a bare
 * municipality name, so "folkhälsochef norra Örebro län" stays a title.
 */
export function findOrganisationSuffix(
  text: string,
  extra: readonly ExtraOrganisation[] = [],
): { prefix: string; match: OrganisationMatch } | null {
  const words = text.trim().split(/\s+/);
  const forms = formsFor(extra).filter((f) => f.inText);
  // Longest suffix first, so "RF SISU Örebro län" wins over a shorter reading.
  for (let i = 0; i < words.length; i++) {
    const suffix = words.slice(i).join(' ');
    const f = fold(suffix);
    const hit = forms.find((x) => x.folded === f);
    if (hit) {
      return {
        prefix: words.slice(0, i).join(' ').replace(/[,;\s–—-]+$/, ''),
        match: { ...hit.org, written: suffix, via: hit.via },
      };
    }
  }
  return null;
}

/** Words that make an unknown capitalised field read as an organisation rather than a title. */
const ORGANISATION_WORDS = /\b(kommun|kommunförbund|förbund|förening(en)?|ab|universitet|högskola|stiftelse(n)?|myndighet(en)?|länsstyrelse(n)?|landsting(et)?|stad|församling)$/i;

/** An unknown field that still reads as an organisation ("Västerås stad", "Nya föreningen"). */
export function looksLikeUnknownOrganisation(text: string): boolean {
  const t = text.trim();
  return /^\p{Lu}/u.test(t) && (ORGANISATION_WORDS.test(t) || /^Region\s+\p{Lu}/u.test(t));
}
