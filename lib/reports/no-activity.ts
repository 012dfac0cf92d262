/**
 * Report 2: open deals with more days without activity than their threshold (`noTouchDays`,
 * shorter in late stages), or none at all. Never-touched deals first, then the stalest.
 */
import type { ReportSnapshot } from './snapshot';
import {
  byStaleness,
  daysSinceActivity,
  lastActivityByDeal,
  noTouchThreshold,
  openDealsInScope,
} from './scope';

export interface NoActivityRow {
  opportunityId: string;
  days: number | null;
  thresholdDays: number;
}

export function noActivity(snapshot: ReportSnapshot): NoActivityRow[] {
  const now = new Date(snapshot.now);
  const last = lastActivityByDeal(snapshot.crm.activities, now);
  const rows: NoActivityRow[] = [];
  for (const deal of openDealsInScope(snapshot)) {
    const days = daysSinceActivity(last, deal.id, now);
    const thresholdDays = noTouchThreshold(deal, snapshot.settings);
    if (days === null || days > thresholdDays) rows.push({ opportunityId: deal.id, days, thresholdDays });
  }
  return rows.sort(byStaleness((row) => row.days));
}
