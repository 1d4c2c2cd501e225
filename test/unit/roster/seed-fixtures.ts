import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The seed minutes copied into test/fixtures/seeds (tests never read ../shared). */
export function readSeed(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/seeds/${name}.txt`, import.meta.url)), 'utf8');
}

/** Synthetic lists in the shapes Word and PDF copies produce (test/fixtures/rosters), built from the seeds. */
export function readRosterFixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/rosters/${name}.txt`, import.meta.url)), 'utf8');
}
