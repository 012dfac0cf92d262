/**
 * HubSpot retires every OAuth v1 endpoint on 2027-02-16. Nothing that ships (the extension's
 * sources, which are what the bundles are built from, and the token exchange) may name a
 * `/oauth/v1/` path, not even in a comment, so a grep of the build stays clean too
 * (tests/e2e/package.e2e.ts checks the built package itself).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SHIPPED = ['lib', 'entrypoints', 'components', 'public', 'scripts/hubspot-token-exchange'];

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : /\.(tsx?|json|html|css)$/.test(entry.name) ? [path] : [];
  });
}

describe('no HubSpot OAuth v1 endpoint', () => {
  it('is named anywhere in what ships', () => {
    const all = SHIPPED.flatMap(files);
    expect(all.length).toBeGreaterThan(50);
    const offenders = all.filter((file) => /oauth\/v1\b/i.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
