/**
 * Org metadata that changes rarely and is cached ~6 h: the Opportunity stages (OpportunityStage
 * rows → one Dealside pipeline) and a few facts from the Opportunity describe (does this org
 * have LastStageChangeDate, multi-currency, Enhanced Email's `Emails` relationship, the
 * admin's stage-reason field?). Both travel as two subrequests, so they can ride along in
 * whichever composite call needs them first.
 */
import * as z from 'zod/mini';
import type { CrmCache } from '../../cache';
import type { SalesforceClient } from '../client';
import { queryUrl, subResult, type SubResult, type Subrequest } from '../client/composite';
import { Describe, StageRow, parseEach } from '../schemas';

const TTL_MS = 6 * 60 * 60_000;
/** Without describe facts, look again sooner. */
const PARTIAL_TTL_MS = 30 * 60_000;

const StageMeta = z.object({
  id: z.string(),
  label: z.string(),
  order: z.number(),
  probability: z.nullable(z.number()),
  isClosed: z.boolean(),
  isWon: z.boolean(),
  isActive: z.boolean(),
});

export const OrgFacts = z.object({
  lastStageChangeDate: z.boolean(),
  currencyIsoCode: z.boolean(),
  /** Enhanced Email: EmailMessage.RelatedToId, child relationship `Emails`. */
  emails: z.boolean(),
  /** Updateable Opportunity fields, lower-cased (to check the admin's stage-reason field). */
  updateableFields: z.array(z.string()),
});
export type OrgFacts = z.infer<typeof OrgFacts>;

export const OrgMetadata = z.object({
  stages: z.nullable(z.array(StageMeta)),
  facts: z.nullable(OrgFacts),
});
export type OrgMetadata = z.infer<typeof OrgMetadata>;

const STAGES_SOQL =
  'SELECT ApiName, MasterLabel, IsActive, IsClosed, IsWon, DefaultProbability, SortOrder FROM OpportunityStage ORDER BY SortOrder ASC';

export const REF_STAGES = 'stages';
export const REF_DESCRIBE = 'oppDescribe';

export function metadataSubrequests(dataPath: string): Subrequest[] {
  return [
    { method: 'GET', url: `${dataPath}/sobjects/Opportunity/describe`, referenceId: REF_DESCRIBE },
    { method: 'GET', url: queryUrl(dataPath, STAGES_SOQL), referenceId: REF_STAGES },
  ];
}

function stagesFrom(body: unknown): OrgMetadata['stages'] {
  const records = z.object({ records: z.array(z.unknown()) }).safeParse(body);
  if (!records.success) return null;
  const rows = parseEach(StageRow, records.data.records).rows.sort(
    (a, b) => (a.SortOrder ?? 0) - (b.SortOrder ?? 0),
  );
  // Active stages first, numbered 0…n-1 (the pipeline the rep picks from); inactive ones
  // after, so deals still sitting in a retired stage keep a label.
  const ordered = [...rows.filter((r) => r.IsActive !== false), ...rows.filter((r) => r.IsActive === false)];
  return ordered.map((r, order) => ({
    id: r.ApiName,
    label: r.MasterLabel ?? r.ApiName,
    order,
    probability: r.DefaultProbability ?? null,
    isClosed: r.IsClosed === true,
    isWon: r.IsWon === true,
    isActive: r.IsActive !== false,
  }));
}

function factsFrom(body: unknown): OrgFacts | null {
  const parsed = Describe.safeParse(body);
  if (!parsed.success) return null;
  const names = new Set(parsed.data.fields.map((f) => f.name.toLowerCase()));
  return {
    lastStageChangeDate: names.has('laststagechangedate'),
    currencyIsoCode: names.has('currencyisocode'),
    emails: parsed.data.childRelationships.some((c) => c.relationshipName === 'Emails'),
    updateableFields: parsed.data.fields.filter((f) => f.updateable).map((f) => f.name.toLowerCase()),
  };
}

/** Reads the metadata subrequests of a composite answer; notes say what was missing. */
export function readMetadata(results: Map<string, SubResult>): { metadata: OrgMetadata; notes: string[] } {
  const notes: string[] = [];
  const stagesResult = subResult(results, REF_STAGES);
  const describeResult = subResult(results, REF_DESCRIBE);
  const stages = stagesResult.ok ? stagesFrom(stagesResult.body) : null;
  const facts = describeResult.ok ? factsFrom(describeResult.body) : null;
  if (!stages)
    notes.push('Salesforce did not share its list of opportunity stages; stages show as named on each deal.');
  return { metadata: { stages, facts }, notes };
}

export function createMetadataStore(cache: CrmCache, cacheKey: string) {
  return {
    get: () => cache.get(cacheKey, OrgMetadata),
    async save(metadata: OrgMetadata): Promise<void> {
      if (!metadata.stages && !metadata.facts) return;
      await cache.set(cacheKey, metadata, metadata.stages && metadata.facts ? TTL_MS : PARTIAL_TTL_MS);
    },
  };
}
export type MetadataStore = ReturnType<typeof createMetadataStore>;

/** Cached metadata, or one composite call (describe + stages) to fetch it. */
export async function loadMetadata(client: SalesforceClient, store: MetadataStore): Promise<OrgMetadata> {
  const cached = await store.get();
  if (cached?.stages && cached.facts) return cached;
  const results = await client.composite(metadataSubrequests(client.dataPath), { importance: 'essential' });
  const { metadata } = readMetadata(results);
  await store.save(metadata);
  return metadata;
}
