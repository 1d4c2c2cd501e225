// npm start: build the tab when its build is missing, then run the server (TypeScript via tsx, in-process).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

if (existsSync(join(root, 'tab', 'vite.config.ts')) && !existsSync(join(root, 'dist', 'tab', 'index.html'))) {
  console.log('Bygger fliken / building the tab (first start)…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'tab/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
    // A test runner's NODE_ENV=test would otherwise give a development build of React (larger, slower).
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) {
    console.error('The tab build failed; the server starts without it.');
  }
}

const { register } = await import('tsx/esm/api');
register();
await import('../bot/main.ts');
