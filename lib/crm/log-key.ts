/**
 * The idempotency marker stored on every record Dealside writes. The outbox key is long and
 * readable (`hubspot:email:<message id>:<deal id>`); CRMs get a short, fixed-length, purely
 * alphanumeric form of it, so it fits unique text fields and survives search tokenisers.
 */

/** FNV-1a, 64-bit: stable, dependency-free and plenty for telling our own writes apart. */
function fnv1a64(text: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash;
}

/** A short, stable fingerprint of `text` (16 hex digits), for keys built from what a page shows. */
export function fingerprint(text: string): string {
  return fnv1a64(text).toString(16).padStart(16, '0');
}

/** e.g. `dealside3f9a0c17b2e4d5a6`: 24 characters, letters and digits only. */
export function logMarker(key: string): string {
  return `dealside${fnv1a64(key).toString(16).padStart(16, '0')}`;
}

/** The line appended to a logged body when the CRM has no unique field to hold the marker. */
export function markerLine(key: string): string {
  return `Logged by Dealside · ref ${logMarker(key)}`;
}

export function hasMarker(text: string | null | undefined, key: string): boolean {
  return typeof text === 'string' && text.includes(logMarker(key));
}
