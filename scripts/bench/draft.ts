/**
 * Drafting speed on the rules engine (the post-call screen drafts before the rep reads it):
 * every fixture under tests/fixtures/draft, and a long 50-message thread built from them.
 * Median and p95 over 100 runs after warm-up. Budget: a 50-message thread drafts in ≤ 100 ms
 * (p95) even on a busy machine, inside the panel's 300 ms first paint.
 *
 *   npx tsx scripts/bench/draft.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { draftWithRules, parseDraftInput, type DraftInput } from '../../lib/drafting';
import type { EmailThread } from '../../lib/model';
import { checkBudget } from './budget';

const FIXTURES = resolve(import.meta.dirname, '../../tests/fixtures/draft');
const WARMUP = 20;
const RUNS = 100;
export const BUDGET_MS = 100;

function fixtures(): DraftInput[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = parseDraftInput(
        (JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as { input: unknown }).input,
      );
      if (!parsed.ok) throw new Error(`${f}: ${parsed.error}`);
      return parsed.input;
    });
}

/** Fifty messages: the fixtures' threads, repeated in date order. */
function longThread(inputs: DraftInput[]): DraftInput {
  const threads = inputs.flatMap((i) => (i.interaction.kind === 'email-thread' ? [i.interaction] : []));
  const messages = Array.from({ length: 50 }, (_, n) => {
    const thread = threads[n % threads.length]!;
    const message = thread.messages[n % thread.messages.length]!;
    return {
      ...message,
      id: `m${n}`,
      date: new Date(Date.parse('2026-11-01T09:00:00Z') + n * 3_600_000).toISOString(),
    };
  });
  const interaction: EmailThread = { ...threads[0]!, messages };
  return { ...inputs[0]!, now: '2026-11-20T16:00:00Z', interaction };
}

function measure(task: () => unknown): { median: number; p95: number } {
  for (let i = 0; i < WARMUP; i++) task();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

export function runDraftBench(): { name: string; median: number; p95: number }[] {
  const inputs = fixtures();
  const long = longThread(inputs);
  return [
    {
      name: `one fixture (all ${inputs.length}, each)`,
      ...measure(() => inputs.forEach((i) => draftWithRules(i))),
    },
    { name: '50-message thread', ...measure(() => draftWithRules(long)) },
  ].map((row, index) =>
    index === 0 ? { ...row, median: row.median / inputs.length, p95: row.p95 / inputs.length } : row,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log('Drafting (rules engine), per draft:');
  const rows = runDraftBench();
  for (const row of rows)
    console.log(`  ${row.name.padEnd(32)} median ${row.median.toFixed(3)} ms   p95 ${row.p95.toFixed(3)} ms`);
  const long = rows.find((r) => r.name === '50-message thread');
  if (long) checkBudget('draft: 50-message thread p95', long.p95, BUDGET_MS, 'ms');
}
