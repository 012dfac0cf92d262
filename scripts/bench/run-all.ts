/**
 * `npm run bench`: every performance figure the budgets in DESIGN.md talk about, printed.
 * Benchmarks print; they never fail a build on timing.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const tsx = join(ROOT, 'node_modules/.bin/tsx');

for (const [title, script] of [
  ['Content-script size', 'content-size.ts'],
  ['Detection cost in Chromium', 'detect.ts'],
  ['Matching speed', 'match.ts'],
  ['Panel speed and CRM round trips', 'panel.ts'],
] as const) {
  console.log(`\n=== ${title} (scripts/bench/${script})`);
  execFileSync(tsx, [join(ROOT, 'scripts/bench', script)], { cwd: ROOT, stdio: 'inherit' });
}
