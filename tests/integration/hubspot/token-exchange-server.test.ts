/**
 * The Node runner: environment parsing and HTTPS with TLS_KEY / TLS_CERT files.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { optionsFromEnv, startTokenExchangeServer } from '../../../scripts/hubspot-token-exchange/server';
import { makeCertificate } from '../../support/fake-crm';

const ORIGIN = 'chrome-extension://hmdjolibmnimciciepfhdckgegclnedc';

function httpsGet(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('HubSpot token exchange server (Node)', () => {
  it('reads its settings from the environment and names what is missing', () => {
    expect(() => optionsFromEnv({ HUBSPOT_CLIENT_ID: 'a' })).toThrow(
      'Set HUBSPOT_CLIENT_SECRET, ALLOWED_ORIGINS (see docs/hubspot-token-exchange.md).',
    );
    expect(
      optionsFromEnv({
        HUBSPOT_CLIENT_ID: 'a',
        HUBSPOT_CLIENT_SECRET: 'b',
        ALLOWED_ORIGINS: `${ORIGIN}, chrome-extension://abcdefghijklmnopabcdefghijklmnop`,
        ALLOWED_REDIRECT_URIS: 'https://hmdjolibmnimciciepfhdckgegclnedc.chromiumapp.org/hubspot',
        PORT: '9000',
        HUBSPOT_TOKEN_URL: 'http://127.0.0.1:1/oauth/v3/token',
      }),
    ).toEqual({
      clientId: 'a',
      clientSecret: 'b',
      allowedOrigins: [ORIGIN, 'chrome-extension://abcdefghijklmnopabcdefghijklmnop'],
      allowedRedirectUris: ['https://hmdjolibmnimciciepfhdckgegclnedc.chromiumapp.org/hubspot'],
      tokenUrl: 'http://127.0.0.1:1/oauth/v3/token',
      port: 9000,
      host: '127.0.0.1',
    });
  });

  it('serves HTTPS with TLS_KEY and TLS_CERT files', async () => {
    const pems = await makeCertificate(['localhost']);
    const dir = mkdtempSync(join(tmpdir(), 'token-exchange-'));
    writeFileSync(join(dir, 'key.pem'), pems.key);
    writeFileSync(join(dir, 'cert.pem'), pems.cert);
    const options = optionsFromEnv({
      HUBSPOT_CLIENT_ID: 'a',
      HUBSPOT_CLIENT_SECRET: 'b',
      ALLOWED_ORIGINS: ORIGIN,
      PORT: '0',
      TLS_KEY: join(dir, 'key.pem'),
      TLS_CERT: join(dir, 'cert.pem'),
    });
    const server = await startTokenExchangeServer(options);
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(await httpsGet(`${server.url}/healthz`, pems.cert)).toEqual({ status: 200, body: 'ok' });
    } finally {
      await server.close();
    }
  });
});
