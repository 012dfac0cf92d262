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

export function createLimiter(deps: LimiterDeps) {
  const serial = createSerialQueue();
  const empty = (): LimiterState => ({ calls: {}, blockedUntil: {} });

  return {
    /** Waits until a call is allowed under every rule, then counts it. */
    acquire(rules: RateRule[]): Promise<void> {
      return serial(async () => {
        for (;;) {
          const state = (await deps.store.load()) ?? empty();
          const wait = waitFor(state, rules, deps.now());
          if (wait === 0) {
            await deps.store.save(recordCall(state, rules, deps.now()));
            return;
          }
          await deps.sleep(wait);
        }
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
