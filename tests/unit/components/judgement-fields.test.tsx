// @vitest-environment happy-dom
/** Stage and judgement changes: picked from the admin's lists, never typed. */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JudgementFields } from '@/components/log/JudgementFields';
import { StageChangeFields } from '@/components/log/StageChangeFields';

afterEach(cleanup);

const reasons = [
  { code: 'BUDGET_CONFIRMED', label: 'Budget confirmed' },
  { code: 'CHAMPION_LEFT', label: 'Champion left' },
];

const optionLabels = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((o) => o.textContent);

describe('stage change', () => {
  it('offers the pipeline stages and the admin reasons, and reports what the rep picks', () => {
    const onChange = vi.fn();
    const change = { enabled: true, stageId: '', reasonCode: '' };
    render(
      <StageChangeFields
        change={change}
        stages={[
          {
            id: 's1',
            label: 'Discovery',
            order: 0,
            probability: 0.2,
            isClosed: false,
            isWon: false,
            pipelineId: 'p1',
          },
          {
            id: 's2',
            label: 'Proposal',
            order: 1,
            probability: 0.6,
            isClosed: false,
            isWon: false,
            pipelineId: 'p1',
          },
        ]}
        suggestedStageId={null}
        reasonCodes={reasons}
        onChange={onChange}
      />,
    );
    const stage = screen.getByLabelText('New stage');
    expect(optionLabels(stage)).toEqual(['Choose…', 'Discovery', 'Proposal']);
    fireEvent.change(stage, { target: { value: 's2' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...change, stageId: 's2' });

    const reason = screen.getByLabelText('Reason');
    expect(optionLabels(reason)).toEqual(['Choose…', 'Budget confirmed', 'Champion left']);
    fireEvent.change(reason, { target: { value: 'CHAMPION_LEFT' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...change, reasonCode: 'CHAMPION_LEFT' });
  });
});

describe('judgement change', () => {
  const row = { enabled: true, value: '', reasonCode: '' };

  it('forecast category comes from the list, with a reason', () => {
    const onChange = vi.fn();
    render(
      <JudgementFields
        kind="forecastCategory"
        row={row}
        reasons={reasons}
        categories={[
          { value: 'commit', label: 'Commit' },
          { value: 'best-case', label: 'Best case' },
        ]}
        onChange={onChange}
      />,
    );
    const category = screen.getByLabelText('New category');
    expect(optionLabels(category)).toEqual(['Choose…', 'Commit', 'Best case']);
    fireEvent.change(category, { target: { value: 'commit' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...row, value: 'commit' });
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'BUDGET_CONFIRMED' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...row, reasonCode: 'BUDGET_CONFIRMED' });
  });

  it('close date is a date field, and nothing shows until the change is ticked', () => {
    const { rerender } = render(
      <JudgementFields
        kind="closeDate"
        row={{ ...row, enabled: false }}
        reasons={reasons}
        categories={[]}
        onChange={() => {}}
      />,
    );
    expect(screen.queryByLabelText('New close date')).toBeNull();
    rerender(
      <JudgementFields kind="closeDate" row={row} reasons={reasons} categories={[]} onChange={() => {}} />,
    );
    expect(screen.getByLabelText('New close date').getAttribute('type')).toBe('date');
    expect(screen.getByLabelText('Reason')).toBeTruthy();
  });
});
