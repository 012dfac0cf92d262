/**
 * Closed deals for the attach audit: the deals of the activities' contacts and companies that
 * closed since a date, with `createdate` and `closedate`, so a deal that was open when an email
 * was sent still counts after it closed. Two round trips and no search: the v4 association batch
 * reads (contacts→deals, companies→deals, in parallel) and one batch read of those deals; closed
 * and date are filtered here. Batch reads have neither the search rate limit nor its indexing lag.
 */
import type { ClosedDeal, ClosedDeals } from '../../audit-types';
import type { HubSpotClient } from '../client';
import { DEAL_PROPERTIES, toOpportunity } from '../map/deals';
import { Notes, SKIPPED_RECORDS_NOTE } from '../map/notes';
import { linksFrom } from './match-data';
import { loadStages, type Pipelines } from './pipelines';
import { newestIds, readAssociations, readObjects } from './objects';
import { unique } from '../../unique';
import { dateOf } from '../schemas';

/** Three batch reads at most; accounts with a longer history keep their newest deals. */
const MAX_DEALS = 300;

export async function readClosedDeals(
  ctx: { client: HubSpotClient; pipelines: Pipelines },
  input: { accountIds: string[]; contactIds: string[]; since: string },
): Promise<ClosedDeals> {
  const notes = new Notes();
  const since = Date.parse(input.since);
  const contactIds = unique(input.contactIds);
  const companyIds = unique(input.accountIds);
  if ((contactIds.length === 0 && companyIds.length === 0) || Number.isNaN(since)) {
    return { opportunities: [], accounts: [], notes: [] };
  }
  const [contactDeals, companyDeals, stages] = await Promise.all([
    readAssociations(ctx.client, 'contacts', 'deals', contactIds),
    readAssociations(ctx.client, 'companies', 'deals', companyIds),
    loadStages(ctx.pipelines, notes),
  ]);
  const links = linksFrom(contactDeals, companyDeals);
  const ids = newestIds([...links.keys()], MAX_DEALS);
  if (links.size > ids.length) notes.add('Only the newest deals of these accounts were checked.');
  const deals = await readObjects(ctx.client, 'deals', ids, [...DEAL_PROPERTIES, 'createdate']);

  const opportunities: ClosedDeal[] = [];
  for (const deal of deals.objects) {
    const link = links.get(deal.id);
    const { opportunity } = toOpportunity(deal, stages, {
      accountId: link?.accountId ?? null,
      contactIds: [...(link?.contactIds ?? [])],
    });
    const closedAt = dateOf(deal.props, 'closedate');
    // A closed deal without a close date counts as closed since forever: it never counts.
    if (!opportunity.isClosed || closedAt === null || Date.parse(closedAt) < since) continue;
    opportunities.push({ ...opportunity, createdAt: dateOf(deal.props, 'createdate'), closedAt });
  }
  const dropped = deals.dropped + contactDeals.dropped + companyDeals.dropped;
  if (dropped > 0) notes.add(SKIPPED_RECORDS_NOTE);
  return { opportunities, accounts: [], notes: notes.list() };
}
