/** What the panel is sent about the audit: the figure, per rep, and the review list. */
import * as z from 'zod/mini';
import type { Provider } from '../domain/types';
import type { LedgerEntry, OutboxItem } from '../outbox/item';
import { figures, reviewLines } from './moves';
import { ActivityKind, AuditDecision } from './schema';
import { StoredCandidate, type AuditState } from './state';

export const AuditFigureView = z.object({
  ownerId: z.nullable(z.string()),
  days: z.number(),
  activities: z.number(),
  onNoDeal: z.number(),
  attached: z.number(),
  toReview: z.number(),
});
export type AuditFigureView = z.infer<typeof AuditFigureView>;

export const ReviewLineView = z.object({
  activityId: z.string(),
  kind: ActivityKind,
  at: z.string(),
  ownerId: z.nullable(z.string()),
  subject: z.string(),
  decision: AuditDecision,
  status: z.enum(['to-review', 'queued', 'attached', 'undone', 'failed']),
  opportunityId: z.nullable(z.string()),
  dealName: z.nullable(z.string()),
  reasons: z.array(z.string()),
  candidates: z.array(StoredCandidate),
  problem: z.nullable(z.string()),
});
export type ReviewLineView = z.infer<typeof ReviewLineView>;

export const AuditView = z.object({
  /** False when signed out or the CRM cannot be audited. */
  available: z.boolean(),
  lastRunAt: z.nullable(z.number()),
  autoAttach: z.boolean(),
  figure: AuditFigureView,
  byOwner: z.array(AuditFigureView),
  lines: z.array(ReviewLineView),
  notes: z.array(z.string()),
});
export type AuditView = z.infer<typeof AuditView>;

export function auditView(
  state: AuditState,
  ctx: {
    provider: Provider | null;
    outbox: { items: readonly OutboxItem[]; ledger: readonly LedgerEntry[] };
    now: number;
    autoAttach: boolean;
  },
): AuditView {
  const provider = ctx.provider ?? 'hubspot';
  const { total, byOwner } = figures(state, provider, ctx.outbox, ctx.now);
  return {
    available: ctx.provider !== null,
    lastRunAt: state.lastRunAt,
    autoAttach: ctx.autoAttach,
    figure: total,
    byOwner,
    lines: reviewLines(state, provider, ctx.outbox).map((line) => ({
      activityId: line.finding.activityId,
      kind: line.finding.kind,
      at: line.finding.at,
      ownerId: line.finding.ownerId,
      subject: line.finding.subject,
      decision: line.finding.decision,
      status: line.status,
      opportunityId: line.opportunityId,
      dealName: line.dealName,
      reasons: [...line.reasons],
      candidates: line.finding.candidates,
      problem: line.problem,
    })),
    notes: state.notes,
  };
}
