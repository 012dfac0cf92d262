/**
 * A small expiring cache for CRM metadata that changes rarely (pipelines, stages, owners). In
 * `storage.local` so a restarted worker does not refetch; wiped on sign-out with everything
 * else read from the CRM.
 */
import type { Browser } from 'wxt/browser';
import type { ZodMiniType } from 'zod/mini';

export const CACHE_PREFIX = 'crm.cache.';

export interface CrmCache {
  get<T>(key: string, schema: ZodMiniType<T>): Promise<T | null>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
}

interface Entry {
  value: unknown;
  expiresAt: number;
}

export function createStorageCache(
  area: Pick<Browser.storage.StorageArea, 'get' | 'set'>,
  now = Date.now,
): CrmCache {
  return {
    async get(key, schema) {
      const entry = (await area.get(CACHE_PREFIX + key))[CACHE_PREFIX + key] as Entry | undefined;
      if (!entry || typeof entry !== 'object' || entry.expiresAt <= now()) return null;
      const parsed = schema.safeParse(entry.value);
      return parsed.success ? parsed.data : null;
    },
    async set(key, value, ttlMs) {
      await area.set({ [CACHE_PREFIX + key]: { value, expiresAt: now() + ttlMs } satisfies Entry });
    },
  };
}

export function createMemoryCache(now = Date.now): CrmCache {
  const entries = new Map<string, Entry>();
  return {
    async get(key, schema) {
      const entry = entries.get(key);
      if (!entry || entry.expiresAt <= now()) return null;
      const parsed = schema.safeParse(entry.value);
      return parsed.success ? parsed.data : null;
    },
    async set(key, value, ttlMs) {
      entries.set(key, { value: structuredClone(value), expiresAt: now() + ttlMs });
    },
  };
}

/** Removes every cached CRM entry (sign-out). */
export async function clearCrmCache(
  area: Pick<Browser.storage.StorageArea, 'get' | 'remove'>,
): Promise<void> {
  const all = await area.get(null);
  const keys = Object.keys(all).filter((key) => key.startsWith(CACHE_PREFIX));
  if (keys.length > 0) await area.remove(keys);
}
