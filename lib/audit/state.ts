/**
 * What the audit remembers between runs (storage.local `audit.state`): the cursor and one line
 * per activity seen in the window, so an incremental run that reads only what changed still
 * shows the whole week's figure and review list. Pure functions; the worker stores the result.
 */
import * as z from 'zod/mini';
import type { AuditFinding } from './audit';
import { AuditDecision, AuditSkipReason, ActivityKind } from './schema';

const DAY_MS = 86_400_000;

export const StoredCandidate = z.object({
  opportunityId: z.string(),
  name: z.string(),
  reasons: z.array(z.string()),
});
export type StoredCandidate = z.infer<typeof StoredCandidate>;

export const StoredFinding = z.object({
  activityId: z.string(),
  kind: ActivityKind,
  at: z.string(),
  ownerId: z.nullable(z.string()),
  subject: z.string(),
  /** The first verdict for this activity: an activity moved by the audit stays `attach`. */
  decision: AuditDecision,
  opportunityId: z.nullable(z.string()),
  skipReason: z.nullable(AuditSkipReason),
  reasons: z.array(z.string()),
  candidates: z.array(StoredCandidate),
  accountId: z.nullable(z.string()),
  contactIds: z.array(z.string()),
  /** Salesforce `WhatId` as read, restored by undo. */
  previousWhatId: z.nullable(z.string()),
  /** Found on a deal by a later run although the audit did not move it (someone filed it). */
  filedElsewhere: z._default(z.boolean(), false),
  /** The rep undid the audit's move: it is never made again by itself. */
  declined: z._default(z.boolean(), false),
});
export type StoredFinding = z.infer<typeof StoredFinding>;

export const AuditState = z.object({
  cursor: z.nullable(z.string()),
  lastRunAt: z.nullable(z.number()),
  /** Set while a pass has read activities it has not finished judging (worker stopped). */
  truncated: z._default(z.boolean(), false),
  findings: z.record(z.string(), StoredFinding),
  notes: z._default(z.array(z.string()), () => []),
});
export type AuditState = z.infer<typeof AuditState>;

export const EMPTY_AUDIT_STATE: AuditState = {
  cursor: null,
  lastRunAt: null,
  truncated: false,
  findings: {},
  notes: [],
};

function stored(finding: AuditFinding, previousWhatId: string | null): StoredFinding {
  const { activity } = finding;
  return {
    activityId: finding.activityId,
    kind: activity.kind,
    at: activity.at,
    ownerId: activity.ownerId,
    subject: activity.subject,
    decision: finding.decision,
    opportunityId: finding.opportunityId,
    skipReason: finding.skipReason,
    reasons: [...finding.reasons],
    candidates: finding.candidates.map((c) => ({
      opportunityId: c.opportunityId,
      name: c.name,
      reasons: [...c.reasons],
    })),
    accountId: activity.accountId,
    contactIds: [...activity.contactIds],
    previousWhatId,
    filedElsewhere: false,
    declined: false,
  };
}

/**
 * Folds a run into the state. An activity seen again on a deal keeps its first verdict (the
 * audit's own move shows up like that), marked as filed elsewhere when the audit did not put it
 * there; anything older than the window is forgotten.
 */
export function mergeRun(
  state: AuditState,
  run: {
    findings: readonly AuditFinding[];
    whatIds?: Record<string, string | null>;
    cursor: string | null;
    truncated: boolean;
    notes: readonly string[];
  },
  now: number,
  keepDays: number,
  movedByAudit: (activityId: string) => boolean,
): AuditState {
  const findings = { ...state.findings };
  for (const finding of run.findings) {
    const before = findings[finding.activityId];
    if (before && before.decision !== 'already' && finding.decision === 'already') {
      findings[finding.activityId] = { ...before, filedElsewhere: !movedByAudit(finding.activityId) };
      continue;
    }
    const whatId = run.whatIds?.[finding.activityId] ?? null;
    findings[finding.activityId] = { ...stored(finding, whatId), declined: before?.declined ?? false };
  }
  const oldest = now - keepDays * DAY_MS;
  for (const [id, finding] of Object.entries(findings)) {
    if (Date.parse(finding.at) < oldest) delete findings[id];
  }
  return {
    cursor: run.cursor ?? state.cursor,
    lastRunAt: now,
    truncated: run.truncated,
    findings,
    notes: [...run.notes],
  };
}

export function withDeclined(state: AuditState, activityId: string, declined: boolean): AuditState {
  const finding = state.findings[activityId];
  if (!finding) return state;
  return { ...state, findings: { ...state.findings, [activityId]: { ...finding, declined } } };
}
