/**
 * The frame every JSON-in, JSON-out contract CLI (`match`, `audit`, `report`, `draft`) shares: one
 * file argument, read and parsed as JSON, optionally unwrapped from a test fixture
 * `{ <key>, expected }`, handed to the command, the result printed as JSON. Bad input is one line on
 * stderr prefixed with the command's name, and exit 1; nothing is printed on stdout then.
 */
import { readFileSync } from 'node:fs';

export interface JsonCli<Input> {
  /** The npm script's name, e.g. `match`. */
  name: string;
  /** What the file holds, for messages: `scenario`, `snapshot`, `input`. */
  noun: string;
  /** A test fixture wraps the input as `{ [fixtureKey]: input, expected }`. */
  fixtureKey?: string;
  /** A key that only a bare input has, so a bare input that happens to hold `fixtureKey` is not unwrapped. */
  bareKey?: string;
  parse: (json: unknown) => { ok: true; value: Input } | { ok: false; error: string };
  run: (input: Input) => unknown;
}

function fail(name: string, message: string): never {
  process.stderr.write(`${name}: ${message.replace(/\s+/g, ' ')}\n`);
  process.exit(1);
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function runJsonCli<Input>(cli: JsonCli<Input>, argv: readonly string[]): void {
  const file = argv.find((arg) => !arg.startsWith('-'));
  if (file === undefined) fail(cli.name, `usage: npm run --silent ${cli.name} -- <${cli.noun}.json>`);

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(cli.name, `cannot read ${file}: ${reason(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(cli.name, `${file} is not JSON: ${reason(error)}`);
  }

  const { fixtureKey, bareKey } = cli;
  const isFixture =
    fixtureKey !== undefined &&
    typeof json === 'object' &&
    json !== null &&
    fixtureKey in json &&
    !(bareKey !== undefined && bareKey in json);
  const parsed = cli.parse(isFixture ? (json as Record<string, unknown>)[fixtureKey] : json);
  if (!parsed.ok) fail(cli.name, `invalid ${cli.noun} in ${file}: ${parsed.error}`);

  process.stdout.write(`${JSON.stringify(cli.run(parsed.value), null, 2)}\n`);
}
