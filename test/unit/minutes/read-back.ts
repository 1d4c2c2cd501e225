/** Independent readers for rendered minutes: they parse the output, they do not reuse the renderers. */
import { strFromU8, unzipSync } from 'fflate';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'" };
export const unescapeEntities = (s: string): string => s.replace(/&(amp|lt|gt|quot|apos|#39);/g, (m) => ENTITIES[m] ?? m);
const stripTags = (s: string): string => unescapeEntities(s.replace(/<[^>]+>/g, ''));

export type ListedState = 'deltog' | 'förhinder' | 'unmarked';

export interface HtmlPersonLine {
  text: string;
  state: ListedState;
}

/** Every <li> of the HTML with its mark: "✓ …" = deltog, wrapped in <s> = förhinder. */
export function htmlListItems(html: string): HtmlPersonLine[] {
  return [...html.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => {
    const inner = m[1] ?? '';
    if (/^<s>[\s\S]*<\/s>$/.test(inner)) return { text: stripTags(inner), state: 'förhinder' };
    if (inner.startsWith('✓ ')) return { text: stripTags(inner.slice(2)), state: 'deltog' };
    return { text: stripTags(inner), state: 'unmarked' };
  });
}

export function htmlHeadings(html: string, level: 1 | 2 | 3): string[] {
  return [...html.matchAll(new RegExp(`<h${level}>([\\s\\S]*?)</h${level}>`, 'g'))].map((m) => stripTags(m[1] ?? ''));
}

/** Bold paragraphs starting "Beslut:" → the decision text. */
export function htmlDecisions(html: string): string[] {
  return [...html.matchAll(/<p><b>Beslut(?: \(ej bekräftat\))?: ([\s\S]*?)<\/b>/g)].map((m) => stripTags(m[1] ?? ''));
}

export interface DocxRun {
  text: string;
  bold: boolean;
  italics: boolean;
  strike: boolean;
}
export interface DocxParagraph {
  text: string;
  runs: DocxRun[];
  style: string | null;
}

/** Unzips the .docx and reads word/document.xml into paragraphs of runs with their formatting. */
export function readDocx(buf: Uint8Array): { paragraphs: DocxParagraph[]; xml: string } {
  const files = unzipSync(buf);
  const doc = files['word/document.xml'];
  if (!doc) throw new Error('word/document.xml missing');
  const xml = strFromU8(doc);
  const paragraphs = [...xml.matchAll(/<w:p(?: [^>]*)?>([\s\S]*?)<\/w:p>/g)].map((pm) => {
    const body = pm[1] ?? '';
    const style = /<w:pStyle w:val="([^"]+)"/.exec(body)?.[1] ?? null;
    const runs = [...body.matchAll(/<w:r(?: [^>]*)?>([\s\S]*?)<\/w:r>/g)].map((rm) => {
      const r = rm[1] ?? '';
      const rPr = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(r)?.[1] ?? '';
      const on = (tag: string): boolean => new RegExp(`<w:${tag}(?: w:val="(?:true|1|on)")?\\s*/>`).test(rPr);
      const text = [...r.matchAll(/<w:t(?: [^>]*)?>([\s\S]*?)<\/w:t>/g)].map((t) => unescapeEntities(t[1] ?? '')).join('');
      return { text, bold: on('b'), italics: on('i'), strike: on('strike') };
    });
    return { text: runs.map((r) => r.text).join(''), runs, style };
  });
  return { paragraphs, xml };
}
