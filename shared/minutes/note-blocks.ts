import { isSafeUrl } from './escape-html';

/** Inline content of the secretary's notes: text or a link. */
export type Inline = { kind: 'text'; text: string } | { kind: 'link'; text: string; url: string };

export type NoteBlock =
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'bullets'; items: Inline[][] }
  | { kind: 'numbered'; items: Inline[][] };

// Markdown link, <url>, or a bare url; bare urls drop a trailing sentence mark.
const LINK_RE = /\[([^\]\n]+)\]\(([^)\s]+)\)|<((?:https?:\/\/|mailto:)[^>\s]+)>|((?:https?:\/\/)[^\s<>()]+[^\s<>().,;:!?])/g;

export function parseInlines(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(LINK_RE)) {
    const at = m.index ?? 0;
    const url = m[2] ?? m[3] ?? m[4] ?? '';
    const label = m[1] ?? url;
    if (!isSafeUrl(url)) continue; // left as plain text below
    if (at > last) out.push({ kind: 'text', text: text.slice(last, at) });
    out.push({ kind: 'link', text: label, url });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return mergeText(out);
}

function mergeText(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const i of inlines) {
    const prev = out[out.length - 1];
    if (i.kind === 'text' && prev?.kind === 'text') prev.text += i.text;
    else out.push({ ...i });
  }
  return out;
}

const BULLET_RE = /^\s*[-•*–]\s+(.*)$/;
const NUMBERED_RE = /^\s*\d+[.)]\s+(.*)$/;

/**
 * The secretary types notes as plain text: blank lines separate paragraphs, lines starting with
 * "- ", "• " or "* " are bullets, "1. " numbered items, links as URLs or [text](url). Single line
 * breaks inside a paragraph are kept as spaces so pasted Word text does not break mid-sentence.
 */
export function parseNotes(notes: string): NoteBlock[] {
  const blocks: NoteBlock[] = [];
  const lines = notes.replace(/\r\n?/g, '\n').split('\n');
  let para: string[] = [];
  const flush = (): void => {
    if (para.length) blocks.push({ kind: 'paragraph', inlines: parseInlines(para.join(' ')) });
    para = [];
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    const bullet = BULLET_RE.exec(line);
    const numbered = bullet ? null : NUMBERED_RE.exec(line);
    if (line.trim() === '') {
      flush();
    } else if (bullet || numbered) {
      flush();
      const kind = bullet ? 'bullets' : 'numbered';
      const content = parseInlines(((bullet ?? numbered) as RegExpExecArray)[1] ?? '');
      const prev = blocks[blocks.length - 1];
      if (prev && prev.kind === kind) prev.items.push(content);
      else blocks.push(kind === 'bullets' ? { kind: 'bullets', items: [content] } : { kind: 'numbered', items: [content] });
    } else {
      const prev = blocks[blocks.length - 1];
      // A continuation line directly under a list item belongs to that item.
      if (para.length === 0 && prev && prev.kind !== 'paragraph' && /^\s{2,}/.test(raw)) {
        const item = prev.items[prev.items.length - 1];
        if (item) {
          item.push({ kind: 'text', text: ' ' });
          item.push(...parseInlines(line.trim()));
          prev.items[prev.items.length - 1] = mergeText(item);
          continue;
        }
      }
      para.push(line.trim());
    }
  }
  flush();
  return blocks;
}

export function inlinesToText(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.kind === 'link' && i.text !== i.url ? `${i.text} (${i.url})` : i.text)).join('');
}
