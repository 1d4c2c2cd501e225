import { describe, expect, it } from 'vitest';
import { voteCard } from '../../../bot/teams/decisions/vote-card';

describe('the vote card’s tally', () => {
  it('fills every count in Swedish and English (the placeholder for avstår was once left as "{avstår}")', () => {
    const base = { cardId: 'vote:d1', decision: { id: 'd1', version: 2 }, question: 'Bifall till budgeten?', status: 'open' as const, tally: { ja: 3, nej: 1, avstår: 2 }, eligibleCount: 8, viewer: 'member' as const, viewerIsServing: true, viewerVote: null, refreshUserIds: [] };
    expect(JSON.stringify(voteCard({ ...base, locale: 'sv' }).body)).toContain('Ja 3 · Nej 1 · Avstår 2 · 6 av 8 har röstat');
    expect(JSON.stringify(voteCard({ ...base, locale: 'en' }).body)).toContain('Yes 3 · No 1 · Abstain 2 · 6 of 8 have voted');
  });
});
