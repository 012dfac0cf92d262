/**
 * `npm run --silent audit -- <snapshot.json>`: runs the attach audit on a saved snapshot and prints
 * `{ results, summary }` as JSON (docs/audit.md). Accepts a bare snapshot or a test fixture
 * `{ snapshot, expected }`. Bad input: one line on stderr, exit 1.
 */
import { readFileSync } from 'node:fs';
import { auditSnapshot, parseAuditSnapshot, toOutput } from '../lib/audit';

function fail(message: string): never {
  process.stderr.write(`audit: ${message.replace(/\s+/g, ' ')}\n`);
  process.exit(1);
}

function main(argv: readonly string[]): void {
  const file = argv.find((arg) => !arg.startsWith('-'));
  if (file === undefined) fail('usage: npm run --silent audit -- <snapshot.json>');

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }

  const isFixture =
    typeof json === 'object' && json !== null && 'snapshot' in json && !('activities' in json);
  const parsed = parseAuditSnapshot(isFixture ? (json as { snapshot: unknown }).snapshot : json);
  if (!parsed.ok) fail(`invalid snapshot in ${file}: ${parsed.error}`);

  process.stdout.write(`${JSON.stringify(toOutput(auditSnapshot(parsed.snapshot)), null, 2)}\n`);
}

main(process.argv.slice(2));
