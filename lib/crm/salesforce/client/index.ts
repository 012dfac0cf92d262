/**
 * The one door to Salesforce's REST API: bearer token, one refresh-and-retry after a 401,
 * the burst limiter, `Sforce-Limit-Info` bookkeeping, retries for reads only, and queries that
 * move into a composite body when their URL would get long.
 */
import * as z from 'zod/mini';
import { CrmError } from '../../../http/errors';
import { request, withRetry, type HttpRequest, type HttpResponse } from '../../../http/request';
import type { Limiter, RateRule } from '../../limiter';
import type { AdapterDeps } from '../../adapter';
import {
  compositeBody,
  parseCompositeResponse,
  queryUrl,
  subResult,
  type SubResult,
  type Subrequest,
} from './composite';
import { DAILY_LIMIT_RETRY_MS, LABEL, readSalesforceError } from '../errors';
import type { UsageTracker } from './limits';

/** Reads the rep is waiting for go on near the daily limit; refreshes and searches do not. */
export type Importance = 'essential' | 'optional';

export interface ClientOptions {
  deps: AdapterDeps;
  instanceUrl: string;
  apiVersion: string;
  limiter: Limiter;
  rule: RateRule;
  sleep(ms: number): Promise<void>;
  usage: UsageTracker;
  timeoutMs?: number;
  /** Attempts per read (first try included). */
  readAttempts?: number;
}

/** Keep request lines well under Salesforce's 16 KB URI limit (and proxies' smaller ones). */
const MAX_URL_LENGTH = 2_000;
const MAX_PAGES = 5;

const QueryPage = z.object({
  records: z.array(z.unknown()),
  done: z.optional(z.boolean()),
  nextRecordsUrl: z.optional(z.nullable(z.string())),
});

/** Errors that must end a read at once: another try would be refused the same way. */
class Final {
  constructor(readonly error: CrmError) {}
}

function isFinal(error: unknown): error is CrmError {
  return error instanceof CrmError && error.details.code === 'REQUEST_LIMIT_EXCEEDED';
}

/** The daily allocation sends no Retry-After; give the outbox a sensible wait instead. */
function withDailyLimitHint(error: unknown): unknown {
  if (!isFinal(error) || error.retryAfterMs !== undefined) return error;
  return new CrmError(error.kind, error.message, { ...error.details, retryAfterMs: DAILY_LIMIT_RETRY_MS });
}

export function createSalesforceClient(options: ClientOptions) {
  const { deps, limiter, rule, usage } = options;
  const base = options.instanceUrl.replace(/\/+$/, '');
  const version = options.apiVersion.startsWith('v') ? options.apiVersion : `v${options.apiVersion}`;
  const dataPath = `/services/data/${version}`;

  // Every response, failed ones included, tells how much of the daily allocation is spent.
  const observingFetch: typeof fetch = async (input, init) => {
    const response = await deps.fetch(input, init);
    await usage.record(response.headers).catch(() => undefined);
    return response;
  };

  async function once(req: HttpRequest, token: string): Promise<HttpResponse> {
    await limiter.acquire([rule]);
    const authed: HttpRequest = {
      ...req,
      url: base + req.url,
      headers: { ...req.headers, authorization: `Bearer ${token}` },
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    };
    try {
      return await request(observingFetch, authed, readSalesforceError, LABEL);
    } catch (error) {
      throw withDailyLimitHint(error);
    }
  }

  /** One request; after a 401 for an expired session, one refresh and one retry. */
  async function send(req: HttpRequest): Promise<HttpResponse> {
    try {
      return await once(req, await deps.accessToken());
    } catch (error) {
      if (!(error instanceof CrmError) || error.kind !== 'auth' || error.status !== 401) throw error;
      return once(req, await deps.refreshAccessToken());
    }
  }

  async function read(req: HttpRequest, importance: Importance): Promise<HttpResponse> {
    if (importance === 'optional') await usage.assertRoomForOptionalRead();
    try {
      return await withRetry(
        () =>
          send(req).catch((error: unknown) => {
            throw isFinal(error) ? new Final(error) : error;
          }),
        { attempts: options.readAttempts ?? 3, sleep: options.sleep },
      );
    } catch (error) {
      throw error instanceof Final ? error.error : error;
    }
  }

  async function composite(
    subrequests: readonly Subrequest[],
    mode: { importance: Importance } | { write: true; allOrNone: boolean },
  ): Promise<Map<string, SubResult>> {
    const req: HttpRequest = {
      method: 'POST',
      url: `${dataPath}/composite`,
      body: compositeBody(subrequests, 'write' in mode ? mode.allOrNone : false),
    };
    const response = 'write' in mode ? await send(req) : await read(req, mode.importance);
    return parseCompositeResponse(response.body);
  }

  /** Runs a SOQL query and returns its records (following a few `nextRecordsUrl` pages). */
  async function query(soql: string, importance: Importance): Promise<unknown[]> {
    const url = queryUrl(dataPath, soql);
    let body: unknown;
    if (url.length > MAX_URL_LENGTH) {
      const results = await composite([{ method: 'GET', url, referenceId: 'q' }], { importance });
      const result = subResult(results, 'q');
      if (!result.ok) throw result.error;
      body = result.body;
    } else {
      body = (await read({ method: 'GET', url }, importance)).body;
    }
    const records: unknown[] = [];
    for (let page = 0; ; page++) {
      const parsed = QueryPage.safeParse(body);
      if (!parsed.success) throw new CrmError('transient', `${LABEL}: a query answer could not be read.`);
      records.push(...parsed.data.records);
      const next = parsed.data.nextRecordsUrl;
      if (parsed.data.done !== false || !next || page + 1 >= MAX_PAGES) return records;
      body = (await read({ method: 'GET', url: next }, importance)).body;
    }
  }

  return {
    dataPath,
    query,
    composite,
    get: (path: string, importance: Importance) => read({ method: 'GET', url: dataPath + path }, importance),
    /** Writes are sent once: the outbox retries, after checking whether they landed. */
    write: (method: 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown) =>
      send({ method, url: dataPath + path, ...(body === undefined ? {} : { body }) }),
  };
}
export type SalesforceClient = ReturnType<typeof createSalesforceClient>;
