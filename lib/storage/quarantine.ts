/**
 * Stored data Dealside could not read is moved aside, never dropped: a copy under
 * `quarantine.<key>.<timestamp>` in `storage.local` (sync's quota is too small to hold a copy),
 * which no later write touches. The panel lists these so the rep can send them to whoever
 * supports them, and remove them once handled.
 */
import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';

export const QUARANTINE_PREFIX = 'quarantine.';

export const QuarantinedValue = z.object({
  /** The storage key (with its area, e.g. `local:outbox.items`) the value was read from. */
  from: z.string(),
  /** For per-entry records (the outbox, ledger, remembered deals): the entry's own key. */
  entry: z.nullable(z.string()),
  at: z.number(),
  /** What did not fit, in words (the first schema issues). */
  reason: z.string(),
  value: z.unknown(),
});
export type QuarantinedValue = z.infer<typeof QuarantinedValue>;

/** A short, token-free account of why a value failed its schema. */
export function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'value'}: ${issue.message}`)
    .join('; ');
}

export async function quarantine(copy: Omit<QuarantinedValue, 'at'>, now = Date.now()): Promise<string> {
  const plainKey = copy.from.slice(copy.from.indexOf(':') + 1);
  // The random part keeps two copies made in the same millisecond (two bad entries) apart.
  const key = `${QUARANTINE_PREFIX}${plainKey}.${now}-${crypto.randomUUID().slice(0, 8)}`;
  await storage.setItem(`local:${key}`, { ...copy, at: now } satisfies QuarantinedValue);
  return key;
}

export interface QuarantineNote {
  key: string;
  from: string;
  entry: string | null;
  at: number;
  reason: string;
}

/** What the panel lists (without the values themselves: they may hold tokens). */
export async function listQuarantined(): Promise<QuarantineNote[]> {
  const all = await storage.snapshot('local');
  const notes: QuarantineNote[] = [];
  for (const [key, raw] of Object.entries(all)) {
    if (!key.startsWith(QUARANTINE_PREFIX)) continue;
    const parsed = QuarantinedValue.safeParse(raw);
    const copy = parsed.success ? parsed.data : null;
    notes.push({
      key,
      from: copy?.from ?? key.slice(QUARANTINE_PREFIX.length),
      entry: copy?.entry ?? null,
      at: copy?.at ?? 0,
      reason: copy?.reason ?? 'unreadable',
    });
  }
  return notes.sort((a, b) => a.at - b.at);
}

/** The rep has handled a copy (sent it on, or decided it is not needed). */
export async function discardQuarantined(key: string): Promise<void> {
  if (!key.startsWith(QUARANTINE_PREFIX)) throw new Error('Not a quarantined copy');
  await storage.removeItem(`local:${key}`);
}

/** Copies of sign-in state hold a refresh token: they go with every other token at sign-out. */
export async function discardQuarantinedFrom(fromKeys: readonly string[]): Promise<void> {
  const all = await storage.snapshot('local');
  const keys = Object.entries(all)
    .filter(([key, raw]) => {
      if (!key.startsWith(QUARANTINE_PREFIX)) return false;
      const parsed = QuarantinedValue.safeParse(raw);
      return parsed.success && fromKeys.includes(parsed.data.from);
    })
    .map(([key]) => `local:${key}` as const);
  if (keys.length > 0) await storage.removeItems(keys);
}
