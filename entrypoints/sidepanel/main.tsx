import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister';
import { QueryClient } from '@tanstack/react-query';
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { App } from '@/components/App';
import { panelQueryPersistence } from '@/lib/panel/query-cache';
import '@/components/panel.css';

const queryClient = new QueryClient({ defaultOptions: { queries: { gcTime: 24 * 3_600_000 } } });
const persistence = panelQueryPersistence(createAsyncStoragePersister, browser.runtime.getManifest().version);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PersistQueryClientProvider client={queryClient} persistOptions={persistence}>
      <App />
    </PersistQueryClientProvider>
  </StrictMode>,
);
