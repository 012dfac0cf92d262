/**
 * The outbox's decisions as pure functions: what to do after an attempt, which items are due,
 * when to wake up. No I/O, so every branch is unit-tested.
 */
import { splitDuplicates } from '../crm/duplicates';
import type { CrmErrorKind } from '../http/errors';
import { backoffDelay } from '../http/request';
import type { WrittenRecord } from '../domain/types';
import { removalItem, type LedgerEntry, type OutboxItem } from './item';

export type AttemptOutcome =
  | {
      type: 'written';
      recordId: string;
      adopted: boolean;
      /** What a look right after the write found under the key (marker mode), oldest first. */
      found?: WrittenRecord[];
      /** Look again later: a write from a stopped worker may still commit. */
      followUp?: boolean;
    }
  | { type: 'error'; kind: CrmErrorKind; message: string; retryAfterMs?: number };

export type Decision =
  | { type: 'landed'; ledger: LedgerEntry; followers: OutboxItem[] }
  | { type: 'retry'; item: OutboxItem }
  | { type: 'park'; item: OutboxItem };

/**
 * When the second look for duplicates runs after a log landed (marker mode). A write sent by a
 * worker that was then stopped can commit after the new worker has looked and written; such
 * late commits come within seconds, and 30 s is also Chrome's shortest alarm.
 */
export const FOLLOW_UP_DELAY_MS = 30_000;
/** A follow-up that keeps failing (CRM down) is retried this often, then given up. */
export const MAX_FOLLOW_UP_TRIES = 5;

/** Retries never wait longer than this, so a long outage is noticed soon after it ends. */
export const MAX_RETRY_DELAY_MS = 15 * 60_000;
/** Waiting for the rep to sign in again: check now and then, and at once after sign-in. */
export const AUTH_RETRY_DELAY_MS = 10 * 60_000;

const PARKING: ReadonlySet<CrmErrorKind> = new Set(['validation', 'notFound', 'permission', 'config']);

export function decideAfterAttempt(
  item: OutboxItem,
  outcome: AttemptOutcome,
  now: number,
  random: () => number = Math.random,
): Decision {
  if (outcome.type === 'written') {
    const ledger: LedgerEntry = {
      key: item.key,
      provider: item.provider,
      op: item.op,
      sourceId: item.sourceId,
      opportunityId: item.payload.target.opportunityId,
      recordId: outcome.recordId,
      label: item.label,
      loggedAt: now,
      adopted: outcome.adopted,
      ...(item.tenant ? { tenant: item.tenant } : {}),
    };
    const payload = item.payload;
    // A delete or a move leaves no record of its own to reconcile.
    if (payload.kind === 'remove' || payload.kind === 'attach' || payload.kind === 'detach')
      return { type: 'landed', ledger, followers: [] };
    const followUp = outcome.followUp
      ? { followUp: { at: now + FOLLOW_UP_DELAY_MS, payload, tries: 0 } }
      : {};
    const reconciled = reconcile({ ...ledger, ...followUp }, { ...item, payload }, outcome.found ?? [], now);
    return { type: 'landed', ledger: reconciled.entry, followers: reconciled.followers };
  }
  const lastError = { kind: outcome.kind, message: outcome.message, at: now };
  const attempts = item.attempts + 1;

  if (PARKING.has(outcome.kind)) {
    // Sending the same request again cannot succeed: stop and tell the rep, no retry storm.
    return { type: 'park', item: { ...item, attempts, state: 'failed', lastError } };
  }
  if (outcome.kind === 'auth') {
    return {
      type: 'retry',
      item: { ...item, attempts, state: 'pending', lastError, nextAttemptAt: now + AUTH_RETRY_DELAY_MS },
    };
  }
  if (outcome.kind === 'conflict') {
    if (item.maybeWritten) {
      // We already looked the key up and found nothing, yet the CRM says it exists: a person
      // must look; retrying would loop.
      return {
        type: 'park',
        item: {
          ...item,
          attempts,
          state: 'failed',
          lastError: {
            ...lastError,
            message: `${outcome.message} Dealside could not find that record to link to it.`,
          },
        },
      };
    }
    // The CRM already holds a record with this key: find and adopt it on the next pass.
    return {
      type: 'retry',
      item: { ...item, attempts, state: 'pending', lastError, maybeWritten: true, nextAttemptAt: now },
    };
  }
  // rate | transient | network. A dropped connection or a 5xx may come after the CRM committed
  // the write; a 429 never does.
  const maybeWritten = item.maybeWritten || outcome.kind !== 'rate';
  const delay = backoffDelay(item.attempts, outcome.retryAfterMs, { maxDelayMs: MAX_RETRY_DELAY_MS, random });
  return {
    type: 'retry',
    item: { ...item, attempts, state: 'pending', lastError, maybeWritten, nextAttemptAt: now + delay },
  };
}

