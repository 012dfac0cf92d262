/**
 * A sliding-window rate limiter shared by every CRM call of the extension. Its windows live in
 * `storage.session`, so a worker restarted mid-burst still knows what it already spent; 429s
 * push a rule's next slot out by their Retry-After.
 *
 * A server counts a call when it arrives, which is some unknown time after we claimed its slot
 * (storage write, token, connection setup, the network), and the delay differs from call to
 * call: a call sent over a fresh connection can arrive later than the next one over a warm one.
 * Timing the window from the claim therefore lets two arrivals land closer together than the
 * window. For rules marked `untilAnswered` a call holds its slot from the claim until its answer
 * and the window is timed from the answer, which the server's count certainly precedes.
 */
import { createSerialQueue } from '../serial';

export interface RateRule {
  /** e.g. `hubspot:4242424` (per portal) or `hubspot-search:4242424`. */
  name: string;
  max: number;
  windowMs: number;
  /** Time the window from the call's answer, not its start (see above). */
  untilAnswered?: boolean;
}

export interface LimiterState {
  /** Timestamps (ms) of the calls inside each rule's window. */
  calls: Record<string, number[]>;
  /** No call before this time (ms), per rule, set by 429 Retry-After. */
  blockedUntil: Record<string, number>;
  /** Claim times (ms) of `untilAnswered` calls not answered yet. */
  inFlight?: Record<string, number[]>;
}

/**
 * A call unanswered this long has timed out (requests give up after 20 s) or its worker died;
 * it stops holding a slot. Its latest possible arrival was within this time of its claim.
 */
export const IN_FLIGHT_MS = 30_000;

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
    const done = (state.calls[rule.name] ?? []).filter((at) => at > now - rule.windowMs);
    // An unanswered call may still be counted at any moment: it holds its slot as of now.
    const open = (state.inFlight?.[rule.name] ?? []).filter((at) => at > now - IN_FLIGHT_MS).map(() => now);
    const recent = [...done, ...open].sort((a, b) => a - b);
    if (recent.length >= rule.max) {
      const oldest = recent[recent.length - rule.max]!;
      wait = Math.max(wait, oldest + rule.windowMs - now);
    }
  }
  return Math.max(0, wait);
}

const inWindow = (stamps: number[] | undefined, rule: RateRule, now: number) =>
  (stamps ?? []).filter((at) => at > now - rule.windowMs);

export function recordCall(state: LimiterState, rules: RateRule[], now: number): LimiterState {
  const calls = { ...state.calls };
  const inFlight = { ...state.inFlight };
  for (const rule of rules) {
    if (rule.untilAnswered) {
      inFlight[rule.name] = [...(inFlight[rule.name] ?? []).filter((at) => at > now - IN_FLIGHT_MS), now];
    } else {
      calls[rule.name] = [...inWindow(calls[rule.name], rule, now), now];
    }
  }
  return { calls, blockedUntil: state.blockedUntil, inFlight };
}

/** A call under `rules` was answered at `at`: its slot is now timed from `at`. */
export function recordAnswer(state: LimiterState, rules: RateRule[], at: number): LimiterState {
  const calls = { ...state.calls };
  const inFlight = { ...state.inFlight };
  for (const rule of rules) {
    if (!rule.untilAnswered) continue;
    // Open calls of one rule are alike for counting, so the oldest claim is the one retired.
    const open = [...(inFlight[rule.name] ?? [])].sort((a, b) => a - b);
    open.shift();
    inFlight[rule.name] = open;
    calls[rule.name] = [...inWindow(calls[rule.name], rule, at), at];
  }
  return { calls, blockedUntil: state.blockedUntil, inFlight };
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
  // Answers are noted here and written by the next drain: a drain asleep waiting for a slot must
  // not be queued behind, or it would wait for the very answer it is waiting on.
  const answers: { rules: RateRule[]; at: number }[] = [];
  let draining = false;

  async function drain(): Promise<void> {
    while (waiting.length > 0 || answers.length > 0) {
      const batch = waiting.splice(0);
      const answered = answers.splice(0);
      try {
        let state = (await deps.store.load()) ?? empty();
        for (const answer of answered) state = recordAnswer(state, answer.rules, answer.at);
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
        if (granted.length > 0 || answered.length > 0) await deps.store.save(state);
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
      if (waiting.length > 0 || answers.length > 0) kick();
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
    /** The call acquired under `rules` has its answer (or failed): time its window from now. */
    answered(rules: RateRule[]): void {
      if (!rules.some((rule) => rule.untilAnswered)) return;
      answers.push({ rules, at: deps.now() });
      kick();
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
