/**
 * Who a report is about, and the facts every per-deal report derives from the snapshot: the open
 * deals of those owners, each deal's last activity, its no-touch threshold and stage target.
 */
import { isLateStage } from '../deals/flags';
import type { ReportActivity, ReportOpportunity, ReportSettings, ReportSnapshot } from './snapshot';
import { hasHappened, wholeDays } from './time';

/** `team` when given (exactly those ids, first mention kept), else the user alone. */
export function scopeOwners(snapshot: Pick<ReportSnapshot, 'user' | 'team'>): string[] {
  return snapshot.team ? [...new Set(snapshot.team)] : [snapshot.user.crmUserId];
}

export function inScope(owners: readonly string[], ownerId: string | null): boolean {
  return ownerId !== null && owners.includes(ownerId);
}

export function openDealsInScope(snapshot: ReportSnapshot): ReportOpportunity[] {
  const owners = scopeOwners(snapshot);
  return snapshot.crm.opportunities.filter((o) => !o.isClosed && inScope(owners, o.ownerId));
}

/** Latest activity instant per opportunity, any kind or direction, that has already happened. */
export function lastActivityByDeal(activities: readonly ReportActivity[], now: Date): Map<string, string> {
  const last = new Map<string, string>();
  for (const a of activities) {
    if (a.opportunityId === null || !hasHappened(a.at, now)) continue;
    const seen = last.get(a.opportunityId);
    if (seen === undefined || Date.parse(a.at) > Date.parse(seen)) last.set(a.opportunityId, a.at);
  }
  return last;
}

export function daysSinceActivity(last: Map<string, string>, dealId: string, now: Date): number | null {
  const at = last.get(dealId);
  return at === undefined ? null : wholeDays(at, now);
}

/** `late` when the snapshot says so; otherwise the panel's own rule, read from the stage name. */
export function isLate(deal: ReportOpportunity): boolean {
  return deal.late ?? isLateStage({ id: deal.stage, label: deal.stage, probability: null });
}

export function noTouchThreshold(deal: ReportOpportunity, settings: ReportSettings): number {
  return isLate(deal) ? settings.noTouchDays.lateStage : settings.noTouchDays.open;
}

/** The admin's days for the stage (exact name, then ignoring case), else the default. */
export function expectedDays(stage: string, settings: ReportSettings): number {
  const targets = settings.expectedDaysInStage;
  if (Object.hasOwn(targets, stage)) return targets[stage] as number;
  const lower = stage.toLowerCase();
  for (const [key, days] of Object.entries(targets)) if (key.toLowerCase() === lower) return days;
  if (settings.defaultExpectedDays !== undefined) return settings.defaultExpectedDays;
  return /proposal|negotiat|contract/i.test(stage) ? 21 : 14;
}

/** Never touched first, then the longest without a touch; ties by id so output is stable. */
export function byStaleness<T extends { opportunityId: string }>(
  days: (row: T) => number | null,
): (a: T, b: T) => number {
  const rank = (row: T) => days(row) ?? Number.POSITIVE_INFINITY;
  return (a, b) => rank(b) - rank(a) || compareIds(a.opportunityId, b.opportunityId);
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
