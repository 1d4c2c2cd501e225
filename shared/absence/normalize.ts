/**
 * Text normalisation. `fold` keeps the string length (one character in, one out) so that indices found
 * in the folded text can be used on the original text too (names keep their case there).
 */
const FOLD: Record<string, string> = {
  å: 'a', ä: 'a', ö: 'o', é: 'e', è: 'e', ü: 'u', á: 'a', à: 'a', ø: 'o', æ: 'a',
  '–': '-', '—': '-', '’': "'", '‘': "'", '´': "'", '`': "'", '\u00a0': ' ',
};

export function prepare(text: string): string {
  // Teams wraps mentions in <at>…</at>; the bot's name is not part of the message.
  return text.normalize('NFC').replace(/<at>[^<]*<\/at>/gi, ' ').replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ');
}

export function fold(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) out += FOLD[ch] ?? (ch.length === 1 ? ch : ' '.repeat(ch.length));
  return out;
}

/** Words whose misspellings we repair (folded forms). Short words are left alone: too many false hits. */
const LEXICON = [
  'forhinder', 'forhindret', 'forhindrat', 'forhindrad', 'forhindrade', 'franvarande', 'bortrest', 'deltar', 'delta', 'deltaga',
  'mojlighet', 'ansluter', 'ansluta', 'komma', 'kommer', 'inte', 'motet', 'nasta', 'tyvarr', 'aterbud',
  'narvara', 'ersatter', 'ersattare', 'lamnar', 'missar', 'sjuk', 'stallet', 'istallet',
  'cannot', 'unable', 'attend', 'absent', 'apologies', 'meeting', 'after',
];

/** Real words one edit away from a lexicon word: never "repaired". */
const LEAVE_ALONE = ['into', 'inne', 'inge', 'andra', 'annan', 'annat', 'kommun', 'delat', 'delar', 'sjuka', 'mote', 'moten', 'motena', 'ante', 'inta', 'intet', 'after', 'meetings', 'komme', 'kommen'];

/** Damerau–Levenshtein (optimal string alignment) distance, capped for speed. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i]!;
      const prev = d[i - 1]!;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      row[j] = v;
    }
  }
  return d[rows - 1]![cols - 1]!;
}

export interface Corrected {
  text: string;
  /** How many words were repaired; each lowers the confidence a little. */
  repairs: number;
}

/** Repaired words of one message, so its clauses and the whole can be repaired without measuring a word twice. */
export type TypoMemo = Map<string, string | null>;

/** Repairs typos in known words of folded text ("forhindet" → "forhinder", "inet" → "inte"). */
export function correctTypos(folded: string, memo?: TypoMemo): Corrected {
  let repairs = 0;
  const text = folded.replace(/[a-z]{4,}/g, (word) => {
    if (LEXICON.includes(word) || LEAVE_ALONE.includes(word)) return word;
    const known = memo?.get(word);
    if (known !== undefined) {
      if (known !== null) repairs++;
      return known ?? word;
    }
    const fixed = repair(word);
    memo?.set(word, fixed);
    if (fixed === null) return word;
    repairs++;
    return fixed;
  });
  return { text, repairs };
}

function repair(word: string): string | null {
  const allowed = word.length >= 8 ? 2 : 1;
  let best: string | null = null;
  let bestDistance = allowed + 1;
  for (const known of LEXICON) {
    if (Math.abs(known.length - word.length) > allowed || known.length < 4) continue;
    const dist = editDistance(word, known);
    if (dist < bestDistance) {
      best = known;
      bestDistance = dist;
    }
  }
  return best === null || bestDistance > allowed ? null : best;
}
