/**
 * Switchable failure modes. Every configured trigger is evaluated on every eligible request (in a
 * fixed order, drawing from the seeded PRNG), so a given rngSeed and request sequence always
 * produces the same faults regardless of which one wins.
 */
import * as z from 'zod';
import { createRng, type Rng } from './rng';

const trigger = {
  probability: z.number().min(0).max(1).optional(),
  everyNth: z.number().int().positive().optional(),
};
const Trigger = z.strictObject(trigger);
/** Narrows a fault to some requests: a path regex (on top of the global `onlyPaths`). */
const scoped = { ...trigger, onlyPaths: z.string().optional() };

export const FaultsSchema = z.strictObject({
  latencyMs: z.number().nonnegative().optional(),
  latencySpikeMs: z
    .strictObject({ probability: z.number().min(0).max(1), ms: z.number().nonnegative() })
    .optional(),
  rateLimit: z
    .strictObject({ ...trigger, retryAfterSeconds: z.number().nonnegative().nullable().optional() })
    .optional(),
  serverError: z
    .strictObject({
      ...trigger,
      status: z.union([z.literal(500), z.literal(502), z.literal(503)]).optional(),
    })
    .optional(),
  dropAfterCommit: Trigger.optional(),
  dropBeforeCommit: Trigger.optional(),
  /** Salesforce only: 403 REQUEST_LIMIT_EXCEEDED (the org's daily allocation is used up). */
  salesforceLimitExceeded: z.union([z.boolean(), Trigger]).optional(),
  /**
   * Commits the write, then destroys the socket without a single response byte, but only on a
   * connection that already served an earlier request (keep-alive reuse). Browsers treat that
   * as a stale idle connection and resend the request by themselves: one fetch(), two writes.
   */
  dropAfterCommitOnReusedSocket: z.strictObject(scoped).optional(),
  /** The write waits `ms` before it commits (even if the client has gone); the answer follows the commit. */
  slowCommitMs: z.strictObject({ ...scoped, ms: z.number().nonnegative() }).optional(),
  /** HubSpot search does not see records created within the last N ms (index lag). */
  searchLagMs: z.number().nonnegative().optional(),
  /** HubSpot duplicate custom unique value: 409 "Existing ID: <id>" (default) or 400 VALIDATION_ERROR without the id. */
  uniqueConflict: z.enum(['409', '400']).optional(),
  down: z.boolean().optional(),
  tokenLifetimeSeconds: z.number().nonnegative().optional(),
  onlyPaths: z.string().optional(),
  /** Reseeds the PRNG for this fault set (defaults to the server's rngSeed). */
  rngSeed: z.number().int().optional(),
});
export type Faults = z.infer<typeof FaultsSchema>;

export type FaultAction =
  | { kind: 'none' }
  | { kind: 'down' }
  | { kind: 'drop-before' }
  | { kind: 'drop-after' }
  | { kind: 'drop-after-reused' }
  | { kind: 'rate-limit'; retryAfterSeconds: number | null }
  | { kind: 'salesforce-limit' }
  | { kind: 'server-error'; status: 500 | 502 | 503 };

export interface FaultDecision {
  latencyMs: number;
  /** Extra wait between reading the request and committing it (`slowCommitMs`). */
  slowCommitMs: number;
  action: FaultAction;
}

/** What the engine needs to know about a request besides its path. */
export interface RequestFacts {
  method: string;
  /** The connection served at least one earlier request. */
  reusedSocket: boolean;
}

type TriggerName =
  | 'rateLimit'
  | 'serverError'
  | 'dropAfterCommit'
  | 'dropBeforeCommit'
  | 'salesforceLimitExceeded'
  | 'dropAfterCommitOnReusedSocket'
  | 'slowCommitMs';

/** POSTs that only read (search, batch read, OAuth) never count as writes. */
const READ_ONLY_POST = /\/(search|batch\/read)$|^\/oauth\/|^\/services\/oauth2\//;

export function isWriteRequest(method: string, path: string): boolean {
  const m = method.toUpperCase();
  if (m === 'PATCH' || m === 'PUT' || m === 'DELETE') return true;
  return m === 'POST' && !READ_ONLY_POST.test(path);
}

export class FaultEngine {
  private faults: Faults = {};
  private rng: Rng;
  private onlyPaths: RegExp | null = null;
  private counters = new Map<TriggerName, number>();

