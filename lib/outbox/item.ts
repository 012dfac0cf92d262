/**
 * What the outbox stores. An item is one CRM write waiting to land; the ledger remembers what
 * landed and where, so the same message or meeting is never logged twice.
 */
import * as z from 'zod/mini';
import { AttachActivity, DetachActivity } from '../crm/audit-types';
import { destinationKey } from '../crm/target';
import { Tenant } from './tenant';
import {
  ActivityKind,
  CallLog,
  DealUpdate,
  EmailLog,
  MeetingLog,
  NextStepTask,
  NoteLog,
  Provider,
  StageChange,
  Target,
  CrmWrite,
} from '../domain/types';

/**
 * Reconciliation's own write: a second record found under a key is deleted through the outbox,
 * so the delete survives a worker stop and a CRM outage like any log.
 */
export const RemoveDuplicate = z.object({
  kind: z.literal('remove'),
  target: Target,
  activity: ActivityKind,
  recordId: z.string(),
  /** The key both records carry; the kept record's id, so the panel can say what happened. */
  duplicateOf: z.object({ key: z.string(), recordId: z.string() }),
});
export type RemoveDuplicate = z.infer<typeof RemoveDuplicate>;

export const OutboxPayload = z.discriminatedUnion('kind', [
  EmailLog,
  MeetingLog,
  CallLog,
  NoteLog,
  NextStepTask,
  StageChange,
  RemoveDuplicate,
  // The attach audit's moves (and their undo): naturally idempotent, checked before sending.
  AttachActivity,
  DetachActivity,
  DealUpdate,
]);
export type OutboxPayload = z.infer<typeof OutboxPayload>;

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
  op: z.enum(['email', 'meeting', 'call', 'note', 'task', 'stage', 'remove', 'attach', 'detach', 'deal']),
  payload: OutboxPayload,
  /**
   * Older keys the same touch may have been written under (an email logged by a release that
   * keyed messages by Gmail id): a record with any of them counts as this one.
   */
  aliases: z.optional(z.array(z.string())),
  /**
   * The CRM tenant (portal/org and user) it was made for; it is never sent anywhere else.
   * Items queued by releases before this field existed have none and follow the provider only.
   */
  tenant: z.optional(Tenant),
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
  /**
   * A later look for duplicates is due (marker mode: a write from a stopped worker can still
   * commit after this one); carries what the lookup needs.
   */
  followUp: z.optional(z.object({ at: z.number(), payload: CrmWrite, tries: z.int() })),
  tenant: z.optional(Tenant),
  /** Duplicates reconciliation found under this key and deleted (or queued for deletion). */
  duplicatesRemoved: z.optional(z.int()),
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

/** The delete of a duplicate: keyed by the record it removes, so it is queued once. */
export function removalItem(
  provider: Provider,
  original: Pick<OutboxItem, 'key' | 'label' | 'sourceId' | 'tenant'> & { payload: CrmWrite },
  duplicate: { id: string; kind: ActivityKind },
  keptRecordId: string,
  now: number,
): OutboxItem {
  const payload: RemoveDuplicate = {
    kind: 'remove',
    target: original.payload.target,
    activity: duplicate.kind,
    recordId: duplicate.id,
    duplicateOf: { key: original.key, recordId: keptRecordId },
  };
  return {
    key: [provider, 'remove', duplicate.kind, duplicate.id].join(':'),
    provider,
    op: 'remove',
    payload,
    sourceId: original.sourceId,
    label: `Duplicate of ${original.label}`,
    ...(original.tenant ? { tenant: original.tenant } : {}),
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    state: 'pending',
    maybeWritten: false,
    createdAt: now,
  };
}

export function newItem(
  input: Pick<OutboxItem, 'provider' | 'payload' | 'sourceId' | 'label' | 'aliases' | 'tenant'>,
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
    ...(input.aliases?.length ? { aliases: input.aliases } : {}),
    ...(input.tenant ? { tenant: input.tenant } : {}),
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
