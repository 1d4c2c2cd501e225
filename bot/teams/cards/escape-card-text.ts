/**
 * Adaptive Card TextBlocks (and Fact titles/values) render a subset of Markdown in Teams: bold, italic,
 * lists and links. A person's name, an agenda title or a decision text must show exactly as written and
 * must never become a link with a hidden target ("[klicka](https://evil)") or change the card's layout.
 * We neutralise Markdown with CommonMark backslash escapes, which Teams' renderers honour and which show
 * as the plain character. HTML is never rendered in Adaptive Cards, but `<`/`>` are escaped too so that
 * a blockquote or an autolink "<https://…>" cannot form. `{`/`}` are escaped so the card's
 * {{DATE()}}/{{TIME()}} functions cannot be triggered from user text.
 * A bare URL may still be shown as a link by the client; its visible text is then its real target,
 * which is not the spoofing this guards against.
 */

// Characters escaped anywhere in a line. Backslash is first so that our own escapes are not doubled.
const INLINE = /[\\`*_[\]()#<>~{}|!]/g;

export function escapeCardText(raw: string): string {
  const normalised = raw
    .replace(/\r\n?/g, '\n')
    // Control characters (except newline and tab) have no business in a card.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
  return normalised
    .split('\n')
    .map((line) => {
      let out = line.replace(INLINE, (c) => `\\${c}`);
      // List markers, setext heading underlines and thematic breaks only mean something at line start.
      out = out.replace(/^(\s*)([-+=])/, '$1\\$2');
      out = out.replace(/^(\s*\d+)([.)])/, '$1\\$2');
      return out;
    })
    .join('\n');
}

/** Cuts a user string to `max` characters (on a code point boundary) and marks the cut with "…". */
export function clampText(raw: string, max: number): string {
  const chars = Array.from(raw);
  return chars.length <= max ? raw : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
