/**
 * Forecast vs activity: deals the rep calls `commit` that have had no activity for more than 14
 * days (or none at all): the forecast says one thing, the activity another.
 */
import type { ReportSnapshot } from './snapshot';
import { byStaleness, daysSinceActivity, lastActivityByDeal, openDealsInScope } from './scope';

export const COMMIT_SILENCE_DAYS = 14;

export interface ForecastDivergenceRow {
  opportunityId: string;
  daysSinceActivity: number | null;
}

export function forecastDivergence(snapshot: ReportSnapshot): ForecastDivergenceRow[] {
  const now = new Date(snapshot.now);
  const last = lastActivityByDeal(snapshot.crm.activities, now);
  const rows: ForecastDivergenceRow[] = [];
  for (const deal of openDealsInScope(snapshot)) {
    if (deal.forecastCategory !== 'commit') continue;
    const days = daysSinceActivity(last, deal.id, now);
    if (days === null || days > COMMIT_SILENCE_DAYS)
      rows.push({ opportunityId: deal.id, daysSinceActivity: days });
  }
  return rows.sort(byStaleness((row) => row.daysSinceActivity));
}
