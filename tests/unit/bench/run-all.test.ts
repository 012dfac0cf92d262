import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBenches, type Bench } from '../../../scripts/bench/run-all';

function script(dir: string, name: string, body: string): Bench {
  const path = join(dir, name);
  writeFileSync(path, body);
  return { title: name, command: [process.execPath, path] };
}

async function run(benches: Bench[]) {
  let out = '';
  let err = '';
  const exitCode = await runBenches(benches, {
    out: { write: (text) => (out += String(text)) },
    err: { write: (text) => (err += String(text)) },
  });
  return { exitCode, out, err };
}

describe('npm run bench', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dealside-bench-'));
  const size = script(
    dir,
    'size.mjs',
    `console.log('gmail.js: 26.0 KB gzipped');
     console.error('OVER BUDGET: gmail.js gzipped 26.0 KB (budget 25 KB)');
     process.exitCode = 1;`,
  );
  const detect = script(dir, 'detect.mjs', `console.log('relevant burst p95 0.8 ms');`);
  const broken = script(dir, 'broken.mjs', `throw new Error('no Chromium');`);
  const match = script(dir, 'match.mjs', `console.log('cold match p95 1.2 ms');`);

  it('prints every figure and a summary when one is over budget, then exits non-zero', async () => {
    const { exitCode, out, err } = await run([size, detect, broken, match]);
    expect(out).toContain('gmail.js: 26.0 KB gzipped');
    expect(out).toContain('relevant burst p95 0.8 ms');
    expect(out).toContain('cold match p95 1.2 ms');
    expect(err).toContain('no Chromium');
    const summary = out.slice(out.indexOf('=== Summary'));
    expect(summary).toMatch(/over budget \(1\)\s+size\.mjs\n\s+OVER BUDGET: gmail\.js gzipped 26\.0 KB/);
    expect(summary).toMatch(/within budget\s+detect\.mjs/);
    expect(summary).toMatch(/failed \(exit 1\)\s+broken\.mjs/);
    expect(summary).toContain('2 of 4 benchmarks over budget or failed.');
    expect(exitCode).toBe(1);
  });

  it('exits 0 when every figure is within budget', async () => {
    const { exitCode, out } = await run([detect, match]);
    expect(out).toContain('All 2 benchmarks within budget.');
    expect(exitCode).toBe(0);
  });
});
