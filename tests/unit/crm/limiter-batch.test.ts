import { describe, expect, it } from 'vitest';
import { createLimiter, type LimiterState, type RateRule } from '../../../lib/crm/limiter';

const burst: RateRule = { name: 'hubspot:1', max: 3, windowMs: 10_000 };

function fakeStore() {
  let state: LimiterState | undefined;
  const counts = { loads: 0, saves: 0 };
  return {
    counts,
    store: {
      load: async () => {
        counts.loads++;
        return state;
      },
      save: async (next: LimiterState) => {
        counts.saves++;
        state = next;
      },
    },
    state: () => state,
  };
}

describe('shared rate limiter', () => {
  it('lets the calls of one round trip go together, with one storage read and write', async () => {
    const { store, counts, state } = fakeStore();
    const limiter = createLimiter({ store, now: () => 1_000, sleep: async () => {} });
    await Promise.all([limiter.acquire([burst]), limiter.acquire([burst]), limiter.acquire([burst])]);
    expect(counts).toEqual({ loads: 1, saves: 1 });
    expect(state()?.calls[burst.name]).toEqual([1_000, 1_000, 1_000]);
  });

  it('holds a call over the limit until the window has room, and lets the others go', async () => {
    const { store } = fakeStore();
    let now = 1_000;
    const slept: number[] = [];
    const limiter = createLimiter({
      store,
      now: () => now,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
    });
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => limiter.acquire([burst]).then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
    expect(slept).toEqual([10_000]);
  });

  it('fails the waiting calls when storage cannot be read, and serves later ones', async () => {
    let broken = true;
    const limiter = createLimiter({
      store: {
        load: async () => {
          if (broken) throw new Error('storage unavailable');
          return undefined;
        },
        save: async () => {},
      },
      now: () => 0,
      sleep: async () => {},
    });
    await expect(limiter.acquire([burst])).rejects.toThrow('storage unavailable');
    broken = false;
    await expect(limiter.acquire([burst])).resolves.toBeUndefined();
  });
});
