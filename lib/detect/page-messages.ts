/**
 * The content scripts' side of their two messages, without zod: the page side is not the trust
 * boundary. The worker validates every report it receives against `pageProtocol`'s schemas and
 * checks its sender; here a report is only sent, and a `detect.refresh` is only accepted from
 * this extension's own pages (the same sender check the worker's router uses).
 */
import type { Interaction } from '../model';
import type { SentCompose } from '../protocol/page';
import { classifySender, type Sender } from '../protocol/sender';

export type PageMessage =
  | { type: 'interaction.changed'; data: { interaction: Interaction } }
  | { type: 'interaction.cleared'; data: Record<string, never> }
  | { type: 'compose.sent'; data: { compose: SentCompose } };

type Reply = { ok: true; data: unknown } | { ok: false; error: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sends a report; rejects when the worker refused it or did not answer. */
export async function sendReport(
  transport: (message: PageMessage) => Promise<unknown>,
  message: PageMessage,
): Promise<void> {
  const reply = await transport(message);
  if (!isObject(reply) || reply.ok !== true)
    throw new Error(
      isObject(reply) && typeof reply.error === 'string' ? reply.error : `No answer to ${message.type}`,
    );
}

/** A `runtime.onMessage` listener answering `detect.refresh` from the extension's pages only. */
export function refreshListener(
  onRefresh: () => void,
  extensionId: () => string,
): (message: unknown, sender: Sender) => Promise<Reply> | undefined {
  return (message, sender) => {
    if (!isObject(message) || message.type !== 'detect.refresh') return undefined;
    if (classifySender(sender, extensionId()) !== 'extension-page')
      return Promise.resolve({ ok: false, error: 'Rejected detect.refresh: sender not allowed' });
    if (!isObject(message.data))
      return Promise.resolve({ ok: false, error: 'Rejected detect.refresh: malformed request' });
    onRefresh();
    return Promise.resolve({ ok: true, data: { ok: true } });
  };
}
