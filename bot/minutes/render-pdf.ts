import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { isSafeUrl } from '../../shared/minutes/escape-html';
import type { Inline, NoteBlock } from '../../shared/minutes/note-blocks';
import { upcomingInItem, upcomingSection, type MinutesItem, type MinutesModel, type MinutesPerson, type MinutesRoleGroup } from '../../shared/minutes/minutes-model';
import { formatScore } from '../../shared/minutes/render-html';

/*
 * The minutes as an archival PDF/A-2b (ISO 19005-2, level B) with PDFKit: fonts embedded (DejaVu Sans
 * from the dejavu-fonts-ttf package, Bitstream Vera licence, which allows embedding), the sRGB output
 * intent and XMP identification PDFKit writes for its PDF/A subsets, no encryption. The text is the HTML
 * minutes' text in the same order (a test compares them word for word); the letterhead and "Sida n (m)"
 * are drawn on every page afterwards, as the page header and footer of the Word file.
 */

export type PdfaPart = 'PDF/A-2b' | 'PDF/A-1b';

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  italic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf'),
  boldItalic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf'),
};

const MARGIN = { top: 96, bottom: 64, left: 64, right: 64 };
const SIZE = { body: 10, small: 8, h1: 16, h2: 13, h3: 11 };
const INDENT = 14;

type Doc = PDFKit.PDFDocument;
interface Run {
  text: string;
  font?: keyof typeof FONTS;
  strike?: boolean;
  link?: string;
}

/** One paragraph of runs at the current position, wrapped within `width` from `x`. */
function para(doc: Doc, runs: readonly Run[], opts: { x?: number; width?: number; size?: number; gap?: number } = {}): void {
  const x = opts.x ?? doc.page.margins.left;
  const width = opts.width ?? doc.page.width - doc.page.margins.right - x;
  const list = runs.filter((r) => r.text.length > 0);
  if (!list.length) return;
  doc.fontSize(opts.size ?? SIZE.body);
  list.forEach((r, i) => {
    doc.font(r.font ?? 'regular');
    const o: PDFKit.Mixins.TextOptions = { width, continued: i < list.length - 1, strike: r.strike ?? false, lineGap: 1.5 };
    if (r.link) Object.assign(o, { link: r.link, underline: true });
    if (i === 0) doc.text(r.text, x, doc.y, o);
    else doc.text(r.text, o);
  });
  doc.moveDown((opts.gap ?? 0.35));
}

function inlineRuns(list: readonly Inline[], font: Run['font'] = 'regular'): Run[] {
  return list.map((i) => (i.kind === 'link' && isSafeUrl(i.url) ? { text: i.text, font, link: i.url.trim() } : { text: i.kind === 'link' ? i.text : i.text, font }));
}

function bulletLine(doc: Doc, runs: readonly Run[], x: number, width: number): void {
  doc.font('regular').fontSize(SIZE.body).text('•', x, doc.y, { continued: false, lineBreak: false, width: INDENT });
  doc.moveUp();
  para(doc, runs, { x: x + INDENT, width: width - INDENT, gap: 0.15 });
}

function notes(doc: Doc, blocks: readonly NoteBlock[], x: number, width: number): void {
  for (const b of blocks) {
    if (b.kind === 'paragraph') para(doc, inlineRuns(b.inlines), { x, width });
    else if (b.kind === 'bullets') for (const i of b.items) bulletLine(doc, inlineRuns(i), x, width);
    // Numbered note lists keep their numbers as text (as the Word file does), never continuing item numbers.
    else b.items.forEach((i, k) => para(doc, [{ text: `${k + 1}. ` }, ...inlineRuns(i)], { x: x + INDENT, width: width - INDENT, gap: 0.15 }));
  }
}

function heading(doc: Doc, text: string, size: number): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
  doc.moveDown(0.4);
  para(doc, [{ text, font: 'bold' }], { size, gap: 0.3 });
}

function person(p: MinutesPerson): Run[] {
  if (p.state === 'present') return [{ text: `✓ ${p.line}` }];
  return [{ text: p.line, strike: p.state === 'förhinder' }];
}

function group(doc: Doc, g: MinutesRoleGroup): void {
  para(doc, [{ text: `${g.label}:`, font: 'bold' }], { gap: 0.15 });
  for (const p of g.people) para(doc, person(p), { x: doc.page.margins.left + INDENT, gap: 0.05 });
  doc.moveDown(0.3);
}

