// @vitest-environment happy-dom
/** The pre-call brief, read as a rep reads it. */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DealCard } from '@/components/DealCard';
import { DealContext } from '@/components/DealContext';
import { dealAccount } from '@/lib/panel/deal-account';
import { config, context, DEAL, NOW, VIEW } from './fixtures';

afterEach(cleanup);

const activity = (id: string, kind: 'email' | 'call', summary: string, who: string | null) => ({
  id,
  kind,
  direction: 'outbound' as const,
  at: '2026-11-20T10:00:00Z',
  who,
  summary,
  contactIds: [],
});

describe('the brief', () => {
  it('flags an overdue previous next step beside the other flags', () => {
    render(
      <DealContext
        context={context({
          nextStep: {
            subject: 'Send revised pricing',
            dueDate: '2026-11-18',
            ownerName: null,
            source: 'task',
          },
        })}
        config={config()}
        now={NOW}
      />,
    );
    const flags = screen.getByRole('list', { name: 'Warnings' });
    expect(
      within(flags).getByText('Next step overdue: “Send revised pricing” was due Nov 18, 2026 (4 days ago).'),
    ).toBeTruthy();
    expect(within(flags).getByText('No activity logged on this deal yet.')).toBeTruthy();
  });

  it('says who was not in touch, and does not repeat names or strip <…> from CRM text', () => {
    render(
      <DealContext
        context={context({
          contacts: [
            { id: 'c1', name: 'Jane Doe', email: null, touchedAt: null },
            { id: 'c2', name: 'Bob Stone', email: null, touchedAt: null },
          ],
          recentActivities: [
            activity('a1', 'call', 'Call with Bob Stone', 'Bob Stone'),
            activity('a2', 'email', 'Re: <Acme> pricing & <b>terms</b>', 'Jane Doe'),
          ],
        })}
        config={config()}
        now={NOW}
      />,
    );
    expect(
      screen.getByText('Nobody on this deal in touch for 14 days (Jane Doe and Bob Stone).'),
    ).toBeTruthy();
    const timeline = screen.getByRole('list', { name: 'Recent activity' });
    const [call, email] = within(timeline).getAllByRole('listitem');
    expect(call!.textContent).not.toMatch(/Bob Stone.*Bob Stone/);
    expect(email!.textContent).toContain('Re: <Acme> pricing & <b>terms</b> to Jane Doe');
  });

  it('names the company of a contact’s deal at another company, not "Deal"', () => {
    const elsewhere = { ...DEAL, id: 'o9', name: 'Globex — Pilot', accountId: null };
    const brief = context({ opportunity: { ...elsewhere, accountId: 'a2' }, accountName: 'Globex' });
    render(
      <DealCard
        opportunity={elsewhere}
        account={dealAccount(VIEW, elsewhere, brief)}
        candidate={undefined}
        chosenByRep={false}
      />,
    );
    expect(screen.getByText('Globex')).toBeTruthy();
    expect(screen.queryByText('Deal')).toBeNull();
  });
});
