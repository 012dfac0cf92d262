/**
 * My day, the toolbar badge and the weekly reports page, for a seeded team (the book's two reps)
 * in the fake CRM, on both CRMs. No policy team: Sam is the team's manager in the CRM (Salesforce
 * ManagerId, HubSpot primary team), so the reports cover both reps, by name. Screenshots go to
 * docs/screenshots/ (linked from the README).
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { EXTENSION_ID } from '../support/chromium';
import { settingsFor, startStack, type DemoProvider, type Stack } from '../support/stack';
import { fixtureHtml, fixtureUrl } from './support/env';
import { openPanelFor, signIn } from './support/panel';

declare const chrome: typeof Browser;

mkdirSync('docs/screenshots', { recursive: true });

const PROVIDERS: [DemoProvider, 'HubSpot' | 'Salesforce', string][] = [
  ['salesforce', 'Salesforce', 'https://acme.my.salesforce.com/lightning/r/Opportunity/'],
  ['hubspot', 'HubSpot', 'https://app.hubspot.com/contacts/'],
];

describe.each(PROVIDERS)('%s: My day, the badge and the weekly reports', (provider, label, linkPrefix) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await stack.configure({ ...settingsFor(provider) });
  });
  afterAll(() => stack?.close());

  it('shows My day one click from the open thread, with deals to touch linked into the CRM', async () => {
    const { tabId } = await stack.open(
      fixtureUrl('gmail/gmail-thread-basic.html'),
      fixtureHtml('gmail/gmail-thread-basic.html'),
    );
    const panel = await openPanelFor(stack, tabId);
    await signIn(panel, label);
    await panel.getByRole('button', { name: 'My day' }).click();
    await expect
      .poll(() => panel.getByRole('heading', { name: 'My day — Sam Rep' }).count(), { timeout: 20_000 })
      .toBe(1);
    await expect
      .poll(() => panel.getByRole('table', { name: 'Activity against your targets' }).count())
      .toBe(1);
    const touch = panel.getByRole('region', { name: /^Need a touch \(\d+\)$/ });
    await expect.poll(() => touch.count(), { timeout: 20_000 }).toBe(1);
    const links = touch.getByRole('link');
    expect(await links.count()).toBeGreaterThan(0);
    expect(await links.first().getAttribute('href')).toMatch(
      new RegExp(`^${linkPrefix.replace(/[.]/g, '\\.')}`),
    );
    await panel.locator('#root').screenshot({ path: `docs/screenshots/my-day-${provider}.png` });

    // The toolbar badge says how many deals need a touch: the same count as the list.
    const heading = (await touch.getByRole('heading').innerText()).match(/\((\d+)\)/)?.[1];
    const worker = await stack.dealside.worker();
    await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe(heading);

    await panel.getByRole('button', { name: 'Back to the deal' }).click();
    await expect.poll(() => panel.getByRole('heading', { name: /^My day/ }).count()).toBe(0);
  });

  it('opens the weekly reports for the CRM team, by name, with charts, CSV exports and CRM links', async () => {
    const { page } = await stack.dealside.openTab(`chrome-extension://${EXTENSION_ID}/reports.html`);
    await page.setViewportSize({ width: 1000, height: 2400 });
    await expect
      .poll(() => page.getByRole('heading', { name: 'Weekly reports — team of 2' }).count(), {
        timeout: 20_000,
      })
      .toBe(1);
    expect(await page.getByText('Your team in the CRM').count()).toBe(1);
    // Reps by name, not CRM ids.
    const activity = page.getByRole('region', { name: 'Activity vs target this week' });
    for (const rep of ['Sam Rep', 'Lea Lead'])
      expect(await activity.getByRole('rowheader', { name: rep }).count(), rep).toBe(1);
    for (const name of [
      'Activity vs target this week',
      'Open deals with no recent activity',
      'Stage age vs expected',
      'Multi-threading: people touched in 14 days',
      'Loss reasons, last 90 days',
    ]) {
      expect(await page.getByRole('heading', { name }).count(), name).toBe(1);
    }
    expect(await page.getByRole('img', { name: /by rep, against the weekly target/ }).count()).toBe(3);
    expect(await page.getByRole('button', { name: 'Export CSV' }).count()).toBe(6);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).first().click();
    expect((await download).suggestedFilename()).toMatch(/^dealside-activity-\d{4}-\d{2}-\d{2}\.csv$/);
    const dealLinks = page.locator(`a[href^="${linkPrefix}"]`);
    expect(await dealLinks.count()).toBeGreaterThan(0);
    await page.locator('main').screenshot({ path: `docs/screenshots/reports-${provider}.png` });
  });
});
