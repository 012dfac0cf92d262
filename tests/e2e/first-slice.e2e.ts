import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnv, type E2eEnv } from './support/env';

describe('first slice: the open thread or meeting reaches the panel', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startEnv();
  });
  afterAll(() => env?.close());

  it('shows the Gmail thread subject and participants', async () => {
    const { tabId } = await env.openFixture('gmail/gmail-thread-basic.html');
    const panel = await env.dealside.openPanel(tabId);
    await expect
      .poll(() => panel.getByRole('heading', { name: 'Acme rollout: pricing for 250 seats' }).count())
      .toBe(1);
    const people = panel.getByRole('list', { name: 'Participants' });
    await expect
      .poll(() => people.getByRole('listitem').allInnerTexts())
      .toEqual(['Jane Doe jane@acme.com', 'Sam Rep sam@ourco.com', 'Bob Buyer bob@acme.com']);
  });

  it('shows the Calendar meeting title, time and attendees', async () => {
    const { tabId } = await env.openFixture('calendar/calendar-event-dialog.html');
    const panel = await env.dealside.openPanel(tabId);
    await expect.poll(() => panel.getByRole('heading', { name: 'Acme — pricing review' }).count()).toBe(1);
    await expect.poll(() => panel.getByText('Nov 24, 2026').count()).toBeGreaterThan(0);
    const people = panel.getByRole('list', { name: 'Participants' });
    await expect.poll(() => people.getByRole('listitem').count()).toBe(3);
  });

  it('tells the rep what to open on other tabs', async () => {
    const page = await env.dealside.context.newPage();
    await page.goto('about:blank');
    const panel = await env.dealside.openPanel();
    await panel.bringToFront();
    await expect
      .poll(() => panel.getByRole('heading', { name: 'Open Gmail or Google Calendar' }).count())
      .toBe(1);
  });
});
