import { fold } from './fold';
import { isNameLike } from './person-line';
import { parseBodyHeading, parseSectionHeader } from './sections';

/**
 * Page furniture: what Word (or a PDF-to-text copy) repeats on every page of a protocol and what is
 * never part of the attendance list — the letterhead (the bodies' names, "Tjänsteställe", "Sekreterare"
 * without a colon and their values, "Datum", "Beteckning"), the page footer (POSTADRESS … INTERNET) and
 * page numbers ("2 (6)", "Sida 2 av 6"). A list that runs over a page break has this in its middle; it
 * is skipped so the list goes on, and the skipped lines are reported so nothing disappears unseen.
 */

/** Letterhead labels: written without a colon, each followed by its value lines. */
const LETTERHEAD_LABEL = /^(tjänsteställe(,\s*handläggare)?|handläggare|datum|beteckning|diarienummer|dnr|vår beteckning|er beteckning|sekreterare|ärende)$/i;
const FOOTER_LABEL = /^(postadress|besöksadress|leveransadress|telefon|telefax|fax|org\.?\s*nr\.?|organisationsnummer|plusgiro|bankgiro|e-post\b|epost\b|internet\b|webb\b|tel:|tel\.)/i;
const PAGE_NUMBER = /^(sida\s*)?\d{1,3}\s*(\(\s*\d{1,3}\s*\)|av\s+\d{1,3}|\/\s*\d{1,3})$/i;
const AGENDA_ITEM = /^(§\s*)?\d{1,2}\s*[.)]?(\t|\s+)\S/;

export interface PageFurniture {
  /** 0-based indexes of the lines that are page furniture. */
  lines: Set<number>;
  /** Runs of furniture as 1-based line ranges, for the secretary's report. */
  runs: { startLine: number; endLine: number; kind: 'letterhead' | 'footer' | 'page_number' }[];
}

const clean = (line: string | undefined): string => (line ?? '').replace(/\f/g, '').trim();

function nextNonBlank(lines: readonly string[], from: number): number {
  let j = from;
  while (j < lines.length && !clean(lines[j])) j++;
  return j;
}

/** A body's name as the letterhead writes it: possibly wrapped ("…samt vård" / "och omsorg samt …"). */
function bodyNameLines(lines: readonly string[], i: number, bodyNames: readonly string[]): number {
  let j = i;
  let seen = 0;
  while (j < lines.length) {
    const t = clean(lines[j]);
    if (!t) {
      j++;
      continue;
    }
    if (parseBodyHeading(t, bodyNames) && !/:$/.test(t)) {
      seen++;
      j++;
      // A wrapped name goes on in lower case ("för social välfärd samt vård och omsorg").
      while (j < lines.length && /^\p{Ll}/u.test(clean(lines[j])) && !LETTERHEAD_LABEL.test(clean(lines[j]))) j++;
      continue;
    }
    break;
  }
  return seen ? j : i;
}

/** Where a letterhead starting at i ends (exclusive), or -1 when no letterhead starts there. */
function letterheadAt(lines: readonly string[], i: number, bodyNames: readonly string[]): number {
  const afterNames = bodyNameLines(lines, i, bodyNames);
  const first = nextNonBlank(lines, afterNames);
  const label = clean(lines[first]);
  if (!LETTERHEAD_LABEL.test(label)) return -1;
  // "Sekreterare" alone is also a list heading people write without a colon: it is a letterhead only
  // after the bodies' names or another letterhead label.
  if (/^sekreterare$/i.test(label) && afterNames === i) return -1;
  let j = first;
  while (j < lines.length) {
    const t = clean(lines[j]);
    if (!LETTERHEAD_LABEL.test(t)) break;
    j++;
    // The label's values: the lines up to the next blank line ("Linnea Hed-" / "kvist").
    while (j < lines.length && clean(lines[j]) && !LETTERHEAD_LABEL.test(clean(lines[j]))) j++;
    const k = nextNonBlank(lines, j);
    if (k < lines.length && LETTERHEAD_LABEL.test(clean(lines[k]))) j = k;
    else break;
  }
  return j;
}

/** A line that ends a footer: a person, a list heading, a body heading or an agenda item. */
function endsFooter(t: string, bodyNames: readonly string[]): boolean {
  if (FOOTER_LABEL.test(t) || PAGE_NUMBER.test(t)) return false;
  if (parseSectionHeader(t) || parseBodyHeading(t, bodyNames) || AGENDA_ITEM.test(t)) return true;
  if (/^[✓✔~<•*–-]/u.test(t)) return true;
  // Prose after a footer (the next page's text) ends it too.
  if (t.length > 80 || /[.!?]\s/.test(t)) return true;
  // An address line has digits, a single word ("Örebro") or an organisation; a person line a name first.
  const head = t.split(/[,\t;]/)[0]!.trim();
  return isNameLike(head) && !/\d/.test(t) && !/\b(län|kommun|region|regionen|förvaltningen)\b/i.test(head);
}

export function findPageFurniture(lines: readonly string[], bodyNames: readonly string[] = []): PageFurniture {
  const marked = new Set<number>();
  const runs: PageFurniture['runs'] = [];
  const mark = (from: number, to: number, kind: PageFurniture['runs'][number]['kind']): void => {
    let last = to - 1;
    while (last > from && !clean(lines[last])) last--;
    for (let k = from; k <= last; k++) marked.add(k);
    runs.push({ startLine: from + 1, endLine: last + 1, kind });
  };
  let i = 0;
  while (i < lines.length) {
    const t = clean(lines[i]);
    if (!t) {
      i++;
      continue;
    }
    if (PAGE_NUMBER.test(t)) {
      mark(i, i + 1, 'page_number');
      i++;
      continue;
    }
    if (FOOTER_LABEL.test(t)) {
      let j = i + 1;
      while (j < lines.length) {
        const u = clean(lines[j]);
        if (u && (endsFooter(u, bodyNames) || letterheadAt(lines, j, bodyNames) >= 0)) break;
        j++;
      }
      mark(i, j, 'footer');
      i = j;
      continue;
    }
    const end = letterheadAt(lines, i, bodyNames);
    if (end > i) {
      mark(i, end, 'letterhead');
      i = end;
      continue;
    }
    i++;
  }
  return { lines: marked, runs };
}

/** Whether a line is a letterhead label ("Tjänsteställe"): such text is never a person. */
export function isLetterheadLabel(line: string): boolean {
  return LETTERHEAD_LABEL.test(clean(line)) && fold(clean(line)) !== 'sekreterare';
}
