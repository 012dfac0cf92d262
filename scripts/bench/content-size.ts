/**
 * Size of the shipped content scripts, minified and gzipped (budget ≤ 25 KB each, aim 12 KB).
 * Builds the production extension first (`npx wxt build`, into .output/chrome-mv3) unless
 * `--no-build` is given, in which case it reads whatever is already there.
 *
 *   npx tsx scripts/bench/content-size.ts [--no-build]
 */
import { execFileSync } from 'node:child_process';
import { transformSync } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { checkBudget } from './budget';
import { peersDir, saveFigures, type Figure } from './figures';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUTPUT = `${ROOT}.output/chrome-mv3/content-scripts/`;
const SCRIPTS = ['gmail.js', 'calendar.js'];
const BUDGET = 25 * 1024;
const AIM = 12 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const gzipOf = (code: string | Buffer) => gzipSync(code, { level: 9 }).length;

/** Published peer bundles, minified with esbuild like ours and gzipped the same way. */
function peers(): { figures: Record<string, Figure>; notes: Record<string, string> } {
  const dir = peersDir();
  const read = (path: string) => readFileSync(join(dir, path), 'utf8');
  const minified = (path: string) => transformSync(read(path), { minify: true, loader: 'js' }).code;
  const figures: Record<string, Figure> = {};
  const notes: Record<string, string> = {};
  const measure = (key: string, label: string, files: string[], note: string) => {
    const missing = files.filter((file) => !existsSync(join(dir, file)));
    if (missing.length > 0) {
      figures[key] = null;
      notes[key] = `not installed: ${missing.map((f) => join(dir, f)).join(', ')}`;
      console.log(`${label}: not measured (${notes[key]})`);
      return;
    }
    try {
      const code = files.map(minified).join('\n');
      figures[key] = gzipOf(code);
      notes[key] = note;
      console.log(`${label}: ${kb(code.length)} minified, ${kb(figures[key])} gzipped (-9) — ${note}`);
    } catch (error) {
      figures[key] = null;
      notes[key] = `failed: ${error instanceof Error ? error.message : String(error)}`;
      console.log(`${label}: not measured (${notes[key]})`);
    }
  };
  measure(
    'peers.gmailjs.gzipBytes',
    'peer gmail-js + jQuery',
    ['gmail-js/src/gmail.js', 'jquery/dist/jquery.min.js'],
    'gmail-js src/gmail.js and jquery dist/jquery.min.js, as a content script ships them',
  );
  measure(
    'peers.inboxsdk.gzipBytes',
    'peer @inboxsdk/core',
    ['@inboxsdk/core/inboxsdk.js', '@inboxsdk/core/pageWorld.js'],
    '@inboxsdk/core inboxsdk.js (content script) and pageWorld.js (injected into the page)',
  );
  return { figures, notes };
}

function main(): number {
  const figures: Record<string, Figure> = {};
  const notes: Record<string, string> = {};
  if (!process.argv.includes('--no-build')) {
    execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  let overBudget = false;
  for (const name of SCRIPTS) {
    const key = `contentScript.${name.replace(/\.js$/, '')}.gzipBytes`;
    const path = `${OUTPUT}${name}`;
    if (!existsSync(path)) {
      console.error(`content-size: ${path} not found; build the extension first`);
      figures[key] = null;
      notes[key] = 'not built';
      overBudget = true;
      continue;
    }
    const code = readFileSync(path);
    const gzipped = gzipOf(code);
    figures[key] = gzipped;
    const verdict =
      gzipped > BUDGET ? 'over budget' : gzipped > AIM ? 'within budget, above the 12 KB aim' : 'within aim';
    console.log(
      `content-scripts/${name}: ${kb(code.length)} minified, ${kb(gzipped)} gzipped (-9) — ${verdict}`,
    );
    overBudget =
      checkBudget(`content-scripts/${name} gzipped`, gzipped / 1024, BUDGET / 1024, 'KB') || overBudget;
  }
  const peer = peers();
  saveFigures('content-size', { ...figures, ...peer.figures }, { ...notes, ...peer.notes });
  return overBudget ? 1 : 0;
}

process.exitCode = main();
