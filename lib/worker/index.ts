/**
 * Wires the service worker. Everything is registered synchronously on start because Chrome
 * only delivers events to listeners that exist by the end of the first turn; no state lives in
 * module globals, since the worker is stopped after ~30 s idle.
 */
import { browser } from 'wxt/browser';
import { createRouter, PAGE_ORIGINS, workerProtocol } from '../messaging';
import { clearInteraction, readInteraction } from './active-interactions';
import { workerHandlers } from './handlers';

export function registerWorker(): void {
  browser.runtime.onMessage.addListener(
    createRouter(workerProtocol, workerHandlers, () => browser.runtime.id),
  );

  browser.tabs.onRemoved.addListener((tabId) => void clearInteraction(tabId));
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'loading') return;
    const url = tab.url ?? change.url;
    // Leaving Gmail/Calendar in the same tab: what was open there is gone.
    if (!url || !PAGE_ORIGINS.some((origin) => url.startsWith(`${origin}/`))) {
      void readInteraction(tabId).then((active) => active && clearInteraction(tabId));
    }
  });

  // The toolbar button opens the panel; Chrome remembers this, but set it on every start in
  // case a previous version or profile changed it.
  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
}
