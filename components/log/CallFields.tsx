import { useId } from 'react';
import type { CodedLabel } from '@/lib/config/schema';
import type { LogForm } from '@/lib/panel/build-writes';

type Call = NonNullable<LogForm['call']>;

/** "Also log it as a call": a disposition from the admin's list and a duration. */
export function CallFields({
  call,
  dispositions,
  onChange,
}: {
  call: Call;
  dispositions: CodedLabel[];
  onChange: (call: Call) => void;
}) {
  const ids = { disposition: useId(), duration: useId() };
  return (
    <fieldset>
      <legend>
        <label>
          <input
            type="checkbox"
            checked={call.enabled}
            onChange={(e) => onChange({ ...call, enabled: e.target.checked })}
          />{' '}
          Also log it as a call
        </label>
      </legend>
      {call.enabled && (
        <div className="grid2">
          <div>
            <label htmlFor={ids.disposition}>How it went</label>
            <select
              id={ids.disposition}
              value={call.dispositionCode}
              onChange={(e) => onChange({ ...call, dispositionCode: e.target.value })}
            >
              {dispositions.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={ids.duration}>Minutes</label>
            <input
              id={ids.duration}
              type="number"
              min={0}
              value={call.durationMinutes}
              onChange={(e) => onChange({ ...call, durationMinutes: Number(e.target.value) })}
            />
          </div>
        </div>
      )}
    </fieldset>
  );
}
