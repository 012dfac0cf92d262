/**
 * Sequential round trips counted as dependency depth, not from timing.
 *
 * While a wave is open, every request that arrives joins it and its answer is held; the whole
 * wave is answered at once when no new request has arrived for `quietMs`. A request that needed
 * an earlier answer can only be sent after that answer was released, so it always opens a later
 * wave; requests sent together but arriving staggered (a busy machine, a worker that was asleep)
 * join the same wave as long as each gap is under `quietMs`. The number of waves is then the
 * depth of the dependency chain, whatever the machine's speed. Counting from arrival times and
 * durations instead splits one parallel wave in two whenever a sibling arrives after the first
 * answer went out.
 */
export interface WaveTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: WaveTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface OpenWave {
  number: number;
  release: Array<() => void>;
  timer: unknown;
  opened: number;
}

export class WaveGate {
  private count = 0;
  private open: OpenWave | null = null;

  constructor(
    /** How long a wave stays open after its latest request. */
    private readonly quietMs: number,
    /** A wave is answered after this long even if requests keep coming (a polling loop). */
    private readonly maxHoldMs = 5_000,
    private readonly timers: WaveTimers = realTimers,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Resolves with the request's wave number (1, 2, …) when its wave is answered. */
  enter(): Promise<number> {
    let wave = this.open;
    if (!wave) {
      wave = { number: ++this.count, release: [], timer: null, opened: this.now() };
      this.open = wave;
    }
    const joined = wave;
    if (joined.timer !== null) this.timers.clear(joined.timer);
    const wait = Math.min(this.quietMs, Math.max(0, joined.opened + this.maxHoldMs - this.now()));
    joined.timer = this.timers.set(() => this.close(joined), wait);
    return new Promise((resolve) => joined.release.push(() => resolve(joined.number)));
  }

  /** Waves opened so far. */
  get waves(): number {
    return this.count;
  }

  /** No wave is holding requests. */
  get idle(): boolean {
    return this.open === null;
  }

  private close(wave: OpenWave): void {
    if (this.open === wave) this.open = null;
    for (const release of wave.release) release();
  }
}

/** Round trips of a recorded trace: how many distinct waves its requests were answered in. */
export function wavesOf(requests: Array<{ wave?: number | null | undefined }>): number {
  return new Set(requests.flatMap((r) => (typeof r.wave === 'number' ? [r.wave] : []))).size;
}
