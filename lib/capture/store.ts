/**
 * Capture records in `storage.local`, written one at a time so two paths seeing the same touch
 * at once (send and thread view) cannot both claim it.
 */
import { createSerialQueue } from '../serial';
import { captureRecords } from '../storage/items';
import type { CaptureRecord } from './record';

/** A month of touches is plenty for "Captured today" and for never capturing a touch twice. */
export const KEEP_CAPTURES_MS = 30 * 24 * 60 * 60_000;
export const MAX_CAPTURES = 2000;

export interface CaptureStore {
  all(): Promise<CaptureRecord[]>;
  /**
   * Adds `record` unless a record for the same touch (its id, or any of its source ids) exists;
   * returns the existing one then. Atomic against other claims in this worker.
   */
  claim(record: CaptureRecord): Promise<{ claimed: boolean; record: CaptureRecord }>;
  /** Applies `change` to the record `id` (no-op when gone); returns the new record. */
  update(id: string, change: (record: CaptureRecord) => CaptureRecord): Promise<CaptureRecord | null>;
  clear(): Promise<void>;
}

function sameTouch(a: CaptureRecord, b: CaptureRecord): boolean {
  if (a.id === b.id) return true;
  if (a.kind !== b.kind) return false;
  const ids = new Set([a.sourceId, ...a.aliasSourceIds]);
  return ids.has(b.sourceId) || b.aliasSourceIds.some((id) => ids.has(id));
}

export function trimCaptures(records: Record<string, CaptureRecord>, now: number) {
  return Object.fromEntries(
    Object.entries(records)
      .filter(([, r]) => now - r.capturedAt < KEEP_CAPTURES_MS || r.status === 'suggested')
      .sort(([, a], [, b]) => b.capturedAt - a.capturedAt)
      .slice(0, MAX_CAPTURES),
  );
}

export function createCaptureStore(now: () => number = Date.now): CaptureStore {
  const serial = createSerialQueue();
  return {
    all: () => serial(async () => Object.values(await captureRecords.read())),
    claim: (record) =>
      serial(async () => {
        const records = await captureRecords.read();
        const existing = Object.values(records).find((r) => sameTouch(r, record));
        if (existing) return { claimed: false, record: existing };
        await captureRecords.write(trimCaptures({ ...records, [record.id]: record }, now()));
        return { claimed: true, record };
      }),
    update: (id, change) =>
      serial(async () => {
        const records = await captureRecords.read();
        const current = records[id];
        if (!current) return null;
        const next = change(current);
        await captureRecords.write({ ...records, [id]: next });
        return next;
      }),
    clear: () => serial(() => captureRecords.remove()),
  };
}
