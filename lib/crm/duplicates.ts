/**
 * Reconciliation's one rule, shared by both CRMs: when several records carry the same key,
 * the oldest is the touch and the others are duplicates. Every machine that sees the same
 * records picks the same one, so two browsers reconciling at once never delete both.
 */
import type { WrittenRecord } from '../domain/types';

function time(record: WrittenRecord): number {
  const ms = record.createdAt ? Date.parse(record.createdAt) : Number.NaN;
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/** Numeric ids by length then digits (no precision loss on long ids); others as text. */
function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function oldestFirst(records: readonly WrittenRecord[]): WrittenRecord[] {
  const seen = new Set<string>();
  return records
    .filter((record) => !seen.has(record.id) && (seen.add(record.id), true))
    .sort((a, b) => time(a) - time(b) || compareIds(a.id, b.id));
}

/** The record to keep and the duplicates to delete; null when nothing holds the key. */
export function splitDuplicates(
  records: readonly WrittenRecord[],
): { keep: WrittenRecord; duplicates: WrittenRecord[] } | null {
  const [keep, ...duplicates] = oldestFirst(records);
  return keep ? { keep, duplicates } : null;
}
