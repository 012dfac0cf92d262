import { useId } from 'react';
import type { CodedLabel } from '@/lib/config/schema';
import type { JudgementKind } from '@/lib/domain/types';
import type { JudgementRow } from '@/lib/panel/post-call';
import { Choice, reasonChoices } from './Choice';

const TITLES: Record<JudgementKind, string> = {
  closeDate: 'Change close date',
  forecastCategory: 'Change forecast category',
  amount: 'Change amount',
};

/**
 * A judgement change on the deal (close date, forecast category or amount): the new value and a
 * reason from the admin's list for that kind; never free text.
 */
export function JudgementFields({
  kind,
  row,
  reasons,
  categories,
  onChange,
}: {
  kind: JudgementKind;
  row: JudgementRow;
  reasons: CodedLabel[];
  categories: { value: string; label: string }[];
  onChange: (row: JudgementRow) => void;
}) {
  const valueId = useId();
  const set = (patch: Partial<JudgementRow>) => onChange({ ...row, ...patch });
  const label = TITLES[kind];
  return (
    <fieldset>
      <legend>
        <label>
          <input type="checkbox" checked={row.enabled} onChange={(e) => set({ enabled: e.target.checked })} />{' '}
          {label}
        </label>
      </legend>
      {row.enabled && (
        <div className="grid2">
          {kind === 'forecastCategory' ? (
            <Choice
              label="New category"
              value={row.value}
              options={categories}
              onChange={(value) => set({ value })}
            />
          ) : (
            <div>
              <label htmlFor={valueId}>{kind === 'closeDate' ? 'New close date' : 'New amount'}</label>
              <input
                id={valueId}
                type={kind === 'closeDate' ? 'date' : 'number'}
                min={kind === 'amount' ? 0 : undefined}
                value={row.value}
                onChange={(e) => set({ value: e.target.value })}
              />
            </div>
          )}
          <Choice
            label="Reason"
            value={row.reasonCode}
            options={reasonChoices(reasons)}
            onChange={(reasonCode) => set({ reasonCode })}
          />
        </div>
      )}
    </fieldset>
  );
}
