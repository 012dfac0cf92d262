/**
 * Report 1: each rep's calls, outbound emails and meetings in the week (the 7 days ending at
 * `now`) against the weekly target, 5 × the role's daily target, and which one lags most.
 */
import type { DailyTargets, ReportActivity, ReportSnapshot } from './snapshot';
import { scopeOwners } from './scope';
import { inLastDays } from './time';

export const ACTIVITY_KINDS = ['calls', 'emails', 'meetings'] as const;
export type ActivityKey = (typeof ACTIVITY_KINDS)[number];

export interface ActivityVsTargetRow {
  ownerId: string;
  calls: number;
  emails: number;
  meetings: number;
  target: DailyTargets;
  lowest: ActivityKey;
}

export const WORKDAYS_PER_WEEK = 5;

export function weeklyTarget(daily: DailyTargets): DailyTargets {
  return {
    calls: daily.calls * WORKDAYS_PER_WEEK,
    emails: daily.emails * WORKDAYS_PER_WEEK,
    meetings: daily.meetings * WORKDAYS_PER_WEEK,
  };
}

/** Which key an activity counts under; inbound email is the buyer's work, not the rep's. */
export function activityKey(activity: Pick<ReportActivity, 'kind' | 'direction'>): ActivityKey | null {
  if (activity.kind === 'call') return 'calls';
  if (activity.kind === 'meeting') return 'meetings';
  if (activity.kind === 'email' && activity.direction !== 'inbound') return 'emails';
  return null;
}

/**
 * The kind with the lowest count ÷ target. A zero target asks for nothing, so it is never the
 * lowest unless every target is zero; ties go to the first of calls, emails, meetings.
 */
export function lowestKind(counts: Record<ActivityKey, number>, target: DailyTargets): ActivityKey {
  const ratio = (key: ActivityKey) =>
    target[key] === 0 ? Number.POSITIVE_INFINITY : counts[key] / target[key];
  let lowest: ActivityKey = 'calls';
  for (const key of ACTIVITY_KINDS) if (ratio(key) < ratio(lowest)) lowest = key;
  return lowest;
}

export function countActivities(
  activities: readonly ReportActivity[],
  ownerId: string,
  now: Date,
  days: number,
): Record<ActivityKey, number> {
  const counts: Record<ActivityKey, number> = { calls: 0, emails: 0, meetings: 0 };
  for (const a of activities) {
    if (a.ownerId !== ownerId || !inLastDays(a.at, now, days)) continue;
    const key = activityKey(a);
    if (key) counts[key] += 1;
  }
  return counts;
}

export function activityVsTarget(snapshot: ReportSnapshot): ActivityVsTargetRow[] {
  const now = new Date(snapshot.now);
  const target = weeklyTarget(snapshot.settings.dailyTargets);
  return scopeOwners(snapshot).map((ownerId) => {
    const counts = countActivities(snapshot.crm.activities, ownerId, now, 7);
    return { ownerId, ...counts, target: { ...target }, lowest: lowestKind(counts, target) };
  });
}
