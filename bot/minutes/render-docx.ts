import { AlignmentType, Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type ParagraphChild } from 'docx';
import { isSafeUrl } from '../../shared/minutes/escape-html';
import type { Inline, NoteBlock } from '../../shared/minutes/note-blocks';
import { upcomingInItem, upcomingSection, type MinutesItem, type MinutesModel, type MinutesPerson, type MinutesRoleGroup } from '../../shared/minutes/minutes-model';
import { minutesFooter, minutesHeader } from './docx-letterhead';

/*
 * The Word file laid out like the seeds: title block (bodies, document kind, Tid/Plats/Sekreterare),
 * Ordförande/Justerare, attendance per body and role (✓ for deltog, struck-through run for förhinder),
 * numbered items with presenters in italics (or the councils' "Nummer/föredragande | Ärende" table),
 * notes, decisions in bold, justering lines at the end; the letterhead as the page header and
 * "Sida n (m)" as the footer on every page.
 * The docx library escapes XML itself; we only refuse unsafe link schemes.
 */

const FONT = 'Arial';

const run = (text: string, opts: { bold?: boolean; italics?: boolean; strike?: boolean; size?: number } = {}): TextRun =>
  new TextRun({ text, ...opts });

function inlineRuns(list: readonly Inline[]): ParagraphChild[] {
  return list.map((i) =>
    i.kind === 'link' && isSafeUrl(i.url)
      ? new ExternalHyperlink({ link: i.url.trim(), children: [new TextRun({ text: i.text, style: 'Hyperlink' })] })
      : run(i.text),
  );
}

function noteParagraphs(blocks: readonly NoteBlock[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph') out.push(new Paragraph({ children: inlineRuns(b.inlines), spacing: { after: 120 } }));
    else if (b.kind === 'bullets') for (const i of b.items) out.push(new Paragraph({ children: inlineRuns(i), bullet: { level: 0 } }));
    // Numbered note lists keep their numbers as text so they never continue the item numbering.
    else b.items.forEach((i, k) => out.push(new Paragraph({ children: [run(`${k + 1}. `), ...inlineRuns(i)], indent: { left: 360 } })));
  }
  return out;
}

function personParagraph(p: MinutesPerson): Paragraph {
  const children: TextRun[] = [];
  if (p.state === 'present') children.push(run('✓ '));
  children.push(run(p.line, p.state === 'förhinder' ? { strike: true } : {}));
  return new Paragraph({ children, indent: { left: 360 } });
}

function groupParagraphs(g: MinutesRoleGroup): Paragraph[] {
  return [new Paragraph({ children: [run(`${g.label}:`, { bold: true })], spacing: { before: 120 } }), ...g.people.map(personParagraph)];
}

const labelled = (label: string, value: string): Paragraph => new Paragraph({ children: [run(`${label} `, { bold: true }), run(value)] });

/** An item's text after its title and presenters (the same parts, in the same order, as the HTML). */
function itemParagraphs(m: MinutesModel, item: MinutesItem): Paragraph[] {
  const c: Paragraph[] = [];
  for (const x of item.chairNotes) c.push(new Paragraph({ children: [run(x, { italics: true })] }));
  c.push(...noteParagraphs(item.notes));
  for (const d of item.decisions) {
    const children: TextRun[] = [run(`${d.unconfirmed ? 'Beslut (ej bekräftat):' : 'Beslut:'} ${d.text}`, { bold: true })];
    if (d.postponed) children.push(run(' (beslutet skjuts upp)', { italics: true }));
    c.push(new Paragraph({ children, spacing: { before: 120 } }));
    if (d.vote) c.push(new Paragraph({ children: [run(d.vote.line)] }));
    for (const r of d.reservations) c.push(new Paragraph({ children: [run(r, { italics: true })] }));
  }
  if (item.tasks.length) {
    c.push(new Paragraph({ children: [run('Uppdrag:', { bold: true })] }));
    for (const t of item.tasks) c.push(new Paragraph({ children: [run(t.line)], bullet: { level: 0 } }));
  }
  if (item.attachments.length) {
    const links = item.attachments.flatMap((a, k) => [...(k ? [run(', ')] : []), ...inlineRuns([{ kind: 'link', text: a.title, url: a.url }])]);
    c.push(new Paragraph({ children: [run('Bilagor: '), ...links] }));
  }
  const dates = upcomingInItem(m, item.number);
  if (dates.length) {
    c.push(new Paragraph({ children: [run('Kommande möten:', { bold: true })], spacing: { before: 120 } }));
    for (const u of dates) c.push(new Paragraph({ children: [run(u.line)], bullet: { level: 0 } }));
  }
  return c;
}

