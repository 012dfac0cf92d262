/** Driving the side panel the way a rep does: by role and accessible name. */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Stack } from '../../support/stack';

/** The panel at the width Chrome gives a side panel. */
export async function openPanelFor(stack: Pick<Stack, 'dealside'>, tabId: number): Promise<Page> {
  const panel = await stack.dealside.openPanel(tabId);
  // Tall enough that no scrollbar eats into the 400 px (screenshots stay whole).
  await panel.setViewportSize({ width: 400, height: 2000 });
  return panel;
}

export async function signIn(panel: Page, crm: 'HubSpot' | 'Salesforce'): Promise<void> {
  await panel.getByRole('button', { name: `Sign in to ${crm}` }).click();
  // The connect card goes away once the worker holds a token; an error would keep it there.
  const card = panel.getByRole('region', {
    name: new RegExp(`^(connect ${crm}|sign in to ${crm} again)$`, 'i'),
  });
  await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(0);
}

/** Clicks through this counter to count what the rep had to do. */
export function clicksCounter(_panel: Page) {
  const counter = {
    count: 0,
    async click(target: Locator) {
      counter.count++;
      await target.click();
    },
  };
  return counter;
}
