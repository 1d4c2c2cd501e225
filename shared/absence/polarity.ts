import { correctTypos, fold, type TypoMemo } from './normalize';
import { isWithdrawal } from './signals';

/**
 * Denials: the member says they WILL come ("jag har inte förhinder den 12/3", "nej, jag kommer", "I can make it
 * on Friday"). A clause that denies is blanked out before the rest of the message is read, so its date can never
 * become a förhinder, and a message that only denies records nothing at all. Patterns run on folded text with
 * typos repaired (see normalize.ts).
 */
const NEG = '(?:inte|ej|int|icke)';
const THEN = '(?=\\s*(?:$|[.,!;:)]|(?:pa|till|den|i|idag|imorgon|nasta|kommande|som|anda|forstas|sjalvklart|pa\\s+motet)\\b))';

const DENIALS: RegExp[] = [
  // "jag har inte förhinder", "har inget förhinder", "har inga förhinder", "har inte något förhinder"
  new RegExp(`\\b(?:har|hade)\\s+(?:jag\\s+|vi\\s+)?(?:${NEG}|inga?|inget)\\s+(?:nagot\\s+|nagra\\s+|ett\\s+)?(?:forhinder|aterbud)\\b`),
  /\b(?:inget|inga|inte\s+nagot)\s+(?:forhinder|aterbud)\b/,
  new RegExp(`\\bar\\s+(?:${NEG})\\s+(?:forhindrad|franvarande|bortrest|borta|ledig)\\b`),
  // "jag kommer (på fredag)", "jag kan komma", "jag deltar", "jag är med" — only where nothing negates or limits it.
  new RegExp(`\\b(?:jag|vi)\\s+(?:kommer|kmr|deltar|narvarar|ar\\s+med|kan\\s+komma|kan\\s+delta|kan\\s+vara\\s+med|kommer\\s+att\\s+(?:komma|delta|vara\\s+med))${THEN}`),
  new RegExp(`\\bkommer\\s+jag${THEN}`),
  // After "men"/"but" the subject is often left out: "förhinder 14/3 men kan komma 21/3".
  new RegExp(`^\\W*(?:men|but)\\s+(?:jag\\s+|i\\s+)?(?:kan\\s+komma|kommer|deltar|ar\\s+med|kan\\s+delta|can\\s+(?:come|make\\s+it|attend)|will\\s+(?:come|attend|be\\s+there))(?=\\s*(?:$|[.,!;:)]|\\d|(?:pa|till|den|i|idag|imorgon|nasta|kommande|on|to|the|tomorrow|next)\\b))`),
  /\b(?:nej|nope|nix)\b[\s,.!-]*(?:jag\s+)?(?:kommer|kmr|deltar|ar\s+med|kan\s+komma)\b(?!\s+(?:inte|ej|int|tyvarr|att\s+missa|bli|sent|senare|forst))/,
  /\b(?:rakna\s+med\s+mig|missar\s+(?:inte|ej)|kommer\s+(?:inte|ej)\s+att\s+missa)\b/,
  // English.
  /\bi\s*(?:can|will|'ll|ll|shall)\s+(?:make\s+it|attend|be\s+there|come|join|be\s+at\s+the\s+meeting)(?=\s*(?:$|[.,!;:)]|(?:on|to|tomorrow|today|next|this|the|for|in)\b))/,
  /\b(?:i\s+am|i'm|im)\s+(?:coming|attending|not\s+absent|not\s+away|available)\b/,
  /\b(?:no|not\s+an?)\s+(?:absence|apologies)\b|\bdon'?t\s+have\s+(?:a|an|any)\s+(?:conflict|absence)\b|\bcount\s+me\s+in\b|\bwon'?t\s+miss\b|\bnot\s+absent\b/,
];

/** A clause: a sentence, or a part after "men"/"but" (which so often turns the polarity). */
export interface Clause {
  start: number;
  end: number;
}

export function clauses(text: string): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  // Sentence ends ("." before a space, never inside "12.3" or "kl. 10"), !, ?, ;, new lines, and "men"/"but".
  const re = /(?<![\d]|\bkl|\bca|\bp)\.(?=\s|$)|[!?;\n]|,?\s+(?=(?:men|but)\s)/gi;
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].length;
    if (end > start) out.push({ start, end });
    start = end;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

export function deniesAbsence(foldedClause: string, memo?: TypoMemo): boolean {
  const text = correctTypos(foldedClause, memo).text;
  if (isWithdrawal(text)) return false;
  return DENIALS.some((re) => re.test(text));
}

/**
 * The clauses of `raw` that deny an absence (indices into `raw`, which `fold` keeps). A clause that limits the
 * attendance ("jag kommer 10.30", "jag kommer till kl 11") is partial attendance, not a denial.
 */
export function deniedClauses(raw: string, isPartial: (foldedClause: string) => boolean, memo?: TypoMemo): Clause[] {
  const folded = fold(raw);
  return clauses(folded).filter((c) => {
    const clause = folded.slice(c.start, c.end);
    return deniesAbsence(clause, memo) && !isPartial(clause);
  });
}
