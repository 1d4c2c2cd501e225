// npm test: every suite. Prepares what the suites need (PostgreSQL, Chromium, the tab build), then vitest.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, ensurePdfTools, ensurePostgres } from './ensure-services.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

await ensurePostgres();
const hasBrowserTests = existsSync(join(root, 'test', 'browser')) && readdirSync(join(root, 'test', 'browser')).some((f) => f.endsWith('.test.ts'));
if (hasBrowserTests) ensureChromium();
ensurePdfTools();
if (existsSync(join(root, 'tab', 'vite.config.ts'))) {
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'tab/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The PostgreSQL suites must run, not skip.
const env = { ...process.env, RADSLAG_REQUIRE_PG: '1' };
const vitest = (args) => spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...args], { stdio: 'inherit', env }).status ?? 1;
const extra = process.argv.slice(2);
if (extra.length > 0) process.exit(vitest(extra));
// Static checks first: types across the whole tree, and lint (which also keeps shared/ free of SDKs and drivers).
for (const [name, args] of [
  ['typecheck', [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit']],
  ['lint', [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.']],
]) {
  console.log(`> ${name}`);
  const status = spawnSync(process.execPath, args, { stdio: 'inherit', env }).status;
  if (status !== 0) process.exit(status ?? 1);
}
// Everything else first; then the timed figures alone, so the load of the other suites does not decide them.
const main = vitest(['--project', 'unit', '--project', 'integration', '--project', 'browser']);
const timing = vitest(['--project', 'timing']);
process.exit(main !== 0 ? main : timing);
