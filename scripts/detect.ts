/**
 * `npm run --silent detect -- <file.html> --url <page-url>`: what the content script would
 * report for a saved Gmail or Calendar page, as JSON (`null` when nothing is open).
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { detect } from '../lib/detect/detect';
import { appFromUrl } from '../lib/detect/extract';

const USAGE = 'usage: detect <file.html> --url <https://mail.google.com/...|https://calendar.google.com/...>';

class UsageError extends Error {}

function parseArgs(argv: string[]): { file: string; url: string } {
  let file: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--url') url = argv[++i];
    else if (arg.startsWith('--url=')) url = arg.slice('--url='.length);
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}; ${USAGE}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`unexpected argument ${arg}; ${USAGE}`);
  }
  if (!file) throw new UsageError(`missing input file; ${USAGE}`);
  if (!url) throw new UsageError(`missing --url; ${USAGE}`);
  if (!appFromUrl(url))
    throw new UsageError(`--url must be a mail.google.com or calendar.google.com URL: ${url}`);
  return { file, url };
}

function readPage(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot read ${file}: ${reason}`);
  }
}

function main(): number {
  try {
    const { file, url } = parseArgs(process.argv.slice(2));
    const { document } = parseHTML(readPage(file));
    process.stdout.write(`${JSON.stringify(detect(document, url), null, 2)}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`detect: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

process.exitCode = main();
