/**
 * Report 1: each rep's calls, outbound emails and meetings in the week (the 7 days ending at
 * `now`) against the weekly target, 5 × the role's daily target, and which one lags most.
 */
import { ACTIVITY_KINDS, type ActivityKey } from './activity-vs-target-kinds';
import { emptyCounts, type ReportFacts } from './facts';
import type { DailyTargets } from './snapshot';

export { ACTIVITY_KINDS, activityKey, type ActivityKey } from './activity-vs-target-kinds';

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

export function activityVsTarget(facts: ReportFacts): ActivityVsTargetRow[] {
  const target = weeklyTarget(facts.settings.dailyTargets);
  return facts.owners.map((ownerId) => {
    const counts = { ...emptyCounts(), ...facts.weekCounts[ownerId] };
    return { ownerId, ...counts, target: { ...target }, lowest: lowestKind(counts, target) };
  });
}
