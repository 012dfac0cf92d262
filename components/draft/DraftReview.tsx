import { useId } from 'react';
import type { DraftOutcome } from '@/lib/drafting';
import { FIELD_LABELS, type QualificationRow } from '@/lib/panel/post-call';

/** Which engine drafted, in words, and why not the other one. */
function EngineLine({
  outcome,
  pending,
  progress,
}: {
  outcome: DraftOutcome;
  pending: boolean;
  progress: number | null;
}) {
  const byModel = outcome.draft.engine === 'on-device';
  return (
    <p className="hint" role="status" aria-label="Drafting engine">
      {byModel
        ? 'Drafted on this device by Chrome’s built-in model.'
        : pending
          ? progress !== null
            ? `Drafted by the rules while Chrome downloads its built-in model (${Math.round(progress * 100)}%).`
            : 'Drafted by the rules; the on-device model is drafting…'
          : (outcome.status.note ?? 'Drafted by the rules.')}
    </p>
  );
}

/**
 * The post-call screen's drafts: the summary (one click puts it in the body), qualification
 * suggestions with the sentence each came from (one click accepts; editing the value overrides
 * and accepts it), and the recording link logged with the meeting. Page text is shown as text,
 * never as HTML.
 */
export function DraftReview({
  outcome,
  pending,
  progress,
  summaryUsed,
  onUseSummary,
  rows,
  onRows,
  mapped,
  recordingUrl,
}: {
  outcome: DraftOutcome;
  pending: boolean;
  progress: number | null;
  summaryUsed: boolean;
  onUseSummary: () => void;
  rows: QualificationRow[];
  onRows: (rows: QualificationRow[]) => void;
  /** Whether the admin mapped the field to a CRM property/field (else it goes in the body). */
  mapped: (field: QualificationRow['field']) => boolean;
  recordingUrl: string | null;
}) {
  const idBase = useId();
  const { summary } = outcome.draft;
  const set = (index: number, patch: Partial<QualificationRow>) =>
    onRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <section className="draft" aria-label="Drafted for you">
      <EngineLine outcome={outcome} pending={pending} progress={progress} />
      {summary.length > 0 && (
        <div className="draft-summary">
          <span className="label">Summary</span>
          <ul aria-label="Summary">
            {summary.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
          <button type="button" onClick={onUseSummary} disabled={summaryUsed} aria-pressed={summaryUsed}>
            {summaryUsed ? 'Summary in the body' : 'Use summary'}
          </button>
        </div>
      )}
      {rows.length > 0 && (
        <fieldset aria-label="Qualification">
          <legend>Qualification</legend>
          {rows.map((row, index) => (
            <div className="qualification" key={row.field}>
              <label htmlFor={`${idBase}-${row.field}`}>{FIELD_LABELS[row.field]}</label>
              <input
                id={`${idBase}-${row.field}`}
                value={row.value}
                onChange={(e) => set(index, { value: e.target.value, accepted: true })}
              />
              <button
                type="button"
                aria-pressed={row.accepted}
                aria-label={`${row.accepted ? 'Accepted' : 'Accept'} ${FIELD_LABELS[row.field]}`}
                onClick={() => set(index, { accepted: !row.accepted })}
              >
                {row.accepted ? 'Accepted' : 'Accept'}
              </button>
              <q className="muted evidence">{row.evidence}</q>
              {!mapped(row.field) && (
                <span className="hint">
                  Not mapped to a CRM field by your admin: added to the log’s text.
                </span>
              )}
            </div>
          ))}
        </fieldset>
      )}
      {recordingUrl && (
        <p className="recording">
          <span className="label">Recording</span> <code>{recordingUrl}</code>{' '}
          <span className="hint">logged with the meeting</span>
        </p>
      )}
    </section>
  );
}
