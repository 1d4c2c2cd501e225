/**
 * The minutes laid out per body as the councils do: the title by document kind and the body's
 * convention, the roster's order (stable whatever order the store returns), each person once, vacancies
 * last, the agenda as the "Nummer/föredragande | Ärende" table, upcoming dates where the body puts them,
 * one time format, and the .docx with real tables, the letterhead as page header and "Sida n (m)".
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderMinutesDocx } from '../../../bot/minutes/render-docx';
import type { MinutesInput } from '../../../shared/minutes/minutes-model';
import { buildMinutesModel } from '../../../shared/minutes/build-minutes-model';
import { renderMinutesHtml } from '../../../shared/minutes/render-html';
import { renderMinutesText } from '../../../shared/minutes/render-text';
import { SEED_2022, SEED_2024 } from './fixtures';
import { htmlHeadings, htmlListItems } from './read-back';

function withBody(input: MinutesInput, patch: Partial<MinutesInput['bodies'][number]>): MinutesInput {
  const copy = structuredClone(input);
  copy.bodies[0] = { ...copy.bodies[0]!, ...patch };
  return copy;
}

describe('title by document kind and the body’s convention', () => {
  it('writes the kind’s own word and the chosen form', () => {
    const base = withBody(SEED_2022.input, { minutesTitleStyle: null });
    expect(buildMinutesModel(base).header.title).toBe('Minnesanteckningar – Chefsgrupp folkhälsa');
    expect(buildMinutesModel(withBody(base, { minutesTitleStyle: 'kind_body' })).header.title).toBe('Minnesanteckningar Chefsgrupp folkhälsa');
    expect(buildMinutesModel(withBody(base, { minutesTitleStyle: 'kind_body_date' })).header.title).toBe('Minnesanteckningar chefsgrupp folkhälsa den 31 januari 2022');
    const protokoll = structuredClone(base);
    protokoll.meeting.documentKind = 'protokoll';
    expect(buildMinutesModel(protokoll).header.title).toBe('Protokoll Chefsgrupp folkhälsa');
    expect(buildMinutesModel(withBody(protokoll, { minutesTitleStyle: 'kind_dash_body' })).header.title).toBe('Protokoll – Chefsgrupp folkhälsa');
    expect(buildMinutesModel(SEED_2024.input).header.title).toBe(
      'Protokoll gemensamt möte Specifika samverkansrådet för social välfärd samt vård och omsorg och Specifika samverkansrådet för folkhälsa',
    );
  });
});

describe('list order, each person once, vacancies last', () => {
  const m = buildMinutesModel(SEED_2024.input);
  const names = (mm: typeof m) => JSON.stringify([mm.attendance.bodies, mm.attendance.common]);

  it('follows the roster’s order and is the same whatever order the store returns the seats in', () => {
    for (const seed of [1, 2, 3]) {
      const shuffled = structuredClone(SEED_2024.input);
      shuffled.memberships = shuffled.memberships.map((x, i) => ({ x, k: (i * 7919 * seed) % 101 })).sort((a, b) => a.k - b.k).map((y) => y.x);
      expect(names(buildMinutesModel(shuffled))).toBe(names(m));
    }
    const social = m.attendance.bodies[0]!.groups.find((g) => g.key === 'ledamöter')!.people.map((p) => p.name);
    expect(social.slice(0, 3)).toEqual(['Jenny Steen', 'Jessica Ekerbring', 'Helena Fagerstedt']);
  });

  it('names a protokoll’s chair in the header only, and minnesanteckningar list the chair once with ", ordförande"', () => {
    const everyone = [...m.attendance.bodies.flatMap((b) => b.groups), ...m.attendance.common].flatMap((g) => g.people);
    expect(everyone.filter((p) => p.name === 'Behcet Barsom')).toEqual([]);
    expect(m.header.chair).toBe('Behcet Barsom, Region Örebro län');
    const notes = buildMinutesModel(SEED_2022.input);
    const listed = notes.attendance.bodies.flatMap((b) => b.groups).flatMap((g) => g.people).filter((p) => p.name === 'Ingmar Ångman');
    expect(listed.map((p) => p.line)).toEqual(['Ingmar Ångman, områdeschef välfärd och folkhälsa, ordförande']);
    expect(notes.header.chair).toBeNull();
    expect(renderMinutesHtml(notes)).not.toContain('<b>Ordförande:</b>');
  });

  it('puts a vacancy last in its group, even when the roster lists it earlier', () => {
    const input = structuredClone(SEED_2024.input);
    const vacancy = input.memberships.find((x) => x.personId === null)!;
    vacancy.position = 0;
    const group = buildMinutesModel(input).attendance.bodies[1]!.groups.find((g) => g.key === 'ersättare')!.people;
    expect(group.at(-1)!.line).toBe('Vakant, RF-SISU');
    expect(group.filter((p) => p.state === 'vacant')).toHaveLength(1);
  });
});

describe('agenda as the councils’ table, upcoming dates where the body puts them, one time format', () => {
  it('lays the agenda out as "Nummer/föredragande | Ärende" in the HTML and as a real Word table', async () => {
    const m = buildMinutesModel(withBody(SEED_2024.input, { agendaLayout: 'table', serviceUnit: 'Förvaltningen regional utveckling' }));
    const html = renderMinutesHtml(m);
    expect(html).toContain('<table><thead><tr><th>Nummer/föredragande</th><th>Ärende</th></tr></thead>');
    expect((html.match(/<tr><td>\d+\./g) ?? []).length).toBe(14);
    expect(html).toContain('<tr><td>10.<br><i>Maria Lindborg och Malin Duckert Ek</i></td><td><p><b>Gruppdialoger');
    expect(htmlHeadings(html, 3).filter((h) => /^\d+\. /.test(h))).toEqual([]);
    const files = unzipSync(await renderMinutesDocx(m));
    const doc = strFromU8(files['word/document.xml']!);
    expect((doc.match(/<w:tbl>/g) ?? []).length).toBe(1);
    expect((doc.match(/<w:tr>|<w:tr /g) ?? []).length).toBe(15);
    expect(doc).toContain('<w:tblHeader/>');
    expect(doc).toContain('Nummer/föredragande');
  });

  it('has the letterhead as page header (organ, tjänsteställe, sekreterare) and "Sida n (m)" as footer', async () => {
    const m = buildMinutesModel(withBody(SEED_2024.input, { serviceUnit: 'Förvaltningen regional utveckling' }));
    const files = unzipSync(await renderMinutesDocx(m));
    const header = Object.entries(files).find(([n]) => /^word\/header\d+\.xml$/.test(n))![1];
    const headerText = strFromU8(header).replace(/<[^>]+>/g, '|').replace(/\|+/g, '|');
    for (const s of ['Specifika samverkansrådet för social välfärd samt vård och omsorg', 'Tjänsteställe', 'Förvaltningen regional utveckling', 'Sekreterare', 'Malin Duckert Ek, Maria Lindborg']) expect(headerText).toContain(s);
    expect(strFromU8(header)).toContain('<w:tbl>');
    const footer = strFromU8(Object.entries(files).find(([n]) => /^word\/footer\d+\.xml$/.test(n))![1]);
    expect(footer).toMatch(/Sida [\s\S]*PAGE[\s\S]*NUMPAGES/);
    expect(strFromU8(files['word/document.xml']!)).toMatch(/<w:headerReference [^>]*w:type="default"/);
  });

  it('puts upcoming dates under Övriga frågor when the body says so, else in their own section', () => {
    const own = buildMinutesModel(SEED_2022.input);
    expect(htmlHeadings(renderMinutesHtml(own), 2)).toContain('Kommande möten');
    const inItem = buildMinutesModel(withBody(SEED_2022.input, { upcomingPlacement: 'in_item' }));
    expect(inItem.layout).toEqual({ agenda: 'headings', upcoming: 'in_item', upcomingItemNumber: 10 });
    const html = renderMinutesHtml(inItem);
    expect(htmlHeadings(html, 2)).not.toContain('Kommande möten');
    const item10 = html.slice(html.indexOf('<h3>10. '));
    expect(item10).toContain('<p><b>Kommande möten:</b></p><ul><li>21 april 2022 em</li>');
    expect(htmlListItems(html).filter((l) => l.text === '21 april 2022 em')).toHaveLength(1);
    expect(renderMinutesText(inItem)).toContain('Kommande möten:\n- 21 april 2022 em');
  });

  it('writes every clock time as "kl. 09.00" (Språkrådet, the 2024 seed), nowhere "kl 9:00"', () => {
    for (const input of [SEED_2024.input, SEED_2022.input]) {
      const text = renderMinutesText(buildMinutesModel(input));
      expect(text).toMatch(/kl\. \d{2}\.\d{2}–\d{2}\.\d{2}/);
      expect(text).not.toMatch(/kl\s\d|\d{1,2}:\d{2}/);
    }
  });
});
