/**
 * The HubSpot `CrmAdapter`: thin typed calls to CRM v3/v4 over the shared http/limiter/cache
 * plumbing. Everything it needs is injected (fetch, tokens, clock, limiter, cache), so it runs
 * the same in the service worker, in Node tests against the fake CRM, and in the demo.
 */
import type { CrmCache } from '../cache';
import type { Limiter } from '../limiter';
import type { AdapterDeps, CrmAdapter } from '../types';
import { createHubSpotAudit } from './audit';
import { createHubSpotClient } from './client';
import { readOpportunityContext } from './context';
import { createDispositions } from './dispositions';
import { createIdempotency } from './idempotency';
import { createLogKeyProperty } from './log-key-property';
import { readMatchData } from './match-data';
import { createOwners } from './owners';
import { createPipelines } from './pipelines';
import { searchOpportunities } from './search';
import { createWrites, type WriteSettings } from './writes';

export interface HubSpotAdapterOptions {
  deps: AdapterDeps;
  /** https://api.hubapi.com */
  apiBaseUrl: string;
  /** The portal (hub) id; keys the rate-limit windows and caches. */
  portalId: string | null;
  limiter: Limiter;
  sleep(ms: number): Promise<void>;
  cache: CrmCache;
  settings: WriteSettings;
}

export function createHubSpotAdapter(options: HubSpotAdapterOptions): CrmAdapter {
  const client = createHubSpotClient(options);
  const pipelines = createPipelines(client, options.cache);
  const owners = createOwners(client, options.cache);
  const dispositions = createDispositions(client, options.cache);
  const writes = createWrites({
    client,
    settings: options.settings,
    dispositions,
    idempotency: createIdempotency(client, options.settings),
    pipelines,
  });

  return {
    provider: 'hubspot',
    ownerByEmail: (email) => owners.byEmail(email),
    pipelines: () => pipelines.load(),
    matchData: (input) => readMatchData({ client, pipelines }, input),
    opportunityContext: (dealId) =>
      readOpportunityContext({ client, pipelines, owners, now: () => options.deps.now() }, dealId),
    searchOpportunities: (input) => searchOpportunities({ client, pipelines }, input),
    write: (key, write) => writes.write(key, write),
    findWritten: (keys, write) => writes.findWritten(typeof keys === 'string' ? [keys] : keys, write),
    findAllWritten: (key, write) => writes.findAllWritten(key, write),
    removeRecord: (record) => writes.removeRecord(record),
    keyMode: () => (options.settings.logKeyProperty ? 'unique' : 'marker'),
    createLogKeyField: () => createLogKeyProperty(client),
    callOutcomes: () => dispositions.status(),
    audit: createHubSpotAudit(client, pipelines),
  };
}

export { HUBSPOT_API_BASE_URL } from './constants';
