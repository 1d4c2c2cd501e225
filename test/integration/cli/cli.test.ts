import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../kit/ports';
import { startServerProcess, type ServerProcess } from '../../kit/server-process';

/**
 * The CLI against the RUNNING server, both as real processes: `npm start` (scripts/start.mjs, local mode,
 * so the demo region is loaded) and `tsx bot/cli.ts …` as `npm run radslag` runs it.
 */
const ROOT = process.cwd();
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const SECRETARY = 'sekreterare@radslag.local';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['bot/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.stdin ?? '');
  });
}

describe('radslag CLI against a running server', () => {
  let server: ServerProcess;
  let dataDir: string;
  let files: string;
  const as = (...a: string[]) => ['--url', server.url, '--user', SECRETARY, ...a];
  const file = (name: string, text: string) => {
    const p = join(files, name);
    writeFileSync(p, text);
    return p;
  };
  const api = async (path: string) => (await fetch(`${server.url}/api/v1${path}`, { headers: { 'X-Radslag-Dev-User': SECRETARY } })).json() as Promise<any>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'radslag-cli-'));
    files = mkdtempSync(join(tmpdir(), 'radslag-cli-files-'));
    server = await startServerProcess({ env: { RADSLAG_DATA_DIR: dataDir, LOG_LEVEL: 'warn', MicrosoftAppId: '' }, readyTimeoutMs: 90_000 });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  });

  it('npm start (local mode) prints where to look: the tab, the demo councils and which identities to use', async () => {
    await server.waitForLine(/Logga in som/, 20_000);
    const text = server.stdout.join('\n');
    expect(text).toContain('/tab/');
    expect(text).toContain('Specifika samverkansrådet för folkhälsa');
    expect(text).toContain('Specifika samverkansrådet för social välfärd samt vård och omsorg');
    expect(text).toContain(SECRETARY);
  });

  it('health, bodies, people and meetings', async () => {
    const h = await cli(as('health'));
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/Status: ready .*läge: local/);
    const b = await cli(as('bodies'));
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/^Id\s+Namn\s+Typ/m);
    expect(b.stdout).toContain('Specifika samverkansrådet för folkhälsa');
    const p = await cli(as('people', '--lang', 'en'));
    expect(p.stdout).toMatch(/^Name\s+E-mail\s+Organisation/m);
    expect(p.stdout).toContain(SECRETARY);
    const m = await cli(as('meetings', '--body', 'folkhälsa'));
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toContain('Gemensamt möte för de specifika samverkansråden');
  });

  it('import-roster previews as a readable Swedish table and changes nothing without --apply', async () => {
    const before = (await api('/people')).people.length;
    const list = file('lista.txt', 'Ledamöter:\nVera Cliström, Kumla kommun\n~~Ture Cliberg, Nora kommun~~\nErsättare:\nUno Cliqvist, Kumla kommun (ersätter Vera Cliström)\nVakant, RF-SISU\n???\n');
    const r = await cli(as('import-roster', '--body', 'Specifika samverkansrådet för folkhälsa', '--file', list, '--keep-missing'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Rad\s+Namn\s+Roll\s+Organisation\s+Titel\s+Markering\s+Noteringar/m);
    expect(r.stdout).toMatch(/Vera Cliström\s+ledamot\s+Kumla kommun/);
    expect(r.stdout).toMatch(/Ture Cliberg\s+ledamot\s+Nora kommun\s+struken: förhinder/);
    expect(r.stdout).toMatch(/ersätter Vera Cliström/);
    expect(r.stdout).toMatch(/Vakant\s+ersättare\s+RF-SISU Örebro län/);
    expect(r.stdout).toContain('Rader som inte kunde läsas');
    expect(r.stdout).toMatch(/^Åtgärd\s+Namn\s+Organisation\s+Matchning/m);
    expect(r.stdout).toContain('Inget är ändrat ännu');
    expect((await api('/people')).people.length).toBe(before);
  });

  it('import-roster --apply applies it; English headings with --lang en; running it again duplicates nothing', async () => {
    const list = file('lista2.txt', 'Ledamöter:\nVera Cliström, Kumla kommun\nErsättare:\nUno Cliqvist, Kumla kommun\n');
    const r = await cli(as('import-roster', '--body', 'Specifika samverkansrådet för folkhälsa', '--file', list, '--keep-missing', '--apply', '--lang', 'en'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Line\s+Name\s+Role\s+Organisation\s+Title\s+Mark\s+Notes/m);
    expect(r.stdout).toContain('The import is done: 2 new people');
    const again = await cli(as('import-roster', '--body', 'Specifika samverkansrådet för folkhälsa', '--file', list, '--keep-missing', '--apply'));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Importen är genomförd: 0 nya personer');
    const { people } = await api('/people');
    expect(people.filter((p: any) => p.name === 'Vera Cliström')).toHaveLength(1);
  });

  it('a CSV list (--csv) with e-mail', async () => {
    const list = file('lista.csv', 'namn;organisation;roll;e-post;ordning\nSiri Csvsson;Laxå kommun;ersättare;siri.csvsson@laxa.se;2\n');
    const r = await cli(as('import-roster', '--body', 'SSR social välfärd', '--file', list, '--csv', '--keep-missing', '--apply'));
    expect(r.code, r.stderr).toBe(0);
    const { people } = await api('/people');
    expect(people.find((p: any) => p.name === 'Siri Csvsson').email).toBe('siri.csvsson@laxa.se');
  });

  it('suggested matches: refused without a choice, answered with --interactive or --confirm-all-suggestions', async () => {
    // "Maja Lindkvist" resembles the demo secretary Maja Lindqvist.
    const list = file('lista3.txt', 'Tjänstepersoner:\nMaja Lindkvist, Region Örebro län\n');
    const args = as('import-roster', '--body', 'Specifika samverkansrådet för folkhälsa', '--file', list, '--keep-missing', '--apply');
    const refused = await cli(args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Maja Lindkvist');
    expect(refused.stderr).toContain('--interactive');
    expect((await api('/people')).people.filter((p: any) => p.name === 'Maja Lindkvist')).toHaveLength(0);

    const interactive = await cli([...args, '--interactive'], { stdin: 'n\n' });
    expect(interactive.code, interactive.stderr).toBe(0);
    expect(interactive.stdout).toContain('"Maja Lindkvist", Region Örebro län liknar:');
    expect(interactive.stdout).toContain('1) Maja Lindqvist');
    expect((await api('/people')).people.filter((p: any) => p.name === 'Maja Lindkvist')).toHaveLength(1);

    const other = file('lista4.txt', 'Ledamöter:\nVera Clistrom, Kumla kommun\nUno Cliqvisst, Kumla kommun\n');
    const all = await cli(as('import-roster', '--body', 'Specifika samverkansrådet för folkhälsa', '--file', other, '--keep-missing', '--apply', '--confirm-all-suggestions'));
    expect(all.code, all.stderr).toBe(0);
    expect((await api('/people')).people.filter((p: any) => p.name === 'Uno Cliqvisst')).toHaveLength(0);
  });

  it('keeps the marks as attendance: of the demo meeting (--as-attendance-of) and of a created past meeting (--history-date)', async () => {
    const folk = (await api('/bodies')).bodies.find((b: any) => b.name === 'Specifika samverkansrådet för folkhälsa');
    const { meetings } = await api(`/meetings?bodyId=${folk.id}`);
    const list = file('narvaro.txt', 'Ledamöter:\n✓ Vera Cliström, Kumla kommun\n~~Uno Cliqvist, Kumla kommun~~\n');
    const r = await cli(as('import-roster', '--body', folk.id, '--file', list, '--keep-missing', '--apply', '--as-attendance-of', meetings[0].id));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Namn\s+Närvaro\s+Noteringar/m);
    expect(r.stdout).toMatch(/Uno Cliqvist\s+förhinder/);
    expect(r.stdout).toContain('närvaro 2');
    const h = await cli(as('import-roster', '--body', folk.id, '--file', list, '--keep-missing', '--apply', '--history-date', '2024-09-20', '--history-time', '09:00-12:00', '--history-place', 'Lokal Eken', '--history-kind', 'protokoll'));
    expect(h.code, h.stderr).toBe(0);
    const after = (await api(`/meetings?bodyId=${folk.id}`)).meetings;
    const past = after.find((m: any) => m.startsAt === '2024-09-20T07:00:00.000Z');
    expect(past).toMatchObject({ place: 'Lokal Eken', documentKind: 'protokoll', status: 'held', bodyIds: [folk.id] });
  });

  it('clear errors: unknown body, bad list, not allowed, no server', async () => {
    const list = file('lista5.txt', 'Anna Fel, Kumla kommun\n');
    const noBody = await cli(as('import-roster', '--body', 'Finns inte', '--file', list));
    expect(noBody.code).toBe(2);
    expect(noBody.stderr).toContain('Inget organ heter "Finns inte"');
    const bad = await cli(as('import-roster', '--body', 'folkhälsa', '--file', file('tom.txt', '123\n???\n')));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('VALIDATION_FAILED');
    expect(bad.stderr).toContain('inga personer kunde läsas');
    const stranger = await cli(['--url', server.url, '--user', 'okand@example.org', 'import-roster', '--body', 'x', '--file', list]);
    expect(stranger.code).not.toBe(0);
    const port = await freePort();
    const down = await cli(['health', '--url', `http://127.0.0.1:${port}`]);
    expect(down.code).toBe(3);
    expect(down.stderr).toContain(`Servern svarar inte på http://127.0.0.1:${port}`);
    expect(down.stderr).toContain('npm start');
    const downEn = await cli(['bodies', '--url', `http://127.0.0.1:${port}`, '--lang', 'en']);
    expect(downEn.stderr).toContain('The server is not answering');
  });
});
