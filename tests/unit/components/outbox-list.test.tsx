// @vitest-environment happy-dom
/** Logs waiting for the CRM, as the rep sees them signed in and signed out. */
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutboxList } from '@/components/OutboxList';
import { renderPanel } from './render';

const worker = vi.hoisted(() => ({ state: 'signed-out' as string, elsewhere: false }));
const tenant = { provider: 'hubspot', tenantId: '111', crmUserId: '7', label: 'HubSpot portal 111' } as const;
vi.mock('@/lib/messaging', () => ({
  sendToWorker: async (type: string) => {
    if (type === 'auth.status')
      return {
        provider: 'hubspot',
        state: worker.state,
        method: null,
        userEmail: null,
        userName: null,
        problem: null,
      };
    if (type === 'outbox.status')
      return {
        items: [
          {
            key: 'hubspot:email:m1:o1',
            provider: 'hubspot',
            op: 'email',
            sourceId: 'm1',
            label: 'Email to Acme — Platform',
            payload: {},
            state: 'pending',
            attempts: 1,
            createdAt: Date.now(),
            nextAttemptAt: Date.now(),
            lastError: worker.elsewhere
              ? { kind: 'auth', message: 'Made for HubSpot portal 111: sign in there to send, or discard.' }
              : null,
            ...(worker.elsewhere ? { tenant } : {}),
          },
        ],
        ledger: [],
      };
    throw new Error(`unexpected ${type}`);
  },
}));

afterEach(cleanup);

describe('waiting logs', () => {
  it('signed out: say they go after sign-in, and offer no retry that cannot work', async () => {
    worker.state = 'signed-out';
    renderPanel(<OutboxList />);
    await screen.findByText(/it will be sent after you sign in to HubSpot\.$/);
    expect(screen.queryByRole('button', { name: 'Retry now' })).toBeNull();
    expect(screen.queryByText(/retried automatically/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Discard…' })).toBeTruthy();
  });

  it('signed in: retried automatically, and the rep may retry now', async () => {
    worker.state = 'signed-in';
    worker.elsewhere = false;
    renderPanel(<OutboxList />);
    await screen.findByText(/retried automatically\.$/);
    expect(screen.getByRole('button', { name: 'Retry now' })).toBeTruthy();
  });

  it('made for another portal: waits for that sign-in, with no retry that cannot work', async () => {
    worker.state = 'signed-in';
    worker.elsewhere = true;
    renderPanel(<OutboxList />);
    await screen.findByText(/it waits for that sign-in\.$/);
    expect(screen.getByText('Made for HubSpot portal 111: sign in there to send, or discard.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry now' })).toBeNull();
    expect(screen.queryByText(/retried automatically/)).toBeNull();
  });
});
