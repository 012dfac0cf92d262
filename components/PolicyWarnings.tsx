import { useConfigView } from './hooks/use-worker';

/**
 * On the main screen, not only in Settings: a rep must see at once that the administrator's
 * settings have a problem (and which), since the affected settings stay locked at their safest
 * values (sign-in may even be off) until the administrator fixes them.
 */
export function PolicyWarnings() {
  const view = useConfigView();
  const warnings = view.data?.warnings.filter((w) => w.source === 'policy') ?? [];
  if (warnings.length === 0) return null;
  return (
    <section className="warn" aria-label="Problems in your administrator's settings">
      <p>
        <strong>Your administrator's settings have a problem.</strong> Dealside uses the safest value for each
        setting concerned until they fix it; please tell them:
      </p>
      <ul>
        {warnings.map((w, i) => (
          <li key={`${w.key}:${i}`}>{w.message}</li>
        ))}
      </ul>
    </section>
  );
}
