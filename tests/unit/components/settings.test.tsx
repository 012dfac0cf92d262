// @vitest-environment happy-dom
/** Settings for reps (controls, their CRM only) and the admin page (policy, preview, export). */
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdminPage } from '@/components/admin/AdminPage';
import { Settings } from '@/components/Settings';
import { redactForPanel, resolveConfig } from '@/lib/config/resolve';
import { redactPolicy } from '@/lib/panel/settings-model';
import { renderPanel } from './render';

const worker = vi.hoisted(() => ({
  policy: {} as Record<string, unknown>,
  saved: [] as Record<string, unknown>[],
}));

function view(user: Record<string, unknown> = {}) {
  const { config, locked, warnings } = resolveConfig(worker.policy, user);
  return { config: redactForPanel(config), locked, warnings };
}

vi.mock('@/lib/messaging', () => ({
  sendToWorker: async (type: string, data: { edits?: Record<string, unknown> }) => {
    if (type === 'config.get') return view();
    if (type === 'config.save') {
      worker.saved.push(data.edits!);
      return view(data.edits);
    }
    if (type === 'config.admin') return { policy: redactPolicy(worker.policy), view: view() };
    if (type === 'auth.status')
      return {
        provider: null,
        state: 'signed-out',
        method: null,
        userEmail: null,
        userName: null,
        problem: null,
      };
    if (type === 'outbox.status') return { items: [], ledger: [] };
    throw new Error(`unexpected ${type}`);
  },
}));

beforeEach(() => {
  worker.policy = {};
  worker.saved = [];
});
afterEach(cleanup);

describe('a rep’s Settings', () => {
  it('shows targets and stage ages as controls, never raw JSON', async () => {
    renderPanel(<Settings onClose={() => {}} />);
    const targets = await screen.findByRole('group', { name: 'Daily activity targets' });
    expect((within(targets).getByLabelText('Calls') as HTMLInputElement).value).toBe('15');
    expect(document.body.textContent).not.toMatch(/\{"ae"|\{\}/);
    fireEvent.change(within(targets).getByLabelText('Calls'), { target: { value: '20' } });
    fireEvent.click(within(targets).getByRole('button', { name: 'Save daily targets' }));
    await vi.waitFor(() =>
      expect(worker.saved[0]).toEqual({
        activityTargets: {
          ae: { calls: 20, emails: 20, meetings: 3 },
          bdr: { calls: 50, emails: 50, meetings: 1 },
        },
      }),
    );

    const stages = screen.getByRole('group', { name: 'Expected days per stage' });
    expect(
      within(stages).getByText('Using the defaults: 14 days, 21 in proposal and negotiation stages.'),
    ).toBeTruthy();
    fireEvent.change(within(stages).getByLabelText('Stage'), { target: { value: 'Discovery' } });
    fireEvent.change(within(stages).getByLabelText('Days'), { target: { value: '10' } });
    fireEvent.click(within(stages).getByRole('button', { name: 'Add stage' }));
    await vi.waitFor(() => expect(worker.saved[1]).toEqual({ stageAgeTargets: { Discovery: 10 } }));
    expect(within(stages).getByText('Discovery: 10 days')).toBeTruthy();
  });

  it('with the CRM set by policy, hides the other CRM’s fields and the admin-only keys', async () => {
    worker.policy = { crmProvider: 'hubspot', hubspotPrivateAppToken: 'pat-na1-demo-private-app' };
    renderPanel(<Settings onClose={() => {}} />);
    const crm = await screen.findByRole('group', { name: 'CRM' });
    expect(crm.textContent).toMatch(/HubSpot.*Set by your administrator/);
    expect(within(crm).queryByRole('combobox')).toBeNull();
    expect(screen.getByRole('group', { name: 'HubSpot client id' })).toBeTruthy();
    expect(screen.queryByRole('group', { name: /Salesforce/ })).toBeNull();
    expect(screen.queryByRole('group', { name: /private app token/ })).toBeNull();
    expect(screen.queryByRole('group', { name: 'Stage change reason codes' })).toBeNull();
    expect(screen.getByRole('button', { name: 'admin page' })).toBeTruthy();
  });
});

describe('the admin page', () => {
  it('shows what policy set, admin-only keys, previews a draft with its warnings and exports it', async () => {
    worker.policy = {
      crmProvider: 'salesforce',
      salesforceApiVersion: 'latest',
      hubspotPrivateAppToken: 'pat-na1-secret',
    };
    renderPanel(<AdminPage />);
    const set = await screen.findByRole('table', { name: 'Set by policy' });
    expect(within(set).getByRole('row', { name: /CRM Salesforce/ })).toBeTruthy();
    expect(document.body.textContent).not.toContain('pat-na1-secret');
    expect(
      within(screen.getByRole('list', { name: 'Policy warnings' })).getByText(
        /"salesforceApiVersion" is invalid/,
      ),
    ).toBeTruthy();
    const adminOnly = screen.getByRole('table', { name: 'Admin-only settings' });
    expect(within(adminOnly).getByRole('row', { name: /Stage change reason codes/ })).toBeTruthy();

    const draft = screen.getByLabelText('Policy JSON') as HTMLTextAreaElement;
    expect(JSON.parse(draft.value)).toEqual({ crmProvider: 'salesforce', salesforceApiVersion: 'latest' });
    fireEvent.change(draft, {
      target: {
        value: JSON.stringify({ crmProvider: 'hubspot', logBody: 'excerpt', requireNextStep: 'yes' }),
      },
    });
    expect(
      within(screen.getByRole('list', { name: 'Preview warnings' })).getByText(
        /"requireNextStep" is invalid/,
      ),
    ).toBeTruthy();
    expect(JSON.parse(screen.getByLabelText('Policy JSON for the Admin console').textContent!)).toEqual({
      crmProvider: { Value: 'hubspot' },
      logBody: { Value: 'excerpt' },
    });
    const effective = screen.getByRole('table', { name: 'Effective settings' });
    expect(
      within(effective).getByRole('row', {
        name: /What to log of an email body The first 500 characters No, set by policy/,
      }),
    ).toBeTruthy();
  });
});
