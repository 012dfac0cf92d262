import { request } from 'node:https';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CERT_HOSTS, makeCertificate } from '../../support/fake-crm';
import { start } from './helpers';

describe('HTTPS mode', () => {
  it('makes a certificate for the mapped hosts and serves the API over TLS', async () => {
    const tls = await makeCertificate(DEFAULT_CERT_HOSTS);
    const cert = new X509Certificate(tls.cert);
    for (const host of ['api.hubapi.com', 'app.hubspot.com', 'mail.google.com', 'acme.my.salesforce.com']) {
      expect(cert.checkHost(host)).toBeTruthy();
    }
    const crm = await start({ tls });
    try {
      expect(crm.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          `${crm.url}/crm/v3/owners`,
          {
            ca: tls.cert,
            servername: 'api.hubapi.com',
            headers: { host: 'api.hubapi.com', authorization: 'Bearer pat-na1-demo-private-app' },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
      expect(crm.requests()[0]?.host).toBe('api.hubapi.com');
    } finally {
      await crm.close();
    }
  });
});
