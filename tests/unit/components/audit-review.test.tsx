// @vitest-environment happy-dom
/** The audit in the panel: the figure, Undo on what it moved, one click for the rest, with reasons. */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditSection } from '@/components/audit/AuditSection';
import type { AuditView } from '@/lib/audit/view';
import { renderPanel } from './render';

const worker = vi.hoisted(() => ({
  sent: [] as Array<{ type: string; data: unknown }>,
  view: null as unknown,
}));
vi.mock('@/lib/messaging', () => ({
  sendToWorker: async (type: string, data: unknown) => {
    worker.sent.push({ type, data });
    if (type === 'audit.view' || type === 'audit.run') return worker.view;
    if (type === 'audit.attach' || type === 'audit.undo') return { ok: true };
    throw new Error(`unexpected ${type}`);
  },
}));

const figure = { ownerId: null, days: 7, activities: 212, onNoDeal: 31, attached: 24, toReview: 7 };
const line = (fields: Partial<AuditView['lines'][number]>): AuditView['lines'][number] => ({
  activityId: 'e1',
  kind: 'email',
  at: new Date().toISOString(),
  ownerId: 'u1',
  subject: 'Rollout timing',
  decision: 'attach',
  status: 'attached',
  opportunityId: 'o1',
  dealName: 'Acme — Platform',
  reasons: ['Jane Doe is a contact on this deal', 'you own it'],
  candidates: [],
  problem: null,
  ...fields,
});

function view(lines: AuditView['lines'], byOwner: AuditView['byOwner'] = []): AuditView {
  return { available: true, lastRunAt: 1, autoAttach: true, figure, byOwner, lines, notes: [] };
}

afterEach(() => {
  cleanup();
  worker.sent = [];
});

describe('AuditSection', () => {
  it('shows the figure, per rep for a team, and an Undo with its reason for a moved activity', async () => {
    worker.view = view(
      [line({})],
      [
        { ...figure, ownerId: 'u1', activities: 200 },
        { ...figure, ownerId: 'u2', activities: 12 },
      ],
    );
    renderPanel(<AuditSection />);
    expect(
      await screen.findByText('last 7 days: 212 activities, 31 on no deal, 24 attached, 7 to review'),
    ).toBeTruthy();
    expect(screen.getByText(/u2: last 7 days: 12 activities/)).toBeTruthy();
    expect(screen.getByText('Jane Doe is a contact on this deal')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() =>
      expect(worker.sent).toContainEqual({
        type: 'audit.undo',
        data: { activityId: 'e1', opportunityId: 'o1' },
      }),
    );
  });

  it('offers one click for a confident one and every candidate of an ask', async () => {
    worker.view = view([
      line({ activityId: 'e2', status: 'to-review' }),
      line({
        activityId: 'e3',
        decision: 'ask',
        status: 'to-review',
        opportunityId: null,
        dealName: null,
        candidates: [
          {
            opportunityId: 'o3',
            name: 'Stark — Security suite',
            reasons: ['Tony Stark is a contact on this deal'],
          },
          {
            opportunityId: 'o4',
            name: 'Stark — Training',
            reasons: ['Tony Stark is a contact on this deal'],
          },
        ],
      }),
    ]);
    renderPanel(<AuditSection />);
    fireEvent.click(await screen.findByRole('button', { name: 'Attach to Acme — Platform' }));
    fireEvent.click(screen.getByRole('button', { name: 'Attach to Stark — Training' }));
    await waitFor(() => {
      expect(worker.sent).toContainEqual({
        type: 'audit.attach',
        data: { activityId: 'e2', opportunityId: 'o1' },
      });
      expect(worker.sent).toContainEqual({
        type: 'audit.attach',
        data: { activityId: 'e3', opportunityId: 'o4' },
      });
    });
  });

  it('shows nothing when signed out', async () => {
    worker.view = { ...view([]), available: false };
    const { container } = renderPanel(<AuditSection />);
    await waitFor(() => expect(worker.sent.some((m) => m.type === 'audit.view')).toBe(true));
    expect(container.querySelector('.audit')).toBeNull();
  });
});
