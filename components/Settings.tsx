import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import type { Config, ConfigKey } from '@/lib/config/schema';
import { sendToWorker } from '@/lib/messaging';
import {
  connectionKeys,
  CRM_LABELS,
  describeValue,
  CAPTURE_MODE_OPTIONS,
  LOG_BODY_OPTIONS,
  REP_GROUPS,
  ROLE_LABELS,
} from '@/lib/panel/settings-model';
import managedSchema from '@/public/managed_schema.json';
import { DuplicateProtection } from './DuplicateProtection';
import { ErrorNote } from './ErrorNote';
import { GoogleCalendarConnection } from './GoogleCalendarConnection';
import { queryKeys, useAuthStatus, useCallOutcomes, useConfigView, useOutbox } from './hooks/use-worker';
import { usePanelStore } from './state/panel-store';

const SCHEMA = managedSchema.properties as Record<string, { title: string; description: string }>;

function useSave() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (edits: Record<string, unknown>) => sendToWorker('config.save', { edits }),
    onSuccess: (view) => {
      client.setQueryData(queryKeys.config, view);
      void client.invalidateQueries({ queryKey: queryKeys.auth });
    },
  });
}

/** One setting: its control, or its value in words when the administrator set it. */
function Setting({
  name,
  config,
  locked,
  children,
}: {
  name: ConfigKey;
  config: Config;
  locked: boolean;
  children: (ids: { input: string }) => ReactNode;
}) {
  const id = useId();
  const spec = SCHEMA[name];
  const title = spec?.title ?? name;
  return (
    <div className="setting" role="group" aria-label={title}>
      {locked ? <span className="label">{title}</span> : <label htmlFor={id}>{title}</label>}
      {locked ? (
        <p className="setting-value">{describeValue(name, config[name])}</p>
      ) : (
        children({ input: id })
      )}
      {locked && <p className="muted locked">Set by your administrator</p>}
      <p className="muted">{spec?.description}</p>
    </div>
  );
}

function TextSetting({ name, config, lines }: { name: ConfigKey; config: Config; lines?: boolean }) {
  const value = config[name];
  const [draft, setDraft] = useState(() => (Array.isArray(value) ? value.join('\n') : String(value ?? '')));
  const save = useSave();
  return (
    <Setting name={name} config={config} locked={false}>
      {({ input }) => (
        <>
          {lines ? (
            <textarea id={input} rows={3} value={draft} onChange={(e) => setDraft(e.target.value)} />
          ) : (
            <input id={input} value={draft} onChange={(e) => setDraft(e.target.value)} />
          )}
          <button
            type="button"
            onClick={() =>
              save.mutate({
                [name]: lines
                  ? draft
                      .split(/[\n,]/)
                      .map((s) => s.trim())
                      .filter(Boolean)
                  : draft.trim(),
              })
            }
          >
            Save {SCHEMA[name]?.title ?? name}
          </button>
          <ErrorNote error={save.error} />
        </>
      )}
    </Setting>
  );
}

function Choice<T extends string>({
  name,
  config,
  options,
  empty,
}: {
  name: ConfigKey;
  config: Config;
  options: [T, string][];
  empty?: string;
}) {
  const save = useSave();
  return (
    <Setting name={name} config={config} locked={false}>
      {({ input }) => (
        <>
          <select
            id={input}
            value={String(config[name] ?? '')}
            onChange={(e) => save.mutate({ [name]: e.target.value || null })}
          >
            {empty !== undefined && <option value="">{empty}</option>}
            {options.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <ErrorNote error={save.error} />
        </>
      )}
    </Setting>
  );
}

function NumberInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number;
  onChange: (value: number) => void;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={0}
        value={Number.isFinite(value) ? value : ''}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </div>
  );
}

/** The rep's own daily targets, three numbers; the other role's stay as they are. */
function TargetsSetting({ config }: { config: Config }) {
  const role = config.repRole;
  const [draft, setDraft] = useState(config.activityTargets[role]);
  const save = useSave();
  return (
    <Setting name="activityTargets" config={config} locked={false}>
      {() => (
        <>
          <p className="hint">Per day, for {ROLE_LABELS[role].toLowerCase()}s</p>
          <div className="targets">
            {(['calls', 'emails', 'meetings'] as const).map((kind) => (
              <NumberInput
                key={kind}
                label={kind[0]!.toUpperCase() + kind.slice(1)}
                value={draft[kind]}
                onChange={(n) => setDraft({ ...draft, [kind]: n })}
              />
            ))}
          </div>
          <button
            type="button"
            onClick={() => save.mutate({ activityTargets: { ...config.activityTargets, [role]: draft } })}
          >
            Save daily targets
          </button>
          <ErrorNote error={save.error} />
        </>
      )}
    </Setting>
  );
}

function NoTouchSetting({ config }: { config: Config }) {
  const [draft, setDraft] = useState(config.noTouchDays);
  const save = useSave();
  return (
    <Setting name="noTouchDays" config={config} locked={false}>
      {() => (
        <>
          <div className="grid2">
            <NumberInput
              label="Any open deal"
              value={draft.open}
              onChange={(open) => setDraft({ ...draft, open })}
            />
            <NumberInput
              label="Late-stage deal"
              value={draft.lateStage}
              onChange={(lateStage) => setDraft({ ...draft, lateStage })}
            />
          </div>
          <button type="button" onClick={() => save.mutate({ noTouchDays: draft })}>
            Save days without a touch
          </button>
          <ErrorNote error={save.error} />
        </>
      )}
    </Setting>
  );
}

