/**
 * The HubSpot `CrmAdapter`: thin typed calls to CRM v3/v4 over the shared http/limiter/cache
 * plumbing. Everything it needs is injected (fetch, tokens, clock, limiter, cache), so it runs
 * the same in the service worker, in Node tests against the fake CRM, and in the demo.
 */
import { readReportFacts } from './reads/report-facts';
import type { CrmCache } from '../cache';
import type { Limiter } from '../limiter';
import { OpportunityContext } from '../../domain/types';
import { type AdapterDeps, type CrmAdapter } from '../adapter';
import { createHubSpotAudit } from './reads/audit';
import { createHubSpotClient } from './client';
import { BriefSeed } from './reads/brief-seed';
import { completeBrief, readOpportunityContext } from './reads/context';
import { createDispositions } from './reads/dispositions';
import { createIdempotency } from './duplicates/find';
import { createLogKeyProperty } from './duplicates/log-key-property';
import { readMatchData } from './reads/match-data';
import { createOwners } from './reads/owners';
import { createHubSpotPeople } from './reads/team';
import { createPipelines } from './reads/pipelines';
import { searchOpportunities } from './reads/search';
import { createWrites, type WriteSettings } from './writes/write';

export interface HubSpotAdapterOptions {
  deps: AdapterDeps;
  /** https://api.hubapi.com */
  apiBaseUrl: string;
  /** The portal (hub) id; keys the rate-limit windows and caches. */
  portalId: string | null;
  limiter: Limiter;
  sleep(ms: number): Promise<void>;
  cache: CrmCache;
  /** Deal briefs shared by every thread on the deal for a few minutes (default: `cache`). */
  contextCache?: CrmCache;
  settings: WriteSettings;
}

/** Long enough for the threads of one deal opened together, short enough to stay current. */
export const CONTEXT_TTL_MS = 2 * 60_000;

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

  const contexts = options.contextCache ?? options.cache;
  const contextKey = (dealId: string) => `hubspot:${client.portalKey}:context:${dealId}`;
  const cachedContext = (dealId: string) => contexts.get(contextKey(dealId), OpportunityContext);
  const remember = async (context: OpportunityContext) => {
    await contexts.set(contextKey(context.opportunity.id), context, CONTEXT_TTL_MS);
    return context;
  };
  const contextDeps = { client, pipelines, owners, now: () => options.deps.now() };
  // What the match pass read towards a brief it could not finish (brief-seed.ts).
  const seedKey = (dealId: string) => `hubspot:${client.portalKey}:brief-seed:${dealId}`;
  const rememberSeed = (seed: BriefSeed) => contexts.set(seedKey(seed.deal.id), seed, CONTEXT_TTL_MS);
  const freshContext = async (dealId: string) => {
    const seed = await contexts.get(seedKey(dealId), BriefSeed);
    return seed ? completeBrief(contextDeps, seed) : readOpportunityContext(contextDeps, dealId);
  };

  return {
    provider: 'hubspot',
    ownerByEmail: (email) => owners.byEmail(email),
    pipelines: () => pipelines.load(),
    matchData: async (input) => {
      const data = await readMatchData({ ...contextDeps, cachedContext, rememberSeed }, input);
      await Promise.all(data.contexts.map(remember));
      return data;
    },
    opportunityContext: async (dealId) =>
      (await cachedContext(dealId)) ?? remember(await freshContext(dealId)),
    searchOpportunities: (input) => searchOpportunities({ client, pipelines }, input),
    write: async (key, write) => {
      try {
        return await writes.write(key, write);
      } finally {
        // Whatever happened, the deal's brief may now be out of date.
        const dealId = write.target.opportunityId;
        if (dealId) {
          await contexts.set(contextKey(dealId), null, -1);
          await contexts.set(seedKey(dealId), null, -1);
        }
      }
    },
    findWritten: (keys, write) => writes.findWritten(typeof keys === 'string' ? [keys] : keys, write),
    findAllWritten: (key, write) => writes.findAllWritten(key, write),
    removeRecord: (record) => writes.removeRecord(record),
    keyMode: () => (options.settings.logKeyProperty ? 'unique' : 'marker'),
    createLogKeyField: () => createLogKeyProperty(client),
    callOutcomes: () => dispositions.status(),
    audit: createHubSpotAudit(client, pipelines),
    reportFacts: (query) =>
      readReportFacts({ client, pipelines, reasonProperty: options.settings.stageReasonProperty }, query),
    reportPeople: createHubSpotPeople(client, options.cache),
  };
}

export { HUBSPOT_API_BASE_URL } from '../../http/hubspot';
