/**
 * The weekly reports page's data: every report for the scope (the rep, or the policy's team),
 * with each deal's name, stage and CRM link so every number can open its records.
 */
import * as z from 'zod/mini';
import { ACTIVITY_KINDS } from './activity-vs-target-kinds';
import type { CrmReportFacts } from './facts';
import { reportsFromFacts, type Reports } from './';
import type { ReportSettings } from './snapshot';
import { stageAges } from './stage-overdue';

const Counts = z.object({ calls: z.number(), emails: z.number(), meetings: z.number() });
const DealRef = z.object({
  name: z.string(),
  stage: z.string(),
  ownerId: z.nullable(z.string()),
  amount: z.nullable(z.number()),
  url: z.string(),
});

export const TeamReports = z.object({
  state: z.literal('ready'),
  asOf: z.string(),
  refreshing: z.boolean(),
  scope: z.enum(['team', 'rep']),
  owners: z.array(z.string()),
  /** Where the team came from: policy `reportTeam` or the CRM's hierarchy. */
  teamSource: z.optional(z.enum(['policy', 'crm'])),
  /** Owner id → name from the CRM; an id without a name is shown as the id. */
  ownerNames: z.optional(z.record(z.string(), z.string())),
  reports: z.object({
    activityVsTarget: z.array(
      z.object({ ownerId: z.string(), ...Counts.shape, target: Counts, lowest: z.enum(ACTIVITY_KINDS) }),
    ),
    noActivity: z.array(
      z.object({ opportunityId: z.string(), days: z.nullable(z.number()), thresholdDays: z.number() }),
    ),
    stageOverdue: z.array(
      z.object({ opportunityId: z.string(), days: z.number(), expectedDays: z.number() }),
    ),
    multiThreading: z.array(
      z.object({ opportunityId: z.string(), contactsTouched14d: z.number(), contacts: z.number() }),
    ),
    lossReasons: z.object({
      top: z.array(z.object({ reasonCode: z.string(), count: z.number() })),
      missing: z.number(),
    }),
    forecastDivergence: z.array(
      z.object({ opportunityId: z.string(), daysSinceActivity: z.nullable(z.number()) }),
    ),
    nextCalls: z.array(z.object({ opportunityId: z.string(), reason: z.string() })),
  }),
  /** Stage age of every open deal against its expected age (the stage-age chart). */
  stageAges: z.array(
    z.object({ opportunityId: z.string(), stage: z.string(), days: z.number(), expectedDays: z.number() }),
  ),
  /** Lost deals in the 90 days by reason code ('' = none), to link each count to its deals. */
  lostDeals: z.record(z.string(), z.array(z.string())),
  deals: z.record(z.string(), DealRef),
  notes: z.array(z.string()),
});
export type TeamReports = z.infer<typeof TeamReports>;

export const TeamReportsAnswer = z.union([
  TeamReports,
  z.object({ state: z.enum(['signed-out', 'unsupported']), message: z.string() }),
]);
export type TeamReportsAnswer = z.infer<typeof TeamReportsAnswer>;

export function buildTeamReports(input: {
  facts: CrmReportFacts;
  owners: string[];
  scope: 'team' | 'rep';
  now: Date;
  settings: ReportSettings;
  url(id: string): string;
  asOf: string;
  refreshing: boolean;
}): TeamReports {
  const facts = {
    now: input.now.toISOString(),
    owners: input.owners,
    settings: input.settings,
    opportunities: input.facts.opportunities,
    weekCounts: input.facts.weekCounts,
    lastActivityAt: input.facts.lastActivityAt,
    touched14d: input.facts.touched14d,
  };
  const reports: Reports = reportsFromFacts(facts);
  const since = input.now.getTime() - 90 * 86_400_000;
  const lostDeals: Record<string, string[]> = {};
  for (const o of input.facts.opportunities) {
    if (!o.isClosed || o.isWon || !o.ownerId || !input.owners.includes(o.ownerId) || !o.closeDate) continue;
    const at = Date.parse(o.closeDate);
    if (at < since || at > input.now.getTime()) continue;
    const code = o.lossReason?.trim() ?? '';
    (lostDeals[code] ??= []).push(o.id);
  }
  const deals = Object.fromEntries(
    input.facts.opportunities.map((o) => [
      o.id,
      { name: o.name, stage: o.stage, ownerId: o.ownerId, amount: o.amount, url: input.url(o.id) },
    ]),
  );
  return {
    state: 'ready',
    asOf: input.asOf,
    refreshing: input.refreshing,
    scope: input.scope,
    owners: input.owners,
    reports,
    stageAges: stageAges(facts),
    lostDeals,
    deals,
    notes: input.facts.notes,
  };
}
