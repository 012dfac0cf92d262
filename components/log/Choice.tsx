import { useId } from 'react';

export interface ChoiceOption {
  value: string;
  label: string;
}

/**
 * A labelled pick from a controlled list, empty until the rep chooses: stages, forecast
 * categories and reason codes are never free text.
 */
export function Choice({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly ChoiceOption[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose…</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The admin's reason codes as choices. */
export const reasonChoices = (reasons: readonly { code: string; label: string }[]): ChoiceOption[] =>
  reasons.map((r) => ({ value: r.code, label: r.label }));
