import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, relative } from 'node:path';
import type { TurnContext } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../bot/config';
import { createLogger } from '../../../bot/logger';
import { fetchWithTimeout, msalNetworkClient, OUTBOUND_TIMEOUT_MS } from '../../../bot/net/outbound';
import { createAdapter } from '../../../bot/teams/adapter';

const ROOT = join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** The text of a call from its opening parenthesis to the matching close. */
function callText(src: string, openAt: number): string {
  let depth = 0;
  for (let i = openAt; i < src.length; i++) {
    if (src[i] === '(') depth++;
    else if (src[i] === ')' && --depth === 0) return src.slice(openAt, i + 1);
  }
  return src.slice(openAt);
}

/**
 * The outbound-call timeout rule, checked over the server's source so new code is held to it too: every
 * fetch has a signal (or goes through a timeout-adding wrapper), every msal client has our network client,
 * every PostgreSQL pool/client a connect timeout, every Graph client the time-limited fetch.
 */
describe('outbound-call timeout rule (source scan of bot/)', () => {
  const files = sourceFiles(join(ROOT, 'bot')).map((path) => ({ path: relative(ROOT, path), src: readFileSync(path, 'utf8') }));

  it('scans the server sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('every fetch( call carries a signal or is a timeout-adding wrapper', () => {
    const offenders: string[] = [];
    for (const { path, src } of files) {
      for (const m of src.matchAll(/(?<![\w.])fetch\(/g)) {
        const call = callText(src, m.index! + 'fetch'.length);
        const wrapper = /signal:\s*init\.signal\s*\?\?\s*AbortSignal\.timeout/.test(call);
        if (!/signal\s*[:,}]/.test(call) && !wrapper) offenders.push(`${path}: ${call.slice(0, 80)}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('every msal ConfidentialClientApplication gets the timeout network client', () => {
    const offenders: string[] = [];
    for (const { path, src } of files) {
      const created = [...src.matchAll(/new ConfidentialClientApplication\(/g)].length;
      const withClient = [...src.matchAll(/networkClient:\s*msalNetworkClient\(/g)].length;
      if (created > withClient) offenders.push(`${path}: ${created} clients, ${withClient} with a timeout network client`);
    }
    expect(offenders).toEqual([]);
  });

  it('every PostgreSQL pool and client has a connection timeout', () => {
    const offenders: string[] = [];
    for (const { path, src } of files) {
      for (const m of src.matchAll(/new pg\.(Pool|Client)\(/g)) {
        const call = callText(src, m.index! + m[0].length - 1);
        if (!/connectionTimeoutMillis/.test(call)) offenders.push(`${path}: ${call.slice(0, 80)}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('Graph clients send through a time-limited fetch', () => {
    const offenders = files.filter(({ src }) => /Client\.initWithMiddleware\(/.test(src) && !/new FetchHandler\(this\.fetch\b/.test(src)).map((f) => f.path);
    expect(offenders).toEqual([]);
    const graphAccess = files.find((f) => f.path.endsWith('graph-access.ts'));
    if (graphAccess) expect(graphAccess.src).toMatch(/fetchTrusting\([^)]*timeoutMs/);
  });

  it('the bot adapter gives connector calls a timeout', () => {
    const adapter = files.find((f) => f.path === join('bot', 'teams', 'adapter.ts'))!;
    expect(adapter.src).toMatch(/limitConnectorCalls\(auth/);
    expect(adapter.src).toMatch(/request\.timeout = timeoutMs/);
  });
});

describe('outbound timeouts in action', () => {
  let hanging: Server;
  let url: string;
  let hits = 0;
  beforeAll(async () => {
    // Accepts requests and never answers.
    hanging = createServer(() => {
      hits++;
    });
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(hanging.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    hanging.closeAllConnections();
    await new Promise((r) => hanging.close(r));
  });

  it('the default outbound timeout is at most Teams’ own 15 s', () => {
    expect(OUTBOUND_TIMEOUT_MS).toBeLessThanOrEqual(15_000);
  });

  it('fetchWithTimeout aborts a hanging peer', async () => {
    const started = Date.now();
    const before = hits;
    await expect(fetchWithTimeout(200)(`${url}/x`)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
    // The request did reach the peer: it was the timeout, not a refused connection, that ended it.
    expect(hits).toBe(before + 1);
  });

  it('msal token requests through msalNetworkClient fail instead of hanging', async () => {
    const client = msalNetworkClient(fetch, 200);
    const started = Date.now();
    await expect(client.sendPostRequestAsync(`${url}/tenant/oauth2/v2.0/token`, { body: 'grant_type=client_credentials' })).rejects.toThrow();
    await expect(client.sendGetRequestAsync(`${url}/tenant/v2.0/.well-known/openid-configuration`)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a reply to a hanging Bot Connector is cut off by the timeout (botbuilder sets none)', async () => {
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent' });
    const errors: string[] = [];
    const logger = createLogger('silent');
    const adapter = createAdapter(config, logger, { connectorTimeoutMs: 600 });
    adapter.onTurnError = async (_ctx, error) => {
      errors.push(error.message);
    };
    const started = Date.now();
    await (adapter as unknown as { processActivity(auth: string, activity: unknown, logic: (c: TurnContext) => Promise<void>): Promise<unknown> }).processActivity(
      '',
      { type: 'event', name: 'x', channelId: 'msteams', serviceUrl: url, conversation: { id: 'c1' } as never, from: { id: 'u', name: 'u' }, recipient: { id: 'b', name: 'b' } } as never,
      async (context) => {
        await context.sendActivity('hej');
      },
    );
    expect(errors.length).toBe(1);
    // (Under load the connect itself may take longer than the timeout: the request may not reach the peer.)
    expect(errors[0]).toMatch(/abort/i);
    // Without the timeout this would wait for the socket forever.
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
