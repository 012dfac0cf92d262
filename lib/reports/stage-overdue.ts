/**
 * Report 3: open deals that have sat in their stage longer than expected, furthest past their
 * target first. A deal whose stage entry date the CRM does not give is never counted.
 */
import type { ReportSnapshot } from './snapshot';
import { compareIds, expectedDays, openDealsInScope } from './scope';
import { wholeDays } from './time';

export interface StageOverdueRow {
  opportunityId: string;
  days: number;
  expectedDays: number;
}

/** Every open deal's stage age, overdue or not: the chart draws them all against the target. */
export function stageAges(snapshot: ReportSnapshot): (StageOverdueRow & { stage: string })[] {
  const now = new Date(snapshot.now);
  return openDealsInScope(snapshot).flatMap((deal) =>
    deal.stageEnteredAt === null
      ? []
      : [
          {
            opportunityId: deal.id,
            stage: deal.stage,
            days: wholeDays(deal.stageEnteredAt, now),
            expectedDays: expectedDays(deal.stage, snapshot.settings),
          },
        ],
  );
}

export function stageOverdue(snapshot: ReportSnapshot): StageOverdueRow[] {
  return stageAges(snapshot)
    .filter((row) => row.days > row.expectedDays)
    .map(({ opportunityId, days, expectedDays }) => ({ opportunityId, days, expectedDays }))
    .sort(
      (a, b) =>
        b.days - b.expectedDays - (a.days - a.expectedDays) || compareIds(a.opportunityId, b.opportunityId),
    );
}
