import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');
const SHARED = join(ROOT, 'shared');
const ALLOWED_PACKAGES = new Set(['zod', 'chrono-node']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') || p.endsWith('.tsx') ? [p] : [];
  });
}

function importsOf(source: string): string[] {
  const out: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of source.matchAll(re)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

/** shared/ is pure domain code: the bot and the tab import it, it imports neither, nor any SDK or Node API. */
describe('shared/ stays pure', () => {
  const sources = files(SHARED).filter((f) => !f.endsWith('.test.ts'));

  it('has source files to check', () => {
    expect(sources.length).toBeGreaterThan(10);
  });

  it('imports only relative modules inside shared/ and the allowed pure packages', () => {
    const offences: string[] = [];
    for (const file of sources) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('.')) {
          const target = join(file, '..', spec);
          if (!target.startsWith(SHARED)) offences.push(`${relative(ROOT, file)} imports ${spec} (outside shared/)`);
        } else {
          const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
          if (!ALLOWED_PACKAGES.has(pkg)) offences.push(`${relative(ROOT, file)} imports ${spec}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });

  it('does not reach for Node globals that do not exist in the browser', () => {
    const offences = sources.filter((f) => /\bprocess\.(env|exit|cwd)|\bBuffer\.|\b__dirname\b/.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(offences).toEqual([]);
  });

  it('catches an impure import (the check itself can fail)', () => {
    expect(importsOf("import { Pool } from 'pg';\nimport x from '../../bot/app';")).toEqual(['pg', '../../bot/app']);
  });
});
