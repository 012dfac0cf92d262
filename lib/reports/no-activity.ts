/**
 * Report 2: open deals with more days without activity than their threshold (`noTouchDays`,
 * shorter in late stages), or none at all. Never-touched deals first, then the stalest.
 */
import type { ReportFacts } from './facts';
import { byStaleness, daysSinceActivity, noTouchThreshold, openDealsInScope } from './scope';

export interface NoActivityRow {
  opportunityId: string;
  days: number | null;
  thresholdDays: number;
}

export function noActivity(facts: ReportFacts): NoActivityRow[] {
  const rows: NoActivityRow[] = [];
  for (const deal of openDealsInScope(facts)) {
    const days = daysSinceActivity(facts, deal.id);
    const thresholdDays = noTouchThreshold(deal, facts.settings);
    if (days === null || days > thresholdDays) rows.push({ opportunityId: deal.id, days, thresholdDays });
  }
  return rows.sort(byStaleness((row) => row.days));
}
