/**
 * A tiny round-robin HTTP proxy on loopback, standing in for the load balancer in front of several
 * replicas. Each request goes to the next upstream in turn; bodies and responses (including server-sent
 * event streams) are piped through unchanged. `counts` tells how many requests each upstream got.
 */
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenLoopback } from './http-util';

export interface RoundRobinProxy {
  url: string;
  /** Requests forwarded per upstream (same order as given). */
  readonly counts: number[];
  close(): Promise<void>;
}

export async function startRoundRobinProxy(upstreams: string[]): Promise<RoundRobinProxy> {
  if (upstreams.length === 0) throw new Error('round-robin proxy: no upstreams');
  const targets = upstreams.map((u) => new URL(u));
  const counts = targets.map(() => 0);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let turn = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const k = turn++ % targets.length;
    counts[k] = (counts[k] ?? 0) + 1;
    const target = targets[k]!;
    const headers = { ...req.headers, host: target.host, 'x-forwarded-for': req.socket.remoteAddress ?? '' };
    const upstream = request({ agent, host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('bad gateway');
    });
    // A client that goes away (an SSE reader closing) ends the upstream request too.
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  const port = await listenLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    async close() {
      server.closeAllConnections();
      await closeServer(server);
      agent.destroy();
    },
  };
}
