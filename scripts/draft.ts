/**
 * `npm run --silent draft -- <input.json>`: drafts the summary, next step, qualification
 * suggestions and recording link of a thread or meeting with the rules engine and prints the
 * Draft as JSON (issue 17 contract). Accepts a bare input or a test fixture `{ input, expected }`.
 * Bad input: one line on stderr, exit 1.
 */
import { readFileSync } from 'node:fs';
import { contractDraft, draftWithRules, parseDraftInput } from '../lib/drafting';

function fail(message: string): never {
  process.stderr.write(`draft: ${message.replace(/\s+/g, ' ')}\n`);
  process.exit(1);
}

function main(argv: readonly string[]): void {
  const file = argv.find((arg) => !arg.startsWith('-'));
  if (file === undefined) fail('usage: npm run --silent draft -- <input.json>');

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

  const isFixture = typeof json === 'object' && json !== null && 'input' in json && !('interaction' in json);
  const parsed = parseDraftInput(isFixture ? (json as { input: unknown }).input : json);
  if (!parsed.ok) fail(`invalid input in ${file}: ${parsed.error}`);

  process.stdout.write(`${JSON.stringify(contractDraft(draftWithRules(parsed.input)), null, 2)}\n`);
}

main(process.argv.slice(2));
