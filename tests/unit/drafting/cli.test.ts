/** The `draft` CLI as support and tests use it: a real child process on the fixture files. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { draftFixtures } from './fixtures';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');
const tmp = mkdtempSync(join(tmpdir(), 'dealside-draft-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function draft(...files: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['scripts/draft.ts', ...files],
      {
        cwd: ROOT,
        env: { ...process.env, TZ: 'UTC' },
      },
    );
    return { code: 0, stdout, stderr: stderr.trimEnd() };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr.trimEnd() };
  }
}

/** Runs `work` over `items`, `limit` at a time: the machine is shared. */
async function inBatches<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += limit) await Promise.all(items.slice(i, i + limit).map(work));
}

// Real child processes: bounded by their exit, never by the clock (tsx starts slowly on a busy machine).
describe('draft CLI', { timeout: 0 }, () => {
  // One thread and one meeting per language: each run is a cold tsx start on a shared machine.
  // Every fixture runs through the same code in process in fixtures.test.ts.
  it('prints exactly the expected draft, in each of the six languages', async () => {
    const outputs = new Map<string, unknown>();
    const all = draftFixtures();
    const fixtures = ['en', 'de', 'fr', 'es', 'pt', 'nl'].flatMap((lang) =>
      ['thread', 'meeting'].map((kind) => all.find((f) => f.name.startsWith(`${lang}-${kind}-`))!),
    );
    await inBatches(fixtures, 4, async (fixture) => {
      const { code, stdout, stderr } = await draft(fixture.file);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      outputs.set(fixture.name, JSON.parse(stdout));
    });
    for (const fixture of fixtures) expect(outputs.get(fixture.name), fixture.name).toEqual(fixture.expected);
  });

  it('accepts a bare input, and the framework defaults to MEDDIC', async () => {
    const [fixture] = draftFixtures().filter((f) => f.name === 'en-thread-bant');
    const bare = { ...(fixture!.input as Record<string, unknown>) };
    delete bare.settings;
    const file = join(tmp, 'bare.json');
    writeFileSync(file, JSON.stringify(bare));
    const { code, stdout } = await draft(file);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { engine: string; qualification: { field: string }[] };
    expect(out.engine).toBe('rules');
    expect(out.qualification.map((q) => q.field)).toEqual(['economicBuyer']);
  });

  it('fails with one line on stderr for a missing file, broken JSON or an invalid input', async () => {
    const broken = join(tmp, 'broken.json');
    writeFileSync(broken, '{ "now": ');
    const invalid = join(tmp, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ now: 'yesterday', user: { email: 'a@b.c', name: 'A' } }));
    const runs = await Promise.all([join(tmp, 'nope.json'), broken, invalid].map((file) => draft(file)));
    for (const { code, stdout, stderr } of runs) {
      expect(code).not.toBe(0);
      expect(stdout).toBe('');
      expect(stderr.split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^draft: /);
    }
  });
});
