import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { sendToWorker } from '@/lib/messaging';
import type { OutboxItem } from '@/lib/outbox/item';
import { waitsForOtherTenant } from '@/lib/outbox/tenant';
import { relativeDays } from '@/lib/format';
import { queryKeys, useAuthStatus, useOutbox } from './hooks/use-worker';

const CRM_NAMES = { hubspot: 'HubSpot', salesforce: 'Salesforce' } as const;

/** Signed out (or the session ended), nothing can reach the CRM: saying "retried" would be untrue. */
function Item({ item, signedOut, crm }: { item: OutboxItem; signedOut: boolean; crm: string }) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.outbox });
  const retry = useMutation({
    mutationFn: () => sendToWorker('outbox.retry', { key: item.key }),
    onSuccess: refresh,
  });
  const discard = useMutation({
    mutationFn: () => sendToWorker('outbox.discard', { key: item.key }),
    onSuccess: refresh,
  });
  const failed = item.state === 'failed';
  // Retrying cannot help an item made for another portal/org: only that sign-in sends it.
  const elsewhere = !signedOut && waitsForOtherTenant(item);
  return (
    <li className={failed ? 'outbox-item failed' : 'outbox-item'}>
      <p>
        <strong>{failed ? 'Not logged' : 'Waiting'}:</strong> {item.label}
      </p>
      {item.lastError && <p className="muted">{item.lastError.message}</p>}
      <p className="muted">
        {elsewhere
          ? `Queued ${relativeDays(new Date(item.createdAt).toISOString(), new Date())}; it waits for that sign-in.`
          : signedOut
            ? failed
              ? `Sign in to ${crm}, then retry it.`
              : `Queued ${relativeDays(new Date(item.createdAt).toISOString(), new Date())}; it will be sent after you sign in to ${crm}.`
            : failed
              ? 'Nothing will happen until you retry.'
              : `Queued ${relativeDays(new Date(item.createdAt).toISOString(), new Date())}; retried automatically.`}
      </p>
      {confirming ? (
        <div className="row" role="group" aria-label="Confirm discard">
          <span>Discard for good? It will not reach the CRM.</span>
          <button type="button" className="danger" onClick={() => discard.mutate()}>
            Discard
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </div>
      ) : (
        <div className="row">
          {!signedOut && !elsewhere && (
            <button type="button" onClick={() => retry.mutate()} disabled={retry.isPending}>
              Retry now
            </button>
          )}
          <button type="button" onClick={() => setConfirming(true)}>
            Discard…
          </button>
        </div>
      )}
    </li>
  );
}

/** Everything not yet in the CRM: nothing is ever dropped without the rep seeing it. */
export function OutboxList() {
  const outbox = useOutbox();
  const auth = useAuthStatus();
  const items = outbox.data?.items ?? [];
  if (items.length === 0) return null;
  const signedOut = auth.data !== undefined && auth.data.state !== 'signed-in';
  const crm = auth.data?.provider ? CRM_NAMES[auth.data.provider] : 'your CRM';
  return (
    <section className="card outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title">Not yet in your CRM ({items.length})</h2>
      <ul>
        {items
          .sort((a, b) => a.createdAt - b.createdAt)
          .map((item) => (
            <Item key={item.key} item={item} signedOut={signedOut} crm={crm} />
          ))}
      </ul>
    </section>
  );
}
