/**
 * The worker's collaborators, built once per worker start. They hold coordination only (one
 * refresh in flight, serialised storage updates); everything that must survive is in storage.
 */
import { browser } from 'wxt/browser';
import { hubspotOAuth } from '../auth/hubspot';
import { salesforceOAuth } from '../auth/salesforce';
import { createAuth } from '../auth/session';
import { singleFlight } from '../auth/single-flight';
import { loadConfig } from '../config/store';
import { createStorageCache } from '../crm/cache';
import { createHubSpotAdapter } from '../crm/hubspot';
import { createLimiter } from '../crm/limiter';
import { createSalesforceAdapter } from '../crm/salesforce';
import type { AdapterDeps, CrmAdapter } from '../crm/adapter';
import type { Provider } from '../domain/types';
import { drain } from '../outbox/processor';
import { createOutboxStore } from '../outbox/store';
import { limiterWindows } from '../storage/items';
import { createCaptureStore } from '../capture/store';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createServices() {
  const config = async () => (await loadConfig()).config;
  const auth = createAuth({
    providers: { hubspot: hubspotOAuth, salesforce: salesforceOAuth },
    loadConfig: config,
    isLocked: async (key) => (await loadConfig()).locked.includes(key),
    redirectUri: (provider) => browser.identity.getRedirectURL(provider),
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
  });
  const limiter = createLimiter({
    store: {
      load: async () => (await limiterWindows.read()) ?? undefined,
      save: (state) => limiterWindows.write(state),
    },
    now: () => Date.now(),
    sleep,
  });
  const cache = createStorageCache();
  const contextCache = createStorageCache(Date.now, 'session');
  const outbox = createOutboxStore();
  const capture = createCaptureStore();

  /** The adapter for the signed-in CRM, or null when signed out (or signed in to another one). */
  async function adapter(provider?: Provider): Promise<CrmAdapter | null> {
    const settings = await config();
    const connection = await auth.connection();
    if (!connection || (provider && connection.provider !== provider)) return null;
    const deps: AdapterDeps = {
      fetch: (input, init) => fetch(input, init),
      accessToken: () => auth.accessToken(),
      refreshAccessToken: () => auth.forceRefresh(),
      now: () => new Date(),
    };
    if (connection.provider === 'hubspot') {
      return createHubSpotAdapter({
        deps,
        apiBaseUrl: connection.apiBaseUrl,
        portalId: connection.tenantId,
        limiter,
        sleep,
        cache,
        contextCache,
        settings: {
          stageReasonProperty: settings.hubspotStageReasonProperty,
          logKeyProperty: settings.hubspotLogKeyProperty,
        },
      });
    }
    return createSalesforceAdapter({
      deps,
      instanceUrl: connection.apiBaseUrl,
      apiVersion: settings.salesforceApiVersion,
      orgId: connection.tenantId,
      userId: connection.crmUserId,
      limiter,
      sleep,
      cache,
      settings: {
        stageReasonField: settings.salesforceStageReasonField,
        logKeyField: settings.salesforceLogKeyField,
      },
    });
  }

  /** Sends what is due; concurrent kicks share one pass. */
  const drainOutbox = singleFlight(() =>
    drain({
      store: outbox,
      adapter,
      signedIn: () => auth.connection(),
      now: () => Date.now(),
      random: Math.random,
    }),
  );

  return { config, auth, limiter, cache, outbox, adapter, drainOutbox, capture };
}
export type Services = ReturnType<typeof createServices>;
