import { useEffect, useRef } from 'react';
import { browser } from 'wxt/browser';
import { PANEL_COMMAND_KEY, PanelCommand } from '@/lib/worker/shortcut';

/**
 * Runs `onLog` when the rep presses the log shortcut for this tab, but only if this form was
 * already on screen when they pressed it (a panel the shortcut just opened does not log).
 */
export function useLogShortcut(tabId: number, onLog: () => void): void {
  const mountedAt = useRef(0);
  const latest = useRef(onLog);
  useEffect(() => {
    latest.current = onLog;
  });
  useEffect(() => {
    mountedAt.current = Date.now();
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'session' || !(PANEL_COMMAND_KEY in changes)) return;
      const parsed = PanelCommand.safeParse(changes[PANEL_COMMAND_KEY]?.newValue);
      if (parsed.success && parsed.data.tabId === tabId && parsed.data.at > mountedAt.current)
        latest.current();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, [tabId]);
}
