import type { ItemRange } from '../domain/attendance';
import type { AbsencePerson, CandidateMeeting } from './types';
import type { Span } from './dates';
import { fold } from './normalize';

/**
 * Word-level signals in folded (lower-case, diacritics removed, typos repaired) text. Each returns how
 * strong it is, so that a weak reading becomes a question instead of a record.
 */

const NEG = '(?:inte|ej|int|icke|inge)';
const ADVERBS = '(?:\\s+(?:jag|vi|tyvarr|dessvarre|nog|ju|da|nu|alltsa|sjalv|heller|riktigt))*';
const ATTEND_VERB = '(?:komma|delta|deltaga|narvara|vara\\s+med|medverka|na\\s+dit|ta\\s+mig\\s+dit|sitta\\s+med)';

const BARE_END = '(?=\\s*(?:$|[.,!;:)-]|(?:pa|den|i|till|da|dit|idag|imorgon|nasta|kommande|vecka|on|the|tomorrow|today|next|this|that|in|at|\\d+)\\b))';

const STRONG_ABSENCE: RegExp[] = [
  /\bforhinder\b/, /\bforhindrad[e]?\b/, /\baterbud\b/, /\bfranvarande\b/, /\bbortrest\b/,
  new RegExp(`\\bkan${ADVERBS}\\s+${NEG}${ADVERBS}\\s+${ATTEND_VERB}`),
  new RegExp(`\\bkommer${ADVERBS}\\s+${NEG}${ADVERBS}(?:\\s+(?:att\\s+)?(?:kunna\\s+)?${ATTEND_VERB})?`),
  // Subordinate word order: "(jag kanske) inte kan komma".
  new RegExp(`\\b${NEG}\\s+kan\\s+${ATTEND_VERB}`),
  /\bnot\s+be\s+able\s+to\s+(?:attend|come|make\s+it|join|be\s+there)/,
  new RegExp(`\\b(?:deltar|narvarar|medverkar)${ADVERBS}\\s+${NEG}\\b`),
  new RegExp(`\\bhar${ADVERBS}\\s+(?:${NEG}|ingen)\\s+mojlighet`),
  /\b(?:ar|e|blir)\s+(?:tyvarr\s+)?(?:sjuk|sjukskriven|krasslig|forkyld|bortrest|franvarande|pa\s+semester|ledig|tjanstledig|forhindrad|borta|ivag|utomlands|pa\s+resa|pa\s+kurs|pa\s+konferens|hemma\s+med\s+sjukt?\s+barn)\b/,
  /\bar\s+(?:tyvarr\s+)?(?:inte|ej|int)\s+med\b/, /\binte\s+mojligt\s+for\s+mig\b/,
  // Colloquial: "vabbar", "funkar inte", "det går inte för mig", "kmr inte".
  /\bvabb?(?:ar|a|ar\s+idag)?\b(?!\s*\?)/, /\b(?:det\s+)?funkar\s+(?:tyvarr\s+)?(?:inte|ej|int|daligt)\b/,
  new RegExp(`\\b(?:det\\s+)?gar\\s+(?:tyvarr\\s+)?${NEG}${BARE_END}|\\bgar\\s+${NEG}\\s+for\\s+mig\\b`),
  new RegExp(`\\bkmr${ADVERBS}\\s+${NEG}\\b`),
  /\b(?:i'?m|i\s+am|i'?ll\s+be|i\s+will\s+be)\s+(?:away|out\s+sick|off\s+sick|ill|travel+ing|on\s+(?:leave|holiday|vacation|sick\s+leave))\b/,
  /\bunable\s+to\s+(?:attend|come|make\s+it|join|be\s+there)/,
  /\b(?:can'?t|cannot|can\s+not|won'?t|will\s+not|not\s+able\s+to)\s+(?:be\s+able\s+to\s+)?(?:attend|come|make\s+it|join|be\s+there|participate)/,
  /\b(?:can'?t|cannot|won'?t)\s+make\b/,
  /\bapologies\b/, /\bsend(?:ing)?\s+(?:my\s+)?regrets\b/, /\babsent\b/,
];
const MEDIUM_ABSENCE: RegExp[] = [
  /\bsjuk\b/, /\bvab\b/, /\bmissar\b/, /\bhinner\s+(?:inte|ej)\b/, /\bhar\s+(?:inte|ej)\s+tid\b/,
  // A bare "kan inte"/"can't" counts only when nothing but a time follows: "kan inte öppna bilagan" is no förhinder.
  new RegExp(`\\bkan${ADVERBS}\\s+${NEG}${BARE_END}`),
  new RegExp(`\\b(?:can'?t|cannot)${BARE_END}`),
  /\bsick\b/, /\bill\b/, /\b(?:will|going\s+to|'ll|ll)\s+(?:have\s+to\s+)?miss\b/,
  new RegExp(`\\b(?:inte|ej)\\s+mojligt${BARE_END}`),
  /\bledig\b/, /\bpa\s+semester\b/, /\bsemester\b/, /\bkrockar\b/, /\bdubbelbokad\b/, /\bupptagen\b/, /\bforkyld\b/,
  /\bon\s+(?:holiday|vacation|leave)\b/, /\bbusy\b/, /\bclash(?:es)?\b/, /\bdouble[-\s]?booked\b/,
];

const WITHDRAWAL: RegExp[] = [
  new RegExp(`\\bkan${'(?:\\s+(?:anda|i\\s*alla\\s*fall|iaf|trots\\s+allt|nu|jag))+'}\\s+${ATTEND_VERB}\\b`),
  new RegExp(`\\bkan\\s+(?:jag\\s+)?${ATTEND_VERB}\\s+(?:anda|i\\s*alla\\s*fall|iaf|trots\\s+allt)\\b`),
  /\bkommer\s+(?:anda|i\s*alla\s*fall|iaf|trots\s+allt)\b/,
  /\b(?:aterkallar|aterkalla|tar\s+tillbaka|ta\s+tillbaka|stryk|ta\s+bort|makulera|annullera)\s+(?:mitt\s+|min\s+)?(?:forhinder|aterbud|franvaro)/,
  /\b(?:inget|inte\s+(?:langre\s+)?)forhinder\s+(?:langre|langer)\b|\bhar\s+inte\s+langre\s+forhinder\b/,
  /\bforhindret\s+(?:galler\s+inte|ar\s+(?:borta|inaktuellt))\b/,
  /\b(?:can|will|could)\s+(?:make\s+it|come|attend|be\s+there|join)\s+after\s+all\b/,
  /\b(?:withdraw|cancel|retract)\s+(?:my\s+)?(?:apologies|absence|notice)\b/, /\bno\s+longer\s+(?:absent|away)\b/,
];

export function absenceStrength(text: string): number {
  if (STRONG_ABSENCE.some((re) => re.test(text))) return 0.95;
  if (MEDIUM_ABSENCE.some((re) => re.test(text))) return 0.8;
  return 0;
}

export function isWithdrawal(text: string): boolean {
  return WITHDRAWAL.some((re) => re.test(text));
}

/** "kanske", "eventuellt", a question: the person has not decided, so we ask. */
export function hedgePenalty(text: string, raw: string): number {
  let penalty = 0;
  if (/\b(kanske|eventuellt|mojligen|mojligtvis|osaker|troligen|troligtvis|risk\s+for|maybe|might|possibly|not\s+sure|perhaps|probably)\b/.test(text)) penalty += 0.4;
  if (/\?\s*$/.test(raw.trim()) || /\?/.test(raw)) penalty += 0.4;
  return penalty;
}

/** Late arrival or early leaving without a time ("blir sen", "måste gå tidigare"). */
export function partOfMeetingWithoutTime(text: string): boolean {
  return /\b(?:blir|kommer\s+(?:att\s+)?bli|ar)\s+(?:lite\s+)?(?:sen|forsenad)\b|\bkommer\s+(?:lite\s+)?(?:sent|senare)\b|\bmaste\s+(?:ga|lamna)\s+(?:tidigare|tidigt|innan)\b|\b(?:running|will\s+be|i'?ll\s+be)\s+late\b|\bleave\s+early\b/.test(text);
}

export interface ItemMention extends Span {
  range: ItemRange;
  /** attend: the person is there for these items; miss: they are away for these. */
  sense: 'attend' | 'miss';
}

export function findItemRange(folded: string): ItemMention | null {
  const re = /\b(?:punkt(?:erna)?|pkt\.?|p\.|p|§|(?:agenda\s+)?items?|points?)\s*(\d{1,2})(?:\s*(?:-|till|to|t\.?\s?o\.?\s?m\.?|through|och)\s*(\d{1,2}))?\b/;
  const m = re.exec(folded);
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  if (from < 1 || to < from) return null;
  const before = folded.slice(0, m.index).replace(/\b(kl|ca|p)\./g, '$1 ');
  const clause = before.slice(Math.max(before.lastIndexOf('.'), before.lastIndexOf(','), before.lastIndexOf(';')) + 1);
  const miss = /\b(inte|ej|int|missar|miss|forhinder|franvarande|utom|except|not|cannot|can't|cant|borta)\b/.test(clause);
  return { start: m.index, end: m.index + m[0].length, range: { from, to }, sense: miss ? 'miss' : 'attend' };
}

/** The attended range when the missed items sit at one end of a known agenda; null otherwise. */
export function attendedFromMissed(missed: ItemRange, items: CandidateMeeting['items']): ItemRange | null {
  if (!items || items.length === 0) return null;
  const numbers = items.map((i) => i.number).sort((a, b) => a - b);
  const first = numbers[0]!;
  const last = numbers[numbers.length - 1]!;
  if (missed.from <= first && missed.to < last) return { from: missed.to + 1, to: last };
  if (missed.to >= last && missed.from > first) return { from: first, to: missed.from - 1 };
  return null;
}

const SUBSTITUTE_AFTER = /^\s+(?:(?:kan|ska|kommer\s+(?:att\s+)?)\s*(?:ga\s+in\s+(?:for|i\s+stallet\s+for)\s+mig|ersatta\s+mig|ta\s+min\s+plats|komma\s+i\s+stallet)|(?:can|could)\s+(?:replace|stand\s+in\s+for|attend\s+for|cover\s+for)\s+me|gar\s+in\s+(?:for|i\s+stallet\s+for)\s+mig|ersatter\s+mig|kommer\s+i\s+mitt\s+stalle|kommer\s+istallet|kommer\s+i\s+stallet|tar\s+min\s+plats|vikarierar|will\s+(?:replace|stand\s+in\s+for|attend\s+for|cover\s+for)\s+me|is\s+(?:my\s+)?(?:substitute|replacing\s+me|standing\s+in)|will\s+attend\s+instead|will\s+come\s+instead)/;
const SUBSTITUTE_BEFORE = /(?:ersattare(?:\s+blir|\s+ar)?:?|min\s+ersattare(?:\s+blir|\s+ar)?:?|skickar|istallet\s+kommer|i\s+mitt\s+stalle\s+kommer|substitute(?:\s+is)?:?|sending|replaced\s+by|in\s+my\s+place)\s+$/;
const NAME = /\p{Lu}[\p{L}'-]+(?:\s+(?:af\s+|von\s+|de\s+)?\p{Lu}[\p{L}'-]+){0,2}/gu;
const NOT_NAMES = new Set(['jag', 'vi', 'hej', 'tack', 'men', 'och', 'kan', 'ska', 'i', 'hi', 'hello', 'the', 'förhinder', 'forhinder']);

/**
 * Whether `folded` could name a substitute at all: findSubstitute only answers next to one of its phrases,
 * so without one the roster need not be read (before, every förhinder loaded every person). The same
 * patterns, not anchored to the name, so this is never false where findSubstitute would find someone.
 */
const SUBSTITUTE_AFTER_ANYWHERE = new RegExp(SUBSTITUTE_AFTER.source.replace(/^\^/, ''));
const SUBSTITUTE_BEFORE_ANYWHERE = new RegExp(SUBSTITUTE_BEFORE.source.replace(/\$$/, ''));
export function maySubstitute(folded: string): boolean {
  return SUBSTITUTE_AFTER_ANYWHERE.test(folded) || SUBSTITUTE_BEFORE_ANYWHERE.test(folded);
}

export interface SubstituteMention {
  name: string;
  personId?: string;
}

function findPerson(name: string, people: AbsencePerson[]): AbsencePerson | undefined {
  const key = fold(name).trim();
  const exact = people.filter((p) => fold(p.name) === key);
  if (exact.length === 1) return exact[0];
  // "Erik" or "König" alone only when it names exactly one person.
  const partial = people.filter((p) => fold(p.name).split(/\s+/).includes(key));
  return partial.length === 1 ? partial[0] : undefined;
}

/** "Erik König går in för mig", "ersättare: Erik", "Anna will replace me". `raw` keeps the case of names. */
export function findSubstitute(raw: string, folded: string, people: AbsencePerson[]): SubstituteMention | null {
  // Known people named anywhere next to a substitute phrase, even written in lower case.
  for (const person of people) {
    const key = fold(person.name);
    for (let at = folded.indexOf(key); at >= 0; at = folded.indexOf(key, at + 1)) {
      const end = at + key.length;
      if (SUBSTITUTE_AFTER.test(folded.slice(end)) || SUBSTITUTE_BEFORE.test(folded.slice(0, at))) return { name: person.name, personId: person.id };
    }
  }
  for (const m of raw.matchAll(NAME)) {
    const words = m[0].split(/\s+/);
    while (words.length > 0 && NOT_NAMES.has(words[0]!.toLowerCase())) words.shift();
    if (words.length === 0) continue;
    const name = words.join(' ');
    const start = m.index + m[0].length - name.length;
    const end = m.index + m[0].length;
    if (!SUBSTITUTE_AFTER.test(folded.slice(end)) && !SUBSTITUTE_BEFORE.test(folded.slice(0, start))) continue;
    const person = findPerson(name, people);
    return person ? { name: person.name, personId: person.id } : { name };
  }
  return null;
}

const REASONS: [RegExp, { sv: string; en: string }][] = [
  [/\b(?:sjuk|sjukskriven|krasslig|forkyld|febrig)\b/, { sv: 'sjuk', en: 'sick' }],
  [/\b(?:sick|ill)\b/, { sv: 'sjuk', en: 'sick' }],
  [/\bvabb?(?:ar|a)?\b|\bhemma\s+med\s+sjukt?\s+barn\b/, { sv: 'vab', en: 'caring for a sick child' }],
  [/\bsemester\b|\bvacation\b|\bholiday\b/, { sv: 'semester', en: 'on holiday' }],
  [/\bbortrest\b|\bpa\s+resa\b|\breser\b|\btravel(?:l?ing)?\b|\baway\b/, { sv: 'bortrest', en: 'travelling' }],
  [/\bkrockar\b|\bclash(?:es)?\b|\b(?:annat|ett\s+annat|krockande|dubbelbokad)\s*mote\b|\bsitter\s+fast\b|\bdubbelbokad\b|\b(?:another|conflicting|other)\s+meeting\b|\bdouble[-\s]?booked\b/, { sv: 'annat möte', en: 'another meeting' }],
  [/\bledig\b|\bday\s+off\b/, { sv: 'ledig', en: 'day off' }],
  [/\butbildning\b|\bkurs\b|\btraining\b|\bcourse\b/, { sv: 'utbildning', en: 'training' }],
];

export function findReason(text: string, locale: 'sv' | 'en'): string | undefined {
  for (const [re, reason] of REASONS) if (re.test(text)) return reason[locale];
  return undefined;
}

const STOPWORDS = new Set(['for', 'och', 'samt', 'i', 'av', 'med', 'till', 'pa', 'the', 'of', 'and', 'specifika', 'regionala', 'regional']);
/** Words for the kind of body: "rådet" picks a råd, "gruppen" a chefsgrupp. */
const KINDS: [RegExp, string][] = [
  [/rad(?:et|s)?$|council$/, 'rad'],
  [/grupp(?:en|s)?$|group$/, 'grupp'],
  [/natverk(?:et|s)?$|network$/, 'natverk'],
  [/utskott(?:et|s)?$|committee$/, 'utskott'],
  [/namnd(?:en|s)?$|board$/, 'namnd'],
];

function stem(word: string): string {
  return word.replace(/(?:erna|arna|orna|en|et|na|ar|er|or|a|s|e)$/, '');
}

/** How well the text names each body (0 = not named). A text can name a body by topic and kind at once. */
export function scoreBodies(text: string, bodies: { bodyId: string; bodyName: string }[]): Map<string, number> {
  const tokens = text.split(/[^a-z]+/).filter((t) => t.length >= 3 && !STOPWORDS.has(t));
  const scores = new Map<string, number>();
  for (const body of bodies) {
    if (scores.has(body.bodyId)) continue;
    const nameTokens = fold(body.bodyName).split(/[^a-z]+/).filter((t) => t.length >= 3 && !STOPWORDS.has(t));
    const bodyKinds = new Set(nameTokens.flatMap((t) => KINDS.filter(([re]) => re.test(stem(t)) || re.test(t)).map(([, k]) => k)));
    let score = 0;
    for (const token of tokens) {
      for (const n of nameTokens) {
        const s = stem(n);
        if (s.length >= 4 && token.includes(s)) score += s.length;
      }
      for (const [re, kind] of KINDS) if ((re.test(token) || re.test(stem(token))) && bodyKinds.has(kind)) score += 3;
    }
    scores.set(body.bodyId, score);
  }
  return scores;
}
