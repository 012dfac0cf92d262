/**
 * The audit's review list: what it moved (with Undo), what waits for one click, and the `ask`
 * ones with their candidates, each with its reasons. Reusable on its own (e.g. in "My day").
 */
import type { ReviewLineView } from '@/lib/audit/view';
import { relativeDays } from '@/lib/format';
import { useAuditActions, useAuditView } from './use-audit';

const NOUN = { email: 'Email', meeting: 'Meeting', call: 'Call' } as const;

function Reasons({ reasons }: { reasons: readonly string[] }) {
  return (
    <ul className="reasons muted">
      {reasons.map((reason) => (
        <li key={reason}>{reason}</li>
      ))}
    </ul>
  );
}

function Line({ line }: { line: ReviewLineView }) {
  const { attach, undo } = useAuditActions();
  const ids = { activityId: line.activityId };
  const busy = attach.isPending || undo.isPending;
  const title = `${NOUN[line.kind]}${line.subject ? ` “${line.subject}”` : ''}`;
  return (
    <li className="audit-line" data-status={line.status}>
      <p>
        <strong>{title}</strong> <span className="muted">{relativeDays(line.at, new Date())}</span>
      </p>
      {line.status === 'attached' && line.opportunityId && (
        <>
          <p>Moved to {line.dealName}</p>
          <Reasons reasons={line.reasons} />
          <button
            type="button"
            disabled={busy}
            onClick={() => undo.mutate({ ...ids, opportunityId: line.opportunityId! })}
          >
            Undo
          </button>
        </>
      )}
      {line.status === 'queued' && <p className="muted">Moving to {line.dealName}…</p>}
      {line.status === 'undone' && <p className="muted">Undone: left off {line.dealName}</p>}
      {line.status === 'failed' && (
        <p className="muted">
          Not moved to {line.dealName}: {line.problem}
        </p>
      )}
      {line.status === 'to-review' &&
        (line.decision === 'attach' && line.opportunityId ? (
          <>
            <Reasons reasons={line.reasons} />
            <button
              type="button"
              disabled={busy}
              onClick={() => attach.mutate({ ...ids, opportunityId: line.opportunityId! })}
            >
              Attach to {line.dealName}
            </button>
          </>
        ) : (
          <>
            <p className="muted">Which deal? The audit could not tell.</p>
            <ul className="candidates">
              {line.candidates.map((candidate) => (
                <li key={candidate.opportunityId}>
                  <Reasons reasons={candidate.reasons} />
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => attach.mutate({ ...ids, opportunityId: candidate.opportunityId })}
                  >
                    Attach to {candidate.name}
                  </button>
                </li>
              ))}
            </ul>
          </>
        ))}
    </li>
  );
}

export function AuditReview({ limit }: { limit?: number }) {
  const view = useAuditView();
  const lines = (view.data?.lines ?? []).slice(0, limit);
  if (lines.length === 0) return null;
  return (
    <ul className="audit-review" aria-label="Activities to review">
      {lines.map((line) => (
        <Line key={line.activityId} line={line} />
      ))}
    </ul>
  );
}
