/**
 * Test setup: a deal that was won or lost at a given time, as the CRM records it — HubSpot's
 * closed stage with its derived `hs_is_closed*` flags and `closedate`; Salesforce's closed
 * StageName with `IsClosed`/`IsWon` and the `CloseDate` day. Writing through the API would stamp
 * the fake clock's "now"; the attach audit needs deals closed in the past.
 */
import { applyDealStage, findRecord, setProperty } from './hubspot/records';
import { formatDate } from './soql/dates';
import type { Store } from './store/types';
import type { Provider } from './tokens';

export function closeDeal(
  store: Store,
  provider: Provider,
  dealId: string,
  close: { won: boolean; at: Date },
): void {
  const at = close.at.toISOString();
  if (provider === 'hubspot') {
    const deal = findRecord(store.hubspot, 'deals', dealId);
    if (!deal) throw new Error(`no HubSpot deal ${dealId}`);
    const source = { sourceType: 'CRM_UI', sourceId: null };
    applyDealStage(store.hubspot, deal, close.won ? 'closedwon' : 'closedlost', at, source);
    setProperty(deal, 'closedate', at, at, source);
    deal.updatedAt = at;
    return;
  }
  const opportunity = store.salesforce.opportunities.find((o) => o.Id === dealId);
  if (!opportunity) throw new Error(`no Salesforce opportunity ${dealId}`);
  opportunity.StageName = close.won ? 'Closed Won' : 'Closed Lost';
  opportunity.IsClosed = true;
  opportunity.IsWon = close.won;
  opportunity.Probability = close.won ? 100 : 0;
  opportunity.CloseDate = formatDate(close.at.getTime());
}
