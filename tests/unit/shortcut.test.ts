import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LOG_COMMAND, onShortcut, PANEL_COMMAND_KEY } from '@/lib/worker/shortcut';

describe('log shortcut', () => {
  beforeEach(() => fakeBrowser.reset());

  it('opens the panel in the tab’s window and asks it to log that tab', async () => {
    const open = vi.fn(async () => undefined);
    Object.assign(fakeBrowser, { sidePanel: { open } });
    onShortcut(LOG_COMMAND, { id: 7, windowId: 3 }, 1000);
    expect(open).toHaveBeenCalledWith({ windowId: 3 });
    await expect
      .poll(async () => (await browser.storage.session.get(PANEL_COMMAND_KEY))[PANEL_COMMAND_KEY])
      .toEqual({
        command: 'log',
        tabId: 7,
        at: 1000,
      });
  });

  it('ignores other commands and commands without a tab', async () => {
    onShortcut('something-else', { id: 7, windowId: 3 });
    onShortcut(LOG_COMMAND, undefined);
    expect(await browser.storage.session.get(PANEL_COMMAND_KEY)).toEqual({});
  });
});
