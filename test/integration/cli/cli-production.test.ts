import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { startEntraStandIn, type EntraStandIn } from '../../kit/entra-stand-in';

/** The CLI against a production-mode server: an Entra token (--token) gets in, the local header does not. */
const APP_ID = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const TENANT = '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
const OID = 'a0a0a0a0-1111-4222-8333-444455556666';

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['bot/cli.ts', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('radslag CLI in production mode', () => {
  let entra: EntraStandIn;
  let t: TestApp;
  let token: string;
  let files: string;

  beforeAll(async () => {
    entra = await startEntraStandIn();
    t = await startTestApp({
      env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'test-secret', MicrosoftAppTenantId: TENANT, RADSLAG_PUBLIC_URL: 'https://radslag.test', ENTRA_AUTHORITY_HOST: entra.url },
    });
    const tenantId = t.app.store.tenantId;
    await t.app.store.read.people.insert({ id: 'admin-1', tenantId, name: 'Ada Admin', email: 'ada.admin@regionorebrolan.se', aadObjectId: OID, userPrincipalName: null, title: null, organisationId: null, isAdmin: true, locale: 'sv', version: 1 });
    await t.app.store.read.bodies.insert({ id: 'body-1', tenantId, name: 'Specifika samverkansrådet för folkhälsa', kind: 'råd', shortName: null, defaultDocumentKind: 'protokoll', teamsTeamId: null, teamsChannelId: null, absenceContact: null, version: 1 });
    token = await entra.mintUserToken({ tenantId: TENANT, oid: OID, upn: 'ada.admin@regionorebrolan.se', name: 'Ada Admin', audience: `api://radslag.test/${APP_ID}`, scopes: ['access_as_user'] });
    files = mkdtempSync(join(tmpdir(), 'radslag-cli-prod-'));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await entra?.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('--token reaches the API; the preview of an import works with it', async () => {
    const b = await cli(['bodies', '--url', t.url, '--token', token]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain('Specifika samverkansrådet för folkhälsa');
    const list = join(files, 'lista.txt');
    writeFileSync(list, 'Ledamöter:\nPia Prod, Kumla kommun\n');
    const r = await cli(['import-roster', '--url', t.url, '--token', token, '--body', 'folkhälsa', '--file', list]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Pia Prod\s+ledamot\s+Kumla kommun/);
  });

  it('the local identity header is refused in production, with a hint about --token', async () => {
    const r = await cli(['bodies', '--url', t.url, '--user', 'ada.admin@regionorebrolan.se']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('UNAUTHENTICATED');
    expect(r.stderr).toContain('--token');
  });
});
