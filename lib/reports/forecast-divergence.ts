/**
 * Forecast vs activity: deals the rep calls `commit` that have had no activity for more than 14
 * days (or none at all): the forecast says one thing, the activity another.
 */
import type { ReportFacts } from './facts';
import { byStaleness, daysSinceActivity, openDealsInScope } from './scope';

export const COMMIT_SILENCE_DAYS = 14;

export interface ForecastDivergenceRow {
  opportunityId: string;
  daysSinceActivity: number | null;
}

export function forecastDivergence(facts: ReportFacts): ForecastDivergenceRow[] {
  const rows: ForecastDivergenceRow[] = [];
  for (const deal of openDealsInScope(facts)) {
    if (deal.forecastCategory !== 'commit') continue;
    const days = daysSinceActivity(facts, deal.id);
    if (days === null || days > COMMIT_SILENCE_DAYS)
      rows.push({ opportunityId: deal.id, daysSinceActivity: days });
  }
  return rows.sort(byStaleness((row) => row.daysSinceActivity));
}
