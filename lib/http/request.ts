/**
 * The one place CRM requests leave the extension: timeouts, JSON in and out, and every failure
 * turned into a classified `CrmError`. Retrying is the caller's decision (reads retry here via
 * `withRetry`; writes are retried by the outbox, which first checks whether they landed).
 */
import { CrmError, kindForStatus, parseRetryAfter, type CrmErrorKind } from './errors';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** JSON body, or a URLSearchParams for form-encoded OAuth endpoints. */
  body?: unknown;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Reads a provider's error body into a readable message and a code. */
export type ErrorReader = (
  status: number,
  body: unknown,
) => { message: string; code?: string; kind?: CrmErrorKind } | undefined;

const DEFAULT_TIMEOUT_MS = 20_000;

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function request(
  fetchImpl: typeof fetch,
  req: HttpRequest,
  readError: ErrorReader,
  label: string,
): Promise<HttpResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.body instanceof URLSearchParams) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = req.body.toString();
  } else if (req.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.body);
  }

  let response: Response;
  try {
    response = await fetchImpl(req.url, {
      method: req.method,
      headers,
      body,
      signal: AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new CrmError(
      timedOut ? 'transient' : 'network',
      timedOut ? `${label}: the CRM did not answer in time.` : `${label}: could not reach the CRM.`,
    );
  }

  let parsed: unknown;
  try {
    parsed = await readBody(response);
  } catch {
    throw new CrmError('network', `${label}: the connection dropped while reading the answer.`, {
      status: response.status,
    });
  }
  if (response.ok) return { status: response.status, headers: response.headers, body: parsed };

  const read = readError(response.status, parsed);
  const kind = read?.kind ?? kindForStatus(response.status);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  throw new CrmError(kind, `${label}: ${read?.message ?? `the CRM answered ${response.status}`}`, {
    status: response.status,
    code: read?.code,
    retryAfterMs,
  });
}

export interface RetryOptions {
  attempts: number;
  /** Waits; injected so tests do not sleep. */
  sleep: (ms: number) => Promise<void>;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

/** Exponential backoff with full jitter, honouring Retry-After. */
export function backoffDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  { baseDelayMs = 500, maxDelayMs = 30_000, random = Math.random }: Partial<RetryOptions> = {},
): number {
  const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  const jittered = Math.round(exponential / 2 + random() * (exponential / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Retries a read on rate limits, 5xx and dropped connections. Never use for writes. */
export async function withRetry<T>(run: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof CrmError) || !error.retryable || attempt + 1 >= options.attempts) throw error;
      await options.sleep(backoffDelay(attempt, error.retryAfterMs, options));
    }
  }
}
