/**
 * Real Chrome enterprise policy on Linux: a JSON file under /etc/chromium/policies/managed/ with
 * a `3rdparty.extensions.<id>` section, which Chromium validates against the extension's
 * managed_schema.json and exposes through `storage.managed`. Needs root.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const POLICY_DIR = '/etc/chromium/policies/managed';
export const POLICY_FILE = join(POLICY_DIR, 'dealside-e2e.json');

export const canWritePolicy = () => typeof process.getuid === 'function' && process.getuid() === 0;

export function writeExtensionPolicy(
  extensionId: string,
  settings: Record<string, unknown>,
  file = POLICY_FILE,
): void {
  mkdirSync(POLICY_DIR, { recursive: true });
  // Write then rename would be atomic, but Chromium re-reads on change either way.
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: settings } } }, null, 2));
}

export function removeExtensionPolicy(file = POLICY_FILE): void {
  rmSync(file, { force: true });
}
