/**
 * "Change the deal": open deals by name (a deals search, one per keystroke pause at most, within
 * the 5 searches per second), or all open deals of the thread's accounts when there is no query
 * (associations + batch read, no search at all).
 */
import type { Opportunity } from '../../../domain/types';
import type { HubSpotClient } from '../client';
import { DEAL_PROPERTIES, toOpportunity } from '../map/deals';
import { Notes } from '../map/notes';
import { loadStages, type Pipelines, type StageIndex } from './pipelines';
import { newestIds, OBJECTS, readAssociations, readObjects } from './objects';
import { dateOf, parseObjects, type HsObject } from '../schemas';
import { packSearches, type FilterGroup } from '../client/search-limits';

const MAX_RESULTS = 20;
/** A filter group holds 6 filters: up to 4 words, the closed flag and one company. */
const MAX_WORDS = 4;
/** A word longer than this is searched by its start (`*start*` still matches), so bodies stay small. */
const MAX_WORD_CHARS = 32;
/**
 * One group per account: 6 filters each, so 3 groups fit the 18-filter limit and 5 accounts
 * take two searches, run together and merged.
 */
const MAX_ACCOUNTS_IN_SEARCH = 5;

export interface SearchDeps {
  client: HubSpotClient;
  pipelines: Pipelines;
}

/** Words of the query as CONTAINS_TOKEN wildcards (`*acme*`), lower-cased. */
export function queryTokens(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_WORDS)
    .map((word) => `*${[...word].slice(0, MAX_WORD_CHARS).join('')}*`);
}

/** The deal searches for a name within accounts, each within HubSpot's search limits. */
export function dealSearchBodies(query: string, accountIds: string[]) {
  const words = queryTokens(query).map((value) => ({
    propertyName: 'dealname',
    operator: 'CONTAINS_TOKEN',
    value,
  }));
  const open = { propertyName: 'hs_is_closed', operator: 'EQ', value: 'false' };
  const accounts = [...new Set(accountIds)].slice(0, MAX_ACCOUNTS_IN_SEARCH);
  const groups: FilterGroup[] = accounts.length
    ? accounts.map((id) => ({
        filters: [...words, open, { propertyName: 'associations.company', operator: 'EQ', value: id }],
      }))
    : [{ filters: [...words, open] }];
  return packSearches(groups, (filterGroups) => ({
    filterGroups,
    properties: DEAL_PROPERTIES,
    sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'DESCENDING' }],
    limit: MAX_RESULTS,
    after: '0',
  }));
}

async function searchByName(client: HubSpotClient, query: string, accountIds: string[]): Promise<HsObject[]> {
  const answers = await Promise.all(
    dealSearchBodies(query, accountIds).map((body) =>
      client.read({ method: 'POST', path: `${OBJECTS}/deals/search`, body }, { search: true }),
    ),
  );
  const byId = new Map<string, HsObject>();
  for (const answer of answers) {
    for (const deal of parseObjects(answer.body).objects) if (!byId.has(deal.id)) byId.set(deal.id, deal);
  }
  return [...byId.values()];
}

export async function searchOpportunities(
  deps: SearchDeps,
  input: { query: string; accountIds: string[] },
): Promise<Opportunity[]> {
  const { client } = deps;
  const query = input.query.trim();
  const accountIds = [...new Set(input.accountIds)];
  if (!query && accountIds.length === 0) return [];
  const notes = new Notes();

  let deals: HsObject[];
  let stages: StageIndex;
  const accountOf = new Map<string, string>();
  if (queryTokens(query).length > 0) {
    [deals, stages] = await Promise.all([
      searchByName(client, query, accountIds),
      loadStages(deps.pipelines, notes),
    ]);
    const only = accountIds.length === 1 ? accountIds[0] : undefined;
    if (only) for (const deal of deals) accountOf.set(deal.id, only);
  } else {
    const [links, loaded] = await Promise.all([
      readAssociations(client, 'companies', 'deals', accountIds),
      loadStages(deps.pipelines, notes),
    ]);
    stages = loaded;
    for (const [companyId, targets] of links.byFrom) {
      for (const target of targets) if (!accountOf.has(target.id)) accountOf.set(target.id, companyId);
    }
    deals = (await readObjects(client, 'deals', newestIds([...accountOf.keys()], 100), DEAL_PROPERTIES))
      .objects;
  }
  const modified = new Map(
    deals.map((deal) => [deal.id, Date.parse(dateOf(deal.props, 'hs_lastmodifieddate') ?? '') || 0]),
  );
  return deals
    .map(
      (deal) =>
        toOpportunity(deal, stages, { accountId: accountOf.get(deal.id) ?? null, contactIds: [] })
          .opportunity,
    )
    .filter((opportunity) => !opportunity.isClosed)
    .sort((a, b) => (modified.get(b.id) ?? 0) - (modified.get(a.id) ?? 0))
    .slice(0, MAX_RESULTS);
}
