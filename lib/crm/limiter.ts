/**
 * A sliding-window rate limiter shared by every CRM call of the extension. Its windows live in
 * `storage.session`, so a worker restarted mid-burst still knows what it already spent; 429s
 * push a rule's next slot out by their Retry-After.
 */
import { createSerialQueue } from '../serial';

export interface RateRule {
  /** e.g. `hubspot:4242424` (per portal) or `hubspot-search:4242424`. */
  name: string;
  max: number;
  windowMs: number;
}

export interface LimiterState {
  /** Timestamps (ms) of the calls inside each rule's window. */
  calls: Record<string, number[]>;
  /** No call before this time (ms), per rule, set by 429 Retry-After. */
  blockedUntil: Record<string, number>;
}

export interface LimiterStore {
  load(): Promise<LimiterState | undefined>;
  save(state: LimiterState): Promise<void>;
}

export interface LimiterDeps {
  store: LimiterStore;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** How long until every rule allows one more call (0 = now). Pure, for tests and planning. */
export function waitFor(state: LimiterState, rules: RateRule[], now: number): number {
  let wait = 0;
  for (const rule of rules) {
    wait = Math.max(wait, (state.blockedUntil[rule.name] ?? 0) - now);
    const recent = (state.calls[rule.name] ?? []).filter((at) => at > now - rule.windowMs);
    if (recent.length >= rule.max) {
      const oldest = recent[recent.length - rule.max]!;
      wait = Math.max(wait, oldest + rule.windowMs - now);
    }
  }
  return Math.max(0, wait);
}

export function recordCall(state: LimiterState, rules: RateRule[], now: number): LimiterState {
  const calls = { ...state.calls };
  for (const rule of rules) {
    calls[rule.name] = [...(calls[rule.name] ?? []).filter((at) => at > now - rule.windowMs), now];
  }
  return { calls, blockedUntil: state.blockedUntil };
}

interface Waiting {
  rules: RateRule[];
  grant(): void;
  fail(error: unknown): void;
}

export function createLimiter(deps: LimiterDeps) {
  const serial = createSerialQueue();
  const empty = (): LimiterState => ({ calls: {}, blockedUntil: {} });
  // Calls asked for together (one round trip's worth) are granted in one storage read and one
  // write, so a round trip leaves at once instead of one storage round per call.
  const waiting: Waiting[] = [];
  let draining = false;

  async function drain(): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting.splice(0);
      try {
        let state = (await deps.store.load()) ?? empty();
        const now = deps.now();
        const granted: Waiting[] = [];
        const deferred: Waiting[] = [];
        let wait = Infinity;
        for (const request of batch) {
          const needed = waitFor(state, request.rules, now);
          if (needed === 0) {
            state = recordCall(state, request.rules, now);
            granted.push(request);
          } else {
            deferred.push(request);
            wait = Math.min(wait, needed);
          }
        }
        if (granted.length > 0) await deps.store.save(state);
        for (const request of granted) request.grant();
        if (deferred.length > 0) {
          waiting.unshift(...deferred);
          await deps.sleep(wait);
        }
      } catch (error) {
        for (const request of batch) request.fail(error);
      }
    }
  }

  function kick(): void {
    if (draining) return;
    draining = true;
    void serial(drain).finally(() => {
      draining = false;
      if (waiting.length > 0) kick();
    });
  }

  return {
    /** Waits until a call is allowed under every rule, then counts it. */
    acquire(rules: RateRule[]): Promise<void> {
      return new Promise<void>((grant, fail) => {
        waiting.push({ rules, grant, fail });
        kick();
      });
    },
    /** After a 429: nothing under `rule` before `retryAfterMs` has passed. */
    block(rule: RateRule, retryAfterMs: number): Promise<void> {
      return serial(async () => {
        const state = (await deps.store.load()) ?? empty();
        const until = deps.now() + retryAfterMs;
        const blockedUntil = {
          ...state.blockedUntil,
          [rule.name]: Math.max(until, state.blockedUntil[rule.name] ?? 0),
        };
        await deps.store.save({ ...state, blockedUntil });
      });
    },
  };
}
export type Limiter = ReturnType<typeof createLimiter>;
