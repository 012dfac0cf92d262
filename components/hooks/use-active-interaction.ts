import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import {
  activeInteractionKey,
  readInteraction,
  type ActiveInteraction,
} from '@/lib/worker/active-interactions';

/**
 * What is open in a tab, as the worker last recorded it; updates live. `undefined` while the
 * first read is under way, `null` when nothing is open.
 */
export function useActiveInteraction(tabId: number | null | undefined): ActiveInteraction | null | undefined {
  const [loaded, setLoaded] = useState<{ tabId: number; value: ActiveInteraction | null }>();

  useEffect(() => {
    if (tabId === null || tabId === undefined) return;
    let current = true;
    const load = () =>
      void readInteraction(tabId).then((value) => {
        if (current) setLoaded({ tabId, value });
      });
    load();
    const key = activeInteractionKey(tabId);
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && key in changes) load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      current = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [tabId]);

  if (tabId === null) return null;
  if (tabId === undefined || loaded?.tabId !== tabId) return undefined;
  return loaded.value;
}
