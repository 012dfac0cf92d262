/**
 * The `audit` contract (docs/audit.md): a snapshot of the CRM plus the activities to judge in, one
 * decision per activity out. The input reuses the `match` scenario's `user`, `settings` and `crm`;
 * opportunities may also say when they were created and closed, because the deal that counts is the
 * one open when the activity happened.
 */
import * as z from 'zod/mini';
import { oneLineIssues } from '../validation/issues';
import { Account, Contact, MatchSettings, MatchUser, Opportunity, SkipReason } from '../match/schema';

const isDate = (value: string) => !Number.isNaN(Date.parse(value));
const DateString = z.string().check(z.refine(isDate, 'not a date'));

export const DEFAULT_LOOKBACK_DAYS = 14;

export const ActivityKind = z.enum(['email', 'meeting', 'call']);
export type ActivityKind = z.infer<typeof ActivityKind>;

export const AuditActivity = z.object({
  id: z.string().check(z.minLength(1)),
  kind: ActivityKind,
  at: DateString,
  /** CRM user who owns the activity; null when the CRM names none (then it is out of scope). */
  ownerId: z._default(z.nullable(z.string()), null),
  subject: z._default(z.string(), ''),
  participants: z._default(
    z.array(z.object({ email: z.string(), name: z._default(z.string(), '') })),
    () => [],
  ),
  contactIds: z._default(z.array(z.string()), () => []),
  accountId: z._default(z.nullable(z.string()), null),
  opportunityIds: z._default(z.array(z.string()), () => []),
});
export type AuditActivity = z.infer<typeof AuditActivity>;
export type AuditActivityInput = z.input<typeof AuditActivity>;

export const AuditOpportunity = z.extend(Opportunity, {
  /** Missing: the deal counts as existing since forever. */
  createdAt: z.nullish(DateString),
  /** Missing on a closed deal: closed since forever. Ignored while the deal is open. */
  closedAt: z.nullish(DateString),
});
export type AuditOpportunity = z.infer<typeof AuditOpportunity>;

export const AuditCrm = z.object({
  contacts: z._default(z.array(Contact), () => []),
  accounts: z._default(z.array(Account), () => []),
  opportunities: z._default(z.array(AuditOpportunity), () => []),
});
export type AuditCrm = z.infer<typeof AuditCrm>;

export const AuditSettings = z.extend(MatchSettings, {
  lookbackDays: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(365)), DEFAULT_LOOKBACK_DAYS),
});
export type AuditSettings = z.infer<typeof AuditSettings>;

export const AuditSnapshot = z.object({
  user: MatchUser,
  settings: z.prefault(AuditSettings, {}),
  /** CRM user ids in scope besides the user (a manager's team). */
  team: z._default(z.array(z.string()), () => []),
  crm: AuditCrm,
  now: DateString,
  activities: z._default(z.array(AuditActivity), () => []),
});
export type AuditSnapshot = z.infer<typeof AuditSnapshot>;
export type AuditSnapshotInput = z.input<typeof AuditSnapshot>;

export const AuditDecision = z.enum(['attach', 'ask', 'none', 'skip', 'already']);
export type AuditDecision = z.infer<typeof AuditDecision>;

export const AuditSkipReason = z.union([SkipReason, z.literal('out-of-scope')]);
export type AuditSkipReason = z.infer<typeof AuditSkipReason>;

/** One line of the CLI's `results`: exactly these fields. */
export const AuditResult = z.strictObject({
  activityId: z.string(),
  decision: AuditDecision,
  /** Set only for `attach`. */
  opportunityId: z.nullable(z.string()),
  skipReason: z.nullable(AuditSkipReason),
  reasons: z.array(z.string()),
});
export type AuditResult = z.infer<typeof AuditResult>;

export const AuditSummary = z.strictObject({
  scanned: z.number(),
  already: z.number(),
  attach: z.number(),
  ask: z.number(),
  none: z.number(),
  skip: z.number(),
});
export type AuditSummary = z.infer<typeof AuditSummary>;

export const AuditOutput = z.strictObject({ results: z.array(AuditResult), summary: AuditSummary });
export type AuditOutput = z.infer<typeof AuditOutput>;

/** Validates untrusted input; the error names the first bad fields on one line. */
export function parseAuditSnapshot(
  input: unknown,
): { ok: true; snapshot: AuditSnapshot } | { ok: false; error: string } {
  const parsed = AuditSnapshot.safeParse(input);
  if (parsed.success) return { ok: true, snapshot: parsed.data };
  return { ok: false, error: oneLineIssues(parsed.error.issues) };
}
