/** The attach audit in the panel: the week's figure (per rep for a team) and the review list. */
import type { AuditFigureView } from '@/lib/audit/view';
import { figureText } from '@/lib/audit/moves';
import { AuditReview } from './AuditReview';
import { useAuditActions, useAuditView } from './use-audit';

export function AuditFigure({ figure }: { figure: AuditFigureView }) {
  return <p className="audit-figure">{figureText(figure)}</p>;
}

export function AuditSection() {
  const view = useAuditView();
  const { run } = useAuditActions();
  const data = view.data;
  if (!data?.available) return null;
  return (
    <section className="card audit" aria-labelledby="audit-title">
      <h2 id="audit-title">Activities on no deal</h2>
      <AuditFigure figure={data.figure} />
      {data.byOwner.length > 1 && (
        <ul className="audit-owners muted">
          {data.byOwner.map((figure) => (
            <li key={figure.ownerId ?? '-'}>
              {figure.ownerId ?? 'no owner'}: {figureText(figure)}
            </li>
          ))}
        </ul>
      )}
      {data.notes.map((note) => (
        <p key={note} className="muted">
          {note}
        </p>
      ))}
      <AuditReview />
      <button type="button" className="link" disabled={run.isPending} onClick={() => run.mutate()}>
        {run.isPending ? 'Checking…' : 'Check now'}
      </button>
    </section>
  );
}
