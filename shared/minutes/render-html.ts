import { escapeHtml, isSafeUrl } from './escape-html';
import type { Inline, NoteBlock } from './note-blocks';
import { upcomingInItem, upcomingSection, type MinutesDecision, type MinutesItem, type MinutesModel, type MinutesPerson, type MinutesRoleGroup } from './minutes-model';

/**
 * Teams refuses channel messages above about 28 KB of body HTML (Graph answers 413 / "message too
 * large"); we keep the post under this so a long protocol becomes a summary with the Word file linked.
 */
export const TEAMS_MESSAGE_LIMIT_BYTES = 28_000;

const e = escapeHtml;

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function link(text: string, url: string): string {
  // An unsafe scheme never becomes a link; the text stays so nothing the secretary wrote is lost.
  return isSafeUrl(url) ? `<a href="${e(url.trim())}">${e(text)}</a>` : e(text);
}

function inlines(list: readonly Inline[]): string {
  return list.map((i) => (i.kind === 'link' ? link(i.text, i.url) : e(i.text))).join('');
}

function noteBlocks(blocks: readonly NoteBlock[]): string {
  return blocks
    .map((b) => {
      if (b.kind === 'paragraph') return `<p>${inlines(b.inlines)}</p>`;
      const tag = b.kind === 'bullets' ? 'ul' : 'ol';
      return `<${tag}>${b.items.map((i) => `<li>${inlines(i)}</li>`).join('')}</${tag}>`;
    })
    .join('');
}

/** One attendance line: "✓ name, org (…)", struck through for förhinder. */
export function personHtml(p: MinutesPerson): string {
  const text = e(p.line);
  switch (p.state) {
    case 'present':
      return `✓ ${text}`;
    case 'förhinder':
      return `<s>${text}</s>`;
    default:
      return text;
  }
}

function groupHtml(g: MinutesRoleGroup): string {
  return `<p><b>${e(g.label)}:</b></p><ul>${g.people.map((p) => `<li>${personHtml(p)}</li>`).join('')}</ul>`;
}

function decisionHtml(d: MinutesDecision): string {
  const label = d.unconfirmed ? 'Beslut (ej bekräftat):' : 'Beslut:';
  let html = `<p><b>${label} ${e(d.text)}</b>${d.postponed ? ' <i>(beslutet skjuts upp)</i>' : ''}</p>`;
  if (d.vote) html += `<p>${e(d.vote.line)}</p>`;
  for (const r of d.reservations) html += `<p><i>${e(r)}</i></p>`;
  return html;
}

function headerHtml(m: MinutesModel): string {
  const h = m.header;
  let html = `<h1>${e(h.title)}</h1>`;
  if (h.joint || h.title.indexOf(h.bodies[0]?.name ?? '') < 0) html += `<p>${h.bodies.map((b) => `<b>${e(b.name)}</b>`).join('<br>')}</p>`;
  const lines = [`<b>Tid:</b> ${e(h.time)}`];
  if (h.place) lines.push(`<b>Plats:</b> ${e(h.place)}`);
  if (h.secretaries.length) lines.push(`<b>Sekreterare:</b> ${e(h.secretaries.join(', '))}`);
  if (h.chair) lines.push(`<b>Ordförande:</b> ${e(h.chair)}`);
  for (const c of h.chairHandovers) lines.push(e(c));
  if (h.justerare.length) lines.push(`<b>Justerare:</b> ${e(h.justerare.join('; '))}`);
  html += `<p>${lines.join('<br>')}</p>`;
  return html;
}

function statusHtml(m: MinutesModel): string {
  const status = m.status === 'final' ? 'slutlig' : 'utkast';
  return `<p><i>Version ${m.version}, ${status}${m.contentHash ? `, kontrollsumma ${e(m.contentHash)}` : ''}</i></p>`;
}

function justeringHtml(m: MinutesModel): string {
  if (m.justering.line) return `<p><b>${e(m.justering.line)}</b></p>`;
  return m.justering.pending.length ? `<p><i>Ej justerat. Justerare: ${e(m.justering.pending.join(', '))}</i></p>` : '';
}

/** The full minutes as Teams channel-message HTML (only tags Teams renders, no style/class/script). */
export function renderMinutesHtml(m: MinutesModel): string {
  const parts: string[] = [headerHtml(m)];
  parts.push('<h2>Närvarande</h2>');
  for (const b of m.attendance.bodies) {
    if (m.header.joint) parts.push(`<h3>${e(b.bodyName)}</h3>`);
    for (const g of b.groups) parts.push(groupHtml(g));
  }
  for (const g of m.attendance.common) parts.push(groupHtml(g));
  parts.push(`<p><i>${e(m.legend)}</i></p>`);

  parts.push('<h2>Ärenden</h2>');
  if (m.layout?.agenda === 'table') {
    // The councils' agenda table: "Nummer/föredragande | Ärende", one row per item.
    parts.push('<table><thead><tr><th>Nummer/föredragande</th><th>Ärende</th></tr></thead><tbody>');
    for (const item of m.items) {
      const who = item.presenters.length ? `<br><i>${e(item.presenters.join(' och '))}</i>` : '';
      parts.push(`<tr><td>${item.number}.${who}</td><td><p><b>${e(item.title)}</b></p>${itemBody(m, item)}</td></tr>`);
    }
    parts.push('</tbody></table>');
  } else {
    for (const item of m.items) {
      parts.push(`<h3>${item.number}. ${e(item.title)}</h3>`);
      if (item.presenters.length) parts.push(`<p><i>${e(item.presenters.join(' och '))}</i></p>`);
      parts.push(itemBody(m, item));
    }
  }

  const loose = m.tasks.filter((t) => t.itemNumber === null);
  if (loose.length) parts.push(`<h2>Uppdrag</h2><ul>${loose.map((t) => `<li>${e(t.line)}</li>`).join('')}</ul>`);
  if (m.attachments.length) {
    parts.push(`<h2>Bilagor</h2><ol>${m.attachments.map((a) => `<li>${link(a.title, a.url)} (punkt ${a.itemNumber})</li>`).join('')}</ol>`);
  }
  const upcoming = upcomingSection(m);
  if (upcoming.length) parts.push(`<h2>Kommande möten</h2><ul>${upcoming.map((u) => `<li>${e(u.line)}</li>`).join('')}</ul>`);
  if (m.evaluation) parts.push(evaluationHtml(m));
  parts.push(justeringHtml(m));
  parts.push(statusHtml(m));
  return parts.join('');
}

