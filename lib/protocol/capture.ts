/** Messages the side panel sends the worker about auto-capture (lib/capture). */
import * as z from 'zod/mini';
import { CaptureRecord } from '../capture/record';
import { Ack, type MessageSpec } from './core';

/** A captured touch as the panel shows it: the record and where its write stands. */
export const CaptureView = z.extend(CaptureRecord, {
  /** `logged`: in the CRM; `sending`: in the outbox; `failed`: parked in the outbox. */
  state: z.enum(['suggested', 'sending', 'logged', 'failed', 'undone', 'dismissed']),
});
export type CaptureView = z.infer<typeof CaptureView>;

export const captureProtocol = {
  /** Suggestions waiting and what was captured today (since `since`, the panel's midnight). */
  'capture.list': {
    from: ['extension-page'],
    request: z.object({ since: z.number() }),
    response: z.array(CaptureView),
  },
  /** Logs suggestions (one click for one, or all of them); `opportunityId` settles an `ask`. */
  'capture.confirm': {
    from: ['extension-page'],
    request: z.object({
      items: z
        .array(z.object({ id: z.string(), opportunityId: z.optional(z.string()) }))
        .check(z.minLength(1)),
    }),
    response: Ack,
  },
  'capture.dismiss': { from: ['extension-page'], request: z.object({ id: z.string() }), response: Ack },
  'capture.undo': { from: ['extension-page'], request: z.object({ id: z.string() }), response: Ack },
} as const satisfies Record<string, MessageSpec>;
