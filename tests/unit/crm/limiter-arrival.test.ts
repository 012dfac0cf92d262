import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLimiter, waitFor, type LimiterState, type RateRule } from '../../../lib/crm/limiter';

// HubSpot's search limit: 5 a second, counted when a request arrives.
const search: RateRule = { name: 'hubspot-search:1', max: 5, windowMs: 1_000, untilAnswered: true };

/** A server as strict as the documented rule: more than 5 arrivals in any second is a 429. */
function strictServer() {
  const arrivals: number[] = [];
  let refused = 0;
  return {
    arrive(at: number): boolean {
      const recent = arrivals.filter((t) => at - t < 1_000);
      if (recent.length >= 5) {
        refused++;
        return false;
      }
      arrivals.push(at);
      return true;
    },
    refused: () => refused,
  };
}

describe('rate limiter timed from the answer', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('never lets a sixth search arrive within a second when the first ones were slow to arrive', async () => {
    let state: LimiterState | undefined;
    const limiter = createLimiter({
      store: { load: async () => state, save: async (next) => void (state = structuredClone(next)) },
      now: () => Date.now(),
      sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
    });
    const server = strictServer();
    const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));
    // The first five open fresh connections (200 ms to arrive); later ones reuse them (5 ms).
    const searches = Array.from({ length: 8 }, async (_, i) => {
      await limiter.acquire([search]);
      await wait(i < 5 ? 200 : 5);
      const ok = server.arrive(Date.now());
      await wait(30);
      limiter.answered([search]);
      return ok;
    });
    await vi.runAllTimersAsync();
    expect(await Promise.all(searches)).toEqual(Array(8).fill(true));
    expect(server.refused()).toBe(0);
  });

  it('holds a slot for an unanswered call, however long it takes', () => {
    const state: LimiterState = { calls: {}, blockedUntil: {}, inFlight: { [search.name]: [0, 0, 0, 0, 0] } };
    // Claimed at 0 and still out at 1.5 s: they may be counted any moment, so no sixth yet.
    expect(waitFor(state, [search], 1_500)).toBe(1_000);
  });

  it('times the window from the answer, not the claim', () => {
    const state: LimiterState = {
      calls: { [search.name]: [230, 230, 230, 230, 230] },
      blockedUntil: {},
      inFlight: { [search.name]: [] },
    };
    expect(waitFor(state, [search], 1_000)).toBe(230);
    expect(waitFor(state, [search], 1_230)).toBe(0);
  });

  it('lets go of a call whose worker died before it was answered', () => {
    const state: LimiterState = { calls: {}, blockedUntil: {}, inFlight: { [search.name]: [0, 0, 0, 0, 0] } };
    expect(waitFor(state, [search], 30_001)).toBe(0);
  });
});
