/**
 * The audit in the service worker: one pass reads what changed since the stored cursor, judges
 * it, stores the verdicts and (when the policy allows) queues the confident moves in the outbox.
 * The cursor moves only together with the verdicts, in one storage write, so a worker stopped
 * mid-pass simply reads the same activities again next time; moves are keyed, so nothing is
 * queued twice. Runs on an hourly alarm and after sign-in.
 */
import type { Config } from '../config/schema';
import type { CrmAdapter } from '../crm/adapter';
import type { Provider } from '../domain/types';
import type { OutboxStore } from '../outbox/store';
import { tenantOf, type SignedIn } from '../outbox/tenant';
import { attachItem, automaticMoves, detachItem, moveKey } from './moves';
import { runAudit } from './run';
import { EMPTY_AUDIT_STATE, mergeRun, withDeclined, type AuditState } from './state';
import { auditView, type AuditView } from './view';

export const AUDIT_ALARM = 'dealside.audit';
export const AUDIT_PERIOD_MINUTES = 60;
/** A pass that read a full page continues soon instead of an hour later. */
export const AUDIT_CONTINUE_MINUTES = 1;

export interface AuditDeps {
  adapter(): Promise<CrmAdapter | null>;
  signedIn(): Promise<(SignedIn & { userEmail: string | null; crmUserId: string | null }) | null>;
  config(): Promise<Config>;
  outbox: OutboxStore;
  state: { read(): Promise<AuditState | null>; write(value: AuditState): Promise<void> };
  now(): number;
  /** Sends what was queued. */
  runOutbox(): void;
  /** Asks for another pass in `minutes` (an alarm, so it survives the worker stopping). */
  continueIn(minutes: number): void;
}

export async function currentView(deps: AuditDeps): Promise<AuditView> {
  const [state, connection, config, items, ledger] = await Promise.all([
    deps.state.read(),
    deps.signedIn(),
    deps.config(),
    deps.outbox.items(),
    deps.outbox.ledger(),
  ]);
  return auditView(state ?? EMPTY_AUDIT_STATE, {
    provider: connection?.provider ?? null,
    outbox: { items, ledger },
    now: deps.now(),
    autoAttach: config.auditAutoAttach,
  });
}

export async function auditPass(deps: AuditDeps): Promise<AuditView> {
  const [adapter, connection, config] = await Promise.all([deps.adapter(), deps.signedIn(), deps.config()]);
  if (!adapter?.audit || !connection) return currentView(deps);
  const before = (await deps.state.read()) ?? EMPTY_AUDIT_STATE;
  const now = deps.now();
  const result = await runAudit({
    adapter,
    user: { email: connection.userEmail ?? '', crmUserId: connection.crmUserId },
    team: config.auditTeam,
    settings: {
      internalDomains: config.internalDomains,
      excludedDomains: config.excludedDomains,
      personalDomains: config.personalDomains,
      lookbackDays: config.auditLookbackDays,
    },
    now: new Date(now),
    cursor: before.cursor,
  });
  const ledger = await deps.outbox.ledger();
  const provider: Provider = connection.provider;
  const landed = new Set(ledger.map((e) => e.key));
  const movedByAudit = (activityId: string) =>
    ledger.some((e) => e.op === 'attach' && e.sourceId === activityId);
  // Re-read: an undo may have marked a verdict while the CRM was being read.
  const latest = (await deps.state.read()) ?? before;
  const after = mergeRun(
    latest,
    {
      findings: result.report.findings,
      cursor: result.read.cursor,
      truncated: result.read.truncated,
      notes: result.notes,
      ...(result.read.whatIds ? { whatIds: result.read.whatIds } : {}),
    },
    now,
    Math.max(config.auditLookbackDays, 7),
    movedByAudit,
  );
  await deps.state.write(after);

  if (config.auditAutoAttach) {
    const ctx = { provider, tenant: tenantOf(connection), now };
    let queued = 0;
    for (const item of automaticMoves(after, ctx)) {
      if (landed.has(item.key)) continue;
      if ((await deps.outbox.enqueue(item)) === 'queued') queued++;
    }
    if (queued > 0) deps.runOutbox();
  }
  if (result.read.truncated) deps.continueIn(AUDIT_CONTINUE_MINUTES);
  return currentView(deps);
}

async function findingOf(deps: AuditDeps, activityId: string) {
  const state = (await deps.state.read()) ?? EMPTY_AUDIT_STATE;
  const finding = state.findings[activityId];
  if (!finding) throw new Error('This activity is no longer in the audit; run it again.');
  return finding;
}

export async function attachNow(deps: AuditDeps, activityId: string, opportunityId: string): Promise<void> {
  const connection = await deps.signedIn();
  if (!connection) throw new Error('Sign in to your CRM to continue.');
  const finding = await findingOf(deps, activityId);
  const allowed = finding.candidates.some((c) => c.opportunityId === opportunityId);
  if (!allowed || finding.decision === 'already' || finding.decision === 'skip') {
    throw new Error('Dealside only moves an activity to a deal the audit found for it.');
  }
  const item = attachItem(finding, opportunityId, {
    provider: connection.provider,
    tenant: tenantOf(connection),
    now: deps.now(),
  });
  await deps.state.write(withDeclined((await deps.state.read()) ?? EMPTY_AUDIT_STATE, activityId, false));
  await deps.outbox.enqueue(item);
  deps.runOutbox();
}

export async function undoMove(deps: AuditDeps, activityId: string, opportunityId: string): Promise<void> {
  const connection = await deps.signedIn();
  if (!connection) throw new Error('Sign in to your CRM to continue.');
  const finding = await findingOf(deps, activityId);
  const attachKey = moveKey(connection.provider, 'attach', activityId, opportunityId);
  const [items, ledger] = await Promise.all([deps.outbox.items(), deps.outbox.ledger()]);
  await deps.state.write(withDeclined((await deps.state.read()) ?? EMPTY_AUDIT_STATE, activityId, true));
  // Not sent yet: taking it out of the outbox is the whole undo.
  if (items.some((i) => i.key === attachKey)) {
    await deps.outbox.remove(attachKey);
    return;
  }
  if (!ledger.some((e) => e.key === attachKey)) throw new Error('There is no move of this activity to undo.');
  await deps.outbox.enqueue(
    detachItem(finding, opportunityId, {
      provider: connection.provider,
      tenant: tenantOf(connection),
      now: deps.now(),
    }),
  );
  deps.runOutbox();
}
