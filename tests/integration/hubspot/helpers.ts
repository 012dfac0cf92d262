/**
 * Builds a HubSpot adapter against the fake CRM over real HTTP, with instruments: every fetch is
 * logged with its start and end, so tests can count calls and sequential round trips ("waves":
 * a request that starts when nothing is in flight opens a new wave); the limiter runs on a
 * virtual clock whose `sleep` only records, so no test waits.
 */
import { createMemoryCache, type CrmCache } from '../../../lib/crm/cache';
import { createHubSpotAdapter } from '../../../lib/crm/hubspot';
import { createLimiter, type LimiterState } from '../../../lib/crm/limiter';
import type { CrmAdapter } from '../../../lib/crm/adapter';
import { startFakeCrm, type FakeCrm } from '../../support/fake-crm';

export const NOW = new Date('2026-11-20T12:00:00.000Z');
export const PORTAL = '4242424';

export function startCrm(): Promise<FakeCrm> {
  return startFakeCrm({ now: NOW });
}

export interface LoggedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  status: number | null;
  wave: number;
}

export interface Harness {
  adapter: CrmAdapter;
  calls: LoggedCall[];
  /** Delays the adapter and limiter asked for (ms), in order. */
  sleeps: number[];
  limiterState(): LimiterState | undefined;
  refreshes: number;
  token(): string;
  cache: CrmCache;
  /** Forgets logged calls (after warming a cache). */
  resetLog(): void;
  waves(): number;
}

export interface HarnessOptions {
  settings?: { stageReasonProperty?: string; logKeyProperty?: string };
  /** Wraps the instrumented fetch (to inject timeouts, clear faults after one call…). */
  wrapFetch?: (inner: typeof fetch, attempt: () => number) => typeof fetch;
  cache?: CrmCache;
  scopes?: string[];
}

export function harness(crm: FakeCrm, options: HarnessOptions = {}): Harness {
  let token = crm.issueToken('hubspot', options.scopes ? { scopes: options.scopes } : {}).accessToken;
  const calls: LoggedCall[] = [];
  const sleeps: number[] = [];
  let limiterState: LimiterState | undefined;
  let virtualMs = 0;
  let inFlight = 0;
  let wave = 0;
  let attempts = 0;
  const state = { refreshes: 0 };

  const instrumented: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    if (inFlight === 0) wave++;
    inFlight++;
    const entry: LoggedCall = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: typeof init?.body === 'string' ? safeJson(init.body) : undefined,
      status: null,
      wave,
    };
    calls.push(entry);
    try {
      const response = await fetch(input, init);
      // Buffer the body so "ended" means the whole answer arrived.
      const text = await response.text();
      entry.status = response.status;
      return new Response(text.length ? text : null, { status: response.status, headers: response.headers });
    } finally {
      inFlight--;
    }
  };
  const counted: typeof fetch = (input, init) => {
    attempts++;
    return instrumented(input, init);
  };
  const fetchImpl = options.wrapFetch ? options.wrapFetch(counted, () => attempts) : counted;

  const limiter = createLimiter({
    store: {
      load: async () => limiterState,
      save: async (next) => {
        limiterState = structuredClone(next);
      },
    },
    now: () => NOW.getTime() + virtualMs,
    sleep: async (ms) => {
      sleeps.push(ms);
      virtualMs += ms;
    },
  });
  const cache = options.cache ?? createMemoryCache();
  const adapter = createHubSpotAdapter({
    deps: {
      fetch: fetchImpl,
      accessToken: async () => token,
      refreshAccessToken: async () => {
        state.refreshes++;
        token = crm.issueToken('hubspot').accessToken;
        return token;
      },
      now: () => crm.clock.now(),
    },
    apiBaseUrl: crm.url,
    portalId: PORTAL,
    limiter,
    sleep: async (ms) => {
      sleeps.push(ms);
      virtualMs += ms;
    },
    cache,
    settings: {
      stageReasonProperty: options.settings?.stageReasonProperty ?? '',
      logKeyProperty: options.settings?.logKeyProperty ?? '',
    },
  });
  return {
    adapter,
    calls,
    sleeps,
    limiterState: () => limiterState,
    get refreshes() {
      return state.refreshes;
    },
    token: () => token,
    cache,
    resetLog() {
      calls.length = 0;
      wave = 0;
    },
    waves: () => new Set(calls.map((c) => c.wave)).size,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** "POST /crm/v3/objects/contacts/batch/read" lines, for readable assertions. */
export function lines(calls: LoggedCall[]): string[] {
  return calls.map((c) => `${c.method} ${c.path}`);
}

export function byWave(calls: LoggedCall[]): string[][] {
  const out: string[][] = [];
  for (const call of calls) (out[call.wave - 1] ??= []).push(`${call.method} ${call.path}`);
  return out.map((wave) => wave.sort());
}
