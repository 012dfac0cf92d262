/**
 * opportunityContext: one deal's pre-call brief in one call — a single query when the stage
 * list is cached, else one composite that also fetches it. Treated as a refresh: refused near
 * the daily API limit (matchData already delivered a context for every candidate).
 */
import { CrmError } from '../../../http/errors';
import type { OpportunityContext } from '../../../domain/types';
import type { SalesforceClient } from '../client';
import { queryUrl, subResult } from '../client/composite';
import { toContext } from '../map/context';
import { LABEL } from '../errors';
import { metadataSubrequests, readMetadata, type MetadataStore, type OrgMetadata } from './metadata';
import { failedOnEmails, opportunitySelect, selectShape, type SelectShape } from './opportunity-soql';
import { OpportunityRow, parseEach } from '../schemas';
import { isSalesforceId } from '../map/values';
import { quote } from '../client/soql';

const notFound = () =>
  new CrmError('notFound', `${LABEL}: that opportunity no longer exists, or you do not have access to it.`);

export async function readOpportunityContext(
  deps: { client: SalesforceClient; metadata: MetadataStore; now(): Date },
  opportunityId: string,
): Promise<OpportunityContext> {
  if (!isSalesforceId(opportunityId)) throw notFound();
  const { client } = deps;
  const soqlFor = (shape: SelectShape) =>
    `${opportunitySelect(shape)} WHERE Id = ${quote(opportunityId)} LIMIT 1`;
  let metadata: OrgMetadata | null = await deps.metadata.get();
  let shape = selectShape(metadata?.facts ?? null);
  let records: unknown[];

  if (metadata?.stages && metadata.facts) {
    records = await client.query(soqlFor(shape), 'optional');
  } else {
    const results = await client.composite(
      [
        ...metadataSubrequests(client.dataPath),
        { method: 'GET', url: queryUrl(client.dataPath, soqlFor(shape)), referenceId: 'opp' },
      ],
      { importance: 'optional' },
    );
    const read = readMetadata(results);
    metadata = {
      stages: read.metadata.stages ?? metadata?.stages ?? null,
      facts: read.metadata.facts ?? metadata?.facts ?? null,
    };
    await deps.metadata.save(metadata);
    const result = subResult(results, 'opp');
    if (result.ok) {
      records = (result.body as { records?: unknown[] } | null)?.records ?? [];
    } else if (failedOnEmails(shape, metadata.facts)) {
      shape = selectShape(metadata.facts);
      records = await client.query(soqlFor(shape), 'optional');
    } else {
      throw result.error;
    }
  }
  const row = parseEach(OpportunityRow, records).rows[0];
  if (!row) throw notFound();
  return toContext(row, metadata, shape, deps.now());
}
