/**
 * Every tests/fixtures/audit/*.json snapshot gives exactly its `expected` output, both through the
 * library and through the `audit` CLI (a real child process, as support would run it).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { AuditOutput, auditSnapshot, parseAuditSnapshot, toOutput } from '../../../lib/audit';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');
const DIR = join(ROOT, 'tests/fixtures/audit');
const Fixture = z.strictObject({ note: z.string(), snapshot: z.unknown(), expected: AuditOutput });

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (file: string) => Fixture.parse(JSON.parse(readFileSync(join(DIR, file), 'utf8')));

describe('audit fixtures', () => {
  it('cover every decision and skip reason', () => {
    const results = files.flatMap((f) => load(f).expected.results);
    expect(new Set(results.map((r) => r.decision))).toEqual(
      new Set(['attach', 'ask', 'none', 'skip', 'already']),
    );
    expect(new Set(results.map((r) => r.skipReason).filter((r) => r !== null))).toEqual(
      new Set(['internal-only', 'automated', 'bulk', 'excluded', 'out-of-scope']),
    );
  });

  it.each(files)('%s', (file) => {
    const fixture = load(file);
    const parsed = parseAuditSnapshot(fixture.snapshot);
    if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
    expect(toOutput(auditSnapshot(parsed.snapshot))).toEqual(fixture.expected);
  });
});

// Real child processes: bounded by their exit, never by the clock (tsx starts slowly on a busy machine).
describe('audit CLI', { timeout: 0 }, () => {
  const cli = (file: string) =>
    run(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/audit.ts', file], { cwd: ROOT }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it.each(files)('prints exactly the expected output of %s', async (file) => {
    const { code, stdout, stderr } = await cli(join(DIR, file));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual(load(file).expected);
  });

  const tmp = mkdtempSync(join(tmpdir(), 'dealside-audit-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const first = () => load(files[0] ?? '');

  it('accepts a bare snapshot', async () => {
    const bare = join(tmp, 'bare.json');
    writeFileSync(bare, JSON.stringify(first().snapshot));
    const { code, stdout } = await cli(bare);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(first().expected);
  });

  it('rejects a bad snapshot with one line naming the field', async () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...(first().snapshot as object), now: 'later' }));
    const failed = await cli(bad);
    expect(failed.code).not.toBe(0);
    expect(failed.stdout).toBe('');
    expect(failed.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(failed.stderr).toContain('now');
  });
});
