/**
 * One error type for every CRM failure, classified by what the caller should do about it.
 * Messages are written for the rep and never contain tokens or request headers.
 */
export type CrmErrorKind =
  /** The access token is missing, expired or revoked: refresh once, else sign in again. */
  | 'auth'
  /** Rate limited: wait `retryAfterMs` (or back off) and retry. */
  | 'rate'
  /** The CRM rejected the request's content: retrying the same request cannot help. */
  | 'validation'
  | 'notFound'
  | 'permission'
  /** A unique value already exists (a duplicate write): look the record up instead. */
  | 'conflict'
  /** 5xx or a timeout: retry later. */
  | 'transient'
  /** The connection failed or dropped: the write may or may not have happened. */
  | 'network'
  /** Dealside is not set up for this (no provider, no client id…). */
  | 'config';

export class CrmError extends Error {
  override name = 'CrmError';
  constructor(
    readonly kind: CrmErrorKind,
    message: string,
    readonly details: { status?: number; code?: string; retryAfterMs?: number } = {},
  ) {
    super(message);
  }

  get status() {
    return this.details.status;
  }
  get retryAfterMs() {
    return this.details.retryAfterMs;
  }
  /** Whether the same request may succeed later without a change. */
  get retryable(): boolean {
    return this.kind === 'rate' || this.kind === 'transient' || this.kind === 'network';
  }
}

export function isCrmError(error: unknown): error is CrmError {
  return error instanceof CrmError;
}

/** Retry-After is seconds or an HTTP date; returns milliseconds, or undefined when absent/invalid. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function kindForStatus(status: number): CrmErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'notFound';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate';
  if (status === 408 || status === 423 || status >= 500) return 'transient';
  return 'validation';
}
