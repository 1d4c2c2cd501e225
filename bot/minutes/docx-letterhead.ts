import { AlignmentType, BorderStyle, Footer, Header, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { MinutesModel } from '../../shared/minutes/minutes-model';

/*
 * The councils' letterhead, repeated on every page as Word does it: the body (or bodies) on the left;
 * Tjänsteställe, Sekreterare and Datum on the right, each a small label over its value (as in the seeds'
 * first lines). The footer carries the page number as the region's documents write it: "Sida 2 (5)".
 */

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE } as const;

const label = (text: string): Paragraph => new Paragraph({ children: [new TextRun({ text, size: 14 })] });
const value = (text: string): Paragraph => new Paragraph({ children: [new TextRun({ text, size: 18 })], spacing: { after: 60 } });

/** The letterhead's lines in reading order (also what a text comparison skips as page furniture). */
export function letterheadLines(m: MinutesModel): string[] {
  const h = m.header;
  const right: string[] = [];
  if (h.serviceUnit) right.push('Tjänsteställe', h.serviceUnit);
  if (h.secretaries.length) right.push('Sekreterare', h.secretaries.join(', '));
  right.push('Datum', h.date);
  return [...h.bodies.map((b) => b.name), ...right];
}

export function minutesHeader(m: MinutesModel): Header {
  const h = m.header;
  const right: Paragraph[] = [];
  if (h.serviceUnit) right.push(label('Tjänsteställe'), value(h.serviceUnit));
  if (h.secretaries.length) right.push(label('Sekreterare'), value(h.secretaries.join(', ')));
  right.push(label('Datum'), value(h.date));
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [6000, 3000],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: 65, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children: h.bodies.map((b) => new Paragraph({ children: [new TextRun({ text: b.name, bold: true, size: 20 })] })) }),
          new TableCell({ width: { size: 35, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children: right }),
        ],
      }),
    ],
  });
  return new Header({ children: [table, new Paragraph({ children: [] })] });
}

export function minutesFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ size: 16, children: ['Sida ', PageNumber.CURRENT, ' (', PageNumber.TOTAL_PAGES, ')'] })],
      }),
    ],
  });
}
