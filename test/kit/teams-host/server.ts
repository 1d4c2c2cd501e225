import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export interface TeamsTestHost {
  /** Origin of the host page and of the proxied app (one origin, as teams-js requires for our host). */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the Teams stand-in page at /__host and proxies everything else to the app, so the host page and
 * the framed tab share one origin. Responses are piped unbuffered (server-sent events pass through live).
 */
export async function startTeamsTestHost(appUrl: string): Promise<TeamsTestHost> {
  const html = readFileSync(join(here, 'host.html'));
  const js = readFileSync(join(here, 'host.js'));
  const target = new URL(appUrl);
  const server: Server = createServer((req, res) => {
    if (req.url === '/__host' || req.url?.startsWith('/__host?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
      return;
    }
    if (req.url === '/__host/host.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(js);
      return;
    }
    const upstream = request(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
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
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
