import { request } from 'node:https';
import { request as httpRequest } from 'node:http';

/**
 * A fetch over node:https that trusts an extra CA (a test stand-in's, or an on-premises proxy's). Node's
 * global fetch cannot be given a CA without undici; without a CA the global fetch is used unchanged.
 * TLS verification is never switched off.
 */
export function fetchTrusting(caPem: string | undefined, timeoutMs = 30_000): typeof fetch {
  // The caller's signal (a job stopping) and the timeout both end a call: a caller's signal alone would let a
  // hanging request wait until the job is stopped.
  const withTimeout = (signal: AbortSignal | null | undefined) => (signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs));
  if (!caPem) {
    return ((input: string | URL | Request, init: RequestInit = {}) => fetch(input, { ...init, signal: withTimeout(init.signal) })) as typeof fetch;
  }
  return (async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const req = input instanceof Request ? input : undefined;
    const url = new URL(req ? req.url : input.toString());
    const method = (init.method ?? req?.method ?? 'GET').toUpperCase();
    const headers = new Headers(req?.headers);
    new Headers(init.headers).forEach((v, k) => headers.set(k, v));
    const payload = await toBuffer(init.body ?? (req && method !== 'GET' && method !== 'HEAD' ? await req.arrayBuffer() : undefined));
    if (payload) headers.set('content-length', String(payload.length));
    const signal = withTimeout(init.signal);
    const send = url.protocol === 'http:' ? httpRequest : request;
    return new Promise<Response>((resolve, reject) => {
      const outgoing = send(url, { method, headers: Object.fromEntries(headers.entries()), ca: caPem, signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const out = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (Array.isArray(v)) v.forEach((x) => out.append(k, x));
            else if (v !== undefined) out.set(k, v);
          }
          const status = res.statusCode ?? 500;
          const nullBody = [101, 204, 205, 304].includes(status) || method === 'HEAD';
          resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? '', headers: out }));
        });
      });
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }) as typeof fetch;
}

async function toBuffer(body: unknown): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  if (body instanceof URLSearchParams) return Buffer.from(body.toString(), 'utf8');
  throw new Error('unsupported request body');
}
