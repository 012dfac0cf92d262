/**
 * The `report` contract's input (issue 15): a snapshot of the CRM as of `now`, the rep, the team
 * and the settings the reports are computed with. The extension builds the same shape from the
 * CRM, so the CLI and the product run the same code on the same data.
 */
import * as z from 'zod/mini';
import { oneLineIssues } from '../validation/issues';

const Iso = z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO date'));
const Count = z.int().check(z.minimum(0));

export const DailyTargets = z.object({ calls: Count, emails: Count, meetings: Count });
export type DailyTargets = z.infer<typeof DailyTargets>;

export const ForecastCategory = z.enum(['pipeline', 'best-case', 'commit', 'omitted', 'closed']);
export type ForecastCategory = z.infer<typeof ForecastCategory>;

export const ReportOpportunity = z.object({
  id: z.string(),
  name: z.string(),
  accountId: z.nullable(z.string()),
  ownerId: z.nullable(z.string()),
  stage: z.string(),
  /** Absent: the product's own late-stage rule decides from the stage name. */
  late: z.optional(z.boolean()),
  isClosed: z.boolean(),
  isWon: z.boolean(),
  amount: z.nullable(z.number()),
  closeDate: z.nullable(Iso),
  /** Null when the CRM does not say: the deal then never counts as stage-overdue. */
  stageEnteredAt: z.nullable(Iso),
  forecastCategory: z.nullable(ForecastCategory),
  lossReason: z.nullable(z.string()),
  contactIds: z.array(z.string()),
});
export type ReportOpportunity = z.infer<typeof ReportOpportunity>;

export const ReportActivity = z.object({
  id: z.string(),
  kind: z.enum(['email', 'call', 'meeting', 'note', 'task']),
  at: Iso,
  ownerId: z.nullable(z.string()),
  direction: z.optional(z.nullable(z.enum(['outbound', 'inbound']))),
  opportunityId: z.nullable(z.string()),
  contactIds: z.array(z.string()),
});
export type ReportActivity = z.infer<typeof ReportActivity>;

export const ReportSettings = z.object({
  dailyTargets: DailyTargets,
  noTouchDays: z.object({ open: Count, lateStage: Count }),
  /** Stage name → expected days; matched exactly, then ignoring case. */
  expectedDaysInStage: z._default(z.record(z.string(), Count), {}),
  /** Absent: the product's default (14 days, 21 for proposal/negotiation/contract stages). */
  defaultExpectedDays: z.optional(Count),
});
export type ReportSettings = z.infer<typeof ReportSettings>;

export const ReportSnapshot = z.object({
  now: Iso,
  user: z.object({ crmUserId: z.string() }),
  team: z.optional(z.array(z.string())),
  settings: ReportSettings,
  crm: z.object({ opportunities: z.array(ReportOpportunity), activities: z.array(ReportActivity) }),
});
export type ReportSnapshot = z.infer<typeof ReportSnapshot>;

export function parseReportSnapshot(
  input: unknown,
): { ok: true; snapshot: ReportSnapshot } | { ok: false; error: string } {
  const parsed = ReportSnapshot.safeParse(input);
  if (parsed.success) return { ok: true, snapshot: parsed.data };
  return { ok: false, error: oneLineIssues(parsed.error.issues) };
}
