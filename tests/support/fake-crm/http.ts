/**
 * Minimal HTTP plumbing: handlers return a `Reply` value instead of writing to the socket, so
 * the server can decide afterwards to deliver it, or to drop the connection after the write
 * was committed (the `dropAfterCommit` fault).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON when set. */
  json?: unknown;
  /** Sent verbatim (with `contentType`) when `json` is undefined. */
  text?: string;
  contentType?: string;
}

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, json: body, headers };
}

export function emptyReply(status: number, headers: Record<string, string> = {}): Reply {
  return { status, headers };
}

export function htmlReply(status: number, title: string, message: string): Reply {
  const escape = (s: string) =>
    s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
  return {
    status,
    contentType: 'text/html; charset=utf-8',
    text: `<!doctype html><html><head><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1><p>${escape(message)}</p></body></html>`,
  };
}

export function redirectReply(location: string): Reply {
  return { status: 302, headers: { location } };
}

export function correlationId(): string {
  return randomUUID();
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export type ParsedBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; value: Record<string, string> }
  | { kind: 'invalid-json'; error: string }
  | { kind: 'text'; value: string };

export function parseBody(raw: string, contentType: string | undefined): ParsedBody {
  if (raw.length === 0) return { kind: 'none' };
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('application/x-www-form-urlencoded')) {
    return { kind: 'form', value: Object.fromEntries(new URLSearchParams(raw)) };
  }
  if (type.includes('json') || type === '' || /^\s*[[{]/.test(raw)) {
    try {
      return { kind: 'json', value: JSON.parse(raw) as unknown };
    } catch (error) {
      return { kind: 'invalid-json', error: error instanceof Error ? error.message : String(error) };
    }
  }
  return { kind: 'text', value: raw };
}

export function writeReply(res: ServerResponse, reply: Reply, defaultJsonType: string): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string | undefined;
  if (reply.json !== undefined) {
    payload = JSON.stringify(reply.json);
    headers['content-type'] ??= defaultJsonType;
  } else if (reply.text !== undefined) {
    payload = reply.text;
    headers['content-type'] ??= reply.contentType ?? 'text/plain; charset=utf-8';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
