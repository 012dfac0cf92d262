import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Config } from '@/lib/config/schema';
import type { Provider } from '@/lib/domain/types';
import { sendToWorker } from '@/lib/messaging';
import { ErrorNote } from './ErrorNote';
import { queryKeys, useOutbox } from './hooks/use-worker';

const FIELD_SETTING = { hubspot: 'hubspotLogKeyProperty', salesforce: 'salesforceLogKeyField' } as const;
const GUIDE = { hubspot: 'docs/admin-hubspot.md', salesforce: 'docs/admin-salesforce.md' } as const;

/**
 * Which duplicate protection is running, in words a rep and an admin can check: the CRM's own
 * unique key, or Dealside's marker looked up before and after every write. Offers the one-click
 * upgrade where the CRM lets an app create the key.
 */
export function DuplicateProtection({
  provider,
  config,
  locked,
}: {
  provider: Provider;
  config: Config;
  locked: boolean;
}) {
  const client = useQueryClient();
  const outbox = useOutbox();
  const field = config[FIELD_SETTING[provider]];
  const removed = (outbox.data?.ledger ?? []).reduce((sum, entry) => sum + (entry.duplicatesRemoved ?? 0), 0);
  const create = useMutation({
    mutationFn: () => sendToWorker('logKey.create', {}),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.config }),
  });
  return (
    <section className="card" aria-labelledby="duplicates-title">
      <h2 id="duplicates-title">Duplicate protection</h2>
      {field ? (
        <p>
          Guaranteed by a unique key: your CRM refuses a second record with the same <code>{field}</code>.
        </p>
      ) : (
        <>
          <p>
            Checked by marker: Dealside looks for its reference in your CRM before every log, and again after
            it, and deletes any second copy.
          </p>
          {provider === 'hubspot' && !locked && (
            <button type="button" onClick={() => create.mutate()} disabled={create.isPending}>
              Create the unique key in HubSpot
            </button>
          )}
          <p className="muted">
            A unique key makes this a guarantee: see {GUIDE[provider]} for the steps
            {provider === 'salesforce' ? ' (an admin creates the External ID field)' : ''}.
          </p>
        </>
      )}
      {create.data && (
        <p className="ok" role="status">
          Created {create.data.field}.{' '}
          {create.data.savedForYou
            ? 'Dealside uses it for your logs now; ask your admin to set it in the policy for the team.'
            : 'Ask your admin to set it in the policy.'}
        </p>
      )}
      {removed > 0 && (
        <p className="muted">
          {removed} {removed === 1 ? 'duplicate was' : 'duplicates were'} found and removed.
        </p>
      )}
      <ErrorNote error={create.error} />
    </section>
  );
}
