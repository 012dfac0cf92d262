/** The `detect` CLI as support staff run it: a saved page in, one JSON value out. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderrLines: string[];
}

async function detectCli(...args: string[]): Promise<Outcome> {
  const result = await run(`${ROOT}node_modules/.bin/tsx`, ['scripts/detect.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, TZ: 'UTC' },
  })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((error: { code: number; stdout: string; stderr: string }) => error);
  const stderrLines = result.stderr.split('\n').filter((line) => line !== '');
  return { code: result.code, stdout: result.stdout, stderrLines };
}

// Real child processes: bounded by their exit, never by the clock (tsx starts slowly on a busy machine).
describe('detect CLI', { timeout: 0 }, () => {
  it('prints the open thread of a saved Gmail page as JSON', async () => {
    const spec = JSON.parse(readFileSync(`${ROOT}tests/fixtures/gmail/gmail-thread-basic.json`, 'utf8')) as {
      url: string;
    };
    const out = await detectCli('tests/fixtures/gmail/gmail-thread-basic.html', '--url', spec.url);
    expect(out.code).toBe(0);
    expect(out.stderrLines).toEqual([]);
    const thread = JSON.parse(out.stdout);
    expect(thread).toMatchObject({ kind: 'email-thread', threadId: '198c6747aabb71a9' });
    expect(thread.messages[0].date).toBe('2026-11-20T13:19:00.000Z');
  });

  it('prints null when nothing is open, and fills meeting times', async () => {
    const none = await detectCli(
      'tests/fixtures/calendar/calendar-no-dialog.html',
      '--url=https://calendar.google.com/calendar/u/0/r/week/2026/11/24',
    );
    expect([none.code, none.stdout.trim()]).toEqual([0, 'null']);
    const meeting = await detectCli(
      'tests/fixtures/calendar/calendar-event-dialog.html',
      '--url',
      'https://calendar.google.com/calendar/u/0/r/week/2026/11/24',
    );
    expect(JSON.parse(meeting.stdout)).toMatchObject({
      start: '2026-11-24T15:00:00.000Z',
      end: '2026-11-24T15:30:00.000Z',
    });
  });

  it.each([
    [
      ['tests/fixtures/gmail/does-not-exist.html', '--url', 'https://mail.google.com/mail/u/0/#inbox'],
      /cannot read .*does-not-exist\.html/,
    ],
    [['tests/fixtures/gmail/gmail-thread-basic.html'], /missing --url/],
    [
      ['tests/fixtures/gmail/gmail-thread-basic.html', '--url', 'https://example.com/'],
      /mail\.google\.com or calendar\.google\.com/,
    ],
    [['--url', 'https://mail.google.com/'], /missing input file/],
  ])('fails with one clear line for %j', async (args, message) => {
    const out = await detectCli(...args);
    expect(out.code).not.toBe(0);
    expect(out.stdout).toBe('');
    expect(out.stderrLines).toHaveLength(1);
    expect(out.stderrLines[0]).toMatch(message);
  });
});
