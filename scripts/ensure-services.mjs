// Makes sure what the test suites need is there on a fresh machine: PostgreSQL running, Chromium installed.
// Used by `npm test` (and so by .ci/run); never asks for anything to be installed by hand.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';

function portOpen(port, host = '127.0.0.1', timeout = 1500) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeout, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

export async function ensurePostgres() {
  if (process.env.RADSLAG_TEST_PG_URL) return;
  if (await portOpen(5432)) return;
  if (existsSync('/etc/postgresql')) {
    const versions = readdirSync('/etc/postgresql');
    for (const v of versions) {
      console.log(`Starting PostgreSQL ${v} (pg_ctlcluster)…`);
      spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', v, 'main', 'start'], { stdio: 'inherit' });
    }
    for (let i = 0; i < 30 && !(await portOpen(5432)); i++) await new Promise((r) => setTimeout(r, 500));
  }
  if (!(await portOpen(5432))) console.warn('PostgreSQL is not reachable on 127.0.0.1:5432: the PostgreSQL suites will fail.');
}

export function ensureChromium() {
  if (process.env.RADSLAG_CHROMIUM || existsSync('/usr/bin/chromium')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.warn('Chromium is missing and this user cannot install it (apt-get install chromium): browser tests will fail.');
    return;
  }
  console.log('Installing Debian chromium for the browser tests…');
  try {
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null', { stdio: 'inherit', shell: '/bin/bash' });
  } catch {
    console.warn('Installing chromium failed: browser tests will fail.');
  }
}

/**
 * The archive PDF's independent checks: Apache PDFBox Preflight (a PDF/A validator; veraPDF is in
 * neither Debian nor npm), poppler's pdftotext and qpdf, all from Debian. Java 17 is on the machine image.
 */
export const PDF_TOOL_PACKAGES = ['poppler-utils', 'qpdf', 'libpdfbox2-java', 'libactivation-java', 'libjaxb-api-java'];
export function ensurePdfTools() {
  const present = ['/usr/bin/pdftotext', '/usr/bin/qpdf', '/usr/share/java/preflight.jar', '/usr/share/java/javax.activation.jar', '/usr/share/java/jaxb-api.jar'].every((f) => existsSync(f));
  if (present) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.warn(`PDF tools are missing and this user cannot install them (apt-get install ${PDF_TOOL_PACKAGES.join(' ')}): the PDF/A tests will fail.`);
    return;
  }
  console.log('Installing Debian PDF tools for the PDF/A tests…');
  try {
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${PDF_TOOL_PACKAGES.join(' ')} >/dev/null`, { stdio: 'inherit', shell: '/bin/bash' });
  } catch {
    console.warn('Installing the PDF tools failed: the PDF/A tests will fail.');
  }
}
