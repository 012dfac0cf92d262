/**
 * What the worker asks of a CRM: one adapter per provider (lib/crm/hubspot, lib/crm/salesforce),
 * speaking the domain types of lib/domain.
 */
import * as z from 'zod/mini';
import type { CrmReportFacts, ReportQuery } from '../reports/facts';
import type {
  CrmWrite,
  KeyMode,
  MatchData,
  Opportunity,
  OpportunityContext,
  Owner,
  Pipeline,
  Provider,
  WriteRef,
  WrittenRecord,
  WriteResult,
} from '../domain/types';
import type { AuditAdapter } from './audit-types';
import type { ReportPeople } from './report-people';

/** What an adapter needs from the outside, injected so adapters stay testable. */
export interface AdapterDeps {
  fetch: typeof fetch;
  /** Resolves the current access token, refreshing it when needed. */
  accessToken(): Promise<string>;
  /** Called once after a 401 to force a refresh before the single retry. */
  refreshAccessToken(): Promise<string>;
  now(): Date;
}

/** Where the call outcomes Dealside logs with come from, and what Settings should say. */
export const CallOutcomeStatus = z.object({
  source: z.enum(['crm', 'defaults']),
  note: z.nullable(z.string()),
});
export type CallOutcomeStatus = z.infer<typeof CallOutcomeStatus>;

export interface CrmAdapter {
  readonly provider: Provider;
  /** The CRM user behind an email address (the rep), or null. */
  ownerByEmail(email: string): Promise<Owner | null>;
  pipelines(): Promise<Pipeline[]>;
  /** People, accounts and open opportunities for these participants, batched, never per person. */
  matchData(input: { emails: string[]; domains: string[] }): Promise<MatchData>;
  opportunityContext(opportunityId: string): Promise<OpportunityContext>;
  /** Open opportunities by name, optionally within accounts (for "change the deal"). */
  searchOpportunities(input: { query: string; accountIds: string[] }): Promise<Opportunity[]>;
  /** Performs one write under its idempotency key. */
  write(key: string, write: CrmWrite): Promise<WriteResult>;
  /**
   * The oldest record written under any of `keys` (the key, then older keys the same touch had),
   * or null. Reads that do not lag behind writes: never the search index.
   */
  findWritten(keys: string | readonly string[], write: WriteRef): Promise<string | null>;
  /** Every record written under `key`, oldest first: more than one means a duplicate to remove. */
  findAllWritten(key: string, write: WriteRef): Promise<WrittenRecord[]>;
  /** Deletes a duplicate Dealside wrote; a record already gone counts as deleted. */
  removeRecord(record: Pick<WrittenRecord, 'id' | 'kind'>): Promise<void>;
  /** Whether the CRM enforces one record per key, or Dealside checks by marker. */
  keyMode(): KeyMode;
  /**
   * Creates the unique key field in the CRM and returns its name, where the CRM lets an app do
   * that (HubSpot's Properties API); absent where an admin has to do it by hand.
   */
  createLogKeyField?(): Promise<string>;
  /** CRMs whose call outcomes are ids looked up in the CRM (HubSpot) say where they came from. */
  callOutcomes?(): Promise<CallOutcomeStatus>;
  /** The attach audit's reads and moves (lib/crm/audit-types.ts). */
  audit?: AuditAdapter;
  /** My day and the weekly reports: deals and activity digests, from aggregates (lib/reports). */
  reportFacts?(query: ReportQuery): Promise<CrmReportFacts>;
  /** The rep's team by the CRM's hierarchy and owners' names (lib/crm/report-people.ts). */
  reportPeople?: ReportPeople;
}
