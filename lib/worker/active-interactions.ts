/**
 * The interaction open in each tab, kept in `storage.session` so it survives the worker being
 * stopped and a panel opened after the thread still finds it.
 */
import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { Interaction, interactionKey } from '../model';

export const ActiveInteraction = z.object({
  tabId: z.number(),
  key: z.string(),
  interaction: Interaction,
  seenAt: z.string(),
});
export type ActiveInteraction = z.infer<typeof ActiveInteraction>;

export const activeInteractionKey = (tabId: number) => `interaction:${tabId}`;

export async function recordInteraction(tabId: number, interaction: Interaction, now = new Date()) {
  const active: ActiveInteraction = {
    tabId,
    key: interactionKey(interaction),
    interaction,
    seenAt: now.toISOString(),
  };
  await browser.storage.session.set({ [activeInteractionKey(tabId)]: active });
  return active;
}

export async function clearInteraction(tabId: number) {
  await browser.storage.session.remove(activeInteractionKey(tabId));
}

export async function readInteraction(tabId: number): Promise<ActiveInteraction | null> {
  const key = activeInteractionKey(tabId);
  const stored = await browser.storage.session.get(key);
  const parsed = ActiveInteraction.safeParse(stored[key]);
  return parsed.success ? parsed.data : null;
}
