/**
 * Every HubSpot request goes through here: the shared rate limiter (110 per 10 s per portal,
 * searches 5 per second), the bearer token with one refresh-and-retry after a 401, 429s pushed
 * into the limiter, and retries for reads only. Writes are never retried here: the outbox
 * retries them after checking whether they landed.
 */
import { CrmError } from '../../../http/errors';
import { request, withRetry, type HttpResponse } from '../../../http/request';
import type { Limiter, RateRule } from '../../limiter';
import type { AdapterDeps } from '../../adapter';
import { FinalCrmError, scrubbed } from '../errors';
import { readHubSpotError } from '../../../http/hubspot';
import { searchLimitProblem } from './search-limits';

export interface HubSpotClientOptions {
  deps: AdapterDeps;
  /** https://api.hubapi.com (the fake CRM's URL in tests). */
  apiBaseUrl: string;
  portalId: string | null;
  limiter: Limiter;
  sleep(ms: number): Promise<void>;
}

export interface HsRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | string[] | undefined>;
  body?: unknown;
}

/** Without Retry-After: the burst window rolls, so a short pause usually frees a slot. */
const DEFAULT_BURST_BLOCK_MS = 2_000;
const DEFAULT_SEARCH_BLOCK_MS = 1_000;
/** The daily allowance resets at midnight in the portal's time zone; try again in an hour. */
const DAILY_RETRY_MS = 60 * 60_000;
const READ_ATTEMPTS = 3;

export function createHubSpotClient(options: HubSpotClientOptions) {
  const { deps, limiter } = options;
  const portalKey = options.portalId ?? 'unknown';
  // HubSpot counts a call when it arrives: windows are timed from the answer (lib/crm/limiter.ts).
  const burst: RateRule = { name: `hubspot:${portalKey}`, max: 110, windowMs: 10_000, untilAnswered: true };
  const search: RateRule = {
    name: `hubspot-search:${portalKey}`,
    max: 5,
    windowMs: 1_000,
    untilAnswered: true,
  };
  const base = options.apiBaseUrl.replace(/\/+$/, '');

  function urlOf(req: HsRequest): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value === undefined) continue;
      params.set(key, Array.isArray(value) ? value.join(',') : value);
    }
    const query = params.toString();
    return `${base}${req.path}${query ? `?${query}` : ''}`;
  }

  async function rateLimited(error: CrmError, rule: RateRule): Promise<CrmError> {
    if (error.details.code === 'DAILY') {
      // Retrying within seconds cannot help; let the outbox come back later.
      return new FinalCrmError('rate', error.message, { ...error.details, retryAfterMs: DAILY_RETRY_MS });
    }
    const fallback = rule === search ? DEFAULT_SEARCH_BLOCK_MS : DEFAULT_BURST_BLOCK_MS;
    const retryAfterMs = error.retryAfterMs ?? fallback;
    await limiter.block(rule, retryAfterMs);
    return new CrmError('rate', error.message, { ...error.details, retryAfterMs });
  }

  /** The answer (or failure) is when HubSpot has surely counted the call. */
  async function answered<T>(rule: RateRule, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } finally {
      limiter.answered([rule]);
    }
  }

  async function send(req: HsRequest, rule: RateRule): Promise<HttpResponse> {
    let token: string | null = null;
    let refreshed = false;
    for (;;) {
      // The token first: the slot is claimed as late as possible before the send.
      const bearer = (token ??= await deps.accessToken());
      await limiter.acquire([rule]);
      try {
        return await answered(rule, () =>
          request(
            deps.fetch,
            {
              method: req.method,
              url: urlOf(req),
              headers: { authorization: `Bearer ${bearer}` },
              ...(req.body !== undefined ? { body: req.body } : {}),
            },
            readHubSpotError,
            'HubSpot',
          ),
        );
      } catch (error) {
        if (!(error instanceof CrmError)) throw error;
        if (error.status === 401 && !refreshed) {
          // A 401 means nothing was processed, so retrying (even a write) is safe.
          refreshed = true;
          token = await deps.refreshAccessToken();
          continue;
        }
        if (error.status === 429) throw scrubbed(await rateLimited(error, rule), token);
        throw scrubbed(error, token);
      }
    }
  }

  return {
    portalKey,
    rules: { burst, search },
    /** A read: retried on 429, 5xx, timeouts and dropped connections. */
    read(req: HsRequest, opts: { search?: boolean } = {}): Promise<HttpResponse> {
      const rule = opts.search ? search : burst;
      const problem = opts.search ? searchLimitProblem(req.body) : null;
      if (problem) {
        // HubSpot would answer 400; the builders pack searches to fit, so this is a bug.
        return Promise.reject(
          new CrmError('validation', `HubSpot: a search was not sent because ${problem}.`),
        );
      }
      return withRetry(() => send(req, rule), { attempts: READ_ATTEMPTS, sleep: options.sleep });
    },
    /** A write: sent once (after at most one token refresh). */
    write(req: HsRequest): Promise<HttpResponse> {
      return send(req, burst);
    },
  };
}
export type HubSpotClient = ReturnType<typeof createHubSpotClient>;
