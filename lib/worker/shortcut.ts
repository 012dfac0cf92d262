/**
 * The "log this" keyboard shortcut (commands API). The worker cannot see the panel's draft, so
 * it asks the panel to submit it: the panel acts on the request only if it was already open when
 * the shortcut was pressed, so nothing is ever logged that the rep has not seen.
 */
import { browser } from 'wxt/browser';
import { panelCommand, type PanelCommand } from '../storage/items';

export { PANEL_COMMAND_KEY, PanelCommand } from '../storage/items';

export const LOG_COMMAND = 'log-current';

export function onShortcut(
  command: string,
  tab: { id?: number; windowId?: number } | undefined,
  now = Date.now(),
) {
  if (command !== LOG_COMMAND || tab?.id === undefined) return;
  // Must run before any await: opening the panel needs the shortcut's user gesture.
  if (tab.windowId !== undefined)
    void browser.sidePanel?.open({ windowId: tab.windowId }).catch(() => undefined);
  const request: PanelCommand = { command: 'log', tabId: tab.id, at: now };
  void panelCommand.write(request);
}
