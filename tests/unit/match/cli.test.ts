/** The `match` CLI as support and tests use it: a real child process on real files. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { MatchResult } from '../../../lib/match';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');
const FIXTURE = join(ROOT, 'tests/fixtures/match/two-contacts-one-open-deal.json');
const tmp = mkdtempSync(join(tmpdir(), 'dealside-match-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function match(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/match.ts', file], {
      cwd: ROOT,
    });
    return { code: 0, stdout, stderr: ownLines(stderr) };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: ownLines(e.stderr) };
  }
}

const ownLines = (stderr: string) => stderr.trimEnd();

// Real child processes: bounded by their exit, never by the clock (tsx starts slowly on a busy machine).
describe('match CLI', { timeout: 0 }, () => {
  it('prints the result of a fixture file as JSON', async () => {
    const { code, stdout, stderr } = await match(FIXTURE);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const result = MatchResult.parse(JSON.parse(stdout));
    expect(result).toMatchObject({ decision: 'attach', opportunityId: 'o1', skipReason: null });
  });

  it('accepts a bare scenario and answers the same every time when it carries `now`', async () => {
    const { scenario } = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { scenario: object };
    const file = join(tmp, 'bare.json');
    writeFileSync(file, JSON.stringify({ ...scenario, now: '2027-03-01T00:00:00Z' }));
    const [first, second] = await Promise.all([match(file), match(file)]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second?.stdout);
    expect(JSON.parse(first.stdout).candidates[0].reasons).toContain('close date passed (2026-12-18)');
  });

  it('fails with one line on stderr for a missing file', async () => {
    const { code, stdout, stderr } = await match(join(tmp, 'nope.json'));
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toContain('nope.json');
  });

  it('fails with one line for a file that is not JSON', async () => {
    const file = join(tmp, 'broken.json');
    writeFileSync(file, '{ "user": ');
    const { code, stderr } = await match(file);
    expect(code).not.toBe(0);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toContain('not JSON');
  });

  it('names the bad field of an invalid scenario', async () => {
    const { scenario } = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
      scenario: { crm: { opportunities: Record<string, unknown>[] } };
    };
    delete scenario.crm.opportunities[0]?.isClosed;
    const file = join(tmp, 'invalid.json');
    writeFileSync(file, JSON.stringify(scenario));
    const { code, stderr } = await match(file);
    expect(code).not.toBe(0);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toContain('crm.opportunities.0.isClosed');
  });
});
