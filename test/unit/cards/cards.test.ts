import { describe, expect, it } from 'vitest';
import { validateCard } from '../../../bot/teams/cards/validate-card';
import { CARD_SIZE_LIMIT_BYTES } from '../../../bot/teams/cards/card-kit';
import { allCards, type Flavour } from './card-fixtures';

/** The Markdown-rendered strings of a card: TextBlock text and Fact title/value. */
function markdownTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => markdownTexts(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (Array.isArray(o.facts)) for (const f of o.facts as Array<{ title: string; value: string }>) out.push(f.title, f.value);
    for (const [k, v] of Object.entries(o)) if (k !== 'data') markdownTexts(v, out);
  }
  return out;
}

function buttons(card: unknown): string[] {
  const titles: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Action.Execute' && o.verb !== 'refresh') titles.push(String(o.verb));
      for (const [k, v] of Object.entries(o)) if (k !== 'data' && k !== 'refresh') walk(v);
    }
  };
  walk(card);
  return titles;
}

const flavours: Flavour[] = ['realistic', 'stress', 'hostile'];

describe('every card passes the validator and is under 28 KB', () => {
  for (const locale of ['sv', 'en'] as const) {
    for (const flavour of flavours) {
      const cards = allCards(locale, flavour);
      it(`${locale}/${flavour}: ${cards.length} cards`, () => {
        expect(cards.length).toBeGreaterThan(40);
        for (const { name, card } of cards) {
          const result = validateCard(card);
          expect({ name, problems: result.problems }).toEqual({ name, problems: [] });
          expect(result.sizeBytes).toBeLessThan(CARD_SIZE_LIMIT_BYTES);
        }
      });
    }
  }
});

describe('stress: long agendas and rosters are truncated, not dropped', () => {
  it('the 40-item kallelse fits and says how many items were left out', () => {
    const kallelse = allCards('sv', 'stress').find((c) => c.name === 'kallelse-channel')!.card;
    const texts = markdownTexts(kallelse);
    expect(texts.some((t) => /^\+ \d+ till$/.test(t))).toBe(true);
    expect(texts.some((t) => t.startsWith('1\\. '))).toBe(true);
  });
  it('the English rendering says "more"', () => {
    const kallelse = allCards('en', 'stress').find((c) => c.name === 'kallelse-channel')!.card;
    expect(markdownTexts(kallelse).some((t) => /^\+ \d+ more$/.test(t))).toBe(true);
  });
  it('refresh lists at most 60 users', () => {
    for (const { card } of allCards('sv', 'stress')) if (card.refresh) expect(card.refresh.userIds.length).toBeLessThanOrEqual(60);
  });
});

describe('hostile strings are shown, never rendered', () => {
  for (const locale of ['sv', 'en'] as const) {
    it(`${locale}: no Markdown link, bold, HTML or date function from user text survives`, () => {
      const all = allCards(locale, 'hostile');
      const texts = all.flatMap(({ card }) => markdownTexts(card));
      for (const t of texts) {
        expect(t).not.toContain('[klicka](');
        expect(t).not.toContain('](https://evil');
        expect(t).not.toContain('**fet**');
        expect(t).not.toContain('<script>');
        expect(t).not.toContain('{{DATE(');
        expect(t).not.toMatch(/(^|\n)# /);
        expect(t).not.toMatch(/(^|\n)- /);
        expect(t).not.toContain('javascript:alert(1))');
        // The only Markdown links on any card are ours, to http(s) URLs.
        for (const m of t.matchAll(/(?<!\\)\]\(([^)]*)\)/g)) expect(m[1]).toMatch(/^https?:\/\//);
      }
      // The hostile text is shown (escaped), so the assertions above looked at real user text.
      expect(texts.some((t) => t.includes('\\[klicka\\]\\(https://evil.example/steal\\)'))).toBe(true);
      expect(texts.some((t) => t.includes('\\*\\*fet\\*\\*'))).toBe(true);
      expect(texts.some((t) => t.includes('\\<script\\>'))).toBe(true);
    });
  }
  it('a javascript: attachment is shown as its title, not a link; a URL with parentheses stays one link', () => {
    const kallelse = allCards('sv', 'hostile').find((c) => c.name === 'kallelse-channel')!.card;
    const texts = markdownTexts(kallelse).join('\n');
    expect(texts).not.toContain('javascript:');
    expect(texts).toContain('[ok](https://example.org/a%20%28b%29.pdf)');
  });
});

