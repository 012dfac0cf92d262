/**
 * The interaction open in each tab, kept in `storage.session` so it survives the worker being
 * stopped and a panel opened after the thread still finds it.
 */
import { interactionKey, type Interaction } from '../model';
import { activeInteraction, type ActiveInteraction } from '../storage/items';

export { ActiveInteraction, activeInteractionKey } from '../storage/items';

export async function recordInteraction(tabId: number, interaction: Interaction, now = new Date()) {
  const active: ActiveInteraction = {
    tabId,
    key: interactionKey(interaction),
    interaction,
    seenAt: now.toISOString(),
  };
  await activeInteraction(tabId).write(active);
  return active;
}

export async function clearInteraction(tabId: number) {
  await activeInteraction(tabId).remove();
}

export async function readInteraction(tabId: number): Promise<ActiveInteraction | null> {
  return activeInteraction(tabId).read();
}
