/**
 * A small expiring cache for CRM metadata that changes rarely (pipelines, stages, owners). In
 * `storage.local` so a restarted worker does not refetch; wiped on sign-out with everything
 * else read from the CRM.
 */
import { storage } from 'wxt/utils/storage';
import type { ZodMiniType } from 'zod/mini';
import { CACHE_PREFIX, crmCacheEntry, crmSessionCacheEntry } from '../storage/items';

export { CACHE_PREFIX } from '../storage/items';

export interface CrmCache {
  get<T>(key: string, schema: ZodMiniType<T>): Promise<T | null>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
}

interface Entry {
  value: unknown;
  expiresAt: number;
}

/** `session`: for reads shared across threads for minutes (deal briefs), never written to disk. */
export function createStorageCache(now = Date.now, area: 'local' | 'session' = 'local'): CrmCache {
  const entryOf = area === 'local' ? crmCacheEntry : crmSessionCacheEntry;
  return {
    async get(key, schema) {
      const entry = await entryOf(key).read();
      if (!entry || entry.expiresAt <= now()) return null;
      const parsed = schema.safeParse(entry.value);
      return parsed.success ? parsed.data : null;
    },
    async set(key, value, ttlMs) {
      await entryOf(key).write({ value, expiresAt: now() + ttlMs } satisfies Entry);
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
  for (const area of ['local', 'session'] as const) {
    const all = await storage.snapshot(area);
    const keys = Object.keys(all)
      .filter((key) => key.startsWith(CACHE_PREFIX))
      .map((key) => `${area}:${key}` as const);
    if (keys.length > 0) await storage.removeItems(keys);
  }
}
