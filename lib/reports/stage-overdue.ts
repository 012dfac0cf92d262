/**
 * Report 3: open deals that have sat in their stage longer than expected, furthest past their
 * target first. A deal whose stage entry date the CRM does not give is never counted.
 */
import type { ReportFacts } from './facts';
import { compareIds, expectedDays, openDealsInScope } from './scope';
import { wholeDays } from './time';

export interface StageOverdueRow {
  opportunityId: string;
  days: number;
  expectedDays: number;
}

/** Every open deal's stage age, overdue or not: the chart draws them all against the target. */
export function stageAges(facts: ReportFacts): (StageOverdueRow & { stage: string })[] {
  const now = new Date(facts.now);
  return openDealsInScope(facts).flatMap((deal) =>
    deal.stageEnteredAt === null
      ? []
      : [
          {
            opportunityId: deal.id,
            stage: deal.stage,
            days: wholeDays(deal.stageEnteredAt, now),
            expectedDays: expectedDays(deal.stage, facts.settings),
          },
        ],
  );
}

export function stageOverdue(facts: ReportFacts): StageOverdueRow[] {
  return stageAges(facts)
    .filter((row) => row.days > row.expectedDays)
    .map(({ opportunityId, days, expectedDays }) => ({ opportunityId, days, expectedDays }))
    .sort(
      (a, b) =>
        b.days - b.expectedDays - (a.days - a.expectedDays) || compareIds(a.opportunityId, b.opportunityId),
    );
}
