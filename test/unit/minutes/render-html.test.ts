import { describe, expect, it } from 'vitest';
import { syntheticMinutesInput } from '../../../bench/minutes-render';
import { escapeHtml, isSafeUrl } from '../../../shared/minutes/escape-html';
import { buildMinutesModel } from '../../../shared/minutes/build-minutes-model';
import type { MinutesInput } from '../../../shared/minutes/minutes-model';
import { byteLength, renderChannelPost, renderMinutesHtml, renderMinutesSummaryHtml, TEAMS_MESSAGE_LIMIT_BYTES } from '../../../shared/minutes/render-html';
import { SEED_2022, SEED_2024 } from './fixtures';
import { htmlDecisions, htmlHeadings, htmlListItems } from './read-back';

/** Tags Teams renders in a chatMessage body; anything else must not appear. */
const TEAMS_TAGS = new Set(['p', 'br', 'b', 'strong', 'i', 'em', 's', 'strike', 'del', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'a', 'table', 'tr', 'td', 'th']);

function tagsOf(html: string): { name: string; attrs: string }[] {
  return [...html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)].map((m) => ({ name: (m[1] ?? '').toLowerCase(), attrs: (m[2] ?? '').trim() }));
}

describe('renderMinutesHtml: 2024-09-20 joint protocol', () => {
  const html = renderMinutesHtml(buildMinutesModel(SEED_2024.input));
  const ex = SEED_2024.expected;
  const items = htmlListItems(html);

  it('uses only Teams-rendered tags, no style/class/script, and only href attributes', () => {
    for (const t of tagsOf(html)) {
      expect(TEAMS_TAGS.has(t.name), t.name).toBe(true);
      if (t.attrs) expect(t.attrs).toMatch(/^href="https:\/\/[^"]+"$/);
    }
  });

  it('has the sections and both bodies as headings', () => {
    expect(htmlHeadings(html, 2)).toEqual(['Närvarande', 'Ärenden', 'Bilagor']);
    expect(htmlHeadings(html, 3).slice(0, 2)).toEqual(ex.bodies.map((b) => b.name));
    expect(htmlHeadings(html, 3).slice(2)).toEqual(ex.itemTitles);
    expect(html).toContain('<b>Tid:</b> 2024-09-20, kl. 09.00–12.00');
  });

  it('marks people as in the seed: ✓ for deltog, struck through for förhinder, nothing for unknown', () => {
    // Per body section, compare the <li> marks with the seed table.
    const sections = html.split('<h3>').slice(1, 3);
    ex.bodies.forEach((body, k) => {
      const lis = htmlListItems(sections[k] ?? '');
      const rows = [...body.ledamöter, ...body.ersättare];
      for (const [name, , state] of rows) {
        const li = lis.find((l) => l.text.startsWith(`${name},`) || l.text === name);
        // The chair is named in the protokoll's header, never listed a second time.
        if (name === ex.chair) {
          expect(li, name).toBeUndefined();
          continue;
        }
        const want = state === 'present' ? 'deltog' : state === 'förhinder' ? 'förhinder' : 'unmarked';
        expect(li?.state, `${body.name}: ${name}`).toBe(want);
      }
    });
    const struck = items.filter((i) => i.state === 'förhinder').map((i) => i.text.split(',')[0]);
    expect(struck.sort()).toEqual(Object.values(ex.struck).flat().sort());
    for (const [who, whom] of ex.replacements) expect(items.some((i) => i.text.startsWith(who) && i.text.includes(`(ersätter ${whom})`))).toBe(true);
  });

  it('has the decisions in bold and the justering line', () => {
    expect(htmlDecisions(html)).toEqual(ex.decisions);
    expect(html).toContain(`<p><b>${ex.justering}</b></p>`);
    expect(html).toContain('✓ = deltog, överstruken = meddelat förhinder');
  });

  it('fits in one Teams message, so the channel post is the full minutes', () => {
    const post = renderChannelPost(buildMinutesModel(SEED_2024.input), { docxUrl: 'https://example.sharepoint.com/p.docx' });
    expect(post.summarised).toBe(false);
    expect(post.html).toBe(html);
  });
});

describe('renderMinutesHtml: 2022-01-31 minnesanteckningar', () => {
  const html = renderMinutesHtml(buildMinutesModel(SEED_2022.input));
  it('shows partial attendance, tasks, upcoming dates and Driv och hinder', () => {
    const items = htmlListItems(html);
    for (const [name, partial] of Object.entries(SEED_2022.expected.partial)) {
      expect(items.find((i) => i.text.startsWith(name))).toMatchObject({ state: 'deltog' });
      expect(items.find((i) => i.text.startsWith(name))?.text).toContain(`(${partial})`);
    }
    expect(htmlHeadings(html, 2)).toEqual(['Närvarande', 'Ärenden', 'Kommande möten', 'Driv och hinder']);
    expect(html).toContain('<li>Linnea Hedkvist: Gör en doodle för ett möte i mars.</li>');
    expect(html).toContain('<a href="https://www.arvsfonden.se/ansokan/ny-malgrupp">');
    expect(html).toContain('Medelbetyg: 4,3 av 5 (3 svar)');
    expect(html).toContain('Version 1, utkast');
  });
});

