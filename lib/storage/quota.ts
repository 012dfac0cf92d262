/**
 * `storage.local` is capped (10 MB in Chrome) because the manifest does not ask for
 * `unlimitedStorage` (one more install-time permission for every rep). The panel warns well
 * before the cap; a write refused at the cap leaves what was stored as it was and says so.
 */
import { browser } from 'wxt/browser';

/** Chrome's `storage.local.QUOTA_BYTES`, used where the browser does not report it. */
export const DEFAULT_LOCAL_QUOTA_BYTES = 10 * 1024 * 1024;
/** Warn from this share of the quota: room left for days of queued logs. */
export const WARN_AT_RATIO = 0.8;

export interface StorageUsage {
  bytesInUse: number;
  quotaBytes: number;
  ratio: number;
  nearlyFull: boolean;
}

type MeasurableArea = { getBytesInUse?: (keys?: null) => Promise<number>; QUOTA_BYTES?: number };

/** Null where the browser cannot measure (then there is nothing to warn about ahead of time). */
export async function localUsage(
  area: MeasurableArea = browser.storage.local as unknown as MeasurableArea,
): Promise<StorageUsage | null> {
  if (typeof area.getBytesInUse !== 'function') return null;
  const bytesInUse = await area.getBytesInUse(null);
  const quotaBytes = area.QUOTA_BYTES ?? DEFAULT_LOCAL_QUOTA_BYTES;
  const ratio = quotaBytes > 0 ? bytesInUse / quotaBytes : 0;
  return { bytesInUse, quotaBytes, ratio, nearlyFull: ratio >= WARN_AT_RATIO };
}

export class StorageFullError extends Error {
  constructor(cause: unknown) {
    super(
      "Dealside's storage on this computer is full, so this was not saved (what was saved before is " +
        'unchanged). Send or discard waiting logs in the outbox, then try again.',
      { cause },
    );
    this.name = 'StorageFullError';
  }
}

/** Chrome rejects with "QUOTA_BYTES quota exceeded" (or the per-item variant). */
export function isQuotaError(error: unknown): boolean {
  return error instanceof Error && /quota/i.test(error.message);
}

/** Runs a storage write; a quota refusal becomes a `StorageFullError` the rep can act on. */
export async function guardQuota<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw isQuotaError(error) ? new StorageFullError(error) : error;
  }
}
