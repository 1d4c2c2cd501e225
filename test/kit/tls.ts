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
