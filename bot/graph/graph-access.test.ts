import { describe, expect, it } from 'vitest';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { parseRetryAfter, toGraphCallError } from './graph-access';
import { TokenCrypto } from './token-crypto';

describe('TokenCrypto (AES-256-GCM, key from the app secret by HKDF)', () => {
  const c = new TokenCrypto('app-secret-1', 'tenant-a');
  it('round-trips and never repeats a ciphertext (random IV)', () => {
    const a = c.encrypt('{"AccessToken":{}}', 'obo:p1');
    expect(c.decrypt(a, 'obo:p1')).toBe('{"AccessToken":{}}');
    expect(c.encrypt('{"AccessToken":{}}', 'obo:p1')).not.toBe(a);
    expect(a).not.toContain('AccessToken');
  });
  it('refuses a tampered text, another cache key (AAD), another secret or tenant', () => {
    const a = c.encrypt('hemligt', 'obo:p1');
    const parts = a.split('.');
    const flipped = [...parts.slice(0, 3), Buffer.from(Buffer.from(parts[3]!, 'base64url').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64url')].join('.');
    expect(c.decrypt(flipped, 'obo:p1')).toBeNull();
    expect(c.decrypt(a, 'obo:p2')).toBeNull();
    expect(new TokenCrypto('app-secret-2', 'tenant-a').decrypt(a, 'obo:p1')).toBeNull();
    expect(new TokenCrypto('app-secret-1', 'tenant-b').decrypt(a, 'obo:p1')).toBeNull();
    expect(c.decrypt('v2.x.y.z', 'obo:p1')).toBeNull();
  });
});

describe('Graph failures', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
  it('maps a Graph 429 with Retry-After, and a client-side abort as ambiguous', () => {
    const g = new GraphError(429, 'Too many');
    g.headers = new Headers({ 'retry-after': '3' });
    expect(toGraphCallError(g)).toMatchObject({ status: 429, retryAfterMs: 3000, ambiguous: false });
    const abort = new GraphError(-1, 'The operation was aborted');
    expect(toGraphCallError(abort)).toMatchObject({ status: -1, ambiguous: true });
    expect(toGraphCallError(Object.assign(new Error('x'), { name: 'TimeoutError' }))).toMatchObject({ status: 0, ambiguous: true });
  });
});
