import { describe, expect, it } from 'vitest';
import { checkActivityShape, mapBotbuilderStatus } from '../../../bot/teams/messages-endpoint';

describe('bot endpoint: how botbuilder refusals reach the caller', () => {
  it('before the turn: bad signatures and algorithms botbuilder answers with 500 become 401; key-fetch failures 502', () => {
    for (const message of ['invalid signature', 'invalid algorithm', 'jwt malformed', 'Signing Key could not be retrieved.', 'Unauthorized. ServiceUrl claim do not match.'])
      expect(mapBotbuilderStatus(500, message, false)).toBe(401);
    expect(mapBotbuilderStatus(401, 'Unauthorized. No valid identity.', false)).toBe(401);
    expect(mapBotbuilderStatus(403, 'Forbidden', false)).toBe(401);
    expect(mapBotbuilderStatus(500, 'Failed to load openID config: 503', false)).toBe(502);
    expect(mapBotbuilderStatus(500, 'Failed to load Keys: 500', false)).toBe(502);
    expect(mapBotbuilderStatus(400, '`req.body` not an object', false)).toBe(400);
  });

  it('after the turn started: our own failure stays a 500 (never disguised as an auth problem)', () => {
    expect(mapBotbuilderStatus(500, 'invalid signature', true)).toBe(500);
    expect(mapBotbuilderStatus(400, 'x', true)).toBe(400);
  });

  it('refuses shapes botbuilder would crash on, and an invoke without a name', () => {
    const ok = { type: 'message', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: 'a:1' } };
    expect(checkActivityShape(ok)).toBeNull();
    expect(checkActivityShape({ ...ok, type: 'invoke' })).toBe('invoke without a name');
    expect(checkActivityShape({ ...ok, type: 'invoke', name: 'adaptiveCard/action' })).toBeNull();
    expect(checkActivityShape({ ...ok, serviceUrl: 'javascript:alert(1)' })).toMatch(/serviceUrl/);
    expect(checkActivityShape({ ...ok, conversation: { id: 7 } })).toMatch(/conversation/);
    expect(checkActivityShape([ok])).toMatch(/not an activity/);
    expect(checkActivityShape({ ...ok, text: { html: '<b>' } })).toMatch(/text/);
  });
});
