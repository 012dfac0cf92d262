/**
 * The Salesforce adapter: Dealside's CrmAdapter over Salesforce REST (thin fetch calls,
 * zod/mini-validated answers). Runs in the worker, which owns the tokens; everything it needs
 * is injected, so it never touches extension APIs.
 */
import type { CrmCache } from '../cache';
import type { Limiter, RateRule } from '../limiter';
import type { AdapterDeps, CrmAdapter } from '../adapter';
import { createSalesforceAudit } from './reads/audit';
import { createSalesforceClient } from './client';
import { findAllWritten, findWritten, type WriteDeps } from './duplicates/find';
import { performWrite, removeRecord } from './writes/write';
import { createUsageTracker } from './client/limits';
import { readMatchData } from './reads/match-data';
import { createMetadataStore, loadMetadata } from './reads/metadata';
import { pipelineOf } from './map/stages';
import { readOpportunityContext } from './reads/context';
import { ownerByEmail } from './reads/owners';
import { createSalesforcePeople } from './reads/team';
import { readReportFacts } from './reads/report-facts';
import { searchOpportunities } from './reads/search';

export interface SalesforceAdapterOptions {
  deps: AdapterDeps;
  /** `instance_url` from the token answer: where data calls go. */
  instanceUrl: string;
  /** e.g. `v66.0`. */
  apiVersion: string;
  orgId: string | null;
  /** The signed-in rep's User id: owner of what Dealside logs. */
  userId: string | null;
  limiter: Limiter;
  sleep(ms: number): Promise<void>;
  cache: CrmCache;
  settings: { stageReasonField: string; logKeyField: string };
  /** Per request; default 20 s (lib/crm/http.ts). */
  timeoutMs?: number;
}

/**
 * Salesforce limits calls per rolling 24 h, not per second; this only smooths bursts (an
 * outbox drain after an outage, many tabs) so one browser cannot spend the org's allocation in
 * seconds.
 */
export function salesforceRule(tenant: string): RateRule {
  return { name: `salesforce:${tenant}`, max: 20, windowMs: 10_000 };
}

export function createSalesforceAdapter(options: SalesforceAdapterOptions): CrmAdapter {
  const tenant = options.orgId ?? new URL(options.instanceUrl).host;
  const cachePrefix = `salesforce:${tenant}`;
  const usage = createUsageTracker(options.cache, `${cachePrefix}:usage`);
  const client = createSalesforceClient({
    deps: options.deps,
    instanceUrl: options.instanceUrl,
    apiVersion: options.apiVersion,
    limiter: options.limiter,
    rule: salesforceRule(tenant),
    sleep: options.sleep,
    usage,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const metadata = createMetadataStore(options.cache, `${cachePrefix}:metadata`);
  const now = () => options.deps.now();
  const writeDeps: WriteDeps = { client, metadata, userId: options.userId, settings: options.settings };

  return {
    provider: 'salesforce',
    ownerByEmail: (email) =>
      ownerByEmail({ client, cache: options.cache, cachePrefix, userId: options.userId }, email),
    pipelines: async () => pipelineOf(await loadMetadata(client, metadata)),
    matchData: (input) => readMatchData({ client, metadata, now }, input),
    opportunityContext: (id) => readOpportunityContext({ client, metadata, now }, id),
    searchOpportunities: (input) => searchOpportunities({ client, metadata }, input),
    write: (key, write) => performWrite(writeDeps, key, write),
    findWritten: (keys, write) => findWritten(writeDeps, typeof keys === 'string' ? [keys] : keys, write),
    findAllWritten: (key, write) => findAllWritten(writeDeps, key, write),
    removeRecord: (record) => removeRecord(writeDeps, record),
    keyMode: () => (options.settings.logKeyField.trim() ? 'unique' : 'marker'),
    audit: createSalesforceAudit(client, metadata),
    reportFacts: (query) =>
      readReportFacts({ client, reasonField: options.settings.stageReasonField }, query),
    reportPeople: createSalesforcePeople(client),
  };
}
