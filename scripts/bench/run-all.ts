/**
 * `npm run bench`: every performance figure the budgets in DESIGN.md talk about, printed.
 * Every benchmark runs even when an earlier one is over its budget or fails; a summary follows,
 * and only then does the command exit non-zero if anything was over or broken.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OVER_BUDGET } from './budget';
import { loadParts, PARTS_DIR } from './figures';
import { buildReport, formatReport, writeReport } from './report';

const ROOT = resolve(import.meta.dirname, '../..');

export interface Bench {
  title: string;
  /** Command and arguments. */
  command: string[];
}

export interface BenchOutcome {
  title: string;
  exitCode: number;
  /** The `OVER BUDGET` lines the benchmark printed. */
  overBudget: string[];
}

export const BENCHES: Bench[] = [
  ['Content-script size', 'content-size.ts'],
  ['Detection cost in Chromium', 'detect.ts'],
  ['Matching speed', 'match.ts'],
  ['Panel speed and CRM round trips', 'panel.ts'],
  ['Attach audit CRM calls per 100 activities', 'audit.ts'],
  ['Sent-email capture: send to CRM record', 'capture.ts'],
  ['Drafting speed (rules engine)', 'draft.ts'],
  ['HubSpot rate limits, ten cold threads at once', 'hubspot-burst.ts'],
  ['My day and 10-rep reports: CRM calls, 429s, time', 'reports.ts'],
].map(([title, script]) => ({
  title: `${title} (scripts/bench/${script})`,
  command: [join(ROOT, 'node_modules/.bin/tsx'), join(ROOT, 'scripts/bench', script as string)],
}));

export interface Output {
  out: { write(text: string | Buffer): unknown };
  err: { write(text: string | Buffer): unknown };
}

/** Runs one benchmark, echoing its output as it comes, and collects its overruns. */
function runOne(bench: Bench, io: Output): Promise<BenchOutcome> {
  const [command, ...args] = bench.command as [string, ...string[]];
  const overBudget: string[] = [];
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const watch = (from: NodeJS.ReadableStream, to: Output['out']) => {
      let pending = '';
      from.on('data', (chunk: Buffer) => {
        to.write(chunk);
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        overBudget.push(...lines.filter((line) => line.includes(OVER_BUDGET)));
      });
      from.on('end', () => {
        if (pending.includes(OVER_BUDGET)) overBudget.push(pending);
      });
    };
    watch(child.stdout, io.out);
    watch(child.stderr, io.err);
    child.on('error', (error) => {
      io.err.write(`${bench.title}: ${error.message}\n`);
      done({ title: bench.title, exitCode: 127, overBudget });
    });
    child.on('close', (code, signal) => {
      done({ title: bench.title, exitCode: code ?? (signal ? 128 : 1), overBudget });
    });
  });
}

export function summary(outcomes: BenchOutcome[]): { text: string; exitCode: number } {
  const lines = ['', '=== Summary'];
  let bad = 0;
  for (const outcome of outcomes) {
    const verdict =
      outcome.overBudget.length > 0
        ? `over budget (${outcome.overBudget.length})`
        : outcome.exitCode === 0
          ? 'within budget'
          : `failed (exit ${outcome.exitCode})`;
    if (outcome.exitCode !== 0 || outcome.overBudget.length > 0) bad++;
    lines.push(`${verdict.padEnd(20)} ${outcome.title}`);
    for (const line of outcome.overBudget) lines.push(`${''.padEnd(20)}   ${line.trim()}`);
  }
  lines.push(
    bad === 0
      ? `All ${outcomes.length} benchmarks within budget.`
      : `${bad} of ${outcomes.length} benchmarks over budget or failed.`,
  );
  return { text: lines.join('\n'), exitCode: bad === 0 ? 0 : 1 };
}

export async function runBenches(
  benches: Bench[],
  io: Output = { out: process.stdout, err: process.stderr },
): Promise<number> {
  const outcomes: BenchOutcome[] = [];
  for (const bench of benches) {
    io.out.write(`\n=== ${bench.title}\n`);
    outcomes.push(await runOne(bench, io));
  }
  const { text, exitCode } = summary(outcomes);
  io.out.write(`${text}\n`);
  return exitCode;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  rmSync(PARTS_DIR, { recursive: true, force: true });
  const exitCode = await runBenches(BENCHES);
  // Whatever failed, every figure is written (null with a note when it could not be measured).
  const report = buildReport(loadParts(), new Date());
  writeReport(report);
  process.stdout.write(`${formatReport(report)}\n`);
  process.exitCode = exitCode;
}