/** An item's text after its title and presenters: the same parts in the same order as the HTML. */
function itemBody(doc: Doc, m: MinutesModel, item: MinutesItem, x: number, width: number): void {
  for (const c of item.chairNotes) para(doc, [{ text: c, font: 'italic' }], { x, width });
  notes(doc, item.notes, x, width);
  for (const d of item.decisions) {
    const runs: Run[] = [{ text: `${d.unconfirmed ? 'Beslut (ej bekräftat):' : 'Beslut:'} ${d.text}`, font: 'bold' }];
    if (d.postponed) runs.push({ text: ' (beslutet skjuts upp)', font: 'italic' });
    para(doc, runs, { x, width });
    if (d.vote) para(doc, [{ text: d.vote.line }], { x, width });
    for (const r of d.reservations) para(doc, [{ text: r, font: 'italic' }], { x, width });
  }
  if (item.tasks.length) {
    para(doc, [{ text: 'Uppdrag:', font: 'bold' }], { x, width, gap: 0.15 });
    for (const t of item.tasks) bulletLine(doc, [{ text: t.line }], x, width);
  }
  if (item.attachments.length) {
    const links = item.attachments.flatMap((a, k) => [...(k ? [{ text: ', ' }] : []), ...inlineRuns([{ kind: 'link', text: a.title, url: a.url }])]);
    para(doc, [{ text: 'Bilagor: ' }, ...links], { x, width });
  }
  const dates = upcomingInItem(m, item.number);
  if (dates.length) {
    para(doc, [{ text: 'Kommande möten:', font: 'bold' }], { x, width, gap: 0.15 });
    for (const u of dates) bulletLine(doc, [{ text: u.line }], x, width);
  }
}

function agenda(doc: Doc, m: MinutesModel): void {
  const left = doc.page.margins.left;
  const full = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  if (m.layout?.agenda !== 'table') {
    for (const item of m.items) {
      heading(doc, `${item.number}. ${item.title}`, SIZE.h3);
      if (item.presenters.length) para(doc, [{ text: item.presenters.join(' och '), font: 'italic' }]);
      itemBody(doc, m, item, left, full);
    }
    return;
  }
  // The councils' table "Nummer/föredragande | Ärende": the first column, then the item's text beside it.
  const col = 126;
  const rule = (): void => {
    doc.moveTo(left, doc.y).lineTo(left + full, doc.y).lineWidth(0.5).strokeColor('#808080').stroke();
    doc.moveDown(0.3);
  };
  const head = doc.y;
  para(doc, [{ text: 'Nummer/föredragande', font: 'bold' }], { x: left, width: col - 6, gap: 0, size: 9 });
  doc.y = head;
  para(doc, [{ text: 'Ärende', font: 'bold' }], { x: left + col, width: full - col, gap: 0.2, size: 9 });
  rule();
  for (const item of m.items) {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
    const top = doc.y;
    para(doc, [{ text: `${item.number}.` }], { x: left, width: col - 8, gap: 0 });
    if (item.presenters.length) para(doc, [{ text: item.presenters.join(' och '), font: 'italic' }], { x: left, width: col - 8, gap: 0 });
    const firstCol = { page: doc.bufferedPageRange().count, y: doc.y };
    doc.y = top;
    para(doc, [{ text: item.title, font: 'bold' }], { x: left + col, width: full - col, gap: 0.2 });
    itemBody(doc, m, item, left + col, full - col);
    if (doc.bufferedPageRange().count === firstCol.page) doc.y = Math.max(doc.y, firstCol.y);
    rule();
  }
}

/** The letterhead and the page number, drawn on every page once the page count is known. */
function pageFurniture(doc: Doc, m: MinutesModel): void {
  const range = doc.bufferedPageRange();
  const h = m.header;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { left, right } = doc.page.margins;
    const width = doc.page.width - left - right;
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    let y = 32;
    doc.font('bold').fontSize(SIZE.small + 1);
    for (const b of h.bodies) {
      doc.text(b.name, left, y, { width: width * 0.62 });
      y = doc.y;
    }
    let ry = 32;
    const rx = left + width * 0.66;
    const field = (label: string, value: string): void => {
      doc.font('regular').fontSize(6.5).text(label, rx, ry, { width: width * 0.34 });
      doc.fontSize(SIZE.small).text(value, rx, doc.y, { width: width * 0.34 });
      ry = doc.y + 2;
    };
    if (h.serviceUnit) field('Tjänsteställe', h.serviceUnit);
    if (h.secretaries.length) field('Sekreterare', h.secretaries.join(', '));
    field('Datum', h.date);
    doc.font('regular').fontSize(SIZE.small).text(`Sida ${i - range.start + 1} (${range.count})`, left, doc.page.height - 40, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = saved;
  }
}

