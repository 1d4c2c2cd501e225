import { exactKey, fold } from './fold';

/**
 * Name comparison tolerant of the spellings seen in the minutes: diacritics (Mehtalainen/Mehtäläinen),
 * hyphens (Jonsson-Arndt/Jonsson Arndt), a swapped pair of letters (Bechet/Behcet), a dropped letter
 * (Lunader/Lunander). Similar is never the same: callers decide what a score may be used for.
 */

/** Folded form for comparison: lower case, no diacritics, hyphens as spaces. */
export function normalizeName(name: string): string {
  return fold(name);
}

/** The same spelling, diacritics included (case and spacing aside). */
export function isSameSpelling(a: string, b: string): boolean {
  return exactKey(a) === exactKey(b);
}

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("ch"/"hc"). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  // Three rolling rows (i-2, i-1, i) are all the transposition step needs.
  let prev2 = new Int32Array(n + 1);
  let prev = Int32Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Int32Array(n + 1);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

function tokenSimilarity(a: string, b: string): number {
  const max = Math.max(a.length, b.length);
  return max === 0 ? 1 : 1 - editDistance(a, b) / max;
}

/**
 * 0..1. Tokens are paired greedily by similarity (so word order does not matter) and weighted by length;
 * a token without a partner ("Annika Karlsson" vs "Annika Karlsson Juliussen") counts fully against.
 */
export function nameSimilarity(a: string, b: string): number {
  const fa = normalizeName(a);
  const fb = normalizeName(b);
  if (!fa || !fb) return 0;
  if (fa === fb) return 1;
  const ta = fa.split(' ');
  const tb = fb.split(' ');
  const pairs: { i: number; j: number; s: number }[] = [];
  ta.forEach((x, i) => tb.forEach((y, j) => pairs.push({ i, j, s: tokenSimilarity(x, y) })));
  pairs.sort((p, q) => q.s - p.s);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let matched = 0;
  let total = 0;
  for (const p of pairs) {
    if (p.s < 0.5 || usedA.has(p.i) || usedB.has(p.j)) continue;
    usedA.add(p.i);
    usedB.add(p.j);
    const w = Math.max(ta[p.i]!.length, tb[p.j]!.length);
    matched += p.s * w;
    total += w;
  }
  ta.forEach((x, i) => (usedA.has(i) ? undefined : (total += x.length)));
  tb.forEach((y, j) => (usedB.has(j) ? undefined : (total += y.length)));
  return total === 0 ? 0 : matched / total;
}