/** The councils' agenda table: "Nummer/föredragande | Ärende", a header row repeated on each page. */
function agendaTable(m: MinutesModel): Table {
  const cell = (children: Paragraph[], pct: number): TableCell => new TableCell({ width: { size: pct, type: WidthType.PERCENTAGE }, margins: { top: 60, bottom: 60, left: 80, right: 80 }, children });
  const head = new TableRow({
    tableHeader: true,
    children: [cell([new Paragraph({ children: [run('Nummer/föredragande', { bold: true })] })], 22), cell([new Paragraph({ children: [run('Ärende', { bold: true })] })], 78)],
  });
  const rows = m.items.map(
    (item) =>
      new TableRow({
        cantSplit: false,
        children: [
          cell([new Paragraph({ children: [run(`${item.number}.`)] }), ...(item.presenters.length ? [new Paragraph({ children: [run(item.presenters.join(' och '), { italics: true })] })] : [])], 22),
          cell([new Paragraph({ children: [run(item.title, { bold: true })] }), ...itemParagraphs(m, item)], 78),
        ],
      }),
  );
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, columnWidths: [2000, 7000], rows: [head, ...rows] });
}

export function buildMinutesDocument(m: MinutesModel): Document {
  const h = m.header;
  const c: (Paragraph | Table)[] = [];
  for (const b of h.bodies) c.push(new Paragraph({ children: [run(b.name, { bold: true, size: 26 })] }));
  c.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [run(h.documentKindLabel, { bold: true })], spacing: { before: 240 } }));
  c.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(h.title)] }));
  c.push(labelled('Tid:', h.time));
  if (h.place) c.push(labelled('Plats:', h.place));
  if (h.secretaries.length) c.push(labelled('Sekreterare:', h.secretaries.join(', ')));
  if (m.justering.line) c.push(new Paragraph({ children: [run(m.justering.line)] }));
  if (h.chair) c.push(labelled('Ordförande:', h.chair));
  for (const x of h.chairHandovers) c.push(new Paragraph({ children: [run(x, { italics: true })] }));
  if (h.justerare.length) c.push(labelled('Justerare:', h.justerare.join('; ')));

  c.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run('Närvarande')] }));
  for (const b of m.attendance.bodies) {
    if (h.joint) c.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [run(b.bodyName)] }));
    for (const g of b.groups) c.push(...groupParagraphs(g));
  }
  for (const g of m.attendance.common) c.push(...groupParagraphs(g));
  c.push(new Paragraph({ children: [run(m.legend, { italics: true })], spacing: { before: 120 } }));

  c.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run('Ärenden')] }));
  if (m.layout?.agenda === 'table') c.push(agendaTable(m));
  else {
    for (const item of m.items) {
      c.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [run(`${item.number}. ${item.title}`)] }));
      if (item.presenters.length) c.push(new Paragraph({ children: [run(item.presenters.join(' och '), { italics: true })] }));
      c.push(...itemParagraphs(m, item));
    }
  }

  const loose = m.tasks.filter((t) => t.itemNumber === null);
  if (loose.length) {
    c.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run('Uppdrag')] }));
    for (const t of loose) c.push(new Paragraph({ children: [run(t.line)], bullet: { level: 0 } }));
  }
  if (m.attachments.length) {
    c.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run('Bilagor')] }));
    m.attachments.forEach((a, k) =>
      c.push(new Paragraph({ children: [run(`${k + 1}. `), ...inlineRuns([{ kind: 'link', text: a.title, url: a.url }]), run(` (punkt ${a.itemNumber})`)] })),
    );
  }
  const upcoming = upcomingSection(m);
  if (upcoming.length) {
    c.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run('Kommande möten')] }));
    for (const u of upcoming) c.push(new Paragraph({ children: [run(u.line)], bullet: { level: 0 } }));
  }
  if (m.evaluation) {
    const ev = m.evaluation;
    c.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run('Driv och hinder')] }));
    if (ev.worked.length) c.push(new Paragraph({ children: [run('Driv:', { bold: true })] }), ...ev.worked.map((w) => new Paragraph({ children: [run(w)], bullet: { level: 0 } })));
    if (ev.hindered.length) c.push(new Paragraph({ children: [run('Hinder:', { bold: true })] }), ...ev.hindered.map((w) => new Paragraph({ children: [run(w)], bullet: { level: 0 } })));
    if (ev.averageScore !== null) c.push(new Paragraph({ children: [run(`Medelbetyg: ${ev.averageScore.toFixed(1).replace('.', ',')} av 5 (${ev.responses} svar)`)] }));
  }

  // Justering at the end, as signed copies carry it.
  c.push(new Paragraph({ children: [], spacing: { before: 360 } }));
  if (m.justering.line) c.push(new Paragraph({ children: [run(m.justering.line, { bold: true })] }));
  else if (m.justering.pending.length) c.push(new Paragraph({ children: [run(`Ej justerat. Justerare: ${m.justering.pending.join(', ')}`, { italics: true })] }));
  c.push(
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      children: [run(`Version ${m.version}, ${m.status === 'final' ? 'slutlig' : 'utkast'}${m.contentHash ? `, kontrollsumma ${m.contentHash}` : ''}`, { italics: true, size: 18 })],
    }),
  );

  return new Document({
    creator: 'Rådslag',
    title: h.title,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [{ properties: {}, headers: { default: minutesHeader(m) }, footers: { default: minutesFooter() }, children: c }],
  });
}

/** The minutes as a .docx file. */
export async function renderMinutesDocx(m: MinutesModel): Promise<Buffer> {
  return Packer.toBuffer(buildMinutesDocument(m));
}
