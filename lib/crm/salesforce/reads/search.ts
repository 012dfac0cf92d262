/** "Change the deal": open opportunities by name and/or on given accounts, at most 20. */
import type { Opportunity } from '../../../domain/types';
import type { SalesforceClient } from '../client';
import { toOpportunity } from '../map/context';
import type { MetadataStore } from './metadata';
import { OpportunityRow, parseEach } from '../schemas';
import { IN_CHUNK, inList, quoteLikeContains } from '../client/soql';
import { isSalesforceId } from '../map/values';
import { unique } from '../../unique';

const LIMIT = 20;

export function searchSoql(input: { query: string; accountIds: string[] }): string | null {
  const text = input.query.trim().slice(0, 100);
  const accounts = unique(input.accountIds.filter(isSalesforceId)).slice(0, IN_CHUNK);
  if (text.length === 0 && accounts.length === 0) return null;
  const where = [
    'IsClosed = false',
    ...(text ? [`Name LIKE ${quoteLikeContains(text)}`] : []),
    ...(accounts.length > 0 ? [`AccountId IN ${inList(accounts)}`] : []),
  ];
  return (
    'SELECT Id, Name, AccountId, Account.Name, StageName, Amount, CloseDate, IsClosed, IsWon, Probability, NextStep, ' +
    'LastActivityDate, OwnerId, (SELECT ContactId FROM OpportunityContactRoles) FROM Opportunity ' +
    `WHERE ${where.join(' AND ')} ORDER BY LastActivityDate DESC NULLS LAST LIMIT ${LIMIT}`
  );
}

export async function searchOpportunities(
  deps: { client: SalesforceClient; metadata: MetadataStore },
  input: { query: string; accountIds: string[] },
): Promise<Opportunity[]> {
  const soql = searchSoql(input);
  if (!soql) return [];
  const records = await deps.client.query(soql, 'optional');
  // Stage labels from the cached stage list only: a search is not worth a metadata call.
  const metadata = await deps.metadata.get();
  return parseEach(OpportunityRow, records)
    .rows.map((row) => toOpportunity(row, metadata))
    .filter((o) => !o.isClosed && !o.stage.isClosed);
}
