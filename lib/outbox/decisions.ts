/**
 * The outbox's decisions as pure functions: what to do after an attempt, which items are due,
 * when to wake up. No I/O, so every branch is unit-tested.
 */
import type { CrmErrorKind } from '../crm/errors';
import { backoffDelay } from '../crm/http';
import type { LedgerEntry, OutboxItem } from './item';

export type AttemptOutcome =
  | { type: 'written'; recordId: string; adopted: boolean }
  | { type: 'error'; kind: CrmErrorKind; message: string; retryAfterMs?: number };

export type Decision =
  | { type: 'landed'; ledger: LedgerEntry }
  | { type: 'retry'; item: OutboxItem }
  | { type: 'park'; item: OutboxItem };

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
    return {
      type: 'landed',
      ledger: {
        key: item.key,
        provider: item.provider,
        op: item.op,
        sourceId: item.sourceId,
        opportunityId: item.payload.target.opportunityId,
        recordId: outcome.recordId,
        label: item.label,
        loggedAt: now,
        adopted: outcome.adopted,
      },
    };
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

/** When the next pending item becomes due, or null when nothing is waiting. */
export function nextWakeAt(items: readonly OutboxItem[]): number | null {
  let next: number | null = null;
  for (const item of items) {
    if (item.state === 'failed') continue;
    if (next === null || item.nextAttemptAt < next) next = item.nextAttemptAt;
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
