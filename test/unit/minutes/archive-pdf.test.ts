/**
 * The archive PDF/A says what the HTML minutes say, word for word and in the same order, and so does the
 * .docx; the file is checked by tools that are not ours: Apache PDFBox Preflight (PDF/A validator),
 * qpdf and pdftotext from Debian. Preflight knows PDF/A-1b only (veraPDF, which knows PDF/A-2, cannot be
 * installed here), so the same minutes are also rendered as PDF/A-1b and must pass it fully, and the
 * PDF/A-2b file may differ from PDF/A-1 only where PDF/A-2 allows it (CIDSet optional, part 2).
 */
import { describe, expect, it } from 'vitest';
import { letterheadLines } from '../../../bot/minutes/docx-letterhead';
import { renderMinutesDocx } from '../../../bot/minutes/render-docx';
import { renderMinutesPdf } from '../../../bot/minutes/render-pdf';
import { buildMinutesModel } from '../../../shared/minutes/build-minutes-model';
import type { MinutesInput, MinutesModel } from '../../../shared/minutes/minutes-model';
import { renderMinutesHtml } from '../../../shared/minutes/render-html';
import { pdfText, preflight, qpdf } from '../../kit/pdf-tools';
import { SEED_2022, SEED_2024 } from './fixtures';
import { readDocx, unescapeEntities } from './read-back';

const words = (text: string): string[] => text.split(/\s+/).filter((w) => w && w !== '•');

/** The HTML as a reader sees it: tags gone, an ordered list's numbers shown. */
function htmlWords(html: string): string[] {
  const numbered = html.replace(/<ol>([\s\S]*?)<\/ol>/g, (_, inner: string) => {
    let k = 0;
    return inner.replace(/<li>/g, () => `<li>${++k}. `);
  });
  return words(unescapeEntities(numbered.replace(/<[^>]+>/g, ' ')));
}

/**
 * A line broken after a hyphen ("kc/rd-" / "gruppen") is one word in the HTML: joined back where the HTML
 * has the joined word at that place, never otherwise.
 */
function joinHyphenBreaks(pdf: readonly string[], html: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < pdf.length; i++) {
    const w = pdf[i]!;
    if (w.endsWith('-') && i + 1 < pdf.length && html[out.length] === w + pdf[i + 1]) {
      out.push(w + pdf[i + 1]);
      i++;
    } else out.push(w);
  }
  return out;
}

/** The page body only: the letterhead (top) and "Sida n (m)" (bottom) are page furniture. */
const BODY = { x: 0, y: 92, w: 596, h: 690 };

const tableLayout = (input: MinutesInput): MinutesInput => {
  const c = structuredClone(input);
  c.bodies[0] = { ...c.bodies[0]!, agendaLayout: 'table', upcomingPlacement: 'in_item', serviceUnit: 'Förvaltningen regional utveckling' };
  return c;
};

const CASES: [string, MinutesModel][] = [
  ['2024 joint protokoll, numbered headings', buildMinutesModel(SEED_2024.input)],
  ['2024 joint protokoll, the agenda as a table', buildMinutesModel(tableLayout(SEED_2024.input))],
  ['2022 minnesanteckningar, upcoming dates under Övriga frågor', buildMinutesModel(tableLayout(SEED_2022.input))],
];

describe.each(CASES)('%s', (_, m) => {
  it('the PDF/A has the HTML’s text word for word, and the letterhead and page numbers on every page', async () => {
    const pdf = await renderMinutesPdf(m);
    const html = htmlWords(renderMinutesHtml(m));
    expect(joinHyphenBreaks(words(pdfText(pdf, BODY)), html)).toEqual(html);
    const pages = Number(/Sida 1 \((\d+)\)/.exec(pdfText(pdf))?.[1]);
    expect(pages).toBeGreaterThan(1);
    const top = pdfText(pdf, { x: 0, y: 0, w: 596, h: 92 });
    for (const line of letterheadLines(m)) expect(words(top).join(' ')).toContain(words(line).join(' '));
    for (let n = 1; n <= pages; n++) expect(pdfText(pdf)).toContain(`Sida ${n} (${pages})`);
  }, 60_000);

  it('the .docx has the same words as the HTML (plus its document-kind line and the justering line at the top)', async () => {
    const { paragraphs } = readDocx(await renderMinutesDocx(m));
    const texts = paragraphs.map((p) => p.text);
    const kind = texts.indexOf(m.header.documentKindLabel);
    expect(kind).toBeGreaterThanOrEqual(0);
    texts.splice(kind, 1);
    if (m.justering.line) texts.splice(texts.indexOf(m.justering.line), 1);
    const sort = (ws: string[]) => [...ws].sort();
    expect(sort(words(texts.join(' ')))).toEqual(sort(htmlWords(renderMinutesHtml(m))));
  });
});

describe('the PDF/A file itself', () => {
  const m = buildMinutesModel(tableLayout(SEED_2024.input));

  it('passes Apache PDFBox Preflight as PDF/A-1b, and as PDF/A-2b differs only where PDF/A-2 allows', async () => {
    const strict = preflight(await renderMinutesPdf(m, 'PDF/A-1b'));
    expect(strict.errors).toEqual([]);
    expect(strict.valid).toBe(true);
    const archive = preflight(await renderMinutesPdf(m));
    expect(archive.valid).toBe(false);
    // PDF/A-2 (ISO 19005-2, 6.2.11.4.2) makes a CID font's CIDSet optional, and its part is 2, not 1.
    const allowed = archive.errors.filter((e) => !/^3\.1\.11 : Invalid Font definition, .*CIDSet entry is missing/.test(e) && e !== '7.11.2 : Error on MetaData, part must be 1');
    expect(allowed).toEqual([]);
    expect(archive.errors).toContain('7.11.2 : Error on MetaData, part must be 1');
  }, 120_000);

  it('declares PDF/A-2b in XMP, has the sRGB output intent, embeds every font, is not encrypted and passes qpdf --check', async () => {
    const pdf = await renderMinutesPdf(m);
    expect(Buffer.from(pdf.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7');
    const { check, status, qdf } = qpdf(pdf);
    expect(status, check).toBe(0);
    expect(check).toContain('No syntax or stream encoding errors found');
    expect(qdf).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(qdf).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(qdf).toMatch(/\/S \/GTS_PDFA1/);
    expect(qdf).toMatch(/\/DestOutputProfile \d+ 0 R/);
    expect(qdf).not.toMatch(/\/Encrypt\b/);
    const descriptors = qdf.split(/\n\d+ 0 obj\n/).filter((o) => /\/Type \/FontDescriptor/.test(o.split('endobj')[0]!));
    expect(descriptors.length).toBeGreaterThanOrEqual(3);
    for (const d of descriptors) expect(d.split('endobj')[0]).toMatch(/\/FontFile2 \d+ 0 R/);
    // No base-14 font that would not be embedded.
    expect(qdf).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  }, 60_000);

  it('is the same file for the same version (no clock, no random id)', async () => {
    const a = await renderMinutesPdf(m);
    const b = await renderMinutesPdf(m);
    expect(Buffer.compare(a, b)).toBe(0);
  }, 60_000);
});