/** The minutes as a PDF/A file (2b for the archive; 1b only for the independent check, see the tests). */
export async function renderMinutesPdf(m: MinutesModel, part: PdfaPart = 'PDF/A-2b'): Promise<Buffer> {
  const h = m.header;
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    subset: part,
    pdfVersion: part === 'PDF/A-1b' ? '1.4' : '1.7',
    lang: 'sv-SE',
    displayTitle: true,
    bufferPages: true,
    autoFirstPage: true,
    info: {
      Title: h.title,
      Author: h.secretaries.join(', ') || 'Rådslag',
      Subject: `${h.documentKindLabel}, ${h.bodies.map((b) => b.name).join(', ')}, ${h.date}`,
      Creator: 'Rådslag',
      Producer: 'Rådslag (PDFKit)',
      // Fixed to the meeting so the same version gives the same file.
      CreationDate: new Date(`${h.date}T12:00:00Z`),
      ModDate: new Date(`${h.date}T12:00:00Z`),
    },
  });
  for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, file);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  para(doc, [{ text: h.title, font: 'bold' }], { size: SIZE.h1, gap: 0.4 });
  if (h.joint || h.title.indexOf(h.bodies[0]?.name ?? '') < 0) for (const b of h.bodies) para(doc, [{ text: b.name, font: 'bold' }], { gap: 0.05 });
  doc.moveDown(0.3);
  const fact = (label: string, value: string): void => para(doc, [{ text: `${label} `, font: 'bold' }, { text: value }], { gap: 0.05 });
  fact('Tid:', h.time);
  if (h.place) fact('Plats:', h.place);
  if (h.secretaries.length) fact('Sekreterare:', h.secretaries.join(', '));
  if (h.chair) fact('Ordförande:', h.chair);
  for (const c of h.chairHandovers) para(doc, [{ text: c }], { gap: 0.05 });
  if (h.justerare.length) fact('Justerare:', h.justerare.join('; '));

  heading(doc, 'Närvarande', SIZE.h2);
  for (const b of m.attendance.bodies) {
    if (h.joint) heading(doc, b.bodyName, SIZE.h3);
    for (const g of b.groups) group(doc, g);
  }
  for (const g of m.attendance.common) group(doc, g);
  para(doc, [{ text: m.legend, font: 'italic' }]);

  heading(doc, 'Ärenden', SIZE.h2);
  agenda(doc, m);

  const loose = m.tasks.filter((t) => t.itemNumber === null);
  const full = doc.page.width - MARGIN.left - MARGIN.right;
  if (loose.length) {
    heading(doc, 'Uppdrag', SIZE.h2);
    for (const t of loose) bulletLine(doc, [{ text: t.line }], MARGIN.left, full);
  }
  if (m.attachments.length) {
    heading(doc, 'Bilagor', SIZE.h2);
    m.attachments.forEach((a, k) => para(doc, [{ text: `${k + 1}. ` }, ...inlineRuns([{ kind: 'link', text: a.title, url: a.url }]), { text: ` (punkt ${a.itemNumber})` }]));
  }
  const upcoming = upcomingSection(m);
  if (upcoming.length) {
    heading(doc, 'Kommande möten', SIZE.h2);
    for (const u of upcoming) bulletLine(doc, [{ text: u.line }], MARGIN.left, full);
  }
  if (m.evaluation) {
    const ev = m.evaluation;
    heading(doc, 'Driv och hinder', SIZE.h2);
    if (ev.worked.length) para(doc, [{ text: 'Driv:', font: 'bold' }], { gap: 0.15 });
    for (const w of ev.worked) bulletLine(doc, [{ text: w }], MARGIN.left, full);
    if (ev.hindered.length) para(doc, [{ text: 'Hinder:', font: 'bold' }], { gap: 0.15 });
    for (const w of ev.hindered) bulletLine(doc, [{ text: w }], MARGIN.left, full);
    if (ev.averageScore !== null) para(doc, [{ text: `Medelbetyg: ${formatScore(ev.averageScore)} av 5 (${ev.responses} svar)` }]);
  }
  doc.moveDown(1);
  if (m.justering.line) para(doc, [{ text: m.justering.line, font: 'bold' }]);
  else if (m.justering.pending.length) para(doc, [{ text: `Ej justerat. Justerare: ${m.justering.pending.join(', ')}`, font: 'italic' }]);
  const status = m.status === 'final' ? 'slutlig' : 'utkast';
  para(doc, [{ text: `Version ${m.version}, ${status}${m.contentHash ? `, kontrollsumma ${m.contentHash}` : ''}`, font: 'italic' }], { size: SIZE.small });

  pageFurniture(doc, m);
  doc.end();
  return done;
}