/**
 * Several records under one key: the oldest is the touch (the ledger points at it), the others
 * are queued for deletion and counted. Same records in, same choice out, on every machine.
 */
export function reconcile(
  entry: LedgerEntry,
  item: Pick<OutboxItem, 'key' | 'label' | 'sourceId' | 'provider' | 'tenant'> & {
    payload: NonNullable<LedgerEntry['followUp']>['payload'];
  },
  found: readonly WrittenRecord[],
  now: number,
): { entry: LedgerEntry; followers: OutboxItem[] } {
  const split = splitDuplicates(found);
  if (!split || split.duplicates.length === 0) {
    return { entry: split ? { ...entry, recordId: split.keep.id } : entry, followers: [] };
  }
  const followers = split.duplicates.map((duplicate) =>
    removalItem(item.provider, item, duplicate, split.keep.id, now),
  );
  return {
    entry: {
      ...entry,
      recordId: split.keep.id,
      duplicatesRemoved: (entry.duplicatesRemoved ?? 0) + split.duplicates.length,
    },
    followers,
  };
}

/** Ledger entries whose later look for duplicates is due. */
export function dueFollowUps(ledger: readonly LedgerEntry[], now: number): LedgerEntry[] {
  return ledger.filter((entry) => entry.followUp && entry.followUp.at <= now);
}

/** After a follow-up look: done (with any duplicates queued), or tried again later. */
export function decideAfterFollowUp(
  entry: LedgerEntry,
  result: { type: 'found'; records: WrittenRecord[] } | { type: 'error' },
  now: number,
): { entry: LedgerEntry; followers: OutboxItem[] } {
  const followUp = entry.followUp;
  if (!followUp) return { entry, followers: [] };
  const { followUp: _done, ...rest } = entry;
  if (result.type === 'error') {
    const tries = followUp.tries + 1;
    if (tries >= MAX_FOLLOW_UP_TRIES) return { entry: rest, followers: [] };
    return {
      entry: { ...entry, followUp: { ...followUp, tries, at: now + FOLLOW_UP_DELAY_MS * 2 ** tries } },
      followers: [],
    };
  }
  return reconcile(rest, { ...entry, payload: followUp.payload }, result.records, now);
}

/** An item found in the `sending` state was interrupted (the worker stopped): it may have landed. */
export function recoverInterrupted(item: OutboxItem): OutboxItem {
  return item.state === 'sending' ? { ...item, state: 'pending', maybeWritten: true } : item;
}

export function dueItems(items: readonly OutboxItem[], now: number): OutboxItem[] {
  return items
    .map(recoverInterrupted)
    .filter((item) => item.state === 'pending' && item.nextAttemptAt <= now)
    .sort((a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : 1));
}

/** When the next pending item or follow-up look becomes due, or null when nothing is waiting. */
export function nextWakeAt(items: readonly OutboxItem[], ledger: readonly LedgerEntry[] = []): number | null {
  let next: number | null = null;
  for (const item of items) {
    if (item.state === 'failed') continue;
    if (next === null || item.nextAttemptAt < next) next = item.nextAttemptAt;
  }
  for (const entry of ledger) {
    const at = entry.followUp?.at;
    if (at !== undefined && (next === null || at < next)) next = at;
  }
  return next;
}

/** After the rep signs in again, items waiting for sign-in are due at once. */
export function wakeAuthBlocked(item: OutboxItem, now: number): OutboxItem {
  return item.state === 'pending' && item.lastError?.kind === 'auth' ? { ...item, nextAttemptAt: now } : item;
}

/** "Retry" from the panel: a parked item goes back to the queue, due now. */
export function retryNow(item: OutboxItem, now: number): OutboxItem {
  return {
    ...item,
    state: 'pending',
    nextAttemptAt: now,
    maybeWritten: item.maybeWritten || item.attempts > 0,
  };
}
