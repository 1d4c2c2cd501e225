import { describe, expect, it } from 'vitest';
import { cardDelivery, unreachableError, unreachableReasonOf } from '../../../shared/services/delivery-failure';

const job = (state: string, lastError: string | null, createdAt: string) => ({ state, lastError, createdAt });

describe('how a justering card fared, from its send jobs', () => {
  it('reads the reason back from the job error it was written into', () => {
    expect(unreachableReasonOf(unreachableError('not_installed', 'Bot Connector answered 403: Forbidden'))).toBe('not_installed');
    expect(unreachableReasonOf('no conversation reference for {"conversationKey":"channel:x"}')).toBeNull();
    expect(unreachableReasonOf('unreachable:made_up: x')).toBeNull();
  });

  it('delivered once any send went out; a dead last send is unreachable with Swedish and English reasons; cancelled ones do not count', () => {
    expect(cardDelivery([])).toBeNull();
    expect(cardDelivery([job('cancelled', null, '2025-01-01')])).toBeNull();
    expect(cardDelivery([job('queued', null, '2025-01-01')])).toEqual({ state: 'sending' });
    expect(cardDelivery([job('done', null, '2025-01-01'), job('dead', unreachableError('refused', '403'), '2025-01-02')])).toEqual({ state: 'delivered' });
    expect(cardDelivery([job('dead', unreachableError('no_teams_account', 'no oid'), '2025-01-01')])).toEqual({
      state: 'unreachable',
      reason: 'no_teams_account',
      reasonSv: 'Rådslag känner inte till hens Teams-konto',
      reasonEn: 'Rådslag does not know their Teams account',
    });
    // An error of another kind still tells the secretary the card did not arrive.
    expect(cardDelivery([job('dead', 'Bot Connector answered 400: BadArgument', '2025-01-01')])).toMatchObject({ state: 'unreachable', reason: 'refused' });
  });

  it('a send that went to the channel instead of the 1:1 chat is delivered_in_channel with the reason; a direct one wins', () => {
    const viaChannel = { ...job('done', null, '2025-01-01'), result: { conversationId: '19:c', via: 'fallback', reason: 'not_installed' } };
    expect(cardDelivery([viaChannel])).toEqual({
      state: 'delivered_in_channel',
      reason: 'not_installed',
      reasonSv: 'Rådslag är inte installerat för hen i Teams och kunde inte starta en chatt',
      reasonEn: 'Rådslag is not installed for them in Teams and could not start a chat',
    });
    expect(cardDelivery([viaChannel, { ...job('done', null, '2025-01-02'), result: { conversationId: 'a:1' } }])).toEqual({ state: 'delivered' });
  });
});
