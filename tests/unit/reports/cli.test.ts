/** The `report` CLI as support and tests use it: a real child process on the fixture files. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');
const FIXTURES = join(ROOT, 'tests/fixtures/report');
const tmp = mkdtempSync(join(tmpdir(), 'dealside-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function report(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/report.ts', file], {
      cwd: ROOT,
    });
    return { code: 0, stdout, stderr: stderr.trimEnd() };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr.trimEnd() };
  }
}

const snapshots = readdirSync(FIXTURES).filter((f) => f.endsWith('.snapshot.json'));

// Real child processes: bounded by their exit, never by the clock (tsx starts slowly on a busy machine).
describe('report CLI', { timeout: 0 }, () => {
  it('has fixtures to run', () => {
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
  });

  it.each(snapshots)('prints the expected reports for %s', async (name) => {
    const { code, stdout, stderr } = await report(join(FIXTURES, name));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const expected = JSON.parse(
      readFileSync(join(FIXTURES, name.replace('.snapshot.', '.expected.')), 'utf8'),
    );
    expect(JSON.parse(stdout)).toEqual(expected);
  });

  it('fails with one line on stderr for a missing file', async () => {
    const { code, stdout, stderr } = await report(join(tmp, 'nope.json'));
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toContain('nope.json');
  });

  it('fails with one line naming the field for an invalid snapshot', async () => {
    const file = join(tmp, 'bad.json');
    writeFileSync(file, JSON.stringify({ now: '2026-12-02T00:00:00Z', user: {} }));
    const { code, stderr } = await report(file);
    expect(code).not.toBe(0);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toContain('user.crmUserId');
  });

  it('fails with one line for a file that is not JSON', async () => {
    const file = join(tmp, 'broken.json');
    writeFileSync(file, '{ "now": ');
    const { code, stderr } = await report(file);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/^report: .*broken\.json is not JSON/);
  });
});
