import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderMinutesDocx } from '../../../bot/minutes/render-docx';
import { buildMinutesModel } from '../../../shared/minutes/build-minutes-model';
import type { MinutesModel } from '../../../shared/minutes/minutes-model';
import { renderMinutesHtml } from '../../../shared/minutes/render-html';
import { SEED_2022, SEED_2024 } from './fixtures';
import { htmlDecisions, htmlHeadings, htmlListItems, readDocx, type DocxParagraph } from './read-back';

/** Attendance lines in the .docx: "✓ " run = deltog, struck run = förhinder. */
function docxPeople(paragraphs: DocxParagraph[]): { text: string; state: string }[] {
  const start = paragraphs.findIndex((p) => p.text === 'Närvarande');
  const end = paragraphs.findIndex((p) => p.text === 'Ärenden');
  return paragraphs
    .slice(start + 1, end)
    .filter((p) => p.style === null && !/:$/.test(p.text) && !p.text.startsWith('✓ = deltog'))
    .map((p) => {
      if (p.runs[0]?.text === '✓ ') return { text: p.text.slice(2), state: 'deltog' };
      if (p.runs.length > 0 && p.runs.every((r) => r.strike)) return { text: p.text, state: 'förhinder' };
      return { text: p.text, state: 'unmarked' };
    });
}

async function both(m: MinutesModel): Promise<{ html: string; paragraphs: DocxParagraph[] }> {
  const buf = await renderMinutesDocx(m);
  expect(Buffer.isBuffer(buf)).toBe(true);
  return { html: renderMinutesHtml(m), paragraphs: readDocx(buf).paragraphs };
}

describe('renderMinutesDocx read back', () => {
  it('2024 joint protocol: title block, same people in the same states, items and decisions as the HTML', async () => {
    const m = buildMinutesModel(SEED_2024.input);
    const { html, paragraphs } = await both(m);
    const texts = paragraphs.map((p) => p.text);

    // Title block as in the seed: both bodies, "Protokoll", Tid/Plats/Sekreterare.
    expect(texts.slice(0, 3)).toEqual([...SEED_2024.expected.bodies.map((b) => b.name), 'Protokoll']);
    expect(texts).toContain('Tid: 2024-09-20, kl. 09.00–12.00');
    expect(texts).toContain('Plats: Lokal Eken, Eklundavägen 1');
    expect(texts).toContain('Sekreterare: Malin Duckert Ek, Maria Lindborg');

    // People: the docx list and the HTML list are the same lines in the same states, in the same order.
    const htmlPeople = htmlListItems(html.slice(html.indexOf('<h2>Närvarande</h2>'), html.indexOf('<h2>Ärenden</h2>'))).map((l) => ({ text: l.text, state: l.state }));
    expect(docxPeople(paragraphs)).toEqual(htmlPeople);
    const struckRuns = paragraphs.flatMap((p) => p.runs).filter((r) => r.strike).map((r) => r.text.split(',')[0]);
    expect(struckRuns.sort()).toEqual(Object.values(SEED_2024.expected.struck).flat().sort());

    // Items: the same numbered headings; presenters in italics.
    const itemHeadings = paragraphs.filter((p) => p.style === 'Heading3' && /^\d+\. /.test(p.text)).map((p) => p.text);
    expect(itemHeadings).toEqual(htmlHeadings(html, 3).filter((h) => /^\d+\. /.test(h)));
    const presenter = paragraphs[paragraphs.findIndex((p) => p.text.startsWith('10. ')) + 1];
    expect(presenter?.text).toBe('Maria Lindborg och Malin Duckert Ek');
    expect(presenter?.runs.every((r) => r.italics)).toBe(true);

    // Decisions: bold runs, same as the HTML.
    const decisions = paragraphs
      .flatMap((p) => p.runs)
      .filter((r) => r.bold && r.text.startsWith('Beslut: '))
      .map((r) => r.text.slice('Beslut: '.length));
    expect(decisions).toEqual(htmlDecisions(html));
    expect(decisions).toEqual(SEED_2024.expected.decisions);

    // Justering at the end, in bold.
    const just = paragraphs.filter((p) => p.text === SEED_2024.expected.justering);
    expect(just.at(-1)?.runs[0]?.bold).toBe(true);
    expect(paragraphs.findIndex((p) => p === just.at(-1))).toBeGreaterThan(paragraphs.findIndex((p) => p.text.startsWith('14. ')));
  });

  it('2022 minnesanteckningar: partial attendance, notes lists, links, upcoming and evaluation', async () => {
    const m = buildMinutesModel(SEED_2022.input);
    const { html, paragraphs } = await both(m);
    const people = docxPeople(paragraphs);
    expect(people.map((p) => p.state).every((s) => s === 'deltog')).toBe(true);
    for (const [name, partial] of Object.entries(SEED_2022.expected.partial)) {
      expect(people.find((p) => p.text.startsWith(name))?.text).toContain(`(${partial})`);
    }
    const texts = paragraphs.map((p) => p.text);
    expect(texts.slice(0, 3)).toEqual(['Chefsgrupp folkhälsa', 'Minnesanteckningar', SEED_2022.expected.title]);
    expect(texts).toContain(SEED_2022.expected.title);
    for (const w of SEED_2022.expected.worked) expect(texts).toContain(w);
    expect(texts).toContain('21 april 2022 em');
    expect(texts).toContain('Medelbetyg: 4,3 av 5 (3 svar)');
    expect(htmlHeadings(html, 2).every((h) => texts.includes(h))).toBe(true);
    const { xml } = readDocx(await renderMinutesDocx(m));
    expect(xml).toContain('<w:hyperlink');
  });

  it('keeps user text as text (XML-escaped) and drops unsafe links', async () => {
    const input = structuredClone(SEED_2024.input);
    input.items[4]!.title = 'Rapport <w:r>&</w:r>';
    input.items[4]!.notes = '[js](javascript:alert(1)) och [ok](https://x.se/a?b=1&c=2)';
    const buf = await renderMinutesDocx(buildMinutesModel(input));
    const { paragraphs, xml } = readDocx(buf);
    expect(paragraphs.map((p) => p.text)).toContain('5. Rapport <w:r>&</w:r>');
    // The unsafe link stays visible as text, but only the https link becomes a hyperlink relationship.
    expect(xml).toContain('[js](javascript:alert(1)) och ');
    // "ok" + the two attachments, in their item (as the HTML has them) and in the Bilagor list.
    expect((xml.match(/<w:hyperlink /g) ?? []).length).toBe(5);
    const files = unzipSync(buf);
    const rels = strFromU8(files['word/_rels/document.xml.rels']!);
    expect(rels).toContain('Target="https://x.se/a?b=1&amp;c=2"');
    expect(rels).not.toContain('javascript:');
  });
});
