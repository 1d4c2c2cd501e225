import { inlinesToText, type Inline, type NoteBlock } from './note-blocks';
import { upcomingInItem, upcomingSection, type MinutesModel, type MinutesPerson, type MinutesRoleGroup } from './minutes-model';

export type TextStyle = 'plain' | 'markdown';

// Characters that would turn user text into Markdown formatting.
const mdEscape = (s: string): string => s.replace(/([\\`*_{}[\]()#+!|~<>])/g, '\\$1');

interface Ctx {
  md: boolean;
  t: (s: string) => string;
}

function inl(list: readonly Inline[], c: Ctx): string {
  if (!c.md) return inlinesToText(list);
  return list.map((i) => (i.kind === 'link' ? `[${c.t(i.text)}](<${i.url}>)` : c.t(i.text))).join('');
}

function notes(blocks: readonly NoteBlock[], c: Ctx): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph') out.push(inl(b.inlines, c), '');
    else {
      b.items.forEach((i, k) => out.push(`${b.kind === 'bullets' ? '-' : `${k + 1}.`} ${inl(i, c)}`));
      out.push('');
    }
  }
  return out;
}

/** Plain: "✓ name" / "name (meddelat förhinder)"; Markdown: "✓ name" / "~~name~~". */
function person(p: MinutesPerson, c: Ctx): string {
  const line = c.t(p.line);
  if (p.state === 'present') return `✓ ${line}`;
  if (p.state === 'förhinder') return c.md ? `~~${line}~~` : `${line} (meddelat förhinder)`;
  return line;
}

function group(g: MinutesRoleGroup, c: Ctx): string[] {
  return [`${c.md ? `**${g.label}:**` : `${g.label}:`}`, ...g.people.map((p) => `- ${person(p, c)}`), ''];
}

function lines(m: MinutesModel, c: Ctx, withStatus: boolean): string[] {
  const h = m.header;
  const b = (s: string): string => (c.md ? `**${s}**` : s);
  const H = (level: number, s: string): string => (c.md ? `${'#'.repeat(level)} ${s}` : s);
  const out: string[] = [H(1, c.t(h.title)), ''];
  if (h.joint) out.push(...h.bodies.map((x) => c.t(x.name)), '');
  out.push(`${b('Tid:')} ${c.t(h.time)}`);
  if (h.place) out.push(`${b('Plats:')} ${c.t(h.place)}`);
  if (h.secretaries.length) out.push(`${b('Sekreterare:')} ${c.t(h.secretaries.join(', '))}`);
  if (h.chair) out.push(`${b('Ordförande:')} ${c.t(h.chair)}`);
  for (const x of h.chairHandovers) out.push(c.t(x));
  if (h.justerare.length) out.push(`${b('Justerare:')} ${c.t(h.justerare.join('; '))}`);
  out.push('', H(2, 'Närvarande'), '');
  for (const body of m.attendance.bodies) {
    if (h.joint) out.push(H(3, c.t(body.bodyName)), '');
    for (const g of body.groups) out.push(...group(g, c));
  }
  for (const g of m.attendance.common) out.push(...group(g, c));
  out.push(c.t(m.legend), '', H(2, 'Ärenden'), '');
  for (const item of m.items) {
    out.push(H(3, `${item.number}. ${c.t(item.title)}`));
    if (item.presenters.length) out.push(c.md ? `*${c.t(item.presenters.join(' och '))}*` : `Föredragande: ${item.presenters.join(' och ')}`);
    for (const x of item.chairNotes) out.push(c.t(x));
    out.push('');
    out.push(...notes(item.notes, c));
    for (const d of item.decisions) {
      out.push(`${b(`${d.unconfirmed ? 'Beslut (ej bekräftat):' : 'Beslut:'} ${c.t(d.text)}`)}${d.postponed ? ' (beslutet skjuts upp)' : ''}`);
      if (d.vote) out.push(c.t(d.vote.line));
      for (const r of d.reservations) out.push(c.t(r));
      out.push('');
    }
    if (item.tasks.length) out.push(b('Uppdrag:'), ...item.tasks.map((t) => `- ${c.t(t.line)}`), '');
    if (item.attachments.length) out.push(`Bilagor: ${item.attachments.map((a) => (c.md ? `[${c.t(a.title)}](<${a.url}>)` : `${a.title} (${a.url})`)).join(', ')}`, '');
    const dates = upcomingInItem(m, item.number);
    if (dates.length) out.push(b('Kommande möten:'), ...dates.map((u) => `- ${c.t(u.line)}`), '');
  }
  const loose = m.tasks.filter((t) => t.itemNumber === null);
  if (loose.length) out.push(H(2, 'Uppdrag'), '', ...loose.map((t) => `- ${c.t(t.line)}`), '');
  if (m.attachments.length) {
    out.push(H(2, 'Bilagor'), '', ...m.attachments.map((a, k) => `${k + 1}. ${c.md ? `[${c.t(a.title)}](<${a.url}>)` : `${a.title} (${a.url})`} (punkt ${a.itemNumber})`), '');
  }
  const upcoming = upcomingSection(m);
  if (upcoming.length) out.push(H(2, 'Kommande möten'), '', ...upcoming.map((u) => `- ${c.t(u.line)}`), '');
  if (m.evaluation) {
    const ev = m.evaluation;
    out.push(H(2, 'Driv och hinder'), '');
    if (ev.worked.length) out.push(b('Driv:'), ...ev.worked.map((w) => `- ${c.t(w)}`), '');
    if (ev.hindered.length) out.push(b('Hinder:'), ...ev.hindered.map((w) => `- ${c.t(w)}`), '');
    if (ev.averageScore !== null) out.push(`Medelbetyg: ${ev.averageScore.toFixed(1).replace('.', ',')} av 5 (${ev.responses} svar)`, '');
  }
  if (m.justering.line) out.push(b(c.t(m.justering.line)), '');
  else if (m.justering.pending.length) out.push(`Ej justerat. Justerare: ${c.t(m.justering.pending.join(', '))}`, '');
  if (withStatus) out.push(`Version ${m.version}, ${m.status === 'final' ? 'slutlig' : 'utkast'}${m.contentHash ? `, kontrollsumma ${m.contentHash}` : ''}`);
  return out;
}

function finish(out: string[]): string {
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/** The minutes as plain text (e-mail, logs) or Markdown (tab preview, chat). */
export function renderMinutesText(m: MinutesModel, style: TextStyle = 'plain'): string {
  const md = style === 'markdown';
  return finish(lines(m, { md, t: md ? mdEscape : (s) => s }, true));
}

/**
 * The text the content hash is taken over: plain text without the version/status/hash line (the hash
 * cannot cover itself, and the same content must hash the same in every version), Unicode NFC,
 * "\n" line ends, no trailing spaces. Store sha256(canonicalMinutesText(model)) when a version locks.
 */
export function canonicalMinutesText(m: MinutesModel): string {
  return finish(lines(m, { md: false, t: (s) => s }, false))
    .normalize('NFC')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}
