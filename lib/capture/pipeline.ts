/**
 * Auto-capture's one entry point. Every path that sees a touch (a send in Gmail, a thread open,
 * a Calendar page, the Calendar connection) calls `captureTouch`; the touch is keyed exactly as
 * the Log button keys it, so whichever path comes first wins and the others find it taken.
 *
 *   captureTouch(services, interaction, { kind: 'meeting', source: 'calendar-sync' })
 *
 * The caller kicks the outbox (`runOutbox`) when the outcome is `queued`, or passes it in.
 */
import type { Config } from '../config/schema';
import type { CrmAdapter } from '../crm/adapter';
import type { Connection } from '../auth/tokens';
import type { EmailMessage, Interaction } from '../model';
import { interactionKey } from '../model';
import { newItem, outboxKey, type LedgerEntry, type OutboxItem } from '../outbox/item';
import type { OutboxStore } from '../outbox/store';
import { tenantOf } from '../outbox/tenant';
import { matchActive } from '../worker/deal-match';
import { captureModeOf, type CaptureKind, type CaptureSource } from './modes';
import { planCapture, retarget, type NotCaptured } from './plan';
import { captureId, type CaptureRecord } from './record';
import type { CaptureStore } from './store';
import { isTouch, touchOf, type NotATouch, type Touch } from './touch';

/** The parts of the worker's services capture uses (a subset of `Services`). */
export interface CaptureServices {
  config(): Promise<Config>;
  auth: { connection(): Promise<Connection | null> };
  adapter(): Promise<CrmAdapter | null>;
  outbox: OutboxStore;
  capture: CaptureStore;
}

export interface CaptureRequest {
  kind: CaptureKind;
  source: CaptureSource;
  /** For email: the message to capture (default: the newest of that direction). */
  message?: EmailMessage;
  /** Called when a write was queued, so it goes out now. */
  runOutbox?: () => void;
  now?: Date;
}

export type CaptureOutcome =
  | { status: 'queued' | 'suggested'; record: CaptureRecord }
  /** Another path (or the Log button) already has this touch. */
  | { status: 'already'; record: CaptureRecord | null }
  | { status: 'signed-out' }
  | { status: 'not-captured'; reason: NotCaptured | NotATouch['skip']; why: string };

/** Any outbox item or ledger entry for the same touch, whatever deal it went to. */
function alreadyInOutbox(ids: Set<string>, items: OutboxItem[], ledger: LedgerEntry[], op: string) {
  return [...items, ...ledger].some((entry) => entry.op === op && ids.has(entry.sourceId));
}

function recordFor(touch: Touch, source: CaptureSource, now: Date) {
  return {
    id: captureId(touch.kind, touch.sourceId),
    kind: touch.kind,
    source,
    sourceId: touch.sourceId,
    aliasSourceIds: touch.aliasSourceIds,
    title: touch.title,
    at: touch.at,
    capturedAt: now.getTime(),
  };
}

async function enqueueWrite(
  services: CaptureServices,
  connection: Connection,
  record: Pick<CaptureRecord, 'sourceId' | 'aliasSourceIds' | 'write'>,
  now: number,
) {
  const aliases = record.aliasSourceIds.map((sourceId) =>
    outboxKey({
      provider: connection.provider,
      op: record.write.payload.kind,
      sourceId,
      target: record.write.payload.target,
    }),
  );
  const item = newItem(
    {
      provider: connection.provider,
      sourceId: record.sourceId,
      label: record.write.label,
      payload: record.write.payload,
      aliases,
      tenant: tenantOf(connection),
    },
    now,
  );
  return { key: item.key, status: await services.outbox.enqueue(item) };
}

export async function captureTouch(
  services: CaptureServices,
  interaction: Interaction,
  request: CaptureRequest,
): Promise<CaptureOutcome> {
  const [outcome] = await captureTouches(services, interaction, [request]);
  return outcome!;
}

