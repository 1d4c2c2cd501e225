import type { ItemRange, MembershipRole } from '../domain';
import type { RosterMark, RosterNoticeCode } from './types';
import { fold } from './fold';
import {
  findOrganisationSuffix,
  looksLikeUnknownOrganisation,
  recognizeOrganisation,
  type ExtraOrganisation,
  type OrganisationMatch,
} from './organisations';

/**
 * One line of an attendance list, taken apart: marks, annotations, the name and the fields after it.
 * Title and organisation are resolved later (`resolveFields`) because a name's title may continue on
 * the following lines.
 */
export interface LineParts {
  name: string;
  vacancy: boolean;
  mark: RosterMark;
  /** Free fields after the name (title, department, organisation), in order. */
  fields: string[];
  roles: MembershipRole[];
  justerare: boolean;
  replacesName?: string;
  itemRange?: ItemRange;
  partOfMeeting: boolean;
  email?: string;
}

export type LineResult = { ok: true; parts: LineParts } | { ok: false; code: RosterNoticeCode };

const PRESENT_MARKS = /^[✓✔☑✅]\uFE0F?\s*/u;
const STRUCK = /~~(.+?)~~|<(del|s|strike)>(.*?)<\/\2>/i;
const EMAIL = /<?([A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})>?/;
const PARTICLES = new Set(['von', 'af', 'de', 'van', 'der', 'den', 'la', 'le', 'di', 'da', 'bin', 'al']);

const ROLE_WORDS: Record<string, MembershipRole | 'justerare'> = {
  ordforande: 'ordförande',
  motesordforande: 'ordförande',
  'vice ordforande': 'vice_ordförande',
  sekreterare: 'sekreterare',
  ledamot: 'ledamot',
  ersattare: 'ersättare',
  'tjanstgorande ersattare': 'ersättare',
  adjungerad: 'adjungerad',
  tjansteperson: 'tjänsteperson',
  foredragande: 'tjänsteperson',
  justerare: 'justerare',
};

const RANGE = /^(?:punkt(?:erna)?|p\.?|§)\s*(\d+)\s*(?:[-–—]|till)\s*(\d+)$/i;
const SINGLE_ITEM = /^(?:punkt|p\.?|§)\s*(\d+)$/i;

interface Annotation {
  replacesName?: string;
  itemRange?: ItemRange;
  partOfMeeting?: boolean;
  role?: MembershipRole | 'justerare';
  mark?: RosterMark;
}

/** An annotation field such as "ersätter Karin Haster", "del av mötet", "punkt 2-5", "ordförande". */
export function parseAnnotation(text: string): Annotation | null {
  const t = text.trim().replace(/\.$/, '');
  const replaces = /^ersätter\s+(.+)$/i.exec(t);
  if (replaces?.[1]) return { replacesName: replaces[1].trim() };
  if (/^(del av mötet|delvis närvarande|delvis)$/i.test(t)) return { partOfMeeting: true };
  const range = RANGE.exec(t);
  if (range) return { itemRange: { from: Number(range[1]), to: Number(range[2]) } };
  const single = SINGLE_ITEM.exec(t);
  if (single) return { itemRange: { from: Number(single[1]), to: Number(single[1]) } };
  if (/^(meddelat\s+)?förhinder$/i.test(t)) return { mark: 'förhinder' };
  if (/^(deltog|närvarande)$/i.test(t)) return { mark: 'present' };
  const role = ROLE_WORDS[fold(t)];
  if (role) return { role };
  return null;
}

function applyAnnotation(parts: LineParts, a: Annotation): void {
  if (a.replacesName) parts.replacesName = a.replacesName;
  if (a.itemRange) parts.itemRange = a.itemRange;
  if (a.partOfMeeting) parts.partOfMeeting = true;
  if (a.mark) parts.mark = a.mark;
  if (a.role === 'justerare') parts.justerare = true;
  else if (a.role && !parts.roles.includes(a.role)) parts.roles.push(a.role);
}

/** Two to six capitalised words (particles such as "von" allowed), no digits. */
export function isNameLike(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.length > 6) return false;
  return words.every((w, i) => /^\p{Lu}[\p{L}'’.-]*$/u.test(w) || (i > 0 && i < words.length - 1 && PARTICLES.has(w)));
}

function cleanMarkup(text: string): string {
  return text
    .replace(/<\/?(i|b|em|strong|u|span|p|li|ul|ol|div|br)(\s[^>]*)?\/?>/gi, '')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/[^\S\t]+/g, ' ')
    .trim();
}

/**
 * Take fields apart: annotations go into `parts`, the rest stays as free fields. A field may carry a
 * trailing annotation without a comma ("utvecklingsledare (del av mötet)" is handled by the caller).
 */
function addFields(parts: LineParts, rawFields: readonly string[]): void {
  for (const f of rawFields) {
    const field = f.trim();
    if (!field) continue;
    const a = parseAnnotation(field);
    if (a) applyAnnotation(parts, a);
    else parts.fields.push(field);
  }
}

/** Pull "(…)" groups out; known annotations are applied, others stay in the text. */
function extractParentheses(parts: LineParts, text: string): string {
  return text
    .replace(/\(([^()]*)\)/g, (whole, inner: string) => {
      const pieces = inner.split(/[,;]/).map((p) => p.trim());
      const annotations = pieces.map(parseAnnotation);
      if (annotations.every((a) => a)) {
        for (const a of annotations) applyAnnotation(parts, a!);
        return ' ';
      }
      return whole;
    })
    .replace(/[^\S\t]+/g, ' ')
    .replace(/ +,/g, ',')
    .trim();
}

