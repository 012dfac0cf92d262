/**
 * Messages between the Gmail/Calendar content scripts and the worker. Kept apart from the
 * panel's messages so content scripts bundle only these schemas.
 */
import * as z from 'zod/mini';
import { Interaction } from '../model';
import { Ack, type MessageSpec } from './core';

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
