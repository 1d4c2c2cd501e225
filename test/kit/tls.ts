import selfsigned from 'selfsigned';

/** A throwaway TLS trust anchor for the HTTPS stand-ins. */
export interface TestCa {
  caCertPem: string;
  serverKeyPem: string;
  serverCertPem: string;
}

/**
 * Creates a self-signed test CA whose certificate also serves as the server certificate for
 * 127.0.0.1 and localhost. selfsigned 3 cannot sign a leaf with a separate CA key (its client
 * certificate has no subjectAltName and a SHA-1 signature), so the CA is its own leaf: a client
 * that trusts `caCertPem` explicitly (https.Agent `ca`, undici `connect.ca`) verifies the chain
 * and the host name normally, while a client that does not trust it fails with
 * DEPTH_ZERO_SELF_SIGNED_CERT. TLS verification is never switched off.
 */
export function createTestCa(): TestCa {
  const attrs = [
    { name: 'commonName', value: 'Radslag Test CA' },
    { name: 'organizationName', value: 'Radslag tests' },
  ];
  const generated = selfsigned.generate(attrs, {
    days: 7,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { caCertPem: generated.cert, serverKeyPem: generated.private, serverCertPem: generated.cert };
}

async function bodyBytes(body: unknown): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  if (body instanceof ReadableStream) return Buffer.from(await new Response(body).arrayBuffer());
  throw new Error(`trustingFetch: unsupported body type ${Object.prototype.toString.call(body)}`);
}

/**
 * A fetch-compatible function over node:https that trusts exactly the given CA (plus nothing else).
 * Node 20's global fetch can only be given a CA through an undici dispatcher, and undici is not a
 * dependency here, so clients that accept a fetch (Graph client middleware, tests) use this one.
 */
export function trustingFetch(caCertPem: string): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const { request } = await import('node:https');
    const req = input instanceof Request ? input : undefined;
    const url = new URL(req ? req.url : input.toString());
    const method = (init.method ?? req?.method ?? 'GET').toUpperCase();
    const headers = new Headers(req?.headers);
    new Headers(init.headers).forEach((v, k) => headers.set(k, v));
    const payload = await bodyBytes(init.body ?? (req && method !== 'GET' && method !== 'HEAD' ? await req.arrayBuffer() : undefined));
    if (payload) headers.set('content-length', String(payload.length));
    return new Promise<Response>((resolve, reject) => {
      const outgoing = request(
        url,
        { method, headers: Object.fromEntries(headers.entries()), ca: caCertPem, signal: init.signal ?? undefined },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const responseHeaders = new Headers();
            for (const [k, v] of Object.entries(res.headers)) {
              if (Array.isArray(v)) v.forEach((x) => responseHeaders.append(k, x));
              else if (v !== undefined) responseHeaders.set(k, v);
            }
            const status = res.statusCode ?? 500;
            const nullBody = [101, 204, 205, 304].includes(status) || method === 'HEAD';
            resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? '', headers: responseHeaders }));
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }) as typeof fetch;
}

/**
 * Writes the CA certificate to a temp file for a child process's NODE_EXTRA_CA_CERTS (which adds
 * the CA to Node's trust store; verification stays on). Returns the path and a cleanup function.
 */
export async function writeCaFile(ca: TestCa): Promise<{ path: string; remove(): Promise<void> }> {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'radslag-ca-'));
  const path = join(dir, 'test-ca.pem');
  await writeFile(path, ca.caCertPem, { mode: 0o600 });
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}
