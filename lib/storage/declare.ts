/**
 * How a stored value is declared: a WXT storage item (key, area, version, migrations) paired
 * with the zod schema its current version must satisfy. Reading never throws and never drops:
 * what fails the schema is moved to quarantine. A record of entries (the outbox, the ledger,
 * remembered deals) is checked entry by entry, so one bad entry never costs the others.
 */
import { storage, type StorageItemKey, type WxtStorageItem } from 'wxt/utils/storage';
import type * as z from 'zod/mini';
import { describeIssues, quarantine } from './quarantine';
import { guardQuota } from './quota';

export interface Versioning {
  /** 1 is the shape release 0.1.0 wrote. Raise it with a migration when a shape changes. */
  version: number;
  /** Version → function turning the previous version's value into this one's. */
  migrations?: Record<number, (previous: unknown) => unknown>;
}

/**
 * `quarantine`: the rep's data (queue, settings, sign-in), never dropped. `discard`: state
 * rebuilt from the CRM or the page (caches, access tokens, rate windows); copying those aside
 * would only move a short-lived token out of session memory onto disk.
 */
export type OnUnreadable = 'quarantine' | 'discard';

interface Declared {
  key: StorageItemKey;
  readonly item: WxtStorageItem<unknown, Record<string, unknown>>;
  version: number;
  /** Resolves once the item's migrations have run. */
  ready(): Promise<void>;
}

export interface StoredValue<T> extends Declared {
  read(): Promise<T | null>;
  write(value: T): Promise<void>;
  remove(): Promise<void>;
}

export interface StoredRecord<T> extends Declared {
  read(): Promise<Record<string, T>>;
  write(value: Record<string, T>): Promise<void>;
  remove(): Promise<void>;
}

/**
 * Defined on first use, not at import: the panel and worker import these modules, and WXT reads
 * storage as soon as an item is defined. Migrations then run before the first read returns.
 */
function define(key: StorageItemKey, versioning: Versioning) {
  let defined: Declared['item'] | undefined;
  const item = () =>
    (defined ??= storage.defineItem<unknown>(key, {
      version: versioning.version,
      ...(versioning.migrations ? { migrations: versioning.migrations } : {}),
    }) as Declared['item']);
  // getMeta waits for the migrations WXT starts at definition; without any there is no wait.
  const ready = versioning.migrations ? async () => void (await item().getMeta()) : async () => {};
  return { item, ready, version: versioning.version };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Removes the unreadable value unless something readable was written meanwhile. */
async function removeIfStill(item: Declared['item'], raw: unknown): Promise<void> {
  if (same(await item.getValue(), raw)) await item.removeValue();
}

export function storedValue<T>(
  key: StorageItemKey,
  schema: z.ZodMiniType<T>,
  versioning: Versioning = { version: 1 },
  onUnreadable: OnUnreadable = 'quarantine',
): StoredValue<T> {
  const { item: defined, ready, version } = define(key, versioning);
  return {
    key,
    get item() {
      return defined();
    },
    version,
    ready,
    async read() {
      const raw = await defined().getValue();
      if (raw === null || raw === undefined) return null;
      const parsed = schema.safeParse(raw);
      if (parsed.success) return parsed.data;
      if (onUnreadable === 'quarantine') {
        await quarantine({ from: key, entry: null, reason: describeIssues(parsed.error), value: raw });
      }
      await removeIfStill(defined(), raw);
      return null;
    },
    write: (value) => guardQuota(() => defined().setValue(value)),
    remove: () => defined().removeValue(),
  };
}

export function storedRecord<T>(
  key: StorageItemKey,
  entrySchema: z.ZodMiniType<T>,
  versioning: Versioning = { version: 1 },
): StoredRecord<T> {
  const { item: defined, ready, version } = define(key, versioning);
  return {
    key,
    get item() {
      return defined();
    },
    version,
    ready,
    async read() {
      const raw = await defined().getValue();
      if (raw === null || raw === undefined) return {};
      if (typeof raw !== 'object' || Array.isArray(raw)) {
        await quarantine({ from: key, entry: null, reason: 'value: not a record of entries', value: raw });
        await removeIfStill(defined(), raw);
        return {};
      }
      const good: Record<string, T> = {};
      const bad: [string, unknown, string][] = [];
      for (const [entry, value] of Object.entries(raw)) {
        const parsed = entrySchema.safeParse(value);
        if (parsed.success) good[entry] = parsed.data;
        else bad.push([entry, value, describeIssues(parsed.error)]);
      }
      if (bad.length === 0) return good;
      // Copy first (a failed copy throws: no later write may then drop the entry), then rewrite
      // without them; a stop or a refused rewrite in between leaves two copies, never none.
      for (const [entry, value, reason] of bad) await quarantine({ from: key, entry, reason, value });
      try {
        if (same(await defined().getValue(), raw)) await defined().setValue(good);
      } catch {
        // The copies exist; the next read sets the entries aside again.
      }
      return good;
    },
    write: (value) => guardQuota(() => defined().setValue(value)),
    remove: () => defined().removeValue(),
  };
}

/** Several values of one area in one storage write: a stop cannot keep one without the other. */
export async function writeTogether(
  writes: readonly { declared: Declared; value: unknown }[],
): Promise<void> {
  await Promise.all(writes.map(({ declared }) => declared.ready()));
  await guardQuota(() =>
    storage.setItems(writes.map(({ declared, value }) => ({ item: declared.item, value }))),
  );
  // setItems bypasses the item's own bookkeeping: record the version, or the next start would
  // take a fresh current-shape value for version 1 and migrate it again.
  const versioned = writes.filter(({ declared }) => declared.version > 1);
  if (versioned.length > 0) {
    await storage.setMetas(
      versioned.map(({ declared }) => ({ item: declared.item, meta: { v: declared.version } })),
    );
  }
}
