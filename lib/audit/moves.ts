/**
 * From the audit's verdicts to outbox items, and from the outbox back to what the panel shows:
 * the figure and the review list. Pure. A move is keyed by activity and deal, so the same move
 * is queued once however many runs and clicks ask for it, and an undone move is never redone
 * by a later run (its key stays in the ledger).
 */
import type { AttachActivity, DetachActivity } from '../crm/audit-types';
import type { Provider } from '../domain/types';
import { newItem, outboxKey, type LedgerEntry, type OutboxItem } from '../outbox/item';
import type { Tenant } from '../outbox/tenant';
import type { AuditState, StoredFinding } from './state';

const DAY_MS = 86_400_000;
const NOUN: Record<StoredFinding['kind'], string> = { email: 'Email', meeting: 'Meeting', call: 'Call' };

const target = (finding: StoredFinding, opportunityId: string, ownerId: string | null) => ({
  opportunityId,
  accountId: finding.accountId,
  contactIds: [...finding.contactIds],
  ownerId,
});

export function moveKey(
  provider: Provider,
  op: 'attach' | 'detach',
  activityId: string,
  opportunityId: string,
) {
  return outboxKey({
    provider,
    op,
    sourceId: activityId,
    target: { opportunityId, accountId: null, contactIds: [] },
  });
}

function dealName(finding: StoredFinding, opportunityId: string): string {
  return finding.candidates.find((c) => c.opportunityId === opportunityId)?.name ?? opportunityId;
}

function label(finding: StoredFinding, opportunityId: string, undo: boolean): string {
  const what = `${NOUN[finding.kind]}${finding.subject ? ` "${finding.subject}"` : ''}`;
  return undo
    ? `Undo: ${what} back off ${dealName(finding, opportunityId)}`
    : `${what} to ${dealName(finding, opportunityId)}`;
}

/** `opportunityId`: the audit's deal for `attach`, the rep's pick among the candidates for `ask`. */
export function attachItem(
  finding: StoredFinding,
  opportunityId: string,
  ctx: { provider: Provider; tenant?: Tenant; now: number },
): OutboxItem {
  const reasons =
    finding.candidates.find((c) => c.opportunityId === opportunityId)?.reasons ?? finding.reasons;
  const payload: AttachActivity = {
    kind: 'attach',
    target: target(finding, opportunityId, finding.ownerId),
    activity: finding.kind,
    recordId: finding.activityId,
    previousWhatId: finding.previousWhatId,
    reasons: [...reasons],
  };
  return newItem(
    {
      provider: ctx.provider,
      payload,
      sourceId: finding.activityId,
      label: label(finding, opportunityId, false),
      ...(ctx.tenant ? { tenant: ctx.tenant } : {}),
    },
    ctx.now,
  );
}

export function detachItem(
  finding: StoredFinding,
  opportunityId: string,
  ctx: { provider: Provider; tenant?: Tenant; now: number },
): OutboxItem {
  const payload: DetachActivity = {
    kind: 'detach',
    target: target(finding, opportunityId, finding.ownerId),
    activity: finding.kind,
    recordId: finding.activityId,
    restoreWhatId: finding.previousWhatId,
  };
  return newItem(
    {
      provider: ctx.provider,
      payload,
      sourceId: finding.activityId,
      label: label(finding, opportunityId, true),
      ...(ctx.tenant ? { tenant: ctx.tenant } : {}),
    },
    ctx.now,
  );
}

/** The confident verdicts to send by themselves when the policy allows it. */
export function automaticMoves(
  state: AuditState,
  ctx: { provider: Provider; tenant?: Tenant; now: number },
): OutboxItem[] {
  return Object.values(state.findings)
    .filter((f) => f.decision === 'attach' && f.opportunityId !== null && !f.filedElsewhere && !f.declined)
    .map((f) => attachItem(f, f.opportunityId!, ctx));
}

export type ReviewStatus =
  /** Listed for the rep: an `ask`, or an `attach` when the policy does not move by itself. */
  'to-review' | 'queued' | 'attached' | 'undone' | 'failed';

export interface ReviewLine {
  readonly finding: StoredFinding;
  readonly status: ReviewStatus;
  /** The deal it went to (attached, queued, undone), or the audit's pick. */
  readonly opportunityId: string | null;
  readonly dealName: string | null;
  /** Why: the chosen deal's reasons, or the audit's. */
  readonly reasons: readonly string[];
  /** Outbox error, for `failed`. */
  readonly problem: string | null;
}

