/**
 * Messages between the Gmail/Calendar content scripts and the worker. Kept apart from the
 * panel's messages so content scripts bundle only these schemas.
 */
import * as z from 'zod/mini';
import { Interaction } from '../model';
import { Ack, type MessageSpec } from './core';

const Text = (max: number) => z.string().check(z.maxLength(max));

/**
 * A message Gmail has sent (its undo window passed), as the compose showed it. Raw: recipients
 * are "Name <address>" strings (To and Cc only), the URL carries a pop-out's `th=`; the worker
 * parses them (lib/capture/compose.ts).
 */
export const SentCompose = z.object({
  to: z.array(Text(1000)).check(z.maxLength(500)),
  cc: z.array(Text(1000)).check(z.maxLength(500)),
  subject: Text(2000),
  body: Text(100_000),
  /** Written inside the open thread (an inline reply). */
  inThread: z.boolean(),
  url: Text(4000),
  userEmail: z.nullable(Text(320)),
  sentAt: Text(40),
});
export type SentCompose = z.infer<typeof SentCompose>;

/** Content script → worker. */
export const pageProtocol = {
  'interaction.changed': {
    from: ['content-script'],
    request: z.object({ interaction: Interaction }),
    response: Ack,
  },
  'interaction.cleared': {
    from: ['content-script'],
    request: z.object({}),
    response: Ack,
  },
  'compose.sent': {
    from: ['content-script'],
    request: z.object({ compose: SentCompose }),
    response: Ack,
  },
} as const satisfies Record<string, MessageSpec>;

/** Extension page → content script of one tab. */
export const contentProtocol = {
  /** Report what is open again, even if unchanged (a panel just opened, a worker restarted). */
  'detect.refresh': {
    from: ['extension-page'],
    request: z.object({}),
    response: Ack,
  },
} as const satisfies Record<string, MessageSpec>;
