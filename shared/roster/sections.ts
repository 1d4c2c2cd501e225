import type { MembershipRole } from '../domain';
import type { RosterMark } from './types';
import { fold } from './fold';

/**
 * Section headers of the attendance lists in the minutes ("Ledamöter:", "Ersättare:", "Närvarande:").
 * A header sets the role (and sometimes the mark) of the lines under it.
 */
export interface SectionHeader {
  /** Role given to the people under it; null for "Närvarande:" and "Justerare:", which say no role. */
  role: MembershipRole | null;
  justerare: boolean;
  /** Mark implied by the header ("Närvarande:" → present). */
  mark: RosterMark;
  /** Meeting functions listed before the bodies' members (Ordförande, Justerare, Sekreterare). */
  meetingLevel: boolean;
  /** Member sections start a new body when they repeat ("Ledamöter:" a second time). */
  member: boolean;
}

const H = (role: MembershipRole | null, extra: Partial<SectionHeader> = {}): SectionHeader => ({
  role,
  justerare: false,
  mark: 'none',
  meetingLevel: false,
  member: false,
  ...extra,
});

const HEADERS: Record<string, SectionHeader> = {
  ordforande: H('ordförande', { meetingLevel: true }),
  'vice ordforande': H('vice_ordförande', { meetingLevel: true }),
  justerare: H(null, { justerare: true, meetingLevel: true }),
  sekreterare: H('sekreterare', { meetingLevel: true }),
  ledamoter: H('ledamot', { member: true }),
  ledamot: H('ledamot', { member: true }),
  'ordinarie ledamoter': H('ledamot', { member: true }),
  ordinarie: H('ledamot', { member: true }),
  ersattare: H('ersättare', { member: true }),
  'tjanstgorande ersattare': H('ersättare', { member: true, mark: 'present' }),
  tjanstepersoner: H('tjänsteperson'),
  tjansteperson: H('tjänsteperson'),
  tjansteman: H('tjänsteperson'),
  foredragande: H('tjänsteperson'),
  adjungerade: H('adjungerad'),
  adjungerad: H('adjungerad'),
  ovriga: H('övrig'),
  'ovriga narvarande': H('övrig', { mark: 'present' }),
  'ovriga deltagare': H('övrig', { mark: 'present' }),
  gaster: H('övrig'),
  narvarande: H(null, { mark: 'present' }),
  deltagare: H(null),
  deltog: H(null, { mark: 'present' }),
  'meddelat forhinder': H(null, { mark: 'förhinder' }),
  forhinder: H(null, { mark: 'förhinder' }),
  franvarande: H(null, { mark: 'absent' }),
};

/** Strip markdown emphasis/heading marks and a trailing colon. */
function headerText(line: string): { text: string; colon: boolean } {
  let t = line.trim().replace(/^#+\s*/, '').replace(/^\*\*(.*)\*\*$/, '$1').replace(/^__(.*)__$/, '$1').trim();
  const colon = t.endsWith(':');
  if (colon) t = t.slice(0, -1).trim();
  t = t.replace(/^\*\*(.*)\*\*$/, '$1').trim();
  return { text: t, colon };
}

/**
 * A header with a colon that combines words ("Föredragande tjänstepersoner:", "Övriga närvarande
 * tjänstepersoner:", "Tjänstgörande ersättare från kommunerna:"): the role word decides the role, a state
 * word the mark. Without such a reading the people under it would keep the previous header's role
 * (officials seated as ledamöter).
 */
function compoundHeader(folded: string): SectionHeader | null {
  const words = folded.split(' ');
  if (words.length > 6) return null;
  const has = (...stems: string[]): boolean => words.some((w) => stems.some((s) => w.startsWith(s)));
  const mark: SectionHeader['mark'] = has('franvarande') ? 'absent' : has('forhinder') ? 'förhinder' : has('narvarande', 'tjanstgorande', 'deltog') ? 'present' : 'none';
  if (has('tjansteperson', 'tjansteman', 'foredragande', 'handlaggare')) return H('tjänsteperson', { mark });
  if (has('adjungerad')) return H('adjungerad', { mark });
  if (has('ersattare')) return H('ersättare', { member: true, mark });
  if (has('ledamot', 'ledamoter')) return H('ledamot', { member: true, mark });
  if (has('ovriga', 'gaster', 'gast')) return H('övrig', { mark });
  return null;
}

/** The section header on this line, or null. */
export function parseSectionHeader(line: string): SectionHeader | null {
  const { text, colon } = headerText(line);
  if (!text || text.length > 60) return null;
  const exact = text.length <= 40 ? HEADERS[fold(text)] : undefined;
  if (exact) return exact;
  return colon ? compoundHeader(fold(text)) : null;
}

const BODY_WORDS =
  /^(gemensam(ma)?\s+|specifika\s+|regionala\s+)*(samverkansråd\p{L}*|chefsgrupp\p{L}*|skolchefsgrupp\p{L}*|arbetsutskott\p{L}*|styrgrupp\p{L}*|fokusgrupp\p{L}*|nätverk\p{L}*|rådet\b)/iu;

/** A body's name used as a heading in a joint meeting's list ("Specifika samverkansrådet för folkhälsa"). */
export function parseBodyHeading(line: string, bodyNames: readonly string[] = []): string | null {
  const { text } = headerText(line);
  if (!text || text.length > 120 || /[,\t]/.test(text)) return null;
  if (bodyNames.some((b) => fold(b) === fold(text))) return text;
  return BODY_WORDS.test(text) ? text : null;
}