interface OutboxView {
  readonly items: readonly OutboxItem[];
  readonly ledger: readonly LedgerEntry[];
}

function statusOf(
  finding: StoredFinding,
  provider: Provider,
  outbox: OutboxView,
): { status: ReviewStatus; opportunityId: string | null; problem: string | null } | null {
  const ids = new Set(finding.candidates.map((c) => c.opportunityId));
  if (finding.opportunityId) ids.add(finding.opportunityId);
  for (const id of ids) {
    const attach = moveKey(provider, 'attach', finding.activityId, id);
    const detach = moveKey(provider, 'detach', finding.activityId, id);
    const landedUndo = outbox.ledger.some((e) => e.key === detach);
    if (landedUndo) return { status: 'undone', opportunityId: id, problem: null };
    const pendingUndo = outbox.items.find((i) => i.key === detach);
    if (pendingUndo)
      return { status: 'queued', opportunityId: id, problem: pendingUndo.lastError?.message ?? null };
    if (outbox.ledger.some((e) => e.key === attach))
      return { status: 'attached', opportunityId: id, problem: null };
    const item = outbox.items.find((i) => i.key === attach);
    if (item) {
      return item.state === 'failed'
        ? { status: 'failed', opportunityId: id, problem: item.lastError?.message ?? null }
        : { status: 'queued', opportunityId: id, problem: null };
    }
  }
  if (finding.filedElsewhere) return null;
  if (finding.decision === 'attach' || finding.decision === 'ask') {
    return { status: 'to-review', opportunityId: finding.opportunityId, problem: null };
  }
  return null;
}

/** Newest first: what the audit did or proposes, each with its reason and what can be undone. */
export function reviewLines(state: AuditState, provider: Provider, outbox: OutboxView): ReviewLine[] {
  const lines: ReviewLine[] = [];
  for (const finding of Object.values(state.findings)) {
    const status = statusOf(finding, provider, outbox);
    if (status === null) continue;
    const chosen = status.opportunityId;
    const candidate = chosen ? finding.candidates.find((c) => c.opportunityId === chosen) : undefined;
    lines.push({
      finding,
      status: status.status,
      opportunityId: chosen,
      dealName: chosen ? dealName(finding, chosen) : null,
      reasons: candidate?.reasons ?? finding.reasons,
      problem: status.problem,
    });
  }
  return lines.sort((a, b) => Date.parse(b.finding.at) - Date.parse(a.finding.at));
}

export interface AuditFigure {
  readonly ownerId: string | null;
  readonly days: number;
  readonly activities: number;
  readonly onNoDeal: number;
  readonly attached: number;
  readonly toReview: number;
}

/**
 * "last 7 days: 212 activities, 31 on no deal, 24 attached, 7 to review", for everyone in
 * scope together (`ownerId` null) and per rep. On no deal: in scope and found without a deal.
 */
export function figures(
  state: AuditState,
  provider: Provider,
  outbox: OutboxView,
  now: number,
  days = 7,
): { total: AuditFigure; byOwner: AuditFigure[] } {
  const from = now - days * DAY_MS;
  const recent = Object.values(state.findings).filter(
    (f) => Date.parse(f.at) >= from && f.skipReason !== 'out-of-scope',
  );
  const count = (ownerId: string | null, findings: StoredFinding[]): AuditFigure => {
    let attached = 0;
    let toReview = 0;
    for (const f of findings) {
      const status = statusOf(f, provider, outbox)?.status;
      if (status === 'attached') attached++;
      if (status === 'to-review' || status === 'failed') toReview++;
    }
    return {
      ownerId,
      days,
      activities: findings.length,
      onNoDeal: findings.filter((f) => f.decision !== 'already').length,
      attached,
      toReview,
    };
  };
  const owners = [...new Set(recent.map((f) => f.ownerId))].sort((a, b) =>
    String(a).localeCompare(String(b)),
  );
  return {
    total: count(null, recent),
    byOwner: owners.map((owner) =>
      count(
        owner,
        recent.filter((f) => f.ownerId === owner),
      ),
    ),
  };
}

export function figureText(f: AuditFigure): string {
  return `last ${f.days} days: ${f.activities} activities, ${f.onNoDeal} on no deal, ${f.attached} attached, ${f.toReview} to review`;
}
