import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminPage } from '@/components/admin/AdminPage';
import '@/components/panel.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={new QueryClient()}>
      <AdminPage />
    </QueryClientProvider>
  </StrictMode>,
);
