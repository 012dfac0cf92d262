/**
 * The facts every per-deal report derives: the open deals of the owners in scope, days since a
 * deal's last activity, its no-touch threshold and its expected days in stage.
 */
import { isLateStage } from '../deals/flags';
import type { ReportFacts } from './facts';
import type { ReportOpportunity, ReportSettings } from './snapshot';
import { wholeDays } from './time';

export function inScope(owners: readonly string[], ownerId: string | null): boolean {
  return ownerId !== null && owners.includes(ownerId);
}

export function openDealsInScope(facts: ReportFacts): ReportOpportunity[] {
  return facts.opportunities.filter((o) => !o.isClosed && inScope(facts.owners, o.ownerId));
}

export function daysSinceActivity(facts: ReportFacts, dealId: string): number | null {
  const at = facts.lastActivityAt[dealId];
  return at === undefined ? null : wholeDays(at, new Date(facts.now));
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
