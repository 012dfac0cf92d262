/**
 * What the panel is told about the rep's stored data, and the words it shows. Schema and text
 * only (no storage access), so the protocol and the panel can import it.
 */
import * as z from 'zod/mini';

export const StorageHealth = z.object({
  quarantined: z.array(
    z.object({
      key: z.string(),
      from: z.string(),
      entry: z.nullable(z.string()),
      at: z.number(),
      reason: z.string(),
    }),
  ),
  usage: z.nullable(
    z.object({ bytesInUse: z.number(), quotaBytes: z.number(), ratio: z.number(), nearlyFull: z.boolean() }),
  ),
});
export type StorageHealth = z.infer<typeof StorageHealth>;

/** Names the rep recognises, by stored key. */
const WHAT: Record<string, string> = {
  'local:outbox.items': 'a log waiting to be sent',
  'local:outbox.ledger': 'a record of a log already sent',
  'local:auth.connection': 'your CRM sign-in',
  'sync:settings': 'your settings',
  'local:match.history': 'a remembered deal choice',
};

export interface StorageNote {
  tone: 'warn';
  title: string;
  detail: string;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function storageNotes(health: StorageHealth): StorageNote[] {
  const notes: StorageNote[] = [];
  if (health.quarantined.length > 0) {
    const what = [...new Set(health.quarantined.map((q) => WHAT[q.from] ?? 'stored data'))].join(', ');
    notes.push({
      tone: 'warn',
      title: `Dealside could not read ${health.quarantined.length === 1 ? 'one saved item' : `${health.quarantined.length} saved items`} (${what}).`,
      detail:
        'Nothing was deleted: a copy is kept on this computer and everything else works as before. ' +
        'Check the outbox and your settings; if something is missing, tell your Dealside administrator ' +
        'before removing the copy.',
    });
  }
  if (health.usage?.nearlyFull) {
    notes.push({
      tone: 'warn',
      title: `Dealside's storage on this computer is ${Math.round(health.usage.ratio * 100)}% full (${megabytes(health.usage.bytesInUse)} of ${megabytes(health.usage.quotaBytes)}).`,
      detail:
        'When it is full, new logs cannot be queued. Send or discard the logs waiting in the outbox ' +
        'to make room.',
    });
  }
  return notes;
}