describe('escaping', () => {
  it('escapeHtml neutralises element and attribute injection', () => {
    expect(escapeHtml('<script>alert("x")</script>')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(escapeHtml(`" onmouseover='x' a="`)).toBe('&quot; onmouseover=&#39;x&#39; a=&quot;');
    expect(escapeHtml('R&D')).toBe('R&amp;D');
    expect(isSafeUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeUrl('https://x.se/a"onclick="b')).toBe(false);
    expect(isSafeUrl('https://x.se/a?b=1&c=2')).toBe(true);
  });

  it('escapes every user string in the post: names, titles, notes, decisions, attachments, links', () => {
    const input: MinutesInput = structuredClone(SEED_2024.input);
    const evil = '<script>alert(1)</script>';
    input.persons[0]!.name = `Eva ${evil}`;
    input.items[4]!.title = `Rapport <img src=x onerror=alert(1)>`;
    input.items[4]!.notes = `Text ${evil}\n\n[länk](https://x.se/"><script>y</script>)\n\n[js](javascript:alert(2))`;
    input.items[3]!.attachments = [{ title: `Bilaga ${evil}`, url: 'javascript:alert(3)' }, { title: 'ok', url: 'https://x.se/a?b=1&c="2"' }];
    input.decisions[0]!.text = `Dagordningen fastställs ${evil}`;
    input.meeting.place = `Eken" onclick="x`;
    const html = renderMinutesHtml(buildMinutesModel(input));
    // No element or attribute can come from user text: no raw tags, no javascript: href, no broken-out attribute.
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('<b>Plats:</b> Eken&quot; onclick=&quot;x<br>');
    expect(html).toContain('<h3>5. Rapport &lt;img src=x onerror=alert(1)&gt;</h3>');
    for (const t of tagsOf(html)) {
      expect(TEAMS_TAGS.has(t.name), t.name).toBe(true);
      if (t.attrs) expect(t.attrs).toMatch(/^href="https:\/\/[^"<>]+"$/);
    }
    expect(html).toContain('Eva &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Bilaga &lt;script&gt;');
    expect(htmlDecisions(html)[0]).toBe(`Dagordningen fastställs ${evil}`);
  });
});

describe('long minutes: summarised channel post', () => {
  const big = buildMinutesModel(syntheticMinutesInput({ items: 40, people: 120, joint: true, paragraphsPerItem: 8 }));
  const docxUrl = 'https://example.sharepoint.com/sites/ssr/Shared%20Documents/Protokoll%20v1.docx';

  it('exceeds the Teams limit as full HTML, so the post summarises and links the Word file', () => {
    expect(byteLength(renderMinutesHtml(big))).toBeGreaterThan(TEAMS_MESSAGE_LIMIT_BYTES);
    const post = renderChannelPost(big, { docxUrl });
    expect(post.summarised).toBe(true);
    expect(byteLength(post.html)).toBeLessThanOrEqual(TEAMS_MESSAGE_LIMIT_BYTES);
    expect(post.html).toContain(`<a href="${docxUrl}">`);
    expect(post.html).toBe(renderMinutesSummaryHtml(big, { docxUrl }));
  });

  it('the summary holds every decision and the attendance counts per body', () => {
    const html = renderMinutesSummaryHtml(big, { docxUrl });
    const decisions = big.items.flatMap((i) => i.decisions.map((d) => d.text));
    for (const d of decisions) expect(html).toContain(d);
    for (const b of big.attendance.counts.perBody) {
      expect(html).toContain(`${b.bodyName}: ${b.ledamöterPresent} av ${b.ledamöterListed} ledamöter deltog`);
    }
    expect(big.attendance.counts.present).toBeGreaterThan(0);
  });

  it('drops decisions from the end (saying how many) when even the summary would not fit', () => {
    const html = renderMinutesSummaryHtml(big, { docxUrl, limitBytes: 2000 });
    expect(byteLength(html)).toBeLessThanOrEqual(2000);
    const shown = (html.match(/<li>\d+\. /g) ?? []).length;
    const total = big.items.reduce((n, i) => n + i.decisions.length, 0);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(total);
    expect(html).toContain(`… och ${total - shown} beslut till i Word-filen.`);
  });

  it('never links an unsafe Word URL', () => {
    const html = renderMinutesSummaryHtml(big, { docxUrl: 'javascript:alert(1)' });
    expect(html).not.toContain('javascript:');
    expect(html).toContain('Hela protokollet finns som Word-fil');
  });
});
