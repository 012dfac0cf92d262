/**
 * The fake Google of the Calendar connection for e2e: accounts.google.com, oauth2.googleapis.com
 * and www.googleapis.com mapped to one local HTTPS server, and the organisation's token exchange
 * (the same script as HubSpot's, run for the Google client) on a host of its own.
 */
import { startTokenExchangeServer } from '../../../scripts/hubspot-token-exchange/server';
import { EXTENSION_ID } from '../../support/chromium';
import { makeCertificate } from '../../support/fake-crm';
import {
  GOOGLE_CLIENT_ID,
  GOOGLE_CLIENT_SECRET,
  GOOGLE_HOSTS,
  startFakeGoogle,
  type FakeGoogle,
} from '../../support/fake-google';
import { localHttpsFetch } from '../../support/local-fetch';

export const GOOGLE_EXCHANGE_HOST = 'google-tokens.dealside.test';

export interface GoogleRig {
  google: FakeGoogle;
  /** For startStack's extraHosts. */
  hosts: Record<string, number>;
  /** What the administrator's policy sets for the connection. */
  settings: { googleClientId: string; googleTokenExchangeUrl: string };
  close(): Promise<void>;
}

export async function startGoogleRig(): Promise<GoogleRig> {
  const tls = await makeCertificate([...GOOGLE_HOSTS, GOOGLE_EXCHANGE_HOST]);
  const google = await startFakeGoogle({ tls, pageSize: 2 });
  const exchange = await startTokenExchangeServer({
    clientId: GOOGLE_CLIENT_ID,
    clientSecret: GOOGLE_CLIENT_SECRET,
    allowedOrigins: [`chrome-extension://${EXTENSION_ID}`],
    tokenUrl: `${google.url}/token`,
    tls,
    fetch: localHttpsFetch,
  });
  const hosts: Record<string, number> = { [GOOGLE_EXCHANGE_HOST]: Number(new URL(exchange.url).port) };
  for (const host of GOOGLE_HOSTS) hosts[host] = google.port;
  return {
    google,
    hosts,
    settings: {
      googleClientId: GOOGLE_CLIENT_ID,
      googleTokenExchangeUrl: `https://${GOOGLE_EXCHANGE_HOST}/`,
    },
    async close() {
      await Promise.all([exchange.close(), google.close()]);
    },
  };
}