/** An item's text after its title and presenters: chair notes, notes, decisions, tasks, attachments, dates. */
function itemBody(m: MinutesModel, item: MinutesItem): string {
  const parts: string[] = [];
  for (const c of item.chairNotes) parts.push(`<p><i>${e(c)}</i></p>`);
  parts.push(noteBlocks(item.notes));
  for (const d of item.decisions) parts.push(decisionHtml(d));
  if (item.tasks.length) parts.push(`<p><b>Uppdrag:</b></p><ul>${item.tasks.map((t) => `<li>${e(t.line)}</li>`).join('')}</ul>`);
  if (item.attachments.length) parts.push(`<p>Bilagor: ${item.attachments.map((a) => link(a.title, a.url)).join(', ')}</p>`);
  const dates = upcomingInItem(m, item.number);
  if (dates.length) parts.push(`<p><b>Kommande möten:</b></p><ul>${dates.map((u) => `<li>${e(u.line)}</li>`).join('')}</ul>`);
  return parts.join('');
}

function evaluationHtml(m: MinutesModel): string {
  const ev = m.evaluation;
  if (!ev) return '';
  let html = '<h2>Driv och hinder</h2>';
  if (ev.worked.length) html += `<p><b>Driv:</b></p><ul>${ev.worked.map((w) => `<li>${e(w)}</li>`).join('')}</ul>`;
  if (ev.hindered.length) html += `<p><b>Hinder:</b></p><ul>${ev.hindered.map((w) => `<li>${e(w)}</li>`).join('')}</ul>`;
  if (ev.averageScore !== null) html += `<p>Medelbetyg: ${formatScore(ev.averageScore)} av 5 (${ev.responses} svar)</p>`;
  return html;
}

/** "3,5": Swedish decimal comma. */
export function formatScore(score: number): string {
  return score.toFixed(1).replace('.', ',');
}

export interface ChannelPostOptions {
  /** Link to the Word file in the channel's files folder. */
  docxUrl?: string | null;
  limitBytes?: number;
}

/** Short post for long minutes: header, attendance counts, decisions per item, and the Word file linked. */
export function renderMinutesSummaryHtml(m: MinutesModel, opts: ChannelPostOptions = {}): string {
  const limit = opts.limitBytes ?? TEAMS_MESSAGE_LIMIT_BYTES;
  const head: string[] = [headerHtml(m)];
  head.push('<h2>Närvaro</h2><ul>');
  for (const b of m.attendance.counts.perBody) {
    head.push(
      `<li>${e(b.bodyName)}: ${b.ledamöterPresent} av ${b.ledamöterListed} ledamöter deltog, ${b.ersättarePresent} ersättare tjänstgjorde, ${b.förhinder} meddelat förhinder</li>`,
    );
  }
  head.push(`</ul><p>Totalt ${m.attendance.counts.present} deltog, ${m.attendance.counts.förhinder} meddelat förhinder.</p>`);
  const link_ =
    opts.docxUrl && isSafeUrl(opts.docxUrl)
      ? `<p>Hela protokollet: ${link(`${m.header.documentKindLabel} version ${m.version} (Word)`, opts.docxUrl)}</p>`
      : '<p><i>Hela protokollet finns som Word-fil i kanalens filer.</i></p>';
  const tail = [justeringHtml(m), link_, statusHtml(m)].join('');
  const decisions = m.items.flatMap((i) =>
    i.decisions.map((d) => `<li>${i.number}. ${e(i.title)}: <b>${e(d.text)}</b>${d.postponed ? ' <i>(uppskjutet)</i>' : ''}</li>`),
  );
  const build = (n: number): string => {
    const more = decisions.length - n;
    const list = decisions.length ? `<h2>Beslut</h2><ul>${decisions.slice(0, n).join('')}</ul>${more > 0 ? `<p><i>… och ${more} beslut till i Word-filen.</i></p>` : ''}` : '';
    return head.join('') + list + tail;
  };
  // Drop decisions from the end until the post fits; the Word file has them all.
  let n = decisions.length;
  let html = build(n);
  while (n > 0 && byteLength(html) > limit) {
    n = Math.max(0, n - Math.max(1, Math.ceil((byteLength(html) - limit) / 200)));
    html = build(n);
  }
  return html;
}

/** The channel post: the full minutes when they fit in one Teams message, else the summary. */
export function renderChannelPost(m: MinutesModel, opts: ChannelPostOptions = {}): { html: string; summarised: boolean } {
  const full = renderMinutesHtml(m);
  if (byteLength(full) <= (opts.limitBytes ?? TEAMS_MESSAGE_LIMIT_BYTES)) return { html: full, summarised: false };
  return { html: renderMinutesSummaryHtml(m, opts), summarised: true };
}
