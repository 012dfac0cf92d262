import { useId } from 'react';
import type { CodedLabel } from '@/lib/config/schema';
import type { JudgementKind } from '@/lib/domain/types';
import type { JudgementRow } from '@/lib/panel/post-call';

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
  const ids = { value: useId(), reason: useId() };
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
          <div>
            <label htmlFor={ids.value}>
              {kind === 'closeDate' ? 'New close date' : kind === 'amount' ? 'New amount' : 'New category'}
            </label>
            {kind === 'forecastCategory' ? (
              <select id={ids.value} value={row.value} onChange={(e) => set({ value: e.target.value })}>
                <option value="">Choose…</option>
                {categories.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={ids.value}
                type={kind === 'closeDate' ? 'date' : 'number'}
                min={kind === 'amount' ? 0 : undefined}
                value={row.value}
                onChange={(e) => set({ value: e.target.value })}
              />
            )}
          </div>
          <div>
            <label htmlFor={ids.reason}>Reason</label>
            <select
              id={ids.reason}
              value={row.reasonCode}
              onChange={(e) => set({ reasonCode: e.target.value })}
            >
              <option value="">Choose…</option>
              {reasons.map((r) => (
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
