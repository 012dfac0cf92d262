/** A throwaway certificate for local HTTPS servers; Chromium runs with --ignore-certificate-errors. */
import { generate } from 'selfsigned';

export interface Certificate {
  key: string;
  cert: string;
}

export async function makeCertificate(hosts: string[]): Promise<Certificate> {
  const pems = await generate([{ name: 'commonName', value: hosts[0] ?? 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: hosts.map((value) => ({ type: 2 as const, value })) }],
  });
  return { key: pems.private, cert: pems.cert };
}
