/**
 * The outbox and its ledger in `storage.local`: durable across worker stops, browser restarts
 * and crashes. Writes are serialised so concurrent updates inside the worker never lose one.
 * A write the browser refuses (storage full) rejects and leaves what was stored unchanged.
 */
import { createSerialQueue } from '../serial';
import { writeTogether } from '../storage/declare';
import { outboxItems, outboxLedger } from '../storage/items';
import type { LedgerEntry, OutboxItem } from './item';
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
  /** Drops a ledger entry (an auto-captured log the rep undid), returning it. */
  forget(key: string): Promise<LedgerEntry | null>;
  /**
   * Forgets what was logged (sign-out). `keepFollowUps` keeps the entries whose later look for
   * duplicates has not run yet: like the pending logs the rep chose to keep, they are unfinished
   * work for the same tenant, and dropping them would leave a late duplicate in the CRM.
   */
  clearLedger(options?: { keepFollowUps: boolean }): Promise<void>;
  clearItems(): Promise<void>;
}

/** Each entry is checked on its own: a corrupt one goes to quarantine, the rest stay queued. */
export function createOutboxStore(): OutboxStore {
  const serial = createSerialQueue();
  const readItems = (): Promise<Items> => outboxItems.read();
  const readLedger = (): Promise<Ledger> => outboxLedger.read();
  const both = (items: Items, ledger: Ledger) =>
    writeTogether([
      { declared: outboxItems, value: items },
      { declared: outboxLedger, value: ledger },
    ]);
  const trim = (ledger: Ledger): Ledger =>
    Object.fromEntries(
      Object.entries(ledger)
        .sort(([, a], [, b]) => b.loggedAt - a.loggedAt)
        .slice(0, MAX_LEDGER_ENTRIES),
    );

  return {
    // Reads queue behind writes too: moving a corrupt entry aside rewrites the record.
    items: () => serial(async () => Object.values(await readItems())),
    ledger: () => serial(async () => Object.values(await readLedger())),
    enqueue: (item) =>
      serial(async () => {
        const [items, ledger] = await Promise.all([readItems(), readLedger()]);
        if (ledger[item.key] || item.aliases?.some((alias) => ledger[alias])) return 'already-logged';
        if (items[item.key]) return 'already-queued';
        await outboxItems.write({ ...items, [item.key]: item });
        return 'queued';
      }),
    update: (updated) =>
      serial(async () => {
        const items = await readItems();
        for (const item of updated) if (items[item.key]) items[item.key] = item;
        await outboxItems.write(items);
      }),
    land: (entry, followers = []) =>
      serial(async () => {
        const [items, ledger] = await Promise.all([readItems(), readLedger()]);
        delete items[entry.key];
        ledger[entry.key] = entry;
        for (const item of followers) if (!items[item.key] && !ledger[item.key]) items[item.key] = item;
        await both(items, trim(ledger));
      }),
    updateLedger: (entries, followers = []) =>
      serial(async () => {
        const [items, ledger] = await Promise.all([readItems(), readLedger()]);
        for (const entry of entries) if (ledger[entry.key]) ledger[entry.key] = entry;
        for (const item of followers) if (!items[item.key] && !ledger[item.key]) items[item.key] = item;
        await both(items, ledger);
      }),
    remove: (key) =>
      serial(async () => {
        const items = await readItems();
        const removed = items[key] ?? null;
        if (removed) {
          delete items[key];
          await outboxItems.write(items);
        }
        return removed;
      }),
    forget: (key) =>
      serial(async () => {
        const ledger = await readLedger();
        const entry = ledger[key] ?? null;
        if (entry) {
          delete ledger[key];
          await outboxLedger.write(ledger);
        }
        return entry;
      }),
    clearLedger: (options) =>
      serial(async () => {
        if (!options?.keepFollowUps) return outboxLedger.remove();
        const unfinished = Object.entries(await readLedger()).filter(([, entry]) => entry.followUp);
        if (unfinished.length === 0) return outboxLedger.remove();
        await outboxLedger.write(Object.fromEntries(unfinished));
      }),
    clearItems: () => serial(() => outboxItems.remove()),
  };
}
