/**
 * Auto-capture in the panel: suggestions waiting for one click (singly or all at once) and what
 * was captured today, where it went and why; an automatic log can be undone from here.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { sendToWorker } from '@/lib/messaging';
import type { CaptureView } from '@/lib/protocol/capture';

const CAPTURES = ['captures'] as const;

function startOfToday(): number {
  const day = new Date();
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

function useCaptures() {
  const client = useQueryClient();
  useEffect(() => {
    const listener = (changes: Record<string, unknown>, area: string) => {
      const keys = Object.keys(changes);
      if (area === 'local' && keys.some((k) => k === 'capture.records' || k.startsWith('outbox.'))) {
        void client.invalidateQueries({ queryKey: CAPTURES });
      }
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, [client]);
  return useQuery({
    queryKey: CAPTURES,
    queryFn: () => sendToWorker('capture.list', { since: startOfToday() }),
  });
}

function useCaptureAction<T>(send: (input: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => client.invalidateQueries({ queryKey: CAPTURES }),
  });
}

const KIND_WORDS = { sent: 'Sent email', received: 'Received email', meeting: 'Meeting' } as const;

function Suggestion({ capture }: { capture: CaptureView }) {
  const [choice, setChoice] = useState(capture.opportunityId ?? '');
  const confirm = useCaptureAction((opportunityId: string) =>
    sendToWorker('capture.confirm', { items: [{ id: capture.id, opportunityId }] }),
  );
  const dismiss = useCaptureAction(() => sendToWorker('capture.dismiss', { id: capture.id }));
  const deal = capture.candidates.find((c) => c.opportunityId === choice)?.name ?? capture.destination;
  return (
    <li className="capture-item">
      <p>
        <strong>{KIND_WORDS[capture.kind]}:</strong> {capture.title || '(no subject)'}
      </p>
      <p className="muted">{capture.why}</p>
      {capture.decision === 'ask' && (
        <label>
          Deal{' '}
          <select value={choice} onChange={(event) => setChoice(event.target.value)}>
            {capture.candidates.map((c) => (
              <option key={c.opportunityId} value={c.opportunityId}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="row">
        <button
          type="button"
          className="primary"
          aria-label={`Confirm: ${capture.title || 'this touch'} to ${deal}`}
          disabled={confirm.isPending}
          onClick={() => confirm.mutate(choice)}
        >
          Add to {deal}
        </button>
        <button type="button" onClick={() => dismiss.mutate(undefined)} disabled={dismiss.isPending}>
          Dismiss
        </button>
      </div>
    </li>
  );
}

const STATE_WORDS: Record<CaptureView['state'], string> = {
  suggested: 'Waiting',
  sending: 'Sending',
  logged: 'Logged',
  failed: 'Not logged',
  undone: 'Undone',
  dismissed: 'Dismissed',
};

function Captured({ capture }: { capture: CaptureView }) {
  const undo = useCaptureAction(() => sendToWorker('capture.undo', { id: capture.id }));
  const live = capture.state === 'sending' || capture.state === 'logged' || capture.state === 'failed';
  return (
    <li className="capture-item">
      <p>
        <strong>{KIND_WORDS[capture.kind]}:</strong> {capture.title || '(no subject)'}
      </p>
      {live && capture.auto ? (
        <p role="status">
          {capture.state === 'logged' ? 'Logged' : 'Logging'} to {capture.destination} automatically ·{' '}
          <button
            type="button"
            className="link"
            aria-label={`Undo: ${capture.title || 'this touch'}`}
            disabled={undo.isPending}
            onClick={() => undo.mutate(undefined)}
          >
            Undo
          </button>
        </p>
      ) : (
        <p>
          {STATE_WORDS[capture.state]}
          {live ? ` to ${capture.destination}` : ''}
        </p>
      )}
      <p className="muted">Why: {capture.why}</p>
    </li>
  );
}

export function CaptureList() {
  const captures = useCaptures();
  const confirmAll = useCaptureAction((ids: string[]) =>
    sendToWorker('capture.confirm', { items: ids.map((id) => ({ id })) }),
  );
  const all = captures.data ?? [];
  const waiting = all.filter((c) => c.state === 'suggested');
  const today = all.filter((c) => c.state !== 'suggested' && c.state !== 'dismissed');
  if (waiting.length === 0 && today.length === 0) return null;
  return (
    <>
      {waiting.length > 0 && (
        <section className="card capture" aria-labelledby="capture-waiting">
          <div className="row spread">
            <h2 id="capture-waiting">Waiting for you ({waiting.length})</h2>
            {waiting.length > 1 && (
              <button
                type="button"
                onClick={() => confirmAll.mutate(waiting.map((c) => c.id))}
                disabled={confirmAll.isPending}
              >
                Add all ({waiting.length})
              </button>
            )}
          </div>
          <ul>
            {waiting.map((capture) => (
              <Suggestion key={capture.id} capture={capture} />
            ))}
          </ul>
        </section>
      )}
      {today.length > 0 && (
        <section className="card capture" aria-labelledby="capture-today">
          <h2 id="capture-today">Captured today</h2>
          <ul>
            {today.map((capture) => (
              <Captured key={capture.id} capture={capture} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
