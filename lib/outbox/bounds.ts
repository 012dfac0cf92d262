/**
 * What one queued log may take of the browser's storage: message text beyond the configured
 * length is cut before the item is stored, and the cut is said in the text itself, so nobody
 * reading the CRM record mistakes it for the whole message.
 */
import type { CrmWrite } from '../domain/types';

export function truncationNote(kept: number, total: number): string {
  return `\n\n[Dealside kept the first ${kept.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} characters of this text.]`;
}

/** The write with its `body` cut to `maxChars` (other fields are short by nature). */
export function capStoredText<T extends CrmWrite>(write: T, maxChars: number): T {
  if (!('body' in write) || typeof write.body !== 'string' || write.body.length <= maxChars) return write;
  const total = write.body.length;
  // Never split an emoji or other astral character in half.
  const high = write.body.charCodeAt(maxChars - 1);
  const kept = high >= 0xd800 && high <= 0xdbff ? maxChars - 1 : maxChars;
  return { ...write, body: write.body.slice(0, kept) + truncationNote(kept, total) };
}