function stripMarks(line: string): { text: string; mark: RosterMark } {
  let text = line.trim().replace(/^[-•*–]\s+/, '');
  let mark: RosterMark = 'none';
  if (PRESENT_MARKS.test(text)) {
    mark = 'present';
    text = text.replace(PRESENT_MARKS, '');
  }
  if (/\s[✓✔]$/.test(text)) {
    mark = 'present';
    text = text.replace(/\s[✓✔]$/, '');
  }
  if (STRUCK.test(text)) {
    mark = 'förhinder';
    text = text.replace(/~~(.+?)~~/g, '$1').replace(/<(del|s|strike)>(.*?)<\/\1>/gi, '$2');
  }
  return { text: text.replace(/^[-•*–]\s+/, ''), mark };
}

/** Parse one person line; `ok: false` with a reason code when it is not a person. */
export function parsePersonLine(line: string, extra: readonly ExtraOrganisation[] = []): LineResult {
  const { text: unmarked, mark } = stripMarks(line);
  const parts: LineParts = { name: '', vacancy: false, mark, fields: [], roles: [], justerare: false, partOfMeeting: false };
  let text = cleanMarkup(unmarked);
  const email = EMAIL.exec(text);
  if (email?.[1]) {
    parts.email = email[1];
    text = text.replace(email[0], ' ').replace(/[^\S\t]+/g, ' ').replace(/,\s*,/g, ',').replace(/[,\s]+$/, '').trim();
  }
  text = extractParentheses(parts, text);

  let head: string;
  let rest: string[];
  if (text.includes('\t')) {
    const cols = text.split(/\t+/);
    head = cols[0] ?? '';
    rest = cols.slice(1).flatMap((c) => c.split(','));
  } else {
    // "Name; Organisation" and "Name – Organisation" are written as often as the comma form.
    const cols = text.split(/\s*[,;]\s*|\s+[–—-]\s+/);
    head = cols[0] ?? '';
    rest = cols.slice(1);
  }
  head = head.trim();

  if (/^(vakant|vakans)$/i.test(head)) {
    parts.vacancy = true;
    parts.name = 'Vakant';
    addFields(parts, rest);
    return { ok: true, parts };
  }

  if (!isNameLike(head)) {
    const words = head.split(/\s+/);
    const suffix = findOrganisationSuffix(head, extra);
    if (suffix && isNameLike(suffix.prefix)) {
      // "Mathias Eriksson Ljusnarsberg kommun": the organisation follows the name without a comma.
      head = suffix.prefix;
      rest = [suffix.match.written, ...rest];
    } else if (recognizeOrganisation(head, extra) || looksLikeUnknownOrganisation(head)) {
      return { ok: false, code: 'organisation_only' };
    } else {
      // "Anna Swift Johannison utredningssekreterare": the title starts at the first lower-case word.
      const cut = words.findIndex((w, i) => i > 0 && /^\p{Ll}/u.test(w) && !PARTICLES.has(w));
      if (cut >= 2 && isNameLike(words.slice(0, cut).join(' '))) {
        head = words.slice(0, cut).join(' ');
        rest = [words.slice(cut).join(' '), ...rest];
      } else if (words.length === 1 && /^\p{Lu}\p{L}+$/u.test(head)) {
        return { ok: false, code: 'single_word' };
      } else {
        return { ok: false, code: head ? 'not_a_person' : 'empty_name' };
      }
    }
  }
  parts.name = head;
  addFields(parts, rest);
  return { ok: true, parts };
}

/** Fields from a continuation line (a title or organisation on the line below a name). */
export function addContinuation(parts: LineParts, line: string): void {
  let text = cleanMarkup(stripMarks(line).text);
  text = extractParentheses(parts, text);
  addFields(parts, text.split(/[,\t]/));
}

export interface ResolvedFields {
  organisation?: OrganisationMatch | { name: string; written: string; unknown: true };
  title?: string;
}

/**
 * Decide which free field is the organisation: the last field that is an organisation as a whole, or
 * that ends with one ("hållbarhetschef Örebro kommun"); else an unknown field that reads as an
 * organisation. Everything else is the title, joined as written.
 */
export function resolveFields(fields: readonly string[], extra: readonly ExtraOrganisation[] = []): ResolvedFields {
  const titleParts = [...fields];
  for (let i = titleParts.length - 1; i >= 0; i--) {
    const f = titleParts[i]!;
    const whole = recognizeOrganisation(f, extra);
    if (whole) {
      titleParts.splice(i, 1);
      return withTitle({ organisation: whole }, titleParts);
    }
    const suffix = findOrganisationSuffix(f, extra);
    if (suffix) {
      if (suffix.prefix) titleParts[i] = suffix.prefix;
      else titleParts.splice(i, 1);
      return withTitle({ organisation: suffix.match }, titleParts);
    }
  }
  for (let i = titleParts.length - 1; i >= 0; i--) {
    const f = titleParts[i]!;
    if (looksLikeUnknownOrganisation(f)) {
      titleParts.splice(i, 1);
      return withTitle({ organisation: { name: f, written: f, unknown: true } }, titleParts);
    }
  }
  return withTitle({}, titleParts);
}

function withTitle(r: ResolvedFields, titleParts: readonly string[]): ResolvedFields {
  const title = titleParts.map((t) => t.trim()).filter(Boolean).join(', ');
  return title ? { ...r, title } : r;
}
