/**
 * The panel's server state: every CRM read goes through the worker; TanStack Query caches it
 * (persisted in storage.session) so a reopened thread shows its deal at once while a fresh
 * read runs.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import type { OpportunityContext } from '@/lib/domain/types';
import { sendToWorker } from '@/lib/messaging';

export const queryKeys = {
  auth: ['auth'] as const,
  config: ['config'] as const,
  outbox: ['outbox'] as const,
  pipelines: ['pipelines'] as const,
  callOutcomes: ['call-outcomes'] as const,
  deal: (tabId: number, interactionKey: string) => ['deal', tabId, interactionKey] as const,
  context: (opportunityId: string) => ['context', opportunityId] as const,
};

export function useAuthStatus() {
  return useQuery({ queryKey: queryKeys.auth, queryFn: () => sendToWorker('auth.status', {}) });
}

export function useConfigView() {
  return useQuery({ queryKey: queryKeys.config, queryFn: () => sendToWorker('config.get', {}) });
}

export function useDealView(tabId: number, interactionKey: string) {
  return useQuery({
    queryKey: queryKeys.deal(tabId, interactionKey),
    queryFn: () => sendToWorker('deal.match', { tabId }),
    staleTime: 15_000,
    retry: 1,
  });
}

/**
 * The deal's brief. One that came with the deal view (read in the same match pass) is used as
 * is while the view is fresh (15 s from when the view arrived), not read again at once: for
 * Salesforce that second read was a query.
 */
export function useOpportunityContext(
  opportunityId: string | null,
  prefetched?: { context: OpportunityContext | undefined; receivedAt: number },
) {
  const initial = prefetched?.context;
  return useQuery({
    queryKey: queryKeys.context(opportunityId ?? ''),
    queryFn: () => sendToWorker('deal.context', { opportunityId: opportunityId! }),
    enabled: opportunityId !== null,
    staleTime: 15_000,
    retry: 1,
    ...(initial && initial.opportunity.id === opportunityId
      ? { initialData: initial, initialDataUpdatedAt: prefetched.receivedAt }
      : {}),
  });
}

export function usePipelines(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.pipelines,
    queryFn: () => sendToWorker('deal.pipelines', {}),
    enabled,
    staleTime: 6 * 3_600_000,
  });
}

export function useCallOutcomes(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.callOutcomes,
    queryFn: () => sendToWorker('crm.callOutcomes', {}),
    enabled,
  });
}

export function useOutbox() {
  return useQuery({ queryKey: queryKeys.outbox, queryFn: () => sendToWorker('outbox.status', {}) });
}

/** Refetches what storage changes make stale: the outbox, sign-in state, settings. */
export function useStorageInvalidation(): void {
  const client = useQueryClient();
  useEffect(() => {
    const listener = (changes: Record<string, unknown>, area: string) => {
      const keys = Object.keys(changes);
      if (area === 'local' && keys.some((k) => k.startsWith('outbox.'))) {
        void client.invalidateQueries({ queryKey: queryKeys.outbox });
      }
      if (area === 'local' && keys.includes('auth.connection')) {
        void client.invalidateQueries({ queryKey: queryKeys.auth });
        void client.invalidateQueries({ queryKey: ['deal'] });
      }
      if (area === 'managed' || (area === 'sync' && keys.includes('settings'))) {
        void client.invalidateQueries({ queryKey: queryKeys.config });
        void client.invalidateQueries({ queryKey: queryKeys.auth });
        void client.invalidateQueries({ queryKey: ['deal'] });
      }
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, [client]);
}
