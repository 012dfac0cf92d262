/**
 * Report 4: distinct people touched on each open deal in the last 14 days (any activity linked to
 * the deal), against the people on it. Single-threaded deals (0 or 1 touched) come first.
 */
import type { ReportFacts } from './facts';
import { compareIds, openDealsInScope } from './scope';

export interface MultiThreadingRow {
  opportunityId: string;
  contactsTouched14d: number;
  contacts: number;
}

export function isSingleThreaded(row: Pick<MultiThreadingRow, 'contactsTouched14d'>): boolean {
  return row.contactsTouched14d <= 1;
}

export function multiThreading(facts: ReportFacts): MultiThreadingRow[] {
  return openDealsInScope(facts)
    .map((deal) => ({
      opportunityId: deal.id,
      contactsTouched14d: new Set(facts.touched14d[deal.id] ?? []).size,
      contacts: new Set(deal.contactIds).size,
    }))
    .sort(
      (a, b) => a.contactsTouched14d - b.contactsTouched14d || compareIds(a.opportunityId, b.opportunityId),
    );
}