  constructor(private readonly defaultSeed: number) {
    this.rng = createRng(defaultSeed);
  }

  set(faults: Faults): void {
    this.faults = FaultsSchema.parse(faults);
    this.rng = createRng(this.faults.rngSeed ?? this.defaultSeed);
    this.onlyPaths = this.faults.onlyPaths ? new RegExp(this.faults.onlyPaths) : null;
    this.counters = new Map();
  }

  get(): Faults {
    return this.faults;
  }

  tokenLifetimeSeconds(): number | undefined {
    return this.faults.tokenLifetimeSeconds;
  }

  searchLagMs(): number {
    return this.faults.searchLagMs ?? 0;
  }

  uniqueConflictStyle(): '409' | '400' {
    return this.faults.uniqueConflict ?? '409';
  }

  decide(
    provider: 'hubspot' | 'salesforce' | 'other',
    path: string,
    request: RequestFacts = { method: 'GET', reusedSocket: false },
  ): FaultDecision {
    const f = this.faults;
    if (this.onlyPaths && !this.onlyPaths.test(path))
      return { latencyMs: 0, slowCommitMs: 0, action: { kind: 'none' } };
    let latencyMs = f.latencyMs ?? 0;
    if (f.latencySpikeMs && this.rng.next() < f.latencySpikeMs.probability) latencyMs += f.latencySpikeMs.ms;

    const fired = {
      dropBeforeCommit: this.fires('dropBeforeCommit', f.dropBeforeCommit),
      rateLimit: this.fires('rateLimit', f.rateLimit),
      salesforceLimitExceeded:
        provider === 'salesforce' &&
        this.fires(
          'salesforceLimitExceeded',
          f.salesforceLimitExceeded === true ? {} : f.salesforceLimitExceeded || undefined,
        ),
      serverError: this.fires('serverError', f.serverError),
      dropAfterCommit: this.fires('dropAfterCommit', f.dropAfterCommit),
      // Only eligible requests count towards everyNth: writes (on a reused socket) on the paths asked for.
      dropAfterCommitOnReusedSocket:
        request.reusedSocket &&
        this.eligibleWrite(f.dropAfterCommitOnReusedSocket, request.method, path) &&
        this.fires('dropAfterCommitOnReusedSocket', f.dropAfterCommitOnReusedSocket),
      slowCommit:
        this.eligibleWrite(f.slowCommitMs, request.method, path) &&
        this.fires('slowCommitMs', f.slowCommitMs),
    };
    let action: FaultAction = { kind: 'none' };
    if (f.down) action = { kind: 'down' };
    else if (fired.dropBeforeCommit) action = { kind: 'drop-before' };
    else if (fired.rateLimit) {
      const retry = f.rateLimit?.retryAfterSeconds;
      action = { kind: 'rate-limit', retryAfterSeconds: retry === undefined ? 1 : retry };
    } else if (fired.salesforceLimitExceeded) action = { kind: 'salesforce-limit' };
    else if (fired.serverError) action = { kind: 'server-error', status: f.serverError?.status ?? 500 };
    else if (fired.dropAfterCommit) action = { kind: 'drop-after' };
    else if (fired.dropAfterCommitOnReusedSocket) action = { kind: 'drop-after-reused' };
    const failsBeforeCommit = ['down', 'drop-before', 'rate-limit', 'salesforce-limit', 'server-error'];
    const slowCommitMs =
      fired.slowCommit && !failsBeforeCommit.includes(action.kind) ? (f.slowCommitMs?.ms ?? 0) : 0;
    return { latencyMs, slowCommitMs, action };
  }

  private eligibleWrite(fault: { onlyPaths?: string } | undefined, method: string, path: string): boolean {
    if (!fault || !isWriteRequest(method, path)) return false;
    return fault.onlyPaths === undefined || new RegExp(fault.onlyPaths).test(path);
  }

  /** A trigger with neither probability nor everyNth fires on every eligible request. */
  private fires(name: TriggerName, t: { probability?: number; everyNth?: number } | undefined): boolean {
    if (!t) return false;
    const n = (this.counters.get(name) ?? 0) + 1;
    this.counters.set(name, n);
    const roll = this.rng.next();
    if (t.everyNth !== undefined && n % t.everyNth === 0) return true;
    if (t.probability !== undefined) return roll < t.probability;
    return t.everyNth === undefined;
  }
}
