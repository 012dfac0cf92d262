/**
 * Every report of issue 15 from one snapshot: the `report` CLI prints this, the My day panel and
 * the reports page render it. Each report is its own module.
 */
import { activityVsTarget, type ActivityVsTargetRow } from './activity-vs-target';
import { forecastDivergence, type ForecastDivergenceRow } from './forecast-divergence';
import { lossReasons, type LossReasons } from './loss-reasons';
import { multiThreading, type MultiThreadingRow } from './multi-threading';
import { nextCalls, type NextCall } from './next-calls';
import { noActivity, type NoActivityRow } from './no-activity';
import { factsFromSnapshot, type ReportFacts } from './facts';
import type { ReportSnapshot } from './snapshot';
import { stageOverdue, type StageOverdueRow } from './stage-overdue';

export { parseReportSnapshot, ReportSnapshot } from './snapshot';
export type { ReportFacts } from './facts';

export interface Reports {
  activityVsTarget: ActivityVsTargetRow[];
  noActivity: NoActivityRow[];
  stageOverdue: StageOverdueRow[];
  multiThreading: MultiThreadingRow[];
  lossReasons: LossReasons;
  forecastDivergence: ForecastDivergenceRow[];
  nextCalls: NextCall[];
}

export function reportsFromFacts(facts: ReportFacts): Reports {
  return {
    activityVsTarget: activityVsTarget(facts),
    noActivity: noActivity(facts),
    stageOverdue: stageOverdue(facts),
    multiThreading: multiThreading(facts),
    lossReasons: lossReasons(facts),
    forecastDivergence: forecastDivergence(facts),
    nextCalls: nextCalls(facts),
  };
}

/** The CLI's entry: the same reports, from a snapshot's raw activities. */
export function computeReports(snapshot: ReportSnapshot): Reports {
  return reportsFromFacts(factsFromSnapshot(snapshot));
}
