import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { resolveConfig } from '@/lib/config/resolve';
import { CONFIG_KEYS, defaultConfig, SECRET_KEYS, type ConfigKey } from '@/lib/config/schema';
import { sendToWorker } from '@/lib/messaging';
import { adminConsoleJson, ADMIN_ONLY_KEYS, describeValue, withoutSecrets } from '@/lib/panel/settings-model';
import managedSchema from '@/public/managed_schema.json';
import { ErrorNote } from '../ErrorNote';

const SCHEMA = managedSchema.properties as Record<string, { title: string }>;
const DEFAULTS = defaultConfig();
const titleOf = (key: string) => SCHEMA[key]?.title ?? key;
const isKnown = (key: string): key is ConfigKey => (CONFIG_KEYS as string[]).includes(key);

function Warnings({ label, warnings }: { label: string; warnings: { key: string; message: string }[] }) {
  if (warnings.length === 0) return <p className="ok">No warnings.</p>;
  return (
    <ul className="flags" aria-label={label}>
      {warnings.map((w) => (
        <li key={`${w.key}:${w.message}`}>{w.message}</li>
      ))}
    </ul>
  );
}

/** What the current policy sets, key by key, in words. */
function CurrentPolicy({ policy }: { policy: Record<string, unknown> }) {
  const keys = Object.keys(policy);
  if (keys.length === 0) {
    return (
      <p>
        No policy applies to this browser: every setting is at its default or what the rep chose in the panel.
      </p>
    );
  }
  return (
    <table aria-label="Set by policy">
      <thead>
        <tr>
          <th>Setting</th>
          <th>Value</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <tr key={key}>
            <th scope="row">{titleOf(key)}</th>
            <td>{isKnown(key) ? describeValue(key, policy[key]) : 'Not a Dealside setting'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Accepts the policy as Dealside reads it (`{"key": value}`) or as the Admin console file
 * (`{"key": {"Value": value}}`), so an exported file can be pasted back.
 */
function parseDraft(
  text: string,
): { ok: true; policy: Record<string, unknown> } | { ok: false; why: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text || '{}');
  } catch (error) {
    return { ok: false, why: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, why: 'A policy is a JSON object: {"crmProvider": "hubspot", …}.' };
  }
  const entries = Object.entries(parsed as Record<string, unknown>);
  const consoleFormat =
    entries.length > 0 &&
    entries.every(([, v]) => v !== null && typeof v === 'object' && !Array.isArray(v) && 'Value' in v);
  return {
    ok: true,
    policy: consoleFormat
      ? Object.fromEntries(entries.map(([k, v]) => [k, (v as { Value: unknown }).Value]))
      : (parsed as Record<string, unknown>),
  };
}

function download(text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'dealside-policy.json';
  link.click();
  URL.revokeObjectURL(url);
}

/** Edit a policy, see what reps would get and what would be ignored, export it for the console. */
function PolicyPreview({ initial, hadSecrets }: { initial: Record<string, unknown>; hadSecrets: boolean }) {
  const [text, setText] = useState(() => JSON.stringify(initial, null, 2));
  const id = useId();
  const draft = useMemo(() => parseDraft(text), [text]);
  const preview = useMemo(() => (draft.ok ? resolveConfig(draft.policy, {}) : null), [draft]);
  // A key with an invalid value stays locked (fail closed) but is not exported: the console
  // should never push a value Dealside refuses.
  const accepted = preview
    ? preview.locked.filter((key) => !preview.warnings.some((w) => w.source === 'policy' && w.key === key))
    : [];
  const exported = draft.ok && preview ? adminConsoleJson(draft.policy, accepted) : '';
  return (
    <section className="card" aria-label="Preview a policy">
      <h2>Preview a policy</h2>
      <label htmlFor={id}>Policy JSON</label>
      <textarea id={id} rows={12} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
      {hadSecrets && (
        <p className="muted">
          The private app token is never shown here or exported: add it in the Admin console yourself.
        </p>
      )}
      {!draft.ok && (
        <p className="error" role="alert">
          {draft.why}
        </p>
      )}
      {preview && (
        <>
          <h3>Warnings</h3>
          <Warnings label="Preview warnings" warnings={preview.warnings} />
          <h3>What reps get</h3>
          <table aria-label="Effective settings">
            <thead>
              <tr>
                <th>Setting</th>
                <th>Value</th>
                <th>Rep can change</th>
              </tr>
            </thead>
            <tbody>
              {CONFIG_KEYS.map((key) => (
                <tr key={key}>
                  <th scope="row">{titleOf(key)}</th>
                  <td>{describeValue(key, preview.config[key])}</td>
                  <td>
                    {preview.locked.includes(key)
                      ? 'No, set by policy'
                      : SECRET_KEYS.has(key) || ADMIN_ONLY_KEYS.includes(key)
                        ? 'No, admin only'
                        : 'Yes'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>For the Admin console</h3>
          <p className="muted">
            Chrome → Apps &amp; extensions → Dealside → Policy for extensions. Values with a warning are left
            out.
          </p>
          <pre aria-label="Policy JSON for the Admin console">{exported}</pre>
          <div className="row">
            <button type="button" className="primary" onClick={() => download(exported)}>
              Download policy JSON
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** The admin page (the extension's options page): what policy set, admin-only keys, a preview. */
export function AdminPage() {
  const admin = useQuery({ queryKey: ['config.admin'], queryFn: () => sendToWorker('config.admin', {}) });
  const data = admin.data;
  return (
    <div className="admin">
      <h1>Dealside — admin</h1>
      <p className="muted">
        For the administrator who deploys Dealside through Chrome policy. Reps change their own settings in
        the panel.
      </p>
      <ErrorNote error={admin.error} onRetry={() => void admin.refetch()} />
      {data && (
        <>
          <section className="card" aria-label="What policy sets">
            <h2>What policy sets</h2>
            <CurrentPolicy policy={data.policy} />
            <Warnings
              label="Policy warnings"
              warnings={data.view.warnings.filter((w) => w.source === 'policy')}
            />
          </section>
          <section className="card" aria-label="Admin-only settings">
            <h2>Admin-only settings</h2>
            <table aria-label="Admin-only settings">
              <thead>
                <tr>
                  <th>Setting</th>
                  <th>In effect</th>
                  <th>From</th>
                </tr>
              </thead>
              <tbody>
                {ADMIN_ONLY_KEYS.map((key) => (
                  <tr key={key}>
                    <th scope="row">{titleOf(key)}</th>
                    <td>{describeValue(key, data.view.config[key])}</td>
                    <td>
                      {data.view.locked.includes(key)
                        ? 'Policy'
                        : JSON.stringify(data.view.config[key]) === JSON.stringify(DEFAULTS[key])
                          ? 'Default'
                          : 'This browser'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <PolicyPreview
            initial={withoutSecrets(data.policy)}
            hadSecrets={Object.keys(data.policy).some((k) => SECRET_KEYS.has(k as ConfigKey))}
          />
        </>
      )}
    </div>
  );
}
