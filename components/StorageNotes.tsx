import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { sendToWorker } from '@/lib/messaging';
import { storageNotes } from '@/lib/storage/health-view';

const HEALTH = ['storage-health'] as const;

/**
 * On the main screen: stored data Dealside could not read (kept aside, never deleted) and a
 * local storage close to full, each with what the rep can do about it.
 */
export function StorageNotes() {
  const client = useQueryClient();
  const health = useQuery({ queryKey: HEALTH, queryFn: () => sendToWorker('storage.health', {}) });
  const discard = useMutation({
    mutationFn: () => sendToWorker('storage.discardCopies', {}),
    onSettled: () => client.invalidateQueries({ queryKey: HEALTH }),
  });
  useEffect(() => {
    // Refreshed when copies are set aside or removed, and as the outbox grows or shrinks.
    const listener = (changes: Record<string, unknown>, area: string) => {
      const keys = Object.keys(changes);
      if (area === 'local' && keys.some((k) => k.startsWith('quarantine.') || k.startsWith('outbox.')))
        void client.invalidateQueries({ queryKey: HEALTH });
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, [client]);

  const notes = health.data ? storageNotes(health.data) : [];
  if (notes.length === 0) return null;
  const hasCopies = (health.data?.quarantined.length ?? 0) > 0;
  return (
    <section className="warn" aria-label="Problems with Dealside's saved data">
      {notes.map((note) => (
        <p key={note.title}>
          <strong>{note.title}</strong> {note.detail}
        </p>
      ))}
      {hasCopies && (
        <button type="button" className="link" disabled={discard.isPending} onClick={() => discard.mutate()}>
          Remove the kept copy
        </button>
      )}
    </section>
  );
}
