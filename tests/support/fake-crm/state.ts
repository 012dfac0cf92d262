/**
 * Everything one running fake CRM holds, passed to every handler.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from './clock';
import type { FaultEngine } from './faults';
import type { ParsedBody } from './http';
import type { Recorder } from './recorder';
import type { Store } from './store/types';
import type { TokenRegistry } from './tokens';
import type { WaveGate } from './waves';

export interface ResolvedOptions {
  seed: 'book' | 'empty';
  rngSeed: number;
  /** Salesforce `instance_url`; 'self' means this server's own URL. */
  salesforceInstanceUrl: string;
}

export interface QueryCursor {
  records: unknown[];
  totalSize: number;
  pageSize: number;
}

export interface ServerState {
  options: ResolvedOptions;
  clock: Clock;
  /** Stable object: reset() replaces its fields, not the object. */
  store: Store;
  tokens: TokenRegistry;
  faults: FaultEngine;
  recorder: Recorder;
  /** `http(s)://host:port` once listening. */
  baseUrl: string;
  hubspotLimits: {
    /** Request times (monotonic ms) per rate-limit bucket (OAuth app vs private app). */
    burst: Map<string, number[]>;
    search: number[];
    daily: number;
  };
  queryCursors: Map<string, QueryCursor>;
  /** `slowCommitMs`: writes waiting to commit now, and how many committed since start. */
  slowCommits: { pending: number; committed: number };
  /** When set, CRM answers are held and released in waves (benchmarks count round trips). */
  waveGate?: WaveGate | null;
}

export interface RequestContext {
  state: ServerState;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  host: string;
  body: ParsedBody;
}

export function header(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
