/**
 * Production mode (a real server process against the kit, Bot Framework tokens validated): card actions and
 * activities from another tenant than the installation's are refused — an error card for an invoke, no
 * effect and no reply for a message — while the same activities from the installation's tenant are served.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adaptiveCardAction, deliverToBot, personalMessage } from '../../kit/activities';
import { startKit, type Kit } from '../../kit/kit';
import { startServerProcess, type ServerProcess } from '../../kit/server-process';

describe('tenant check in production mode', () => {
  let kit: Kit;
  let server: ServerProcess;
  let dataDir: string;
  const user = { aadObjectId: 'c0c0c0c0-0000-4000-8000-000000000001', name: 'Cecilia Carlsson' };
  const OTHER_TENANT = '99999999-9999-4999-8999-999999999999';

  beforeAll(async () => {
    kit = await startKit();
    dataDir = mkdtempSync(join(tmpdir(), 'radslag-tenant-'));
    server = await startServerProcess({
      command: ['node', '--import', 'tsx', 'bot/main.ts'],
      env: { ...kit.serverEnv(), RADSLAG_DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: undefined },
      readyTimeoutMs: 60_000,
    });
  }, 90_000);
  afterAll(async () => {
    await server?.stop(5000);
    await kit?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const base = (tenantId: string, id: string) => ({ serviceUrl: kit.connector.url, botAppId: kit.app.clientId, tenantId, from: user, id });
  const deliver = (a: ReturnType<typeof personalMessage>) => deliverToBot(`${server.url}/api/messages`, a, { entra: kit.entra, botAppId: kit.app.clientId });

  it('a card action from another tenant gets an error card; from the installation tenant it is dispatched', async () => {
    const data = { cardId: 'c1', callInId: 'no-such-step', answer: 'ja', version: 1 };
    const foreign = await deliver(adaptiveCardAction({ ...base(OTHER_TENANT, 'inv-1'), scope: { kind: 'personal' }, verb: 'callin.answer', data }));
    expect(foreign.status).toBe(200);
    expect(JSON.stringify(foreign.body)).toContain('FORBIDDEN');
    expect(JSON.stringify(foreign.body)).toContain('fel organisation');
    const home = await deliver(adaptiveCardAction({ ...base(kit.tenantId, 'inv-2'), scope: { kind: 'personal' }, verb: 'callin.answer', data }));
    expect(home.status).toBe(200);
    // Past the tenant check: the actor is not on any roster, so the handler refuses with its own reason.
    expect(JSON.stringify(home.body)).not.toContain('fel organisation');
    expect((home.body as { type: string }).type).toBe('application/vnd.microsoft.card.adaptive');
  });

  it('a message from another tenant has no effect and gets no reply', async () => {
    const before = kit.connector.count();
    const foreign = await deliver(personalMessage({ ...base(OTHER_TENANT, 'msg-1'), text: 'Förhinder på fredag' }));
    expect(foreign.status).toBe(200);
    const home = await deliver(personalMessage({ ...base(kit.tenantId, 'msg-2'), text: 'Förhinder på fredag' }));
    expect(home.status).toBe(200);
    // Exactly one reply (to the home-tenant message); give the job runner time to send anything else.
    await kit.connector.waitForCount(before + 1, undefined, 15_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(kit.connector.count()).toBe(before + 1);
    expect(JSON.stringify(kit.connector.sent.at(-1)!.activity)).toContain('Jag hittar dig inte');
  });
});
