/**
 * `npm run --silent match -- <scenario.json>`: runs the matching engine on a saved scenario and
 * prints the MatchResult as JSON (DESIGN.md contract). Accepts a bare scenario or a test fixture
 * `{ scenario, expected }`. Bad input: one line on stderr, exit 1.
 */
import { readFileSync } from 'node:fs';
import { matchScenario, parseMatchScenario } from '../lib/match';

function fail(message: string): never {
  process.stderr.write(`match: ${message.replace(/\s+/g, ' ')}\n`);
  process.exit(1);
}

function main(argv: readonly string[]): void {
  const file = argv.find((arg) => !arg.startsWith('-'));
  if (file === undefined) fail('usage: npm run --silent match -- <scenario.json>');

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
    typeof json === 'object' && json !== null && 'scenario' in json && !('interaction' in json);
  const parsed = parseMatchScenario(isFixture ? (json as { scenario: unknown }).scenario : json);
  if (!parsed.ok) fail(`invalid scenario in ${file}: ${parsed.error}`);

  process.stdout.write(`${JSON.stringify(matchScenario(parsed.scenario), null, 2)}\n`);
}

main(process.argv.slice(2));
