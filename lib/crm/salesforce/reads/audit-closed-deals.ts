/**
 * Closed opportunities for the attach audit: one SOQL query for the activities' accounts, closed
 * on or after a date, with `CreatedDate`, so a deal that was open when an email was sent still
 * counts after it closed. `CloseDate` is a date without a time: it stands for the start of that
 * day (UTC), which can only make a deal look closed a few hours earlier, well inside the grace
 * period. Contacts reach their deals through their account (a contact role on another account's
 * deal is not looked at; that would be a second query).
 */
import * as z from 'zod/mini';
import type { ClosedDeal, ClosedDeals } from '../../audit-types';
import type { CrmAccount } from '../../../domain/types';
import type { SalesforceClient } from '../client';
import { toOpportunity } from '../map/context';
import type { MetadataStore } from './metadata';
import { OpportunityRow, parseEach } from '../schemas';
import { IN_CHUNK, inList } from '../client/soql';
import { isSalesforceId } from '../map/values';
import { domainFromWebsite, isoFromSalesforce } from '../map/values';
import { unique } from '../../unique';

/** Rows per query; an account with more closed deals in a month keeps the most recent ones. */
const MAX_ROWS = 200;

const ClosedRow = z.extend(OpportunityRow, { CreatedDate: z.catch(z.nullable(z.string()), null) });

function closedSoql(accountIds: string[], sinceDay: string): string {
  return (
    'SELECT Id, Name, AccountId, Account.Name, Account.Website, StageName, Amount, CloseDate, IsClosed, ' +
    'IsWon, OwnerId, CreatedDate, (SELECT ContactId FROM OpportunityContactRoles) FROM Opportunity ' +
    `WHERE IsClosed = true AND CloseDate >= ${sinceDay} AND AccountId IN ${inList(accountIds)} ` +
    `ORDER BY CloseDate DESC LIMIT ${MAX_ROWS}`
  );
}

export async function readClosedOpportunities(
  deps: { client: SalesforceClient; metadata: MetadataStore },
  input: { accountIds: string[]; contactIds: string[]; since: string },
): Promise<ClosedDeals> {
  const since = Date.parse(input.since);
  const accountIds = unique(input.accountIds.filter(isSalesforceId)).slice(0, IN_CHUNK);
  if (accountIds.length === 0 || Number.isNaN(since)) return { opportunities: [], accounts: [], notes: [] };
  const notes: string[] = [];
  if (input.accountIds.length > IN_CHUNK)
    notes.push(`Closed deals were checked for the first ${IN_CHUNK} accounts only.`);
  // A date literal (no quotes): the UTC day of `since`, so a deal closed that day is included.
  const sinceDay = new Date(since).toISOString().slice(0, 10);
  const [metadata, rows] = await Promise.all([
    deps.metadata.get(),
    deps.client.query(closedSoql(accountIds, sinceDay), 'optional'),
  ]);
  const parsed = parseEach(ClosedRow, rows);
  if (parsed.dropped > 0) notes.push('Some closed deals could not be read and were left out of the audit.');
  if (rows.length >= MAX_ROWS)
    notes.push('Only the most recently closed deals of these accounts were checked.');

  const opportunities: ClosedDeal[] = [];
  const accounts = new Map<string, CrmAccount>();
  for (const row of parsed.rows) {
    const opportunity = toOpportunity(row, metadata);
    const closedAt = isoFromSalesforce(row.CloseDate);
    if (!opportunity.isClosed || closedAt === null) continue;
    opportunities.push({ ...opportunity, createdAt: isoFromSalesforce(row.CreatedDate), closedAt });
    if (row.AccountId && row.Account && !accounts.has(row.AccountId)) {
      accounts.set(row.AccountId, {
        id: row.AccountId,
        name: row.Account.Name ?? 'Unnamed account',
        domain: domainFromWebsite(row.Account.Website),
      });
    }
  }
  return { opportunities, accounts: [...accounts.values()], notes };
}