/** Touches from `requests` that no path has yet, or why each is not captured. */
async function freshTouches(
  services: CaptureServices,
  config: Config,
  interaction: Interaction,
  requests: readonly CaptureRequest[],
  now: Date,
): Promise<({ touch: Touch } | { outcome: CaptureOutcome })[]> {
  const [records, items, ledger] = await Promise.all([
    services.capture.all(),
    services.outbox.items(),
    services.outbox.ledger(),
  ]);
  return requests.map((request): { touch: Touch } | { outcome: CaptureOutcome } => {
    if (captureModeOf(config, request.kind) === 'off') {
      return { outcome: { status: 'not-captured', reason: 'off', why: 'Capture is off for this kind.' } };
    }
    const touch = touchOf(interaction, request.kind, now, request.message);
    if (!isTouch(touch)) return { outcome: { status: 'not-captured', reason: touch.skip, why: touch.why } };
    const ids = new Set([touch.sourceId, ...touch.aliasSourceIds]);
    const existing = records.find(
      (r) => r.kind === touch.kind && (ids.has(r.sourceId) || r.aliasSourceIds.some((a) => ids.has(a))),
    );
    if (existing) return { outcome: { status: 'already', record: existing } };
    const op = touch.kind === 'meeting' ? 'meeting' : 'email';
    if (alreadyInOutbox(ids, items, ledger, op)) return { outcome: { status: 'already', record: null } };
    return { touch };
  });
}

/**
 * Several touches of one interaction (the new messages of a thread) with one match: the CRM is
 * read once however many messages are new, and not at all when every touch is already known.
 */
export async function captureTouches(
  services: CaptureServices,
  interaction: Interaction,
  requests: readonly CaptureRequest[],
): Promise<CaptureOutcome[]> {
  const now = requests[0]?.now ?? new Date();
  const config = await services.config();
  const found = await freshTouches(services, config, interaction, requests, now);
  const settled = found.flatMap((f) => ('outcome' in f ? [f.outcome] : []));
  // Every touch known already (or not one to capture): no CRM call at all.
  if (settled.length === found.length) return settled;

  const [connection, adapter] = await Promise.all([services.auth.connection(), services.adapter()]);
  if (!connection || !adapter)
    return found.map((f): CaptureOutcome => ('outcome' in f ? f.outcome : { status: 'signed-out' }));
  const view = await matchActive(
    { tabId: -1, key: interactionKey(interaction), interaction, seenAt: now.toISOString() },
    { config, connection, adapter, now },
  );
  const outcomes: CaptureOutcome[] = [];
  let queued = false;
  for (const [i, entry] of found.entries()) {
    if ('outcome' in entry) {
      outcomes.push(entry.outcome);
      continue;
    }
    const { touch } = entry;
    const request = requests[i]!;
    if (view.state !== 'ready') {
      outcomes.push({
        status: 'not-captured',
        reason: 'unreadable',
        why: 'The page does not show enough yet.',
      });
      continue;
    }
    const mode = captureModeOf(config, request.kind);
    const plan = planCapture({
      touch,
      mode,
      view,
      config,
      userEmail: connection.userEmail ?? interaction.userEmail ?? null,
      now,
    });
    if (plan.action === 'leave') {
      outcomes.push({ status: 'not-captured', reason: plan.reason, why: plan.why });
      continue;
    }
    const base = {
      ...recordFor(touch, request.source, now),
      decision: plan.decision,
      why: plan.why,
      opportunityId: plan.opportunityId,
      destination: plan.destination,
      candidates: plan.candidates,
      write: plan.write,
    };
    if (plan.action === 'suggest') {
      const claim = await services.capture.claim({
        ...base,
        status: 'suggested',
        outboxKey: null,
        auto: false,
      });
      outcomes.push(
        claim.claimed
          ? { status: 'suggested', record: claim.record }
          : { status: 'already', record: claim.record },
      );
      continue;
    }
    const key = outboxKey({
      provider: connection.provider,
      op: plan.write.payload.kind,
      sourceId: touch.sourceId,
      target: plan.write.payload.target,
    });
    // Claim first: a stop between the claim and the enqueue leaves a record whose key the outbox
    // lacks, which `settleCaptures` queues; the other order could queue twice.
    const claim = await services.capture.claim({ ...base, status: 'queued', outboxKey: key, auto: true });
    if (!claim.claimed) {
      outcomes.push({ status: 'already', record: claim.record });
      continue;
    }
    const { status } = await enqueueWrite(services, connection, claim.record, now.getTime());
    await services.capture.update(claim.record.id, (r) => ({ ...r, enqueued: true }));
    queued ||= status === 'queued';
    outcomes.push({ status: 'queued', record: claim.record });
  }
  if (queued) requests[0]?.runOutbox?.();
  return outcomes;
}

