/**
 * The server's notion of "now". It starts at `options.now` (so the seeded book and every
 * relative date are reproducible) and then moves with real time, so token lifetimes and
 * rate-limit windows behave. `advance` lets tests skip ahead without sleeping.
 */
export interface Clock {
  /** The instant the seed was built against. */
  readonly base: Date;
  now(): Date;
  nowMs(): number;
  advance(ms: number): void;
}

export function createClock(base: Date = new Date()): Clock {
  const startedAt = Date.now();
  let skipped = 0;
  const baseMs = base.getTime();
  const nowMs = () => baseMs + (Date.now() - startedAt) + skipped;
  return {
    base: new Date(baseMs),
    nowMs,
    now: () => new Date(nowMs()),
    advance(ms: number) {
      skipped += ms;
    },
  };
}
