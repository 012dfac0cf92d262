/**
 * Report 5: why deals were lost. Deals of owners in scope closed lost with a close date in the 90
 * days before `now`; the three most frequent reason codes (ties by code, ascending) and how many
 * carry none.
 */
import type { ReportFacts } from './facts';
import type { ReportOpportunity } from './snapshot';
import { compareIds, inScope } from './scope';
import { DAY_MS } from './time';

export const LOSS_WINDOW_DAYS = 90;
export const TOP_REASONS = 3;

export interface LossReasons {
  top: { reasonCode: string; count: number }[];
  missing: number;
}

/** `closeDate` may be a day ("2026-11-02", read as UTC midnight) or an instant. */
export function closedInWindow(deal: Pick<ReportOpportunity, 'closeDate'>, now: Date, days: number): boolean {
  if (deal.closeDate === null) return false;
  const at = Date.parse(deal.closeDate);
  return at <= now.getTime() && at >= now.getTime() - days * DAY_MS;
}

export function lostDealsInScope(facts: ReportFacts): ReportOpportunity[] {
  const now = new Date(facts.now);
  return facts.opportunities.filter(
    (o) =>
      o.isClosed && !o.isWon && inScope(facts.owners, o.ownerId) && closedInWindow(o, now, LOSS_WINDOW_DAYS),
  );
}

export function lossReasons(facts: ReportFacts): LossReasons {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const deal of lostDealsInScope(facts)) {
    const code = deal.lossReason?.trim() ?? '';
    if (code === '') missing += 1;
    else counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const top = [...counts]
    .map(([reasonCode, count]) => ({ reasonCode, count }))
    .sort((a, b) => b.count - a.count || compareIds(a.reasonCode, b.reasonCode))
    .slice(0, TOP_REASONS);
  return { top, missing };
}