describe('per-role views', () => {
  const cards = allCards('sv', 'realistic');
  const get = (name: string) => cards.find((c) => c.name === name)!.card;
  it('the secretary sees Bekräfta and Ändra on a proposed decision; chair, member and observer do not', () => {
    expect(buttons(get('decision-proposed-secretary'))).toEqual(expect.arrayContaining(['decision.confirm', 'decision.edit']));
    expect(JSON.stringify(get('decision-proposed-secretary'))).toContain('"title":"Bekräfta"');
    for (const viewer of ['chair', 'member', 'observer']) {
      expect(buttons(get(`decision-proposed-${viewer}`))).not.toContain('decision.confirm');
      expect(buttons(get(`decision-proposed-${viewer}`))).not.toContain('decision.edit');
      expect(JSON.stringify(get(`decision-proposed-${viewer}`))).not.toContain('Bekräfta"');
    }
  });
  it('the secretary gets the text prefilled for Ändra', () => {
    const input = (get('decision-proposed-secretary').body as Array<Record<string, unknown>>).find((e) => e.id === 'decisionText');
    expect(input?.value).toContain('Samverkansrådet beslutar att anta handlingsplanen');
  });
  it('once confirmed: only the secretary can reopen; everyone sees who confirmed', () => {
    expect(buttons(get('decision-confirmed-secretary'))).toEqual(['decision.reopen']);
    for (const viewer of ['chair', 'member', 'observer']) {
      expect(buttons(get(`decision-confirmed-${viewer}`))).toEqual([]);
      expect(markdownTexts(get(`decision-confirmed-${viewer}`)).join('\n')).toContain('Bekräftat av Anna Jakobsson');
    }
  });
  it('the decision and vote cards ask Teams for per-user views through refresh', () => {
    for (const name of ['decision-proposed-observer', 'vote-open-observer-not-serving', 'item-observer']) {
      const card = get(name);
      expect(card.refresh?.action.verb).toBe('refresh');
      expect(card.refresh?.userIds.length).toBeGreaterThan(0);
    }
  });
  it('only serving members get vote buttons; chair and secretary can close the vote', () => {
    expect(buttons(get('vote-open-member-serving'))).toEqual(['vote.cast', 'vote.cast', 'vote.cast']);
    expect(buttons(get('vote-open-member-not-serving'))).toEqual([]);
    expect(buttons(get('vote-open-observer-not-serving'))).toEqual([]);
    expect(buttons(get('vote-open-chair-not-serving'))).toEqual(['vote.close']);
    expect(buttons(get('vote-voted'))).toEqual([]);
    expect(buttons(get('vote-closed'))).toEqual([]);
    expect(markdownTexts(get('vote-closed')).join('\n')).toContain('Resultat: bifall');
  });
  it('only chair and secretary get the agenda buttons on the item card', () => {
    expect(buttons(get('item-chair'))).toEqual(expect.arrayContaining(['item.finish', 'item.back', 'decision.propose']));
    expect(buttons(get('item-pending-chair'))).toContain('item.start');
    expect(buttons(get('item-member'))).toEqual([]);
  });
});

describe('texts', () => {
  it('quorum line in the item and decision cards', () => {
    const cards = allCards('sv', 'realistic');
    const t = markdownTexts(cards.find((c) => c.name === 'item-member')!.card);
    expect(t).toContain('Beslutsfört: 9 av 15 ledamöter närvarande');
    const en = markdownTexts(allCards('en', 'realistic').find((c) => c.name === 'decision-proposed-member')!.card);
    expect(en).toContain('Quorate: 9 of 15 members present');
  });
  it('the kallelse tells where to report absence, and the call-in card names the absent member and date', () => {
    const cards = allCards('sv', 'realistic');
    expect(markdownTexts(cards.find((c) => c.name === 'kallelse-channel')!.card).join('\n')).toContain('Förhinder meddelas till: Linnea Hedkvist');
    // Natural Swedish ("Du är inkallad …"), body name and day kept apart, one time format ("kl. 09.00").
    expect(markdownTexts(cards.find((c) => c.name === 'callin')!.card).slice(0, 2)).toEqual([
      'Du är inkallad att tjänstgöra som ersättare för Ingmar Ångman',
      'Specifika samverkansrådet för folkhälsa, fredag 16 maj 2025 kl. 09.00. Kan du tjänstgöra?',
    ]);
  });

  it('förhinder cards: the bot\'s own words are never escaped, only the user\'s; questions always have a way to say no', () => {
    for (const locale of ['sv', 'en'] as const) {
      const cards = allCards(locale, 'realistic');
      for (const name of ['which-meeting', 'which-meeting-confirm', 'absence-note', 'absence-confirmation', 'absence-withdrawn', 'secretary-notice-phrase', 'callin', 'not-understood']) {
        const texts = markdownTexts(cards.find((c) => c.name === name)!.card).join('\n');
        // A backslash before a character in the bot's own sentence shows in some Teams clients ("Hej\!").
        expect(texts, name).not.toMatch(/\\[!.,:?()]/);
        if (locale === 'sv') expect(texts, name).not.toMatch(/\d{2}:\d{2}/);
      }
      const hostile = allCards(locale, 'hostile');
      // …while a hostile name or text still cannot become a link.
      for (const name of ['which-meeting', 'secretary-notice-phrase', 'absence-note']) expect(markdownTexts(hostile.find((c) => c.name === name)!.card).join('\n'), name).not.toContain('](https://evil');
    }
    const which = allCards('sv', 'realistic').find((c) => c.name === 'which-meeting')!.card;
    const texts = markdownTexts(which);
    // The question is the bot's; "Du skrev:" quotes only the member's text.
    expect(texts[0]).toBe('Vilket möte gäller förhindret?');
    expect(texts.filter((t) => t.startsWith('Du skrev:'))).toHaveLength(1);
    expect(texts.find((t) => t.startsWith('Du skrev:'))).not.toContain('Vilket möte');
    const verbs = JSON.stringify(which).match(/"verb":"[^"]+"/g);
    expect(verbs).toContain('"verb":"absence.decline"');
    expect(verbs).toContain('"verb":"absence.choose_all"');
    const confirm = JSON.stringify(allCards('sv', 'realistic').find((c) => c.name === 'which-meeting-confirm')!.card);
    expect(confirm).toContain('Ja, anmäl förhinder');
    expect(confirm).toContain('Nej, det stämmer inte');
  });
  it('the error card says why in the user language and shows the catalog code', () => {
    const sv = markdownTexts(allCards('sv', 'realistic').find((c) => c.name === 'error-forbidden')!.card);
    expect(sv).toContain('Bara sekreteraren får göra det.');
    expect(sv).toContain('Felkod: FORBIDDEN');
    const en = markdownTexts(allCards('en', 'realistic').find((c) => c.name === 'error-forbidden')!.card);
    expect(en).toContain('Only the secretary may do that.');
    expect(en).toContain('Error code: FORBIDDEN');
  });
});
