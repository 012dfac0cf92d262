import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CHECK = resolve(import.meta.dirname, '../../../.ci/check-node');

/** Runs .ci/check-node with a `node` on PATH that reports `version`. */
function checkWith(version: string) {
  const bin = mkdtempSync(join(tmpdir(), 'dealside-node-'));
  const fake = join(bin, 'node');
  writeFileSync(fake, `#!/bin/sh\necho ${version}\n`);
  chmodSync(fake, 0o755);
  return spawnSync('bash', [CHECK], {
    env: { PATH: `${bin}:/usr/bin:/bin` },
    encoding: 'utf8',
  });
}

// Real child processes: bounded by their exit, never by the clock (tsx starts slowly on a busy machine).
describe('.ci/run on a machine whose Node.js is too old', { timeout: 0 }, () => {
  it.each(['18.20.4', '20.18.1', '21.7.3', '22.11.0'])('stops at once on %s with one clear line', (v) => {
    const result = checkWith(v);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Node.js ${v} is too old`);
    expect(lines[0]).toContain('20.19+ or 22.12+');
  });

  it.each(['20.19.0', '20.20.2', '22.12.0', '24.1.0'])('goes on with %s', (v) => {
    const result = checkWith(v);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('reads a version printed with a leading v, and refuses one it cannot read', () => {
    expect(checkWith('v16.20.2').stderr.trim()).toContain('Node.js 16.20.2 is too old');
    const garbled = checkWith('nonsense');
    expect(garbled.status).toBe(1);
    expect(garbled.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('cannot read the Node.js version'),
    ]);
  });

  it('accepts the node running this suite', () => {
    expect(spawnSync('bash', [CHECK], { encoding: 'utf8' }).status).toBe(0);
  });
});
