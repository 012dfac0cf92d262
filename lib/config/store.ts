/**
 * Where the layers live: policy in `storage.managed` (pushed by Chrome enterprise policy,
 * read-only), the rep's own settings in `storage.sync` under one key.
 */
import { browser } from 'wxt/browser';
import { userSettings } from '../storage/items';
import { resolveConfig, validateUserEdit, type ResolvedConfig } from './resolve';

export const USER_SETTINGS_KEY = 'settings';

async function readManaged(): Promise<unknown> {
  try {
    return await browser.storage.managed.get(null);
  } catch {
    // Chrome rejects when no policy applies on some platforms; that just means "no policy".
    return {};
  }
}

/** The managed policy as Chrome hands it over (secrets included: for the worker only). */
export async function readPolicy(): Promise<Record<string, unknown>> {
  const policy = await readManaged();
  return policy && typeof policy === 'object' && !Array.isArray(policy)
    ? (policy as Record<string, unknown>)
    : {};
}

async function readUser(): Promise<Record<string, unknown>> {
  return (await userSettings.read()) ?? {};
}

export async function loadConfig(): Promise<ResolvedConfig> {
  const [managed, user] = await Promise.all([readManaged(), readUser()]);
  return resolveConfig(managed, user);
}

/** Saves the rep's edits (key → value); `undefined` resets a key to the policy or default. */
export async function saveUserSettings(edits: Record<string, unknown>): Promise<ResolvedConfig> {
  const current = await loadConfig();
  const stored = { ...(await readUser()) };
  for (const [key, value] of Object.entries(edits)) {
    if (value === undefined) {
      delete stored[key];
      continue;
    }
    const verdict = validateUserEdit(current, key, value);
    if (!verdict.ok) throw new Error(verdict.message);
    stored[verdict.key] = verdict.value;
  }
  await userSettings.write(stored);
  return loadConfig();
}

/** Calls `onChange` when policy or the rep's settings change (policy edits apply live). */
export function watchConfig(onChange: (config: ResolvedConfig) => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'managed' || (area === 'sync' && USER_SETTINGS_KEY in changes)) {
      void loadConfig().then(onChange);
    }
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
