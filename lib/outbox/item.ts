/**
 * What the outbox stores. An item is one CRM write waiting to land; the ledger remembers what
 * landed and where, so the same message or meeting is never logged twice.
 */
import * as z from 'zod/mini';
import { destinationKey } from '../crm/target';
import { CrmWrite, Provider, type Target } from '../crm/types';

export const OutboxError = z.object({
  kind: z.string(),
  /** Plain words for the rep; never contains a token. */
  message: z.string(),
  at: z.number(),
});
export type OutboxError = z.infer<typeof OutboxError>;

export const OutboxItem = z.object({
  key: z.string(),
  provider: Provider,
  op: z.enum(['email', 'meeting', 'call', 'note', 'task', 'stage']),
  payload: CrmWrite,
  /** The Gmail message id or Calendar event id (or opportunity for stage changes) it came from. */
  sourceId: z.string(),
  /** "Email to Acme — Platform": what the panel shows for this item. */
  label: z.string(),
  attempts: z.int(),
  nextAttemptAt: z.number(),
  lastError: z.nullable(OutboxError),
  state: z.enum(['pending', 'sending', 'failed']),
  /** An earlier attempt may have reached the CRM: look the key up before sending again. */
  maybeWritten: z.boolean(),
  createdAt: z.number(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export const LedgerEntry = z.object({
  key: z.string(),
  provider: Provider,
  op: OutboxItem.shape.op,
  sourceId: z.string(),
  /** Null when the log went to the account or contact because no open deal fitted. */
  opportunityId: z.nullable(z.string()),
  recordId: z.string(),
  label: z.string(),
  loggedAt: z.number(),
  /** Found already in the CRM (written by an earlier attempt or another machine). */
  adopted: z.boolean(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

/**
 * The idempotency key: the same source logged to the same place as the same kind of write is
 * one item, however many times the rep clicks, on however many machines. The place is the
 * opportunity, else the account, else the first contact (`destinationKey`).
 */
export function outboxKey(input: {
  provider: Provider;
  op: OutboxItem['op'];
  sourceId: string;
  target: Pick<Target, 'opportunityId' | 'accountId' | 'contactIds'>;
}): string {
  return [input.provider, input.op, input.sourceId, destinationKey(input.target)].join(':');
}

export function newItem(
  input: Pick<OutboxItem, 'provider' | 'payload' | 'sourceId' | 'label'>,
  now: number,
): OutboxItem {
  const op = input.payload.kind;
  return {
    key: outboxKey({
      provider: input.provider,
      op,
      sourceId: input.sourceId,
      target: input.payload.target,
    }),
    provider: input.provider,
    op,
    payload: input.payload,
    sourceId: input.sourceId,
    label: input.label,
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    state: 'pending',
    maybeWritten: false,
    createdAt: now,
  };
}
