import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { settingsFor, startStack, type Stack } from '../support/stack';
import { fixtureHtml, fixtureUrl } from './support/env';
import { openPanelFor, signIn } from './support/panel';

declare const chrome: typeof Browser;

const THREAD = 'gmail/gmail-thread-basic.html';
const release = JSON.parse(readFileSync('tests/fixtures/storage/release-0.1.0.json', 'utf8')) as {
  local: Record<string, Record<string, unknown>>;
};

describe('an update that finds a stored log it cannot read', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await stack.configure(settingsFor('hubspot'));
  });
  afterAll(() => stack?.close());

  it('keeps a copy, keeps the readable logs queued, and the panel says so', async () => {
    const { tabId } = await stack.open(fixtureUrl(THREAD), fixtureHtml(THREAD));
    const panel = await openPanelFor(stack, tabId);
    await signIn(panel, 'HubSpot');
    await expect.poll(() => panel.getByRole('heading', { name: 'Acme — Platform' }).count()).toBe(1);

    // What 0.1.0 queued (a failed meeting log), next to an entry no release can read.
    const meetingKey = 'hubspot:meeting:evt-qbr:o1';
    const items: Record<string, unknown> = {
      [meetingKey]: release.local['outbox.items']![meetingKey],
      broken: { key: 'broken', label: 'Email to Globex' },
    };
    const worker = await stack.dealside.worker();
    await worker.evaluate((value) => chrome.storage.local.set({ 'outbox.items': value }), items);

    const note = panel.getByRole('region', { name: "Problems with Dealside's saved data" });
    await expect
      .poll(() => note.innerText(), { timeout: 60_000 })
      .toMatch(/could not read one saved item \(a log waiting to be sent\)\.\s+Nothing was deleted/);
    await expect.poll(() => panel.getByText('Meeting with Acme — Platform').count()).toBeGreaterThan(0);
    const stored = await worker.evaluate(() => chrome.storage.local.get(null));
    const copies = Object.entries(stored).filter(([key]) => key.startsWith('quarantine.outbox.items.'));
    expect(copies.map(([, copy]) => (copy as { value: unknown }).value)).toEqual([
      { key: 'broken', label: 'Email to Globex' },
    ]);
    expect(Object.keys(stored['outbox.items'] as object)).toEqual([meetingKey]);

    await note.getByRole('button', { name: 'Remove the kept copy' }).click();
    await expect.poll(() => note.count()).toBe(0);
  });
});
