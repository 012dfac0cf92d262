/**
 * `npm run --silent report -- <snapshot.json>`: computes every weekly report and My day's lists
 * from a CRM snapshot with the product's own code (docs/reports.md). Bad input: one line on
 * stderr, exit 1.
 */
import { readFileSync } from 'node:fs';
import { computeReports, parseReportSnapshot } from '../lib/reports';

function fail(message: string): never {
  process.stderr.write(`report: ${message.replace(/\s+/g, ' ')}\n`);
  process.exit(1);
}

function main(argv: readonly string[]): void {
  const file = argv.find((arg) => !arg.startsWith('-'));
  if (file === undefined) fail('usage: npm run --silent report -- <snapshot.json>');

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

  const parsed = parseReportSnapshot(json);
  if (!parsed.ok) fail(`invalid snapshot in ${file}: ${parsed.error}`);

  process.stdout.write(`${JSON.stringify(computeReports(parsed.snapshot), null, 2)}\n`);
}

main(process.argv.slice(2));
