import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Reads a whole request body as a Buffer. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Parses a JSON body; returns undefined for an empty body and throws for malformed JSON. */
export function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  return JSON.parse(body.toString('utf8')) as unknown;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** Listens on 127.0.0.1 port 0 and resolves the bound port. */
export function listenLoopback(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Closes a server and any keep-alive sockets so tests do not hang on teardown. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}

/**
 * Matches a path against a pattern such as `/v3/conversations/:id/activities/:replyTo`.
 * `*` as the last segment matches the rest of the path (exposed as params['*']).
 * Segments are URL-decoded.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i += 1) {
    const part = p[i] as string;
    if (part === '*' && i === p.length - 1) {
      params['*'] = s.slice(i).map(decodeURIComponent).join('/');
      return params;
    }
    const seg = s[i];
    if (seg === undefined) return undefined;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(seg);
    else if (part !== seg) return undefined;
  }
  return p.length === s.length ? params : undefined;
}

/** A queued fault: the next `remaining` matching requests get `status` instead of the real answer. */
export interface Fault {
  remaining: number;
  status: number;
  retryAfter?: number;
  delayMs?: number;
  body?: unknown;
}

/** Takes one fault off the queue (first with remaining > 0), or undefined. */
export function takeFault(faults: Fault[]): Fault | undefined {
  const fault = faults[0];
  if (!fault) return undefined;
  fault.remaining -= 1;
  if (fault.remaining <= 0) faults.shift();
  return fault;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls a recorded list until an item matches, or rejects after timeoutMs. */
export async function waitForItem<T>(items: () => readonly T[], predicate: (item: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = items().find(predicate);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${items().length} recorded)`);
    await delay(20);
  }
}
