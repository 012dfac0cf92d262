/**
 * The code's layout is part of its design (docs/architecture.md, "Layout"): both CRM adapters
 * have the same shape, record mapping never talks to the network, and the layers below the
 * adapters (domain types, HTTP) do not reach up into them. This reads the source tree and
 * fails when a change breaks one of those rules.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const PROVIDERS = ['hubspot', 'salesforce'];
const ADAPTER_ENTRIES = [
  'client',
  'duplicates/',
  'errors.ts',
  'index.ts',
  'map/',
  'reads/',
  'schemas.ts',
  'writes/',
];

interface Import {
  /** Repository-relative path of the imported module, without extension. */
  module: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  const full = join(ROOT, dir);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [dir];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const STATEMENT =
  /^(import|export)\s+(type\s+)?[^'";]*?\bfrom\s+['"]([^'"]+)['"]|^import\s+['"]([^'"]+)['"]/gm;

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(STATEMENT)].flatMap((match) => {
    const specifier = match[3] ?? match[4] ?? '';
    const module = specifier.startsWith('.')
      ? relative(ROOT, resolve(ROOT, dirname(file), specifier))
      : specifier.startsWith('@/')
        ? specifier.slice(2)
        : null;
    return module === null ? [] : [{ module: module.replace(/\/index$/, ''), typeOnly: Boolean(match[2]) }];
  });
}

/** `file → module` for every import in `dirs` whose module matches `pattern`. */
function importsMatching(dirs: string[], pattern: RegExp, runtimeOnly = false): string[] {
  return dirs.flatMap(sourceFiles).flatMap((file) =>
    importsOf(file)
      .filter((i) => pattern.test(i.module) && !(runtimeOnly && i.typeOnly))
      .map((i) => `${file} → ${i.module}`),
  );
}

function entries(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true })
    .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
    .sort();
}

describe('CRM adapters have the same shape', () => {
  it('hubspot/ and salesforce/ have the same top-level entries', () => {
    expect(entries('lib/crm/hubspot')).toEqual(entries('lib/crm/salesforce'));
  });

  it.each(PROVIDERS)(
    '%s/ has the adapter, its client, reads, writes, record mapping and duplicate lookup',
    (p) => {
      const names = entries(`lib/crm/${p}`).map((name) => (name.startsWith('client') ? 'client' : name));
      expect([...new Set(names)].sort()).toEqual(ADAPTER_ENTRIES);
    },
  );

  it.each(PROVIDERS)('%s/map/ is pure: no client, no HTTP, no reads or writes', (p) => {
    const files = sourceFiles(`lib/crm/${p}/map`);
    expect(files.length).toBeGreaterThan(0);
    expect(importsMatching(files, /(^|\/)client(\/|$)|^lib\/http\/request$/)).toEqual([]);
    expect(importsMatching(files, new RegExp(`^lib/crm/${p}/(reads|writes|duplicates)/`), true)).toEqual([]);
    const calling = files.filter((f) =>
      /\bfetch\(|\bclient\.(read|write|request)\(/.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(calling).toEqual([]);
  });
});

describe('layers', () => {
  it('lib/domain depends on nothing above it (lib/crm, lib/auth, lib/http)', () => {
    expect(sourceFiles('lib/domain').length).toBeGreaterThan(0);
    expect(importsMatching(['lib/domain'], /^lib\/(crm|auth|http)(\/|$)/)).toEqual([]);
  });

  it('lib/http sits below the adapters and the sign-in', () => {
    expect(sourceFiles('lib/http').length).toBeGreaterThan(0);
    expect(importsMatching(['lib/http'], /^lib\/(crm|auth|google|worker|panel)(\/|$)/)).toEqual([]);
  });

  it('lib/auth does not import lib/crm', () => {
    expect(importsMatching(['lib/auth'], /^lib\/crm(\/|$)/)).toEqual([]);
  });

  it('the worker does not import the panel', () => {
    const worker = ['lib/worker', ...entries('entrypoints').filter((e) => e.startsWith('background'))];
    expect(
      importsMatching(
        worker.map((e) => (e.startsWith('lib') ? e : `entrypoints/${e}`)),
        /^lib\/panel(\/|$)/,
      ),
    ).toEqual([]);
  });

  it('the panel, lib/deals and lib/reports take domain types from lib/domain, not lib/crm', () => {
    const users = ['components', 'lib/panel', 'lib/deals', 'lib/reports'];
    expect(importsMatching(users, /^lib\/crm\/types$/)).toEqual([]);
    expect(importsMatching(users, /^lib\/domain(\/|$)/).length).toBeGreaterThan(0);
  });
});
