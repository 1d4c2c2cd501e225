import { describe, expect, it } from 'vitest';
import { validateCard, assertValidCard, type CardProblemKind } from '../../../bot/teams/cards/validate-card';
import { decisionCard } from '../../../bot/teams/decisions/decision-card';
import type { AdaptiveCardJson } from '../../../bot/teams/cards/card-kit';

function good(): AdaptiveCardJson {
  return decisionCard({
    locale: 'sv',
    cardId: 'dec-card-1',
    timeZone: 'Europe/Stockholm',
    item: { number: 2, title: 'Fastställande av dagordning' },
    decision: {
      id: 'dec-1',
      version: 1,
      text: 'Dagordningen fastställs.',
      status: 'proposed',
      postponed: false,
      proposedByName: 'Ingmar Ångman',
      proposedAt: '2024-09-20T07:05:00.000Z',
      reservations: [],
      hasVote: false,
    },
    viewer: 'secretary',
    refreshUserIds: ['aad-1', 'aad-2'],
  });
}

/** A deep copy we can break (the card functions return fresh objects, but be explicit). */
function broken(mutate: (card: Record<string, any>) => void): Record<string, any> {
  const card = JSON.parse(JSON.stringify(good())) as Record<string, any>;
  mutate(card);
  return card;
}

function kinds(card: unknown): CardProblemKind[] {
  return validateCard(card).problems.map((p) => p.kind);
}

describe('validateCard', () => {
  it('accepts the good card (the baseline the broken ones are made from)', () => {
    expect(validateCard(good())).toMatchObject({ valid: true, problems: [] });
    expect(() => assertValidCard(good())).not.toThrow();
  });

  it('catches an unknown element type (serialization warning from the library, and our allowlist)', () => {
    const card = broken((c) => c.body.push({ type: 'Foo', text: 'x' }));
    expect(kinds(card)).toEqual(expect.arrayContaining(['serialization', 'element']));
    expect(() => assertValidCard(card)).toThrow(/Unknown element type "Foo"/);
  });

  it('catches an element the library knows but Teams does not render in 1.5 (Media)', () => {
    const card = broken((c) => c.body.push({ type: 'Media', sources: [{ mimeType: 'video/mp4', url: 'https://example.org/a.mp4' }] }));
    expect(kinds(card)).toContain('element');
  });

  it('catches an invalid property value', () => {
    expect(kinds(broken((c) => (c.body[0].size = 'huge')))).toContain('serialization');
  });

  it('catches Action.Submit and Action.OpenUrl, at the top and inside an ActionSet', () => {
    const submit = validateCard(broken((c) => c.actions.push({ type: 'Action.Submit', title: 'Skicka', verb: 'decision.confirm', data: {} })));
    expect(submit.problems).toEqual([{ kind: 'action', message: 'actions[3]: Action.Submit is not allowed, use Action.Execute' }]);
    const openUrl = validateCard(
      broken((c) => c.body.push({ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'x', url: 'https://x.example' }] })),
    );
    expect(openUrl.problems.map((p) => p.message)).toEqual([expect.stringMatching(/Action\.OpenUrl is not allowed, use Action\.Execute$/)]);
  });

  it('catches an unknown verb', () => {
    const card = broken((c) => (c.actions[0].verb = 'decision.approve'));
    expect(kinds(card)).toEqual(['action']);
  });

  it('catches data failing its schema: missing version, wrong type, unknown key, missing cardId', () => {
    expect(kinds(broken((c) => delete c.actions[0].data.version))).toEqual(['data']);
    expect(kinds(broken((c) => (c.actions[0].data.version = '1')))).toEqual(['data']);
    expect(kinds(broken((c) => (c.actions[0].data.extra = 1)))).toEqual(['data']);
    expect(kinds(broken((c) => delete c.actions[0].data.cardId))).toEqual(['data']);
  });

  it('catches a verb whose required input is missing from the card', () => {
    const card = broken((c) => {
      c.body = c.body.filter((e: { id?: string }) => e.id !== 'decisionText');
    });
    expect(kinds(card)).toContain('inputs');
  });

  it('catches duplicate input ids (library validation)', () => {
    expect(kinds(broken((c) => c.body.push({ type: 'Input.Text', id: 'decisionText', label: 'x' })))).toContain('validation');
  });

  it('catches a wrong version and a broken refresh', () => {
    expect(kinds(broken((c) => (c.version = '1.6')))).toContain('version');
    expect(kinds(broken((c) => (c.refresh.action.verb = 'decision.confirm')))).toContain('refresh');
    expect(kinds(broken((c) => (c.refresh.userIds = Array.from({ length: 61 }, (_, i) => `u${i}`))))).toContain('refresh');
  });

  it('catches an oversize card', () => {
    const card = broken((c) => {
      for (let i = 0; i < 300; i++) c.body.push({ type: 'TextBlock', text: 'Samverkansrådet beslutar att anta planen. '.repeat(3), wrap: true });
    });
    const result = validateCard(card);
    expect(result.sizeBytes).toBeGreaterThan(28 * 1024);
    expect(result.problems.map((p) => p.kind)).toEqual(['size']);
  });

  it('rejects what is not a card', () => {
    expect(validateCard('nope').valid).toBe(false);
    expect(validateCard({ type: 'Message', body: [] }).valid).toBe(false);
  });
});
