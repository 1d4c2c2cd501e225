/**
 * Independent readers and checkers of the archive PDF, from Debian (installed by scripts/test.mjs):
 * poppler's pdftotext, qpdf, and Apache PDFBox Preflight 2.0 (a PDF/A validator; it knows PDF/A-1b).
 * veraPDF, the reference PDF/A-2 validator, is in neither Debian nor npm and cannot be fetched here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFLIGHT_CLASSPATH = ['preflight', 'pdfbox2', 'fontbox2', 'xmpbox', 'commons-logging', 'javax.activation', 'jaxb-api'].map((j) => `/usr/share/java/${j}.jar`).join(':');

function withFile<T>(pdf: Uint8Array, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'radslag-pdf-'));
  const file = join(dir, 'minutes.pdf');
  writeFileSync(file, pdf);
  try {
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text in content order (pdftotext -raw), optionally only inside a box given in points. */
export function pdfText(pdf: Uint8Array, box?: { x: number; y: number; w: number; h: number }): string {
  return withFile(pdf, (file) => {
    const crop = box ? ['-x', `${box.x}`, '-y', `${box.y}`, '-W', `${box.w}`, '-H', `${box.h}`] : [];
    return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', ...crop, file, '-'], { encoding: 'utf8' });
  });
}

/** PDFBox Preflight's verdict: "valid" and the error lines ("3.1.11 : …"). */
export function preflight(pdf: Uint8Array): { valid: boolean; errors: string[]; output: string } {
  return withFile(pdf, (file) => {
    const r = spawnSync('java', ['-cp', PREFLIGHT_CLASSPATH, 'org.apache.pdfbox.preflight.Validator_A1b', file], { encoding: 'utf8', timeout: 60_000 });
    const output = `${r.stdout}${r.stderr}`;
    if (/Exception|Error: Unable|NoClassDefFound/.test(output) && !/is (not )?a valid PDF\/A/.test(output)) throw new Error(`preflight did not run: ${output.slice(0, 500)}`);
    return { valid: /is a valid PDF\/A-1b file/.test(output), errors: output.split('\n').filter((l) => /^\d+(\.\d+)+ : /.test(l.trim())).map((l) => l.trim()), output };
  });
}

/** qpdf --check (structure, cross-reference, streams) and the file with every stream uncompressed (QDF). */
export function qpdf(pdf: Uint8Array): { check: string; status: number; qdf: string } {
  return withFile(pdf, (file, dir) => {
    const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    const out = join(dir, 'qdf.pdf');
    spawnSync('qpdf', ['--qdf', '--object-streams=disable', file, out]);
    return { check: `${r.stdout}${r.stderr}`, status: r.status ?? -1, qdf: readFileSync(out, 'latin1') };
  });
}
