// @vitest-environment happy-dom
/**
 * A brief that came with the deal (read in the same match pass) is shown as it is, not read
 * again at once: for Salesforce that second read was one more query per cold thread.
 */
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DealSection } from '@/components/DealSection';
import { context, emailThread, NOW, PIPELINES, VIEW } from './fixtures';
import { renderPanel } from './render';

const sent: string[] = [];
let view = VIEW;

vi.mock('@/lib/messaging', () => ({
  sendToWorker: async (type: string) => {
    sent.push(type);
    if (type === 'deal.match') return view;
    if (type === 'deal.context') return context({ ownerName: 'Read again' });
    if (type === 'deal.pipelines') return PIPELINES;
    if (type === 'outbox.status') return { items: [], ledger: [] };
    // The brief does not wait for settings; the log form is not what this test is about.
    if (type === 'config.get') throw new Error('not needed here');
    if (type === 'log.lookup') return { recordId: null };
    throw new Error(`unexpected ${type}`);
  },
}));

afterEach(() => {
  cleanup();
  sent.length = 0;
});

function renderDeal() {
  renderPanel(
    <DealSection
      tabId={1}
      active={{ tabId: 1, key: 'k', interaction: emailThread('Hello'), seenAt: NOW.toISOString() }}
    />,
  );
}

describe('the brief of a cold thread', () => {
  it('is shown from the deal view without asking the CRM again', async () => {
    view = {
      ...VIEW,
      contexts: [context({ ownerName: 'From the match' })],
    };
    renderDeal();
    await screen.findByRole('heading', { name: 'Before you talk' });
    await screen.findByText(/From the match/);
    expect(sent).toContain('deal.match');
    expect(sent).not.toContain('deal.context');
  });

  it('is asked for when the deal view came without it', async () => {
    view = { ...VIEW, contexts: [] };
    renderDeal();
    await screen.findByText(/Read again/);
    expect(sent).toContain('deal.context');
  });
});
