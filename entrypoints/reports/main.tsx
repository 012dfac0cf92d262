import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReportsPage } from '@/components/reports/ReportsPage';
import '@/components/panel.css';
import '@/components/reports/reports.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={new QueryClient()}>
      <ReportsPage />
    </QueryClientProvider>
  </StrictMode>,
);
