/**
 * Shown where the log form would be when Dealside cannot read its own settings: a missing
 * form with no reason is the worst answer, so this says what failed and what to do.
 */
export function ConfigProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <section className="card" aria-label="Settings problem">
      <div className="error" role="alert">
        <p>
          <strong>Dealside could not read its settings, so it cannot show the log form.</strong>
        </p>
        <p>{message}</p>
      </div>
      <p>
        What to do: try again. If this stays, send the message above to your administrator; the policy may
        hold a value Dealside cannot use (they can check it on Dealside’s admin page).
      </p>
      <div className="row">
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    </section>
  );
}
