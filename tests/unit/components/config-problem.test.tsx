// @vitest-environment happy-dom
/** When settings cannot be read the panel says so where the log form would be, with what to do. */
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DealSection } from '@/components/DealSection';
import { context, emailThread, NOW, PIPELINES, VIEW } from './fixtures';
import { renderPanel } from './render';

vi.mock('@/lib/messaging', () => ({
  sendToWorker: async (type: string) => {
    if (type === 'deal.match') return VIEW;
    if (type === 'deal.context') return context();
    if (type === 'deal.pipelines') return PIPELINES;
    if (type === 'outbox.status') return { items: [], ledger: [] };
    if (type === 'config.get')
      throw new Error('Malformed answer to config.get (config.hubspotPrivateAppToken: Invalid string)');
    throw new Error(`unexpected ${type}`);
  },
}));

afterEach(cleanup);

describe('a settings failure', () => {
  it('is shown with what to do, never a silently missing log form', async () => {
    renderPanel(
      <DealSection
        tabId={1}
        active={{ tabId: 1, key: 'k', interaction: emailThread('Hello'), seenAt: NOW.toISOString() }}
      />,
    );
    await screen.findByText('Dealside could not read its settings, so it cannot show the log form.');
    expect(screen.getByRole('alert').textContent).toContain('config.hubspotPrivateAppToken');
    expect(screen.getByText(/^What to do: try again/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Acme — Platform' })).toBeTruthy();
  });
});
