/**
 * What the reports are computed from: the deals, plus three digests of the activity — counts per
 * rep this week, each deal's last activity, the people touched on each deal in 14 days. The CLI
 * derives them from a snapshot's raw activities (`factsFromSnapshot`); the extension gets them
 * from CRM aggregates (Salesforce GROUP BY, HubSpot search totals), never from every activity.
 */
import { activityKey, type ActivityKey } from './activity-vs-target-kinds';
import type { ReportActivity, ReportOpportunity, ReportSettings, ReportSnapshot } from './snapshot';
import { hasHappened, inLastDays } from './time';

export const WEEK_DAYS = 7;
export const THREADING_WINDOW_DAYS = 14;

export interface ReportFacts {
  now: string;
  /** Whose reports these are: the team, or the rep alone. */
  owners: string[];
  settings: ReportSettings;
  opportunities: ReportOpportunity[];
  /** Owner id → calls, counted emails and meetings in the 7 days ending at now. */
  weekCounts: Record<string, Record<ActivityKey, number>>;
  /** Opportunity id → latest activity (any kind, direction or owner) that has happened. */
  lastActivityAt: Record<string, string>;
  /** Opportunity id → distinct contact ids on its activities in the 14 days ending at now. */
  touched14d: Record<string, string[]>;
}

/** `team` when given (exactly those ids, first mention kept), else the user alone. */
export function scopeOwners(snapshot: Pick<ReportSnapshot, 'user' | 'team'>): string[] {
  return snapshot.team ? [...new Set(snapshot.team)] : [snapshot.user.crmUserId];
}

export function emptyCounts(): Record<ActivityKey, number> {
  return { calls: 0, emails: 0, meetings: 0 };
}

export function weekCounts(
  activities: readonly ReportActivity[],
  owners: readonly string[],
  now: Date,
): ReportFacts['weekCounts'] {
  const counts = Object.fromEntries(owners.map((id) => [id, emptyCounts()]));
  for (const a of activities) {
    const key = activityKey(a);
    const row = a.ownerId === null ? undefined : counts[a.ownerId];
    if (key && row && inLastDays(a.at, now, WEEK_DAYS)) row[key] += 1;
  }
  return counts;
}

export function lastActivity(activities: readonly ReportActivity[], now: Date): Record<string, string> {
  const last: Record<string, string> = {};
  for (const a of activities) {
    if (a.opportunityId === null || !hasHappened(a.at, now)) continue;
    const seen = last[a.opportunityId];
    if (seen === undefined || Date.parse(a.at) > Date.parse(seen)) last[a.opportunityId] = a.at;
  }
  return last;
}

export function touchedContacts(activities: readonly ReportActivity[], now: Date): Record<string, string[]> {
  const touched = new Map<string, Set<string>>();
  for (const a of activities) {
    if (a.opportunityId === null || !inLastDays(a.at, now, THREADING_WINDOW_DAYS)) continue;
    const people = touched.get(a.opportunityId) ?? new Set<string>();
    for (const id of a.contactIds) people.add(id);
    touched.set(a.opportunityId, people);
  }
  return Object.fromEntries([...touched].map(([id, people]) => [id, [...people]]));
}

export function factsFromSnapshot(snapshot: ReportSnapshot): ReportFacts {
  const now = new Date(snapshot.now);
  const owners = scopeOwners(snapshot);
  const { activities } = snapshot.crm;
  return {
    now: snapshot.now,
    owners,
    settings: snapshot.settings,
    opportunities: snapshot.crm.opportunities,
    weekCounts: weekCounts(activities, owners, now),
    lastActivityAt: lastActivity(activities, now),
    touched14d: touchedContacts(activities, now),
  };
}

/** What to read from the CRM: whose deals and activity, as of when ("today" starts at `todayStart`). */
export interface ReportQuery {
  owners: string[];
  now: Date;
  /** The rep's local midnight, when today's counts are wanted too (My day). */
  todayStart: Date | null;
}

/** The facts a CRM adapter reads with aggregate queries, plus what it could not read, in words. */
export interface CrmReportFacts {
  opportunities: ReportOpportunity[];
  weekCounts: ReportFacts['weekCounts'];
  /** Owner id → today's counts, when `todayStart` was given. */
  todayCounts: ReportFacts['weekCounts'] | null;
  lastActivityAt: ReportFacts['lastActivityAt'];
  touched14d: ReportFacts['touched14d'];
  notes: string[];
}
