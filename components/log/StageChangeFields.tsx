import type { CodedLabel } from '@/lib/config/schema';
import type { Stage } from '@/lib/domain/types';
import type { LogForm } from '@/lib/panel/build-writes';
import { Choice, reasonChoices } from './Choice';

type StageChange = LogForm['stageChange'];

/** A stage change: the new stage and a reason from the admin's eight; never free text. */
export function StageChangeFields({
  change,
  stages,
  suggestedStageId,
  reasonCodes,
  onChange,
}: {
  change: StageChange;
  stages: Stage[];
  suggestedStageId: string | null;
  reasonCodes: CodedLabel[];
  onChange: (change: StageChange) => void;
}) {
  const set = (patch: Partial<StageChange>) => onChange({ ...change, ...patch });
  return (
    <fieldset>
      <legend>
        <label>
          <input
            type="checkbox"
            checked={change.enabled}
            onChange={(e) =>
              set({ enabled: e.target.checked, stageId: change.stageId || suggestedStageId || '' })
            }
          />{' '}
          Change stage
        </label>
      </legend>
      {change.enabled && (
        <div className="grid2">
          <Choice
            label="New stage"
            value={change.stageId}
            options={stages.map((s) => ({ value: s.id, label: s.label }))}
            onChange={(stageId) => set({ stageId })}
          />
          <Choice
            label="Reason"
            value={change.reasonCode}
            options={reasonChoices(reasonCodes)}
            onChange={(reasonCode) => set({ reasonCode })}
          />
        </div>
      )}
    </fieldset>
  );
}
