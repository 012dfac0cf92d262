/** One handler per worker message type; the router has already checked sender and shape. */
import type { Handlers, workerProtocol } from '../messaging';
import { completeInteraction } from '../detect/complete';
import { clearInteraction, recordInteraction } from './active-interactions';

function requireTab(tabId: number | undefined): number {
  if (tabId === undefined) throw new Error('This message must come from a tab');
  return tabId;
}

export const workerHandlers: Handlers<typeof workerProtocol> = {
  async 'interaction.changed'({ interaction }, { tabId }) {
    // Dates in words ("Tuesday, November 24 ⋅ 3:00 – 3:30pm") are read here, not in the page,
    // to keep the date parser out of the content scripts.
    await recordInteraction(requireTab(tabId), completeInteraction(interaction));
    return { ok: true };
  },
  async 'interaction.cleared'(_data, { tabId }) {
    await clearInteraction(requireTab(tabId));
    return { ok: true };
  },
};
