import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WaveGate, wavesOf } from '../../support/fake-crm/waves';

/**
 * Synthetic traces replayed against the gate with fake timers: a client that sends a request
 * when the answer it depends on arrives, after a delay standing for a busy machine.
 */
const QUIET_MS = 250;

function gate() {
  return new WaveGate(QUIET_MS, 5_000, undefined, () => Date.now());
}

/** Sends a request `afterMs` from now and resolves with its wave once it is answered. */
function send(g: WaveGate, afterMs: number): Promise<number> {
  return new Promise((done) => setTimeout(() => void g.enter().then(done), afterMs));
}

describe('round trips counted as dependency depth', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts a chain of five dependent calls as five round trips, however slow the client', async () => {
    const g = gate();
    const trace: number[] = [];
    const chain = (async () => {
      for (const thinkMs of [0, 5, 400, 1, 2_000]) trace.push(await send(g, thinkMs));
    })();
    await vi.runAllTimersAsync();
    await chain;
    expect(trace).toEqual([1, 2, 3, 4, 5]);
    expect(wavesOf(trace.map((wave) => ({ wave })))).toBe(5);
  });

  it('counts parallel calls arriving staggered (gaps far above a call’s latency) as one', async () => {
    const g = gate();
    const waves = Promise.all([0, 40, 90, 140, 380].map((at) => send(g, at)));
    await vi.runAllTimersAsync();
    expect(await waves).toEqual([1, 1, 1, 1, 1]);
    expect(g.waves).toBe(1);
    expect(g.idle).toBe(true);
  });

  it('keeps dependent calls in later waves when their parents were staggered', async () => {
    const g = gate();
    // Two chains started together: contacts → deals → activities, and pipelines alone.
    const contacts = send(g, 0)
      .then(() => send(g, 60))
      .then(() => send(g, 10));
    const pipelines = send(g, 120);
    await vi.runAllTimersAsync();
    expect([await contacts, await pipelines]).toEqual([3, 1]);
    expect(g.waves).toBe(3);
  });

  it('answers a wave that never goes quiet after the longest hold', async () => {
    const g = new WaveGate(QUIET_MS, 1_000, undefined, () => Date.now());
    const polls = Promise.all(Array.from({ length: 20 }, (_, i) => send(g, i * 100)));
    await vi.runAllTimersAsync();
    const waves = await polls;
    expect(Math.max(...waves)).toBe(2);
    expect(waves.indexOf(2)).toBeGreaterThan(5);
  });

  it('counts nothing for a trace recorded without waves', () => {
    expect(wavesOf([{}, { wave: null }])).toBe(0);
  });
});
