/**
 * Size of the shipped content scripts, minified and gzipped (budget ≤ 25 KB each, aim 12 KB).
 * Builds the production extension first (`npx wxt build`, into .output/chrome-mv3) unless
 * `--no-build` is given, in which case it reads whatever is already there.
 *
 *   npx tsx scripts/bench/content-size.ts [--no-build]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { checkBudget } from './budget';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUTPUT = `${ROOT}.output/chrome-mv3/content-scripts/`;
const SCRIPTS = ['gmail.js', 'calendar.js'];
const BUDGET = 25 * 1024;
const AIM = 12 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function main(): number {
  if (!process.argv.includes('--no-build')) {
    execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  let overBudget = false;
  for (const name of SCRIPTS) {
    const path = `${OUTPUT}${name}`;
    if (!existsSync(path)) {
      console.error(`content-size: ${path} not found; build the extension first`);
      return 2;
    }
    const code = readFileSync(path);
    const gzipped = gzipSync(code, { level: 9 }).length;
    const verdict =
      gzipped > BUDGET ? 'over budget' : gzipped > AIM ? 'within budget, above the 12 KB aim' : 'within aim';
    console.log(
      `content-scripts/${name}: ${kb(code.length)} minified, ${kb(gzipped)} gzipped (-9) — ${verdict}`,
    );
    overBudget =
      checkBudget(`content-scripts/${name} gzipped`, gzipped / 1024, BUDGET / 1024, 'KB') || overBudget;
  }
  return overBudget ? 1 : 0;
}

process.exitCode = main();
