/**
 * The panel's query cache, persisted in `storage.session` (memory only, cleared when the browser
 * closes or the rep signs out) so a reopened panel shows the last deal at once and refreshes it
 * behind the scenes. Only deal and context reads are kept: they are what makes the panel instant.
 */
import type { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister';
import type { Query } from '@tanstack/react-query';
import type { Browser } from 'wxt/browser';

export const PANEL_CACHE_KEY = 'panel.queries';
const PERSISTED = new Set(['deal', 'context']);

export function shouldPersist(query: Pick<Query, 'queryKey' | 'state'>): boolean {
  return query.state.status === 'success' && PERSISTED.has(String(query.queryKey[0]));
}

export function panelQueryPersistence(
  createPersister: typeof createAsyncStoragePersister,
  area: Pick<Browser.storage.StorageArea, 'get' | 'set' | 'remove'>,
  version: string,
) {
  const persister = createPersister({
    key: PANEL_CACHE_KEY,
    throttleTime: 500,
    storage: {
      getItem: async (key) => ((await area.get(key))[key] as string | undefined) ?? null,
      setItem: (key, value) => area.set({ [key]: value }),
      removeItem: (key) => area.remove(key),
    },
  });
  return {
    persister,
    maxAge: 24 * 3_600_000,
    buster: version,
    dehydrateOptions: { shouldDehydrateQuery: shouldPersist },
  };
}
