/** Renders a panel component the way the side panel does: with a query client and the action bar. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ActionBarProvider } from '@/components/ActionBar';

export function renderPanel(ui: ReactNode) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  return render(
    <QueryClientProvider client={client}>
      <ActionBarProvider>
        {(actionBar) => (
          <main className="stack">
            {ui}
            {actionBar}
          </main>
        )}
      </ActionBarProvider>
    </QueryClientProvider>,
  );
}
