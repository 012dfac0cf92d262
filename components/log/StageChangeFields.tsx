import { useId } from 'react';
import type { CodedLabel } from '@/lib/config/schema';
import type { Stage } from '@/lib/domain/types';
import type { LogForm } from '@/lib/panel/build-writes';

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
  const ids = { stage: useId(), reason: useId() };
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
          <div>
            <label htmlFor={ids.stage}>New stage</label>
            <select id={ids.stage} value={change.stageId} onChange={(e) => set({ stageId: e.target.value })}>
              <option value="">Choose…</option>
              {stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={ids.reason}>Reason</label>
            <select
              id={ids.reason}
              value={change.reasonCode}
              onChange={(e) => set({ reasonCode: e.target.value })}
            >
              <option value="">Choose…</option>
              {reasonCodes.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
    </fieldset>
  );
}
