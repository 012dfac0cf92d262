/**
 * Shared zod schemas for what crosses a boundary: the Interaction a content script reports,
 * and the snapshot/result of the matching engine. `zod/mini` keeps content scripts small.
 * The JSON shapes are a published contract (DESIGN.md, `detect` and `match` CLIs): extend only
 * with new optional fields.
 */
import * as z from 'zod/mini';

import { MAX_DATE_TEXT, MAX_LANG } from './model-keys';

export { interactionKey, interactionSourceId, MAX_DATE_TEXT, MAX_LANG } from './model-keys';

export const Person = z.object({
  email: z.string(),
  name: z.string(),
});
export type Person = z.infer<typeof Person>;

export const EmailMessage = z.object({
  /** Legacy hex message id, or null while Gmail has none yet (just-sent `msg-a:` messages). */
  id: z.nullable(z.string()),
  permId: z.nullable(z.string()),
  from: Person,
  to: z.array(Person),
  /** ISO timestamp, or null when the page's date text could not be parsed. */
  date: z.nullable(z.string()),
  state: z.enum(['expanded', 'collapsed']),
  text: z.string(),
  /**
   * The header's full date as the page words it, in the rep's Gmail language (optional
   * extension). The worker reads it into `date` and drops it; it stays only when unreadable.
   */
  dateText: z.optional(z.string().check(z.maxLength(MAX_DATE_TEXT))),
  /** Whether the signed-in user sent or received it; null when the user's address is unknown. */
  direction: z.optional(z.nullable(z.enum(['sent', 'received']))),
});
export type EmailMessage = z.infer<typeof EmailMessage>;

export const EmailThread = z.object({
  kind: z.literal('email-thread'),
  threadId: z.string().check(z.minLength(1)),
  subject: z.string(),
  messages: z.array(EmailMessage),
  participants: z.array(Person),
  /** The signed-in Gmail user, read from the page; optional extension of the contract. */
  userEmail: z.optional(z.nullable(z.string())),
  /**
   * The page's language (`<html lang>`), which `dateText` is worded in (optional extension).
   * Like `dateText`, kept after the worker's pass only when some date could not be read.
   */
  lang: z.optional(z.string().check(z.maxLength(MAX_LANG))),
});
export type EmailThread = z.infer<typeof EmailThread>;

export const Meeting = z.object({
  kind: z.literal('meeting'),
  eventId: z.string().check(z.minLength(1)),
  calendarId: z.nullable(z.string()),
  title: z.string(),
  start: z.nullable(z.string()),
  end: z.nullable(z.string()),
  attendees: z.array(Person),
  conferenceUrl: z.nullable(z.string()),
  description: z.string(),
  /** The raw "when" text the start and end were read from (optional extension). */
  whenText: z.optional(z.nullable(z.string())),
  userEmail: z.optional(z.nullable(z.string())),
});
export type Meeting = z.infer<typeof Meeting>;

export const Interaction = z.discriminatedUnion('kind', [EmailThread, Meeting]);
export type Interaction = z.infer<typeof Interaction>;
