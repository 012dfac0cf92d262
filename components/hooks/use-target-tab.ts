import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { appOfUrl, pinnedTabId, type TabApp } from '@/lib/panel/tab-target';

export interface TargetTab {
  tabId: number | null;
  app: TabApp;
}

/**
 * The tab the panel is about: the one pinned in its URL, else the active tab of its window,
 * followed as the rep switches tabs or navigates.
 */
export function useTargetTab(): TargetTab | undefined {
  const [target, setTarget] = useState<TargetTab>();

  useEffect(() => {
    const pinned = pinnedTabId(location.search);
    let windowId: number | undefined;

    async function refresh() {
      if (pinned !== null) {
        const tab = await browser.tabs.get(pinned).catch(() => undefined);
        setTarget({ tabId: pinned, app: appOfUrl(tab?.url) });
        return;
      }
      const [tab] = await browser.tabs.query({
        active: true,
        ...(windowId ? { windowId } : { currentWindow: true }),
      });
      setTarget({ tabId: tab?.id ?? null, app: appOfUrl(tab?.url) });
    }

    void browser.windows
      .getCurrent()
      .then((window) => (windowId = window.id))
      .catch(() => undefined)
      .then(refresh);
    const onActivated = (info: { windowId: number }) => {
      if (pinned === null && (windowId === undefined || info.windowId === windowId)) void refresh();
    };
    const onUpdated = (tabId: number, change: { url?: string; status?: string }) => {
      if (change.url !== undefined || change.status === 'complete') {
        if (pinned === null || pinned === tabId) void refresh();
      }
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, []);

  return target;
}