/** Confirms a suggestion (the rep's one click), optionally on another candidate deal. */
export async function confirmCapture(
  services: CaptureServices,
  id: string,
  opportunityId?: string,
  now = Date.now(),
): Promise<CaptureRecord | null> {
  const connection = await services.auth.connection();
  if (!connection) throw new Error('Sign in to your CRM to log this.');
  const record = (await services.capture.all()).find((r) => r.id === id);
  if (!record || record.status !== 'suggested') return record ?? null;
  const write = retarget(record, opportunityId ?? record.opportunityId ?? '');
  const chosen = opportunityId ?? record.opportunityId;
  const key = outboxKey({
    provider: connection.provider,
    op: write.payload.kind,
    sourceId: record.sourceId,
    target: write.payload.target,
  });
  const updated = await services.capture.update(id, (r) =>
    r.status === 'suggested'
      ? {
          ...r,
          status: 'queued',
          write,
          outboxKey: key,
          opportunityId: chosen,
          destination: r.candidates.find((c) => c.opportunityId === chosen)?.name ?? r.destination,
        }
      : r,
  );
  if (updated?.status === 'queued' && updated.outboxKey === key && !updated.enqueued) {
    await enqueueWrite(services, connection, updated, now);
    return services.capture.update(id, (r) => ({ ...r, enqueued: true }));
  }
  return updated;
}

export async function dismissCapture(services: CaptureServices, id: string) {
  return services.capture.update(id, (r) => (r.status === 'suggested' ? { ...r, status: 'dismissed' } : r));
}

/**
 * Takes a captured touch back: a write still waiting is dropped; one that landed is deleted from
 * the CRM through the outbox (like any write: it survives a stop and an outage); one being sent
 * right now is deleted once it lands (`settleCaptures`).
 */
export async function undoCapture(
  services: CaptureServices,
  id: string,
  now = Date.now(),
): Promise<CaptureRecord | null> {
  const record = (await services.capture.all()).find((r) => r.id === id);
  if (!record || record.status !== 'queued' || !record.outboxKey) return record ?? null;
  const key = record.outboxKey;
  const item = (await services.outbox.items()).find((i) => i.key === key);
  let undoPending = false;
  if (item && item.state !== 'sending') {
    await services.outbox.remove(key);
  } else if (item) {
    undoPending = true;
  } else {
    await removeLanded(services, record, key, now);
  }
  return services.capture.update(id, (r) => ({
    ...r,
    status: 'undone',
    undoneAt: now,
    ...(undoPending ? { undoPending: true } : {}),
  }));
}

async function removeLanded(services: CaptureServices, record: CaptureRecord, key: string, now: number) {
  const entry = await services.outbox.forget(key);
  if (!entry) return;
  const payload = record.write.payload;
  const remove: OutboxItem = {
    ...newItem(
      {
        provider: entry.provider,
        sourceId: record.sourceId,
        label: `Undo: ${record.write.label}`,
        payload: {
          kind: 'remove',
          target: payload.target,
          activity: payload.kind === 'meeting' ? 'meeting' : 'email',
          recordId: entry.recordId,
          duplicateOf: { key, recordId: entry.recordId },
        },
        ...(entry.tenant ? { tenant: entry.tenant } : {}),
      },
      now,
    ),
    key: [entry.provider, 'remove', payload.kind, entry.recordId].join(':'),
  };
  await services.outbox.enqueue(remove);
}

/**
 * After each outbox pass: deletes what an Undo asked for while it was being sent, and re-queues
 * an auto capture whose write a stopped worker never queued.
 */
export async function settleCaptures(services: CaptureServices, now = Date.now()): Promise<boolean> {
  const records = await services.capture.all();
  const [items, ledger, connection] = await Promise.all([
    services.outbox.items(),
    services.outbox.ledger(),
    services.auth.connection(),
  ]);
  const queued = new Set(items.map((i) => i.key));
  const landed = new Set(ledger.map((e) => e.key));
  let changed = false;
  for (const record of records) {
    const key = record.outboxKey;
    if (!key) continue;
    if (record.status === 'undone' && record.undoPending && !queued.has(key)) {
      if (landed.has(key)) await removeLanded(services, record, key, now);
      await services.capture.update(record.id, (r) => ({ ...r, undoPending: false }));
      changed = true;
    } else if (record.status === 'queued' && !record.enqueued && !queued.has(key) && connection) {
      // The outbox never got it (a stop between claim and enqueue): queue it now. The outbox
      // refuses a key it already logged, and looks the key up in the CRM before writing.
      const { status } = await enqueueWrite(services, connection, record, now);
      await services.capture.update(record.id, (r) => ({ ...r, enqueued: true }));
      changed ||= status === 'queued';
    }
  }
  return changed;
}

/** Today's captures (and every suggestion still waiting), newest first. */
export async function capturedSince(services: CaptureServices, since: number): Promise<CaptureRecord[]> {
  return (await services.capture.all())
    .filter((r) => r.capturedAt >= since || r.status === 'suggested')
    .sort((a, b) => b.capturedAt - a.capturedAt);
}
