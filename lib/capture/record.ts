/**
 * What capture remembers per touch: what it was, where it went (or could go) and why. One record
 * per touch id (`<kind>:<source id>`), so every path that sees the touch finds the same record.
 */
import * as z from 'zod/mini';
import { CrmWrite } from '../domain/types';
import { CaptureKind, CaptureSource } from './modes';

export const CaptureCandidate = z.object({
  opportunityId: z.string(),
  name: z.string(),
  accountId: z.nullable(z.string()),
  score: z.number(),
  reasons: z.array(z.string()),
});
export type CaptureCandidate = z.infer<typeof CaptureCandidate>;

/**
 * `suggested`: waits for the rep's click. `queued`: handed to the outbox (landed or not: the
 * ledger says). `undone`: the rep took it back; never captured again. `dismissed`: the rep
 * declined the suggestion; never suggested again.
 */
export const CaptureStatus = z.enum(['suggested', 'queued', 'undone', 'dismissed']);
export type CaptureStatus = z.infer<typeof CaptureStatus>;

export const CaptureRecord = z.object({
  id: z.string(),
  kind: CaptureKind,
  source: CaptureSource,
  status: CaptureStatus,
  /** The touch's source id: the same one the Log button and the outbox key use. */
  sourceId: z.string(),
  /** Other ids the same touch may be known by (Gmail id, the neighbouring minute). */
  aliasSourceIds: z.array(z.string()),
  /** Subject or meeting title, for the list. */
  title: z.string(),
  /** When the touch happened (sent, received, meeting end). */
  at: z.string(),
  capturedAt: z.number(),
  decision: z.enum(['attach', 'ask']),
  /** Why it went there, in words ("Jane Doe is a contact on this deal"). */
  why: z.string(),
  /** The deal it was (or will be) logged to; for `ask`, the first candidate. */
  opportunityId: z.nullable(z.string()),
  destination: z.string(),
  candidates: z.array(CaptureCandidate),
  /** The write as it was (or will be) queued; a confirmed `ask` is re-aimed at the choice. */
  write: z.object({ label: z.string(), payload: CrmWrite }),
  /** The outbox/ledger key once queued. */
  outboxKey: z.nullable(z.string()),
  /**
   * The write reached the outbox. False only between the claim and the enqueue: a worker stopped
   * there leaves it for `settleCaptures`; after that, what the outbox does (a discard) stands.
   */
  enqueued: z.optional(z.boolean()),
  /** Logged with no click (auto mode) rather than confirmed from a suggestion. */
  auto: z.boolean(),
  /** Undo asked while the write was being sent: the record it makes is deleted when it lands. */
  undoPending: z.optional(z.boolean()),
  undoneAt: z.optional(z.number()),
});
export type CaptureRecord = z.infer<typeof CaptureRecord>;

export const captureId = (kind: CaptureKind, sourceId: string) => `${kind}:${sourceId}`;
