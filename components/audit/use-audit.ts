/**
 * The attach audit's state for any panel view ("My day" included): the figure and the review
 * list, refreshed whenever the audit or the outbox changes in storage.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { sendToWorker } from '@/lib/messaging';

export const auditQueryKey = ['audit'] as const;

export function useAuditView() {
  const client = useQueryClient();
  useEffect(() => {
    const listener = (changes: Record<string, unknown>, area: string) => {
      const keys = Object.keys(changes);
      if (area === 'local' && keys.some((k) => k === 'audit.state' || k.startsWith('outbox.'))) {
        void client.invalidateQueries({ queryKey: auditQueryKey });
      }
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, [client]);
  return useQuery({ queryKey: auditQueryKey, queryFn: () => sendToWorker('audit.view', {}) });
}

/** One click attach, undo and "run now", each refreshing the view. */
export function useAuditActions() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: auditQueryKey });
  return {
    attach: useMutation({
      mutationFn: (input: { activityId: string; opportunityId: string }) =>
        sendToWorker('audit.attach', input),
      onSuccess: refresh,
    }),
    undo: useMutation({
      mutationFn: (input: { activityId: string; opportunityId: string }) => sendToWorker('audit.undo', input),
      onSuccess: refresh,
    }),
    run: useMutation({
      mutationFn: () => sendToWorker('audit.run', {}),
      onSuccess: (view) => client.setQueryData(auditQueryKey, view),
    }),
  };
}
