/**
 * Self-signed TLS certificates for the HTTPS mode (Chromium maps the real hosts to this server
 * with --host-resolver-rules and runs with --ignore-certificate-errors).
 */
import { generate } from 'selfsigned';

export const DEFAULT_CERT_HOSTS = [
  'mail.google.com',
  'calendar.google.com',
  'api.hubapi.com',
  'app.hubspot.com',
  'login.salesforce.com',
  '*.my.salesforce.com',
];

/** Async because selfsigned ≥5 generates keys with WebCrypto. */
export async function makeCertificate(
  hosts: string[] = DEFAULT_CERT_HOSTS,
): Promise<{ key: string; cert: string }> {
  const notBeforeDate = new Date(Date.now() - 86_400_000);
  const pems = await generate([{ name: 'commonName', value: hosts[0] ?? 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...hosts.map((value) => ({ type: 2 as const, value })),
          { type: 2 as const, value: 'localhost' },
          { type: 7 as const, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
