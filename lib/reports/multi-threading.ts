/**
 * Report 4: distinct people touched on each open deal in the last 14 days (any activity linked to
 * the deal), against the people on it. Single-threaded deals (0 or 1 touched) come first.
 */
import type { ReportSnapshot } from './snapshot';
import { compareIds, openDealsInScope } from './scope';
import { inLastDays } from './time';

export const THREADING_WINDOW_DAYS = 14;

export interface MultiThreadingRow {
  opportunityId: string;
  contactsTouched14d: number;
  contacts: number;
}

export function isSingleThreaded(row: Pick<MultiThreadingRow, 'contactsTouched14d'>): boolean {
  return row.contactsTouched14d <= 1;
}

export function multiThreading(snapshot: ReportSnapshot): MultiThreadingRow[] {
  const now = new Date(snapshot.now);
  const touched = new Map<string, Set<string>>();
  for (const a of snapshot.crm.activities) {
    if (a.opportunityId === null || !inLastDays(a.at, now, THREADING_WINDOW_DAYS)) continue;
    const people = touched.get(a.opportunityId) ?? new Set<string>();
    for (const id of a.contactIds) people.add(id);
    touched.set(a.opportunityId, people);
  }
  return openDealsInScope(snapshot)
    .map((deal) => ({
      opportunityId: deal.id,
      contactsTouched14d: touched.get(deal.id)?.size ?? 0,
      contacts: new Set(deal.contactIds).size,
    }))
    .sort(
      (a, b) => a.contactsTouched14d - b.contactsTouched14d || compareIds(a.opportunityId, b.opportunityId),
    );
}
