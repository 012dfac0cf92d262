// @vitest-environment happy-dom
/**
 * The log form as a rep meets it: the button and what it writes in the bar, a next step only
 * when someone committed to one, and no "held" log for a meeting that has not started.
 */
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LogPanel } from '@/components/LogPanel';
import type { Interaction } from '@/lib/model';
import { config, DEAL, emailThread, meeting, NOW, PIPELINES, VIEW } from './fixtures';
import { renderPanel } from './render';

const worker = vi.hoisted(() => ({ submitted: [] as unknown[] }));
vi.mock('@/lib/messaging', () => ({
  sendToWorker: async (type: string, data: { writes?: unknown[] }) => {
    if (type === 'deal.pipelines') return PIPELINES;
    if (type === 'outbox.status') return { items: [], ledger: [] };
    if (type === 'log.submit') {
      worker.submitted.push(...(data.writes ?? []));
      return [];
    }
    throw new Error(`unexpected ${type}`);
  },
}));

function show(interaction: Interaction, patch: Parameters<typeof config>[0] = {}) {
  return renderPanel(
    <LogPanel
      tabId={1}
      interaction={interaction}
      view={VIEW}
      destination={{ kind: 'opportunity', opportunity: DEAL }}
      config={config(patch)}
    />,
  );
}

const bar = () => screen.getByRole('region', { name: /^(Log|Prepare)$/ });

beforeEach(() => {
  worker.submitted = [];
  vi.useFakeTimers({ now: NOW, shouldAdvanceTime: true });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the log button and what it writes', () => {
  it('sits in the action bar with a line saying what one click writes', async () => {
    show(emailThread("I'll send the contract on Tuesday."));
    const button = within(bar()).getByRole('button', { name: 'Log email to Acme — Platform' });
    expect(button).toBeTruthy();
    expect(within(bar()).getByLabelText('What the log writes').textContent).toBe(
      'Writes: Email + next step due Nov 24, 2026',
    );
    fireEvent.click(screen.getByRole('checkbox', { name: /Next step/ }));
    expect(within(bar()).getByLabelText('What the log writes').textContent).toBe('Writes: Email');
  });
});

describe('honest next-step defaults', () => {
  it('offers an empty, unticked row when nobody committed to anything', async () => {
    show(emailThread('Moving the call to Friday works.'));
    const box = screen.getByRole('checkbox', { name: /Next step/ }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(screen.getByText('Nothing here commits to a next step. Add one if there is.')).toBeTruthy();
    fireEvent.click(within(bar()).getByRole('button', { name: /^Log email/ }));
    await vi.waitFor(() => expect(worker.submitted).toHaveLength(1));
    expect(worker.submitted.map((w) => (w as { payload: { kind: string } }).payload.kind)).toEqual(['email']);
  });

  it('proposes the step the rep committed to, with its date, and says where it came from', () => {
    show(emailThread("I'll send the contract on Tuesday.", 'sam@ourco.com'));
    expect((screen.getByRole('checkbox', { name: /Next step/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('What') as HTMLInputElement).value).toBe(
      "I'll send the contract on Tuesday.",
    );
    expect((screen.getByLabelText('Due') as HTMLInputElement).value).toBe('2026-11-24');
    expect(screen.getByText('Proposed from what you committed to in this thread.')).toBeTruthy();
  });

  it('when the team requires a next step, the rep must write it: nothing is made up', async () => {
    show(emailThread('Moving the call to Friday works.'), { requireNextStep: true });
    const box = screen.getByRole('checkbox', {
      name: 'Next step (required by your team)',
    }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(box.disabled).toBe(true);
    expect((screen.getByLabelText('What') as HTMLInputElement).value).toBe('');
    fireEvent.click(within(bar()).getByRole('button', { name: /^Log email/ }));
    await screen.findByText('Say what the next step is.');
    expect(worker.submitted).toEqual([]);
  });
});

describe('a meeting that has not started is not "held"', () => {
  it('offers a prep note before the start, then the held log once it starts', async () => {
    const start = new Date(NOW.getTime() + 60_000).toISOString();
    const end = new Date(NOW.getTime() + 31 * 60_000).toISOString();
    show(meeting(start, end));
    expect(screen.queryByRole('button', { name: /^Log meeting/ })).toBeNull();
    expect(screen.queryByLabelText('Also log it as a call')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Not held yet' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Prep note'), { target: { value: 'Ask who signs.' } });
    fireEvent.click(within(bar()).getByRole('button', { name: 'Save prep note to Acme — Platform' }));
    await vi.waitFor(() => expect(worker.submitted).toHaveLength(1));
    expect(worker.submitted[0]).toMatchObject({
      payload: { kind: 'note', target: { opportunityId: 'o1' } },
    });
    expect((worker.submitted[0] as { payload: { body: string } }).payload.body).toMatch(/Ask who signs\.$/);

    await act(() => vi.advanceTimersByTimeAsync(61_000));
    expect(within(bar()).getByRole('button', { name: 'Log meeting to Acme — Platform' })).toBeTruthy();
    expect(screen.getByText(/^In progress until/)).toBeTruthy();
  });

  it('logs a meeting that has ended as held', () => {
    show(meeting('2026-11-21T15:00:00.000Z', '2026-11-21T15:30:00.000Z'));
    expect(within(bar()).getByLabelText('What the log writes').textContent).toBe('Writes: Meeting (held)');
    expect(screen.queryByText(/^In progress/)).toBeNull();
  });
});
