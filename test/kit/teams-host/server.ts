import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Server } from 'node:https';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import selfsigned from 'selfsigned';

const here = dirname(fileURLToPath(import.meta.url));

/** The Teams client's origin: the host page is served there (teams-js trusts it as it trusts Teams). */
export const TEAMS_HOST = 'teams.microsoft.com';

export interface TeamsHostServer {
  port: number;
  /** Chromium's --ignore-certificate-errors-spki-list value: trusts exactly this server's key, nothing else. */
  spki: string;
  /** Chromium's --host-resolver-rules: Teams and the app's hosts go to this server; every other name fails (offline). */
  resolverRules: string;
  close(): Promise<void>;
}

/**
 * One HTTPS server on 127.0.0.1 that answers as two sites, by Host: https://teams.microsoft.com (the host
 * page) and each of the app's hosts from the manifest (e.g. https://radslag.test), proxied to the running
 * app. Chromium resolves those names here, so the tab runs cross-origin in an https frame as in Teams, at
 * the URLs the manifest names. Responses are piped unbuffered (server-sent events pass through live).
 */
export async function startTeamsHostServer(o: { appUrl: string; appHosts: string[] }): Promise<TeamsHostServer> {
  const { cert, private: key } = selfsigned.generate([{ name: 'commonName', value: 'Teams test host' }], {
    days: 2,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [TEAMS_HOST, ...o.appHosts].map((value) => ({ type: 2, value })) },
    ],
  });
  const spki = createHash('sha256').update(new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
  const html = readFileSync(join(here, 'host.html'));
  const js = readFileSync(join(here, 'host.js'));
  const target = new URL(o.appUrl);
  const server: Server = createServer({ key, cert }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (host === TEAMS_HOST) {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/_host/host.js') res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(js);
      else if (path === '/_host') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
      else res.writeHead(404).end();
      return;
    }
    if (!o.appHosts.includes(host)) {
      res.writeHead(421).end();
      return;
    }
    const upstream = request({ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const resolverRules = [...[TEAMS_HOST, ...o.appHosts].map((h) => `MAP ${h} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND'].join(', ');
  return {
    port,
    spki,
    resolverRules,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
