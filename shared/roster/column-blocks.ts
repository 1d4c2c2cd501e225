import type { ExtraOrganisation } from './organisations';
import { parsePersonLine } from './person-line';
import { parseBodyHeading, parseSectionHeader } from './sections';
import type { RosterWarning } from './types';

/**
 * A two-column table pasted from Word without its tabs comes out as a block of names followed by a block
 * of titles (or organisations), each cell on its own line:
 *
 *   Ingmar Ångman            områdeschef välfärd och folkhälsa
 *   Maria Lindborg     →     utvecklingsledare
 *   Malin Duckert Ek         utvecklingsledare
 *
 * becomes "Ingmar Ångman / Maria Lindborg / Malin Duckert Ek / områdeschef … / utvecklingsledare / …".
 * Read line by line, every title would be glued to the last name. Here a run of k ≥ 2 bare names
 * followed by exactly k (or 2k, 3k: more columns) lines that are not names is paired row by row. When the
 * counts do not fit, nothing is guessed: the secretary is told which lines to check.
 */
export interface ListLine {
  lineNo: number;
  text: string;
  /** Cells of the same table row taken from the following block(s), in column order. */
  paired?: string[];
}

function isBoundary(t: string): boolean {
  return Boolean(parseSectionHeader(t)) || Boolean(parseBodyHeading(t)) || /:\s*$/.test(t);
}

function isBareName(t: string, extra: readonly ExtraOrganisation[]): boolean {
  const r = parsePersonLine(t, extra);
  return r.ok && !r.parts.vacancy && r.parts.fields.length === 0 && !r.parts.replacesName && !r.parts.itemRange && !r.parts.partOfMeeting && !r.parts.email;
}

function isCell(t: string, extra: readonly ExtraOrganisation[]): boolean {
  return !isBoundary(t) && !parsePersonLine(t, extra).ok;
}

export function pairColumnBlocks(lines: readonly ListLine[], extra: readonly ExtraOrganisation[], warnings: RosterWarning[]): ListLine[] {
  const out: ListLine[] = lines.map((l) => ({ ...l }));
  // Indexes of non-blank lines; blank lines between cells do not end a table.
  const idx = out.map((l, i) => (l.text.trim() ? i : -1)).filter((i) => i >= 0);
  let p = 0;
  while (p < idx.length) {
    const text = (q: number): string => out[idx[q]!]!.text.trim();
    if (!isBareName(text(p), extra)) {
      p++;
      continue;
    }
    let names = p;
    while (names < idx.length && isBareName(text(names), extra)) names++;
    const k = names - p;
    let cells = names;
    while (cells < idx.length && isCell(text(cells), extra)) cells++;
    const r = cells - names;
    if (k >= 2 && r > 0 && r % k === 0) {
      for (let row = 0; row < k; row++) {
        const target = out[idx[p + row]!]!;
        target.paired = [];
        for (let col = 0; col < r / k; col++) {
          const cell = out[idx[names + col * k + row]!]!;
          target.paired.push(cell.text.trim());
          cell.text = '';
        }
      }
      warnings.push({
        lineNo: out[idx[p]!]!.lineNo,
        code: 'two_column_block',
        sv: `Raderna ${out[idx[p]!]!.lineNo}–${out[idx[cells - 1]!]!.lineNo}: ${k} namn följda av ${r / k === 1 ? 'lika många titlar/organisationer' : `${r / k} kolumner`} lästes som en tabell, rad för rad.`,
        en: `Lines ${out[idx[p]!]!.lineNo}–${out[idx[cells - 1]!]!.lineNo}: ${k} names followed by ${r / k === 1 ? 'as many titles/organisations' : `${r / k} columns`} were read as a table, row by row.`,
      });
    } else if (k >= 2 && r > 1) {
      warnings.push({
        lineNo: out[idx[names]!]!.lineNo,
        code: 'two_column_block',
        sv: `Raderna ${out[idx[p]!]!.lineNo}–${out[idx[cells - 1]!]!.lineNo}: ${k} namn följda av ${r} rader titlar/organisationer går inte att para ihop; kontrollera titlarna.`,
        en: `Lines ${out[idx[p]!]!.lineNo}–${out[idx[cells - 1]!]!.lineNo}: ${k} names followed by ${r} lines of titles/organisations cannot be paired; check the titles.`,
      });
    }
    p = Math.max(cells, p + 1);
  }
  return out;
}
