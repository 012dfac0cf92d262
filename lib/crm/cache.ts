/**
 * A small expiring cache for CRM metadata that changes rarely (pipelines, stages, owners). In
 * `storage.local` so a restarted worker does not refetch; wiped on sign-out with everything
 * else read from the CRM.
 */
import { storage } from 'wxt/utils/storage';
import type { ZodMiniType } from 'zod/mini';
import { CACHE_PREFIX, crmCacheEntry } from '../storage/items';

export { CACHE_PREFIX } from '../storage/items';

export interface CrmCache {
  get<T>(key: string, schema: ZodMiniType<T>): Promise<T | null>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
}

interface Entry {
  value: unknown;
  expiresAt: number;
}

export function createStorageCache(now = Date.now): CrmCache {
  return {
    async get(key, schema) {
      const entry = await crmCacheEntry(key).read();
      if (!entry || entry.expiresAt <= now()) return null;
      const parsed = schema.safeParse(entry.value);
      return parsed.success ? parsed.data : null;
    },
    async set(key, value, ttlMs) {
      await crmCacheEntry(key).write({ value, expiresAt: now() + ttlMs } satisfies Entry);
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
export async function clearCrmCache(): Promise<void> {
  const all = await storage.snapshot('local');
  const keys = Object.keys(all)
    .filter((key) => key.startsWith(CACHE_PREFIX))
    .map((key) => `local:${key}` as const);
  if (keys.length > 0) await storage.removeItems(keys);
}
