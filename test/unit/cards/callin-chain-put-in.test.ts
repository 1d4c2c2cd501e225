/**
 * The secretary's call-in chain card in Teams: someone the secretary put in herself ("Sätt som
 * tjänstgörande") reads as put in by the secretary, not as if they had said yes.
 */
import { describe, expect, it } from 'vitest';
import { callInChainCard } from '../../../bot/teams/callin/callin-chain-card';

const meeting = { bodyName: 'Samverkansrådet', startsAt: '2025-05-16T07:00:00.000Z', timeZone: 'Europe/Stockholm' };

describe('the call-in chain card', () => {
  it('says "insatt av sekreteraren" / "put in by the secretary" for a step the secretary settled', () => {
    for (const [locale, put, yes] of [
      ['sv', 'insatt av sekreteraren', 'tackat ja'],
      ['en', 'put in by the secretary', 'accepted'],
    ] as const) {
      const text = JSON.stringify(callInChainCard({ locale, absentName: 'Anna Ek', meeting, exhausted: false, steps: [{ name: 'Maja Ek', state: 'accepted' }, { name: 'Omar Said', state: 'put_in' }] }));
      expect(text).toContain(`Omar Said: ${put}`);
      expect(text).toContain(`Maja Ek: ${yes}`);
      expect(text).not.toContain(`Omar Said: ${yes}`);
    }
  });
});
