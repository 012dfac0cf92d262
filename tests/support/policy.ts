/**
 * Real Chrome enterprise policy on Linux: a JSON file under /etc/chromium/policies/managed/ with
 * a `3rdparty.extensions.<id>` section, which Chromium validates against the extension's
 * managed_schema.json and exposes through `storage.managed`. Needs root.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'playwright-core';
import type { Browser } from 'wxt/browser';

declare const chrome: typeof Browser;

/** Where Chromium looks for managed policy on Linux: one directory for the whole machine. */
export const MACHINE_POLICY_DIR = '/etc/chromium/policies/managed';

export const canWritePolicy = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * A private policy directory for this test run, set by the e2e global set-up when the machine
 * lets root give Chromium a mount namespace of its own (`unshare --mount`): Chromium is then
 * started through chromium-own-policy.sh and sees this directory as the machine's, so two test
 * runs at the same time never see each other's policy. Without namespaces, the machine's.
 */
export const POLICY_DIR = process.env.DEALSIDE_POLICY_DIR ?? MACHINE_POLICY_DIR;
export const POLICY_FILE = join(POLICY_DIR, 'dealside-e2e.json');

/** Creates this run's private policy directory, or returns null where namespaces are not allowed. */
export function createPrivatePolicyDir(): string | null {
  if (!canWritePolicy()) return null;
  if (spawnSync('unshare', ['--mount', 'true']).status !== 0) return null;
  mkdirSync(MACHINE_POLICY_DIR, { recursive: true });
  return mkdtempSync(join(tmpdir(), 'dealside-policy-'));
}

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

/**
 * Chromium applies a policy file some time after start-up. Resolves once the extension's managed
 * storage holds `key` = `value` (checked now and on every managed-storage change), so a test
 * starts where an admin's users are: with the policy in force.
 */
export async function policyApplied(worker: Worker, key: string, value: unknown): Promise<void> {
  await worker.evaluate(
    ([k, v]) =>
      new Promise<void>((resolve) => {
        const check = () =>
          void chrome.storage.managed.get(k).then((got) => {
            if (JSON.stringify(got[k]) === JSON.stringify(v)) resolve();
          });
        chrome.storage.onChanged.addListener((_changes, area) => {
          if (area === 'managed') check();
        });
        check();
      }),
    [key, value] as const,
  );
}
