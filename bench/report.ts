/**
 * Formatting of the bench table (Markdown, so the same text goes into the README).
 */
import { cpus, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import type { Stat } from './measure';

export function machine(): string {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) model = m[1].trim();
  } catch {
    // Not Linux: os.cpus() is good enough.
  }
  return `${cpus().length} cores (nproc), ${model}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform} ${process.arch}`;
}

const fmt = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');

/** "median (min–max)". */
export function mmm(s: Stat, digits = 1): string {
  if (!Number.isFinite(s.median)) return '–';
  return `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}

export function ratio(x: number, base: number, digits = 2): string {
  return Number.isFinite(x) && Number.isFinite(base) && base > 0 ? `${fmt(x / base, digits)}×` : '–';
}

export function table(header: string[], rows: string[][]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  return [`| ${header.map(esc).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}
