/**
 * The machinery of Dealside's message protocol, free of any message definitions so a content
 * script only bundles the few schemas it uses. Every message names who may send it; requests and
 * answers are validated with zod on receipt on both ends.
 */
import * as z from 'zod/mini';

import { classifySender, type Sender, type SenderKind } from './sender';

export { classifySender, PAGE_ORIGINS, type Sender, type SenderKind } from './sender';

export interface MessageSpec {
  /** Who may send this message; anything else is rejected before validation. */
  readonly from: readonly SenderKind[];
  readonly request: z.ZodMiniType;
  readonly response: z.ZodMiniType;
}

export type AnyProtocol = Record<string, MessageSpec>;
export type RequestOf<P extends AnyProtocol, K extends keyof P> = z.infer<P[K]['request']>;
export type ResponseOf<P extends AnyProtocol, K extends keyof P> = z.infer<P[K]['response']>;

export const Ack = z.object({ ok: z.literal(true) });

const Envelope = z.object({ type: z.string(), data: z.unknown() });
const Reply = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
type Reply = z.infer<typeof Reply>;

export class MessageError extends Error {
  override name = 'MessageError';
}

export interface HandlerContext {
  sender: Sender;
  kind: SenderKind;
  /** The tab a content script runs in, when the sender is one. */
  tabId: number | undefined;
}

export type Handlers<P extends AnyProtocol> = {
  [K in keyof P]: (data: RequestOf<P, K>, ctx: HandlerContext) => Promise<ResponseOf<P, K>>;
};

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Builds a `runtime.onMessage` listener that answers every type of `protocol` and nothing else.
 * Returns a promise of a `Reply` for messages it owns; `undefined` lets other contexts answer.
 */
export function createRouter<P extends AnyProtocol>(
  protocol: P,
  handlers: Handlers<P>,
  extensionId: () => string,
): (message: unknown, sender: Sender) => Promise<Reply> | undefined {
  return (message, sender) => {
    const envelope = Envelope.safeParse(message);
    if (!envelope.success || !Object.hasOwn(protocol, envelope.data.type)) return undefined;
    const type = envelope.data.type as keyof P & string;
    const spec = protocol[type]!;
    const kind = classifySender(sender, extensionId());
    if (!kind || !spec.from.includes(kind)) {
      return Promise.resolve({ ok: false, error: `Rejected ${type}: sender not allowed` });
    }
    const request = spec.request.safeParse(envelope.data.data);
    if (!request.success) {
      return Promise.resolve({ ok: false, error: `Rejected ${type}: malformed request` });
    }
    const ctx: HandlerContext = { sender, kind, tabId: sender.tab?.id };
    return handlers[type](request.data as RequestOf<P, typeof type>, ctx).then(
      (data): Reply => ({ ok: true, data }),
      (error: unknown): Reply => ({ ok: false, error: describe(error) }),
    );
  };
}

/** Validates a reply and unwraps its data, throwing a readable error otherwise. */
export function unwrapReply<P extends AnyProtocol, K extends keyof P & string>(
  protocol: P,
  type: K,
  raw: unknown,
): ResponseOf<P, K> {
  if (raw === undefined) throw new MessageError(`No answer to ${type}`);
  const reply = Reply.safeParse(raw);
  if (!reply.success) throw new MessageError(`Malformed answer to ${type}`);
  if (!reply.data.ok) throw new MessageError(reply.data.error);
  const data = protocol[type]!.response.safeParse(reply.data.data);
  if (!data.success) {
    // Name the field: "Malformed answer" alone gives nobody anything to act on.
    const issue = data.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')}: ${issue.message})` : '';
    throw new MessageError(`Malformed answer to ${type}${where}`);
  }
  return data.data as ResponseOf<P, K>;
}

/** The transport is injected so the same code runs over `browser.runtime` and in tests. */
export type Transport = (message: { type: string; data: unknown }) => Promise<unknown>;

export function createClient<P extends AnyProtocol>(protocol: P, transport: Transport) {
  return async function send<K extends keyof P & string>(
    type: K,
    data: RequestOf<P, K>,
  ): Promise<ResponseOf<P, K>> {
    const request = protocol[type]!.request.safeParse(data);
    if (!request.success) throw new MessageError(`Refused to send malformed ${type}`);
    return unwrapReply(protocol, type, await transport({ type, data: request.data }));
  };
}
