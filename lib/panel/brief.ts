/**
 * The brief's activity lines, in words a rep uses (its warnings are in lib/deals/warnings.ts).
 * Pure, so the tests read exactly what the panel shows.
 */
import type { ActivitySummary } from '../domain/types';

/**
 * "Email Pricing for 250 seats from Jane Doe". The person is left out when the summary already
 * names them ("Call with Bob Stone", not "Call with Bob Stone to Bob Stone").
 */
export function activityWho(activity: Pick<ActivitySummary, 'direction' | 'who' | 'summary'>): string | null {
  if (!activity.who) return null;
  if (activity.summary.toLowerCase().includes(activity.who.toLowerCase())) return null;
  const direction =
    activity.direction === 'inbound' ? 'from' : activity.direction === 'outbound' ? 'to' : 'with';
  return `${direction} ${activity.who}`;
}
