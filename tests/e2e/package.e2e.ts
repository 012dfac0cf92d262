/**
 * The Web Store package: built by `npm run zip` exactly as it ships. Its permissions are pinned
 * here, so any new permission is a deliberate, reviewed change to this list and the README.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { zipEntries } from '../support/zip-entries';

const ROOT = resolve(import.meta.dirname, '../..');
const APPROVED = {
  permissions: ['storage', 'alarms', 'identity', 'sidePanel', 'notifications'],
  host_permissions: [
    'https://mail.google.com/*',
    'https://calendar.google.com/*',
    'https://api.hubapi.com/*',
  ],
  optional_host_permissions: [
    'https://*.my.salesforce.com/*',
    'https://*.sandbox.my.salesforce.com/*',
    'https://login.salesforce.com/*',
    'https://test.salesforce.com/*',
    // The optional Google Calendar connection, asked when the rep connects it.
    'https://www.googleapis.com/*',
    'https://oauth2.googleapis.com/*',
  ],
  // No other extension and no web page may message Dealside's worker.
  externally_connectable: { ids: [] },
  // storage.local/sync.setAccessLevel (tokens out of content scripts' reach) needs Chrome 140.
  minimum_chrome_version: '140',
};

describe('Web Store package (npm run zip)', () => {
  let manifest: Record<string, unknown>;
  let entries: string[];
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;

  beforeAll(() => {
    execFileSync('npm', ['run', '--silent', 'zip'], { cwd: ROOT, stdio: 'ignore' });
    const zip = join(ROOT, '.output', `dealside-${version}-chrome.zip`);
    entries = zipEntries(zip);
    manifest = JSON.parse(readFileSync(join(ROOT, '.output/chrome-mv3/manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >;
  }, 120_000);

  it('names no HubSpot OAuth v1 endpoint anywhere in the built extension (retired 2027-02-16)', () => {
    const dir = join(ROOT, '.output/chrome-mv3');
    const built = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(js|html|json|css)$/.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name));
    expect(built.some((file) => file.endsWith('background.js'))).toBe(true);
    const offenders = built.filter((file) => readFileSync(file, 'utf8').includes('/oauth/v1/'));
    expect(offenders).toEqual([]);
  });

  it('asks for exactly the approved permissions', () => {
    expect([...(manifest.permissions as string[])].sort()).toEqual([...APPROVED.permissions].sort());
    expect([...(manifest.host_permissions as string[])].sort()).toEqual(
      [...APPROVED.host_permissions].sort(),
    );
    expect([...(manifest.optional_host_permissions as string[])].sort()).toEqual(
      [...APPROVED.optional_host_permissions].sort(),
    );
    expect(manifest.externally_connectable).toEqual(APPROVED.externally_connectable);
    expect(manifest.minimum_chrome_version).toBe(APPROVED.minimum_chrome_version);
  });

  it('carries no key, the package.json version, the four icon sizes and the default CSP', () => {
    expect(manifest).not.toHaveProperty('key');
    expect(manifest.version).toBe(version);
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.icons).toEqual({
      16: 'icon/16.png',
      32: 'icon/32.png',
      48: 'icon/48.png',
      128: 'icon/128.png',
    });
    expect(manifest).not.toHaveProperty('content_security_policy');
    expect(manifest.storage).toEqual({ managed_schema: 'managed_schema.json' });
    // The admin page, in a tab of its own (it is too wide for the options dialog).
    expect(manifest.options_ui).toEqual({ page: 'options.html', open_in_tab: true });
  });

  it('packages the built files and nothing that loads code from elsewhere', () => {
    for (const file of [
      'manifest.json',
      'background.js',
      'sidepanel.html',
      'options.html',
      'managed_schema.json',
      'icon/128.png',
    ]) {
      expect(entries).toContain(file);
    }
    expect(entries).toEqual(
      expect.arrayContaining(['content-scripts/gmail.js', 'content-scripts/calendar.js']),
    );
    expect(entries.some((e) => e.endsWith('.map'))).toBe(false);
    const built = join(ROOT, '.output/chrome-mv3');
    const scripts = readdirSync(built, { recursive: true, encoding: 'utf8' }).filter((f) =>
      /\.(js|html)$/.test(f),
    );
    for (const file of scripts) {
      const text = readFileSync(join(built, file), 'utf8');
      expect(text, file).not.toMatch(/<script[^>]+src=["']https?:/);
      expect(text, file).not.toMatch(/importScripts\(\s*["']https?:/);
      expect(text, file).not.toMatch(/import\(\s*["']https?:/);
    }
  });
});
