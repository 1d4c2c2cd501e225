import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import compression from 'compression';
import express, { type Express, type Response } from 'express';

/**
 * The tab's content security policy. `connect-src 'self'` is what keeps the tab from reaching outside its
 * own origin: @microsoft/teams-js fetches a list of Teams origins from a Microsoft CDN as soon as it is
 * imported (no option turns that off); blocked here, it fails at once and teams-js uses the list it ships
 * with, which holds every Teams origin, instead of waiting 1.5 s for a host that may be unreachable.
 */
export const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Fluent UI (Griffel) writes its styles into <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Vite names built assets by content hash: a changed file gets a new name, so a stored copy never goes stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built tab under /tab: JavaScript and CSS compressed (brotli or gzip, as the browser asks),
 * hashed assets cached for a year, the HTML never taken from a cache without asking (`no-cache`), so a
 * new version reaches every open Teams client on its next load. Every client-side route (/tab/, /tab/config,
 * the paths of older saved URLs) gets the same page, with the server's mode written into it.
 */
export function mountTab(app: Express, tabDir: string, mode: 'local' | 'production'): void {
  if (!existsSync(join(tabDir, 'index.html'))) {
    app.get(/^\/tab(\/.*)?$/, (_req, res) => res.status(503).type('text/plain').send('Fliken är inte byggd (npm run build). / The tab is not built (npm run build).'));
    return;
  }
  // Every asset compressed, small chunks too (the default skips bodies under 1 KB; the bytes saved are few,
  // but one rule for all assets keeps the load test's promise simple).
  app.use('/tab', compression({ threshold: 0 }));
  app.use(
    '/tab/assets',
    express.static(join(tabDir, 'assets'), {
      index: false,
      setHeaders: (res) => res.setHeader('Cache-Control', IMMUTABLE),
    }),
  );
  // An asset of another build (a page loaded before a deploy): a plain 404, never the page in its place.
  app.use('/tab/assets', (_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  app.get(/^\/tab(\/.*)?$/, (_req, res) => sendPage(res, tabDir, mode));
}

function sendPage(res: Response, tabDir: string, mode: string): void {
  // Read per request: a rebuild of the tab while the server runs is served at once (the page is 1 KB).
  const html = readFileSync(join(tabDir, 'index.html'), 'utf8').replace('<meta name="radslag-mode" content="" />', `<meta name="radslag-mode" content="${mode}" />`);
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Content-Security-Policy', TAB_CSP);
  res.type('html').send(html);
}
