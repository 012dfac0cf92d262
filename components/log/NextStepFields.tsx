import { useId } from 'react';
import type { LogForm } from '@/lib/panel/build-writes';

type NextStep = LogForm['nextStep'];

const PROPOSED_FROM = {
  you: 'Proposed from what you committed to in this thread.',
  them: 'Proposed from what they committed to in this thread.',
  agenda: 'Proposed from the meeting description.',
} as const;

/**
 * The next step: what, when (owner: the rep) and one sentence on what it unblocks. It says
 * where a proposed step came from, and a required one cannot be switched off.
 */
export function NextStepFields({
  step,
  required,
  nextStageLabel,
  repEmail,
  onChange,
}: {
  /** The rep's address, to tell a step someone else committed to. */
  repEmail?: string | null;
  step: NextStep;
  required: boolean;
  nextStageLabel: string | null;
  onChange: (step: NextStep) => void;
}) {
  const ids = { what: useId(), due: useId(), unblocks: useId() };
  const set = (patch: Partial<NextStep>) => onChange({ ...step, ...patch });
  return (
    <fieldset>
      <legend>
        <label>
          <input
            type="checkbox"
            checked={step.enabled || required}
            disabled={required}
            onChange={(e) => set({ enabled: e.target.checked })}
          />{' '}
          Next step{required ? ' (required by your team)' : ''}
        </label>
      </legend>
      <p className="hint">
        {step.proposedBy
          ? `${PROPOSED_FROM[step.proposedBy]}${step.dueDate ? '' : ' No date was named: pick one.'}`
          : required
            ? 'Nothing here commits to a next step: say what happens next.'
            : 'Nothing here commits to a next step. Add one if there is.'}
      </p>
      {step.enabled && (
        <>
          <label htmlFor={ids.what}>What</label>
          <input id={ids.what} value={step.subject} onChange={(e) => set({ subject: e.target.value })} />
          <div className="grid2">
            <div>
              <label htmlFor={ids.due}>Due</label>
              <input
                id={ids.due}
                type="date"
                value={step.dueDate}
                onChange={(e) => set({ dueDate: e.target.value })}
              />
            </div>
            <div>
              <span className="label">Owner</span>
              <span className="muted">
                {step.owner && step.owner !== repEmail?.toLowerCase()
                  ? `${step.owner} committed (the CRM task stays yours)`
                  : 'You'}
              </span>
            </div>
          </div>
          <label htmlFor={ids.unblocks}>What it unblocks</label>
          <input
            id={ids.unblocks}
            value={step.unblocks}
            placeholder={nextStageLabel ? `Moves the deal toward ${nextStageLabel}.` : 'One sentence'}
            onChange={(e) => set({ unblocks: e.target.value })}
          />
        </>
      )}
    </fieldset>
  );
}
