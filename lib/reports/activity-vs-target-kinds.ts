/** Which activities count toward a rep's targets, and under which key. */
import type { ReportActivity } from './snapshot';

export const ACTIVITY_KINDS = ['calls', 'emails', 'meetings'] as const;
export type ActivityKey = (typeof ACTIVITY_KINDS)[number];

/** Calls and meetings in any direction; email only when sent (or of unknown direction). */
export function activityKey(activity: Pick<ReportActivity, 'kind' | 'direction'>): ActivityKey | null {
  if (activity.kind === 'call') return 'calls';
  if (activity.kind === 'meeting') return 'meetings';
  if (activity.kind === 'email' && activity.direction !== 'inbound') return 'emails';
  return null;
}
