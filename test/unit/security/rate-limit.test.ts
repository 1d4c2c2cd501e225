import { describe, expect, it } from 'vitest';
import { TokenBuckets } from '../../../bot/api/rate-limit';
import { loadConfig, ConfigError } from '../../../bot/config';

describe('TokenBuckets (per-user rate limit)', () => {
  it('allows the burst, refuses beyond it, refills over time', () => {
    let now = 0;
    const b = new TokenBuckets({ capacity: 3, refillPerSecond: 2, now: () => now });
    expect([1, 2, 3].map(() => b.take('u').allowed)).toEqual([true, true, true]);
    const refused = b.take('u');
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBe(500);
    now += 500;
    expect(b.take('u').allowed).toBe(true);
    expect(b.take('u').allowed).toBe(false);
    expect(b.take('v').allowed).toBe(true);
  });

  it('never tracks more keys than its bound (a flood of identities cannot exhaust memory)', () => {
    let now = 0;
    const b = new TokenBuckets({ capacity: 2, refillPerSecond: 1, now: () => now, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) {
      b.take(`k${i}`);
      now += 1;
    }
    expect(b.size).toBeLessThanOrEqual(100);
  });

  it('is configured by RADSLAG_API_RATE_LIMIT ("capacity/perSecond" or "off"), on by default in production, with a clear error', () => {
    const production = { MicrosoftAppId: '5d8c3b4a-1f2e-4d6c-9b8a-7e6f5d4c3b2a', MicrosoftAppPassword: 's', MicrosoftAppTenantId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' };
    expect(loadConfig(production).apiRateLimit).toEqual({ capacity: 600, refillPerSecond: 20 });
    // Local mode trusts a header for identity: no limit unless asked for.
    expect(loadConfig({}).apiRateLimit).toBeNull();
    expect(loadConfig({ RADSLAG_API_RATE_LIMIT: '10/0.5' }).apiRateLimit).toEqual({ capacity: 10, refillPerSecond: 0.5 });
    expect(loadConfig({ RADSLAG_API_RATE_LIMIT: 'off' }).apiRateLimit).toBeNull();
    expect(() => loadConfig({ RADSLAG_API_RATE_LIMIT: 'lots' })).toThrow(ConfigError);
    expect(() => loadConfig({ RADSLAG_API_RATE_LIMIT: '0/1' })).toThrow(/RADSLAG_API_RATE_LIMIT/);
  });
});