/** Expected days per stage as rows: a stage, its days, remove; and a row to add one. */
function StageAgesSetting({ config }: { config: Config }) {
  const [rows, setRows] = useState(() => Object.entries(config.stageAgeTargets));
  const [stage, setStage] = useState('');
  const [days, setDays] = useState(14);
  const save = useSave();
  const ids = { stage: useId() };
  const commit = (next: [string, number][]) => {
    setRows(next);
    save.mutate({ stageAgeTargets: Object.fromEntries(next) });
  };
  return (
    <Setting name="stageAgeTargets" config={config} locked={false}>
      {() => (
        <>
          <p className="hint">
            {rows.length === 0
              ? 'Using the defaults: 14 days, 21 in proposal and negotiation stages.'
              : 'Stages not listed: 14 days (21 in proposal and negotiation).'}
          </p>
          {rows.length > 0 && (
            <ul className="stage-ages" aria-label="Expected days per stage">
              {rows.map(([name, value]) => (
                <li key={name} className="row spread">
                  <span>
                    {name}: {value} days
                  </span>
                  <button
                    type="button"
                    aria-label={`Remove ${name}`}
                    onClick={() => commit(rows.filter(([n]) => n !== name))}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="grid2">
            <div>
              <label htmlFor={ids.stage}>Stage</label>
              <input
                id={ids.stage}
                value={stage}
                placeholder="e.g. Proposal"
                onChange={(e) => setStage(e.target.value)}
              />
            </div>
            <NumberInput label="Days" value={days} onChange={setDays} />
          </div>
          <button
            type="button"
            disabled={stage.trim() === ''}
            onClick={() => {
              commit([...rows.filter(([n]) => n !== stage.trim()), [stage.trim(), days]]);
              setStage('');
            }}
          >
            Add stage
          </button>
          <ErrorNote error={save.error} />
        </>
      )}
    </Setting>
  );
}

function RequireNextStep({ config }: { config: Config }) {
  const save = useSave();
  return (
    <Setting name="requireNextStep" config={config} locked={false}>
      {({ input }) => (
        <>
          <input
            id={input}
            type="checkbox"
            checked={config.requireNextStep}
            onChange={(e) => save.mutate({ requireNextStep: e.target.checked })}
          />
          <ErrorNote error={save.error} />
        </>
      )}
    </Setting>
  );
}

/** The control for one key a rep may change, or its value in words when it is locked. */
function RepSetting({ name, config, locked }: { name: ConfigKey; config: Config; locked: boolean }) {
  if (locked) return <Setting name={name} config={config} locked children={() => null} />;
  switch (name) {
    case 'crmProvider':
      return (
        <Choice
          name={name}
          config={config}
          empty="Choose…"
          options={Object.entries(CRM_LABELS) as [string, string][]}
        />
      );
    case 'repRole':
      return (
        <Choice name={name} config={config} options={Object.entries(ROLE_LABELS) as [string, string][]} />
      );
    case 'logBody':
      return <Choice name={name} config={config} options={LOG_BODY_OPTIONS} />;
    case 'captureSent':
    case 'captureReceived':
    case 'captureMeetings':
      return <Choice name={name} config={config} options={CAPTURE_MODE_OPTIONS} />;
    case 'activityTargets':
      return <TargetsSetting key={config.repRole} config={config} />;
    case 'noTouchDays':
      return <NoTouchSetting config={config} />;
    case 'stageAgeTargets':
      return <StageAgesSetting config={config} />;
    case 'requireNextStep':
      return <RequireNextStep config={config} />;
    case 'internalDomains':
    case 'excludedDomains':
    case 'personalDomains':
      return <TextSetting name={name} config={config} lines />;
    default:
      return <TextSetting name={name} config={config} />;
  }
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

function Group({
  title,
  keys,
  config,
  locked,
}: {
  title: string;
  keys: ConfigKey[];
  config: Config;
  locked: string[];
}) {
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {keys.map((key) => (
        <RepSetting key={key} name={key} config={config} locked={locked.includes(key)} />
      ))}
    </section>
  );
}

/**
 * The rep's Settings: what a rep may change, as controls; what the administrator set, in
 * words. Admin-only keys (field names, reason codes, the pilot token…) are on the admin page.
 */
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
  const data = view.data;
  return (
    <div className="settings">
      <div className="row spread">
        <h1>Settings</h1>
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
      {data && data.warnings.length > 0 && (
        <ul className="flags" aria-label="Settings warnings">
          {data.warnings.map((w, i) => (
            <li key={`${w.source}:${w.key}:${i}`}>{w.message}</li>
          ))}
        </ul>
      )}
      <SignOut />
      <GoogleCalendarConnection />
      {data?.config.crmProvider && (
        <DuplicateProtection
          provider={data.config.crmProvider}
          config={data.config}
          locked={data.locked.includes(
            data.config.crmProvider === 'hubspot' ? 'hubspotLogKeyProperty' : 'salesforceLogKeyField',
          )}
        />
      )}
      <CallOutcomesNote />
      <ErrorNote error={view.error} onRetry={() => void view.refetch()} />
      {data && (
        <>
          <Group
            title="Your CRM"
            keys={[...REP_GROUPS.crm, ...connectionKeys(data.config.crmProvider)]}
            config={data.config}
            locked={data.locked}
          />
          <Group title="Your day" keys={REP_GROUPS.day} config={data.config} locked={data.locked} />
          <Group
            title="What Dealside logs"
            keys={REP_GROUPS.logging}
            config={data.config}
            locked={data.locked}
          />
          <Group title="Whose mail counts" keys={REP_GROUPS.mail} config={data.config} locked={data.locked} />
          <p className="muted">
            Reason codes, call outcomes, CRM field names and what your administrator set are on the{' '}
            <button type="button" className="link" onClick={() => void browser.runtime.openOptionsPage()}>
              admin page
            </button>
            .
          </p>
        </>
      )}
    </div>
  );
}
