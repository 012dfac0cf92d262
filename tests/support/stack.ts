/**
 * Everything Dealside talks to, on this machine: the fake CRM (HubSpot and Salesforce hosts),
 * the HubSpot token exchange, saved Gmail and Calendar pages, and Chromium with the built
 * extension, the hosts mapped so the real manifest and real code paths apply. Shared by the
 * end-to-end tests and `npm run demo`.
 */
import type { Page } from 'playwright-core';
import type { Browser } from 'wxt/browser';
import { startTokenExchangeServer } from '../../scripts/hubspot-token-exchange/server';
import { DEFAULT_CRM_HOSTS, EXTENSION_ID, launchDealside, type Dealside } from './chromium';
import {
  HUBSPOT_CLIENT_ID,
  HUBSPOT_CLIENT_SECRET,
  makeCertificate,
  SALESFORCE_CLIENT_ID,
  startFakeCrm,
  type FakeCrm,
} from './fake-crm';
import { localHttpsFetch } from './local-fetch';
import { startPagesServer, type PagesServer } from './pages-server';

/** What code passed to `worker.evaluate` sees. */
declare const chrome: typeof Browser;

export type DemoProvider = 'hubspot' | 'salesforce';
export const TOKEN_EXCHANGE_HOST = 'tokens.dealside.test';
export const SALESFORCE_MY_DOMAIN = 'https://acme.my.salesforce.com';

/** What a rep (or their admin) would enter in Settings to use the fake CRM. */
export function settingsFor(provider: DemoProvider): Record<string, unknown> {
  const common = { crmProvider: provider, internalDomains: ['ourco.com'] };
  return provider === 'hubspot'
    ? {
        ...common,
        hubspotClientId: HUBSPOT_CLIENT_ID,
        hubspotTokenExchangeUrl: `https://${TOKEN_EXCHANGE_HOST}/`,
        hubspotLogKeyProperty: 'dealside_log_key',
        hubspotStageReasonProperty: 'dealside_stage_reason',
      }
    : {
        ...common,
        salesforceLoginUrl: SALESFORCE_MY_DOMAIN,
        salesforceClientId: SALESFORCE_CLIENT_ID,
        salesforceLogKeyField: 'Dealside_Key__c',
        salesforceStageReasonField: 'Dealside_Stage_Reason__c',
      };
}

export interface Stack {
  crm: FakeCrm;
  pages: PagesServer;
  dealside: Dealside;
  /** Saves settings the way the Settings view does (storage.sync). */
  configure(settings: Record<string, unknown>): Promise<void>;
  /** Serves `html` at `url` and opens it in a new tab. */
  open(url: string, html: string): Promise<{ page: Page; tabId: number }>;
  close(): Promise<void>;
}

export async function startStack(
  options: {
    headless?: boolean;
    extensionDir?: string;
    now?: Date;
    /** More host names to send to the fake CRM, which records whatever reaches them. */
    moreCrmHosts?: string[];
    /** More host → local port mappings (e.g. the fake Google of the Calendar connection). */
    extraHosts?: Record<string, number>;
  } = {},
): Promise<Stack> {
  const certificate = await makeCertificate();
  const crm = await startFakeCrm({ tls: certificate, now: options.now });
  const pages = await startPagesServer(certificate);
  const exchange = await startTokenExchangeServer({
    clientId: HUBSPOT_CLIENT_ID,
    clientSecret: HUBSPOT_CLIENT_SECRET,
    allowedOrigins: [`chrome-extension://${EXTENSION_ID}`],
    tokenUrl: `${crm.url}/oauth/v3/token`,
    tls: certificate,
    // The fake CRM's certificate is self-signed; the exchange reaches it from Node.
    fetch: localHttpsFetch,
  });
  const dealside = await launchDealside({
    pagesPort: pages.port,
    crmPort: crm.port,
    extraHosts: { [TOKEN_EXCHANGE_HOST]: Number(new URL(exchange.url).port), ...options.extraHosts },
    headless: options.headless,
    extensionDir: options.extensionDir,
    crmHosts: [...DEFAULT_CRM_HOSTS, ...(options.moreCrmHosts ?? [])],
  });
  return {
    crm,
    pages,
    dealside,
    async configure(settings) {
      const worker = await dealside.worker();
      await worker.evaluate((value) => chrome.storage.sync.set({ settings: value }), settings);
    },
    async open(url, html) {
      pages.serve(new URL(url).host, html);
      return dealside.openTab(url);
    },
    async close() {
      await dealside.close();
      await Promise.all([exchange.close(), pages.close(), crm.close()]);
    },
  };
}
