// @vitest-environment happy-dom
/** The post-call screen's drafts as the rep meets them: which engine drafted, one-click accepts. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DraftReview } from '@/components/draft/DraftReview';
import type { DraftOutcome } from '@/lib/drafting';
import type { QualificationRow } from '@/lib/panel/post-call';

afterEach(cleanup);

const draft = {
  engine: 'on-device' as const,
  summary: ['Acme loses 12 hours a week to manual routing.'],
  nextStep: { subject: '', dueDate: null, owner: 'sam@ourco.com', unblocks: null },
  qualification: [
    { field: 'metrics' as const, value: '12 hours a week', evidence: 'Acme loses 12 hours a week.' },
  ],
  recordingUrl: 'https://acme.zoom.us/rec/share/x',
};
const outcome = (engine: 'on-device' | 'rules', note: string | null): DraftOutcome => ({
  draft: { ...draft, engine },
  rules: {
    ...draft,
    engine: 'rules',
    language: 'en',
    nextStep: { ...draft.nextStep, committed: false, source: null },
  },
  status: { state: engine === 'rules' ? 'unavailable' : 'available', note },
});
const rows: QualificationRow[] = [{ ...draft.qualification[0]!, accepted: false }];

function show(props: Partial<Parameters<typeof DraftReview>[0]> = {}) {
  const onRows = vi.fn();
  const onUseSummary = vi.fn();
  render(
    <DraftReview
      outcome={outcome('on-device', null)}
      pending={false}
      progress={null}
      summaryUsed={false}
      onUseSummary={onUseSummary}
      rows={rows}
      onRows={onRows}
      mapped={() => true}
      recordingUrl={draft.recordingUrl}
      {...props}
    />,
  );
  return { onRows, onUseSummary };
}

describe('DraftReview', () => {
  it('says the on-device model drafted, or why the rules did', () => {
    show();
    expect(screen.getByLabelText('Drafting engine').textContent).toBe(
      'Drafted on this device by Chrome’s built-in model.',
    );
    cleanup();
    show({ outcome: outcome('rules', 'Drafted by the rules: the built-in model cannot run here.') });
    expect(screen.getByLabelText('Drafting engine').textContent).toContain('cannot run here');
    cleanup();
    show({ outcome: outcome('rules', null), pending: true, progress: 0.42 });
    expect(screen.getByLabelText('Drafting engine').textContent).toContain(
      'downloads its built-in model (42%)',
    );
  });

  it('accepts a suggestion or the summary in one click; editing a value overrides and accepts it', () => {
    const { onRows, onUseSummary } = show();
    fireEvent.click(screen.getByRole('button', { name: 'Accept Metrics' }));
    expect(onRows).toHaveBeenLastCalledWith([{ ...rows[0], accepted: true }]);
    fireEvent.change(screen.getByLabelText('Metrics'), { target: { value: '15 hours a week' } });
    expect(onRows).toHaveBeenLastCalledWith([{ ...rows[0], value: '15 hours a week', accepted: true }]);
    fireEvent.click(screen.getByRole('button', { name: 'Use summary' }));
    expect(onUseSummary).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Acme loses 12 hours a week.')).toBeTruthy();
    expect(screen.getByText(draft.recordingUrl)).toBeTruthy();
  });

  it('says when the admin has not mapped a field', () => {
    show({ mapped: () => false });
    expect(screen.getByText(/Not mapped to a CRM field by your admin/)).toBeTruthy();
  });
});
