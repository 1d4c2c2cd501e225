import { describe, expect, it } from 'vitest';
import { buildMinutesModel } from '../../../shared/minutes/build-minutes-model';
import { canonicalMinutesText, renderMinutesText } from '../../../shared/minutes/render-text';
import { SEED_2022, SEED_2024 } from './fixtures';

describe('renderMinutesText', () => {
  const m = buildMinutesModel(SEED_2024.input);

  it('plain text names förhinder in words and ticks deltog', () => {
    const text = renderMinutesText(m, 'plain');
    expect(text).toContain('- Helena Fagerstedt, Lekeberg kommun (meddelat förhinder)');
    expect(text).toContain('- ✓ Yvonne Hagström, Lekeberg kommun (ersätter Helena Fagerstedt)');
    expect(text).toContain('Tid: 2024-09-20, kl. 09.00–12.00');
    for (const d of SEED_2024.expected.decisions) expect(text).toContain(`Beslut: ${d}`);
    expect(text).toContain('Justerat den: 2024-10-01 via e-post.');
  });

  it('Markdown strikes förhinder, bolds decisions and escapes user Markdown', () => {
    const input = structuredClone(SEED_2024.input);
    input.items[4]!.title = 'Rapport *viktigt* [x](y)';
    const md = renderMinutesText(buildMinutesModel(input), 'markdown');
    expect(md).toContain('- ~~Helena Fagerstedt, Lekeberg kommun~~');
    expect(md).toContain('**Beslut: Dagordningen fastställs.**');
    expect(md).toContain('### 5. Rapport \\*viktigt\\* \\[x\\]\\(y\\)');
    expect(md).toContain('[Tidigare minnesanteckningar](<https://projify.example.se/ssr/2024-06>)');
  });

  it('2022 minnesanteckningar text has partial attendance and upcoming dates', () => {
    const text = renderMinutesText(buildMinutesModel(SEED_2022.input));
    expect(text.startsWith('Minnesanteckningar chefsgrupp folkhälsa den 31 januari 2022\n')).toBe(true);
    expect(text).toContain('Camilla Pettersson, utvecklingsledare välfärd och folkhälsa (punkt 2–5)');
    expect(text).toContain('- 3 juni 2022 em (gemensamt med chefsgrupp social välfärd samt vård och omsorg)');
  });
});

describe('canonicalMinutesText', () => {
  it('is the same for another version or status and the stored hash, and changes with the content', () => {
    const a = canonicalMinutesText(buildMinutesModel(SEED_2024.input));
    const other = structuredClone(SEED_2024.input);
    other.version = 3;
    other.contentHash = 'sha256:abc';
    expect(canonicalMinutesText(buildMinutesModel(other))).toBe(a);
    other.decisions[0]!.text = 'Dagordningen fastställs med ändring.';
    expect(canonicalMinutesText(buildMinutesModel(other))).not.toBe(a);
    expect(a).not.toMatch(/Version \d/);
    expect(a).not.toMatch(/[ \t]+\n/);
    expect(a.endsWith('\n')).toBe(true);
  });

  it('normalises Unicode so a decomposed "ä" hashes like a composed one', () => {
    const nfd = structuredClone(SEED_2024.input);
    nfd.items[0]!.notes = nfd.items[0]!.notes.normalize('NFD');
    expect(canonicalMinutesText(buildMinutesModel(nfd))).toBe(canonicalMinutesText(buildMinutesModel(SEED_2024.input)));
  });
});
