/**
 * The panel's query cache, persisted in `storage.session` (memory only, cleared when the browser
 * closes or the rep signs out) so a reopened panel shows the last deal at once and refreshes it
 * behind the scenes. Only deal and context reads are kept: they are what makes the panel instant.
 */
import type { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister';
import type { Query } from '@tanstack/react-query';
import { panelQueries } from '../storage/items';

export const PANEL_CACHE_KEY = 'panel.queries';
const PERSISTED = new Set(['deal', 'context']);

export function shouldPersist(query: Pick<Query, 'queryKey' | 'state'>): boolean {
  return query.state.status === 'success' && PERSISTED.has(String(query.queryKey[0]));
}

export function panelQueryPersistence(
  createPersister: typeof createAsyncStoragePersister,
  version: string,
  stored: Pick<typeof panelQueries, 'read' | 'write' | 'remove'> = panelQueries,
) {
  const persister = createPersister({
    key: PANEL_CACHE_KEY,
    throttleTime: 500,
    storage: {
      getItem: () => stored.read(),
      setItem: (_key, value) => stored.write(value),
      removeItem: () => stored.remove(),
    },
  });
  return {
    persister,
    maxAge: 24 * 3_600_000,
    buster: version,
    dehydrateOptions: { shouldDehydrateQuery: shouldPersist },
  };
}
