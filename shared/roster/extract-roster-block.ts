import { findPageFurniture } from './page-furniture';
import { parseBodyHeading, parseSectionHeader } from './sections';

/**
 * Finding the attendance list(s) inside a whole protocol. The list starts at a section header with a
 * colon ("Närvarande:", "Ordförande:", "Ledamöter:") or at a body's name followed by one, and ends at the
 * first agenda item, page footer or prose paragraph. The page letterhead ("Sekreterare" without a colon,
 * repeated on every page) is deliberately not a start: it is not the attendance list.
 */
export interface RosterBlockLine {
  lineNo: number;
  text: string;
}

export interface RosterBlock {
  startLine: number;
  endLine: number;
  lines: RosterBlockLine[];
}

const FOOTER = /^(postadress|besöksadress|telefon|telefax|org\.?\s*nr|organisationsnummer|plusgiro|bankgiro|e-post\b|internet\b|tel:|box\s+\d)/i;
const AGENDA_ITEM = /^(§\s*)?\d{1,2}\s*[.)]?(\t|\s+)\S/;
const MEETING_FACTS = /^(tid|plats|datum|dagordning|justerat|justerade|justering)\b/i;

/** A line that ends an attendance list: an agenda item, a footer, meeting facts or prose. */
export function isStopLine(line: string): boolean {
  const t = line.trim();
  if (!t) return false;
  if (AGENDA_ITEM.test(t) && !/^\d+\s*[.)]?\s*(?:✓|~~|<del>)/.test(t)) return true;
  if (FOOTER.test(t) || MEETING_FACTS.test(t)) return true;
  // Prose: a long sentence without a tab, ending with a full stop.
  const words = t.split(/\s+/).length;
  return !t.includes('\t') && words > 12 && /[.!?]$/.test(t);
}

function startsBlock(lines: readonly string[], i: number, bodyNames: readonly string[]): boolean {
  const t = (lines[i] ?? '').trim();
  const header = parseSectionHeader(t);
  if (header && t.endsWith(':')) return true;
  if (parseBodyHeading(t, bodyNames)) {
    for (let j = i + 1; j < lines.length; j++) {
      const next = (lines[j] ?? '').trim();
      if (!next) continue;
      return Boolean(parseSectionHeader(next) && next.endsWith(':'));
    }
  }
  return false;
}

export function extractRosterBlocks(text: string, options: { bodyNames?: readonly string[] } = {}): RosterBlock[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const bodyNames = options.bodyNames ?? [];
  // A list that runs over a page break has the footer and the next page's letterhead in its middle.
  const furniture = findPageFurniture(lines, bodyNames).lines;
  const blocks: RosterBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    if (furniture.has(i) || !startsBlock(lines, i, bodyNames)) {
      i++;
      continue;
    }
    const block: RosterBlockLine[] = [];
    let j = i;
    for (; j < lines.length; j++) {
      const t = lines[j] ?? '';
      if (furniture.has(j)) {
        block.push({ lineNo: j + 1, text: '' });
        continue;
      }
      if (isStopLine(t)) break;
      block.push({ lineNo: j + 1, text: t });
    }
    while (block.length && !block[block.length - 1]!.text.trim()) block.pop();
    if (block.length) blocks.push({ startLine: block[0]!.lineNo, endLine: block[block.length - 1]!.lineNo, lines: block });
    i = j + 1;
  }
  return blocks;
}

/** The roster block(s) of a whole document as text (other lines blanked, so line numbers keep). */
export function extractRosterBlock(text: string, options: { bodyNames?: readonly string[] } = {}): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const keep = new Set(extractRosterBlocks(text, options).flatMap((b) => b.lines.map((l) => l.lineNo)));
  return lines.map((l, idx) => (keep.has(idx + 1) ? l : '')).join('\n');
}

/** Whether the text looks like a whole document (agenda items, footers) rather than a pasted list. */
export function looksLikeDocument(text: string): boolean {
  return text.split(/\r?\n/).some((l) => {
    const t = l.trim();
    return FOOTER.test(t) || AGENDA_ITEM.test(t) || MEETING_FACTS.test(t);
  });
}
