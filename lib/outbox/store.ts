/**
 * The outbox and its ledger in `storage.local`: durable across worker stops, browser restarts
 * and crashes. Writes are serialised so concurrent updates inside the worker never lose one.
 */
import type { Browser } from 'wxt/browser';
import type * as z from 'zod/mini';
import { createSerialQueue } from '../serial';
import { LedgerEntry, OutboxItem } from './item';

const ITEMS_KEY = 'outbox.items';
const LEDGER_KEY = 'outbox.ledger';
/** Years of logging fit; the oldest entries go first (the CRM marker still prevents duplicates). */
export const MAX_LEDGER_ENTRIES = 5000;

type Items = Record<string, OutboxItem>;
type Ledger = Record<string, LedgerEntry>;

export type EnqueueResult = 'queued' | 'already-queued' | 'already-logged';

export interface OutboxStore {
  items(): Promise<OutboxItem[]>;
  ledger(): Promise<LedgerEntry[]>;
  enqueue(item: OutboxItem): Promise<EnqueueResult>;
  /** Replaces items by key (only those still present: a discarded item stays discarded). */
  update(items: OutboxItem[]): Promise<void>;
  /**
   * Moves an item to the ledger, queueing `followers` (deletes of duplicates) in the same
   * storage write, so a worker stop cannot keep the one without the other.
   */
  land(entry: LedgerEntry, followers?: OutboxItem[]): Promise<void>;
  /** Replaces ledger entries by key (a follow-up check done), queueing `followers` with them. */
  updateLedger(entries: LedgerEntry[], followers?: OutboxItem[]): Promise<void>;
  remove(key: string): Promise<OutboxItem | null>;
  clearLedger(): Promise<void>;
  clearItems(): Promise<void>;
}

/** Corrupt entries are dropped one by one rather than losing the whole queue. */
function readRecord<T>(raw: unknown, schema: z.ZodMiniType<T>): Record<string, T> {
  const out: Record<string, T> = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const [key, value] of Object.entries(raw)) {
    const parsed = schema.safeParse(value);
    if (parsed.success) out[key] = parsed.data;
  }
  return out;
}

export function createOutboxStore(
  area: Pick<Browser.storage.StorageArea, 'get' | 'set' | 'remove'>,
): OutboxStore {
  const serial = createSerialQueue();
  const readItems = async (): Promise<Items> =>
    readRecord((await area.get(ITEMS_KEY))[ITEMS_KEY], OutboxItem);
  const readLedger = async (): Promise<Ledger> =>
    readRecord((await area.get(LEDGER_KEY))[LEDGER_KEY], LedgerEntry);
  const trim = (ledger: Ledger): Ledger =>
    Object.fromEntries(
      Object.entries(ledger)
        .sort(([, a], [, b]) => b.loggedAt - a.loggedAt)
        .slice(0, MAX_LEDGER_ENTRIES),
    );

  return {
    items: async () => Object.values(await readItems()),
    ledger: async () => Object.values(await readLedger()),
    enqueue: (item) =>
      serial(async () => {
        const [items, ledger] = await Promise.all([readItems(), readLedger()]);
        if (ledger[item.key] || item.aliases?.some((alias) => ledger[alias])) return 'already-logged';
        if (items[item.key]) return 'already-queued';
        await area.set({ [ITEMS_KEY]: { ...items, [item.key]: item } });
        return 'queued';
      }),
    update: (updated) =>
      serial(async () => {
        const items = await readItems();
        for (const item of updated) if (items[item.key]) items[item.key] = item;
        await area.set({ [ITEMS_KEY]: items });
      }),
    land: (entry, followers = []) =>
      serial(async () => {
        const [items, ledger] = await Promise.all([readItems(), readLedger()]);
        delete items[entry.key];
        ledger[entry.key] = entry;
        for (const item of followers) if (!items[item.key] && !ledger[item.key]) items[item.key] = item;
        await area.set({ [ITEMS_KEY]: items, [LEDGER_KEY]: trim(ledger) });
      }),
    updateLedger: (entries, followers = []) =>
      serial(async () => {
        const [items, ledger] = await Promise.all([readItems(), readLedger()]);
        for (const entry of entries) if (ledger[entry.key]) ledger[entry.key] = entry;
        for (const item of followers) if (!items[item.key] && !ledger[item.key]) items[item.key] = item;
        await area.set({ [ITEMS_KEY]: items, [LEDGER_KEY]: ledger });
      }),
    remove: (key) =>
      serial(async () => {
        const items = await readItems();
        const removed = items[key] ?? null;
        if (removed) {
          delete items[key];
          await area.set({ [ITEMS_KEY]: items });
        }
        return removed;
      }),
    clearLedger: () => serial(() => area.remove(LEDGER_KEY)),
    clearItems: () => serial(() => area.remove(ITEMS_KEY)),
  };
}
