import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { CHOICES, type Config, type ConfigKey } from '@/lib/config/schema';
import { sendToWorker } from '@/lib/messaging';
import managedSchema from '@/public/managed_schema.json';
import { DuplicateProtection } from './DuplicateProtection';
import { ErrorNote } from './ErrorNote';
import { queryKeys, useAuthStatus, useCallOutcomes, useConfigView, useOutbox } from './hooks/use-worker';
import { usePanelStore } from './state/panel-store';

const SCHEMA = managedSchema.properties as Record<string, { title: string; description: string }>;

type Editor = 'text' | 'lines' | 'boolean' | 'enum';
/** What a rep may edit here when the administrator has not set it. */
const EDITABLE: Partial<Record<ConfigKey, Editor>> = {
  crmProvider: 'enum',
  salesforceLoginUrl: 'text',
  salesforceClientId: 'text',
  hubspotClientId: 'text',
  hubspotTokenExchangeUrl: 'text',
  internalDomains: 'lines',
  excludedDomains: 'lines',
  personalDomains: 'lines',
  repRole: 'enum',
  logBody: 'enum',
  requireNextStep: 'boolean',
};

function display(value: unknown): string {
  if (Array.isArray(value)) {
    return (
      value
        .map((v) => (typeof v === 'object' && v && 'label' in v ? String(v.label) : String(v)))
        .join(', ') || '—'
    );
  }
  if (value && typeof value === 'object') return JSON.stringify(value);
  if (value === null || value === '') return '—';
  return String(value);
}

function Field({ name, config, locked }: { name: ConfigKey; config: Config; locked: boolean }) {
  const client = useQueryClient();
  const id = useId();
  const spec = SCHEMA[name];
  const editor = EDITABLE[name];
  const value = config[name];
  const [draft, setDraft] = useState(() => (Array.isArray(value) ? value.join('\n') : String(value ?? '')));
  const save = useMutation({
    mutationFn: (next: unknown) => sendToWorker('config.save', { edits: { [name]: next } }),
    onSuccess: (view) => {
      client.setQueryData(queryKeys.config, view);
      void client.invalidateQueries({ queryKey: queryKeys.auth });
    },
  });

  const readOnly = locked || !editor;
  const title = spec?.title ?? name;
  return (
    <div className="setting" role="group" aria-label={title}>
      {readOnly ? <span className="label">{title}</span> : <label htmlFor={id}>{title}</label>}
      {readOnly ? (
        <p className="setting-value">{display(value)}</p>
      ) : editor === 'boolean' ? (
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => save.mutate(e.target.checked)}
        />
      ) : editor === 'enum' ? (
        <select id={id} value={String(value ?? '')} onChange={(e) => save.mutate(e.target.value || null)}>
          {name === 'crmProvider' && <option value="">Choose…</option>}
          {(CHOICES[name as keyof typeof CHOICES] ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        <>
          {editor === 'lines' ? (
            <textarea id={id} rows={3} value={draft} onChange={(e) => setDraft(e.target.value)} />
          ) : (
            <input id={id} value={draft} onChange={(e) => setDraft(e.target.value)} />
          )}
          <button
            type="button"
            onClick={() =>
              save.mutate(
                editor === 'lines'
                  ? draft
                      .split(/[\n,]/)
                      .map((s) => s.trim())
                      .filter(Boolean)
                  : draft.trim(),
              )
            }
          >
            Save {spec?.title ?? name}
          </button>
        </>
      )}
      {locked && <p className="muted locked">Set by your administrator</p>}
      <p className="muted">{spec?.description}</p>
      <ErrorNote error={save.error} />
    </div>
  );
}

function SignOut() {
  const client = useQueryClient();
  const auth = useAuthStatus();
  const outbox = useOutbox();
  const [asking, setAsking] = useState(false);
  const forgetChoices = usePanelStore((state) => state.forgetChoices);
  const signOut = useMutation({
    mutationFn: (pending: 'keep' | 'discard') => sendToWorker('auth.signOut', { pending }),
    onSuccess: () => {
      setAsking(false);
      client.clear();
      forgetChoices();
    },
  });
  if (auth.data?.state !== 'signed-in' && auth.data?.state !== 'expired') return null;
  const pending = outbox.data?.items.length ?? 0;
  return (
    <section className="card" aria-labelledby="account-title">
      <h2 id="account-title">Account</h2>
      <p>
        Signed in{auth.data.userEmail ? ` as ${auth.data.userEmail}` : ''}
        {auth.data.method === 'private-app' ? ' with your administrator’s pilot token' : ''}.
      </p>
      {auth.data.identityProblem && (
        <p className="warn" role="status" aria-label="Who you are in the CRM">
          {auth.data.identityProblem}
        </p>
      )}
      {asking && pending > 0 ? (
        <div role="group" aria-label="What to do with items not yet logged">
          <p className="warn">
            {pending} {pending === 1 ? 'item is' : 'items are'} not in your CRM yet. What should happen to
            them?
          </p>
          <div className="row">
            <button type="button" onClick={() => signOut.mutate('keep')}>
              Keep them for my next sign-in
            </button>
            <button type="button" className="danger" onClick={() => signOut.mutate('discard')}>
              Discard them
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        auth.data.method !== 'private-app' && (
          <button type="button" onClick={() => (pending > 0 ? setAsking(true) : signOut.mutate('keep'))}>
            Sign out
          </button>
        )
      )}
      <p className="muted">Signing out removes your tokens and everything Dealside cached from the CRM.</p>
      <ErrorNote error={signOut.error} />
    </section>
  );
}

/** Only when something is off: HubSpot's outcome list could not be read and defaults stand in. */
function CallOutcomesNote() {
  const auth = useAuthStatus();
  const outcomes = useCallOutcomes(auth.data?.state === 'signed-in');
  const note = outcomes.data?.note;
  if (!note) return null;
  return (
    <section className="card" aria-labelledby="call-outcomes-title">
      <h2 id="call-outcomes-title">Call outcomes</h2>
      <p className="warn" role="status">
        {note}
      </p>
    </section>
  );
}

export function Settings({ onClose }: { onClose: () => void }) {
  const view = useConfigView();
  return (
    <div className="settings">
      <div className="row spread">
        <h1>Settings</h1>
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
      {view.data && view.data.warnings.length > 0 && (
        <ul className="flags" aria-label="Settings warnings">
          {view.data.warnings.map((w, i) => (
            <li key={`${w.source}:${w.key}:${i}`}>{w.message}</li>
          ))}
        </ul>
      )}
      <SignOut />
      {view.data?.config.crmProvider && (
        <DuplicateProtection
          provider={view.data.config.crmProvider}
          config={view.data.config}
          locked={view.data.locked.includes(
            view.data.config.crmProvider === 'hubspot' ? 'hubspotLogKeyProperty' : 'salesforceLogKeyField',
          )}
        />
      )}
      <CallOutcomesNote />
      <ErrorNote error={view.error} onRetry={() => void view.refetch()} />
      {view.data && (
        <section className="card" aria-label="All settings">
          {(Object.keys(SCHEMA) as ConfigKey[]).map((key) => (
            <Field key={key} name={key} config={view.data.config} locked={view.data.locked.includes(key)} />
          ))}
        </section>
      )}
    </div>
  );
}
