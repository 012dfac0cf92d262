import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { countWorkerMessages, fixtureHtml, startEnv, type E2eEnv } from './support/env';

declare const chrome: typeof Browser;

/** The `[role=main]` markup of another saved page, to swap in as Gmail does on navigation. */
function mainOf(path: string): string {
  const html = fixtureHtml(path);
  const start = html.indexOf('<div class="nH" role="main">');
  const end = html.lastIndexOf('</div>\n</div></div>\n</body>');
  return html.slice(start, end);
}

describe('detection in the real content scripts', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startEnv();
  });
  afterAll(() => env?.close());

  it('moving to another thread updates the panel', async () => {
    const { page, tabId } = await env.openFixture('gmail/gmail-thread-basic.html');
    const panel = await env.dealside.openPanel(tabId);
    await expect
      .poll(() => panel.getByRole('heading', { level: 1 }).first().innerText())
      .toBe('Acme rollout: pricing for 250 seats');

    // Gmail swaps the main region and the URL when the rep opens another thread.
    await page.evaluate((markup) => {
      const main = document.querySelector('[role=main]')!;
      const template = document.createElement('template');
      template.setHTMLUnsafe(markup);
      main.replaceWith(template.content);
      history.pushState(null, '', '/mail/u/0/#inbox');
    }, mainOf('gmail/gmail-split-pane.html'));

    await expect
      .poll(() => panel.getByRole('heading', { level: 1 }).first().innerText())
      .toBe('Security review');
    await expect
      .poll(() => panel.getByRole('list', { name: 'Participants' }).getByRole('listitem').allInnerTexts())
      .toEqual(['Bob Buyer bob@acme.com', 'Sam Rep sam@ourco.com']);
  });

  it('a burst of unrelated list mutations sends no message', async () => {
    const { page, tabId } = await env.openFixture('gmail/gmail-thread-basic.html');
    // No panel here: an opening panel asks the page to report again, which is not the burst.
    const worker = await env.dealside.worker();
    await expect
      .poll(() => worker.evaluate((key) => chrome.storage.session.get(key), `interaction:${tabId}`))
      .toHaveProperty(
        [`interaction:${tabId}`, 'interaction', 'subject'],
        'Acme rollout: pricing for 250 seats',
      );
    const seen = await countWorkerMessages(env.dealside);

    await page.evaluate(() => {
      // Unread counters, row hover classes and label chips: what Gmail's list does all day.
      const main = document.querySelector('[role=main]')!;
      const list = document.createElement('table');
      list.setAttribute('gh', 'tl');
      main.prepend(list);
      for (let i = 0; i < 1000; i++) {
        const row = document.createElement('tr');
        row.className = i % 2 ? 'zA zE' : 'zA yO';
        row.textContent = `Newsletter ${i}`;
        list.append(row);
        row.setAttribute('aria-selected', 'false');
      }
    });
    // Then something relevant: a reply arrives. Messages are delivered in order, so anything
    // the burst had sent would be counted before it.
    await page.evaluate(() => {
      const last = document.querySelectorAll('[role=listitem]');
      const reply = last[last.length - 1]!.cloneNode(true) as Element;
      const message = reply.querySelector('[data-message-id]')!;
      message.setAttribute('data-message-id', '#msg-f:1840962222222222222');
      message.setAttribute('data-legacy-message-id', '198c6971822722d8');
      last[last.length - 1]!.after(reply);
    });
    await expect.poll(seen).toEqual(['interaction.changed']);
  });

  it('collapsed messages without ids name their senders, and the worker reads dates in the page language', async () => {
    const worker = await env.dealside.worker();
    const stored = async (tabId: number) => {
      const key = `interaction:${tabId}`;
      const value = (await worker.evaluate((k) => chrome.storage.session.get(k), key))[key] as
        | { interaction: { participants: { email: string }[]; messages: { date: string | null }[] } }
        | undefined;
      return (
        value && {
          participants: value.interaction.participants.map((p) => p.email),
          dates: value.interaction.messages.map((m) => m.date),
        }
      );
    };

    const collapsed = await env.openFixture('gmail/gmail-collapsed-without-id.html');
    await expect
      .poll(() => stored(collapsed.tabId))
      .toMatchObject({
        participants: ['jane@acme.com', 'carl@acme.com', 'sam@ourco.com'],
      });
    // Dates are the worker's reading of the header words; the browser's time zone applies.
    const expectedDates = await collapsed.page.evaluate(() =>
      [
        [2026, 10, 16, 9, 5],
        [2026, 10, 17, 16, 30],
        [2026, 10, 18, 10, 12],
        [2026, 10, 20, 13, 19],
      ].map(([y, mo, d, h, mi]) => new Date(y!, mo!, d!, h!, mi!).toISOString()),
    );
    expect((await stored(collapsed.tabId))?.dates).toEqual(expectedDates);

    const french = await env.openFixture('gmail/gmail-dates-fr.html');
    const expectedFrench = await french.page.evaluate(() =>
      [
        [2026, 10, 20, 13, 19],
        [2026, 11, 7, 8, 5],
        [2027, 2, 2, 17, 45],
        [2026, 8, 30, 23, 59],
      ].map(([y, mo, d, h, mi]) => new Date(y!, mo!, d!, h!, mi!).toISOString()),
    );
    await expect.poll(async () => (await stored(french.tabId))?.dates).toEqual(expectedFrench);
  });

  it('opening and closing a Calendar event dialog updates the panel', async () => {
    const { page, tabId } = await env.openFixture(
      'calendar/calendar-no-dialog.html',
      'https://calendar.google.com/calendar/u/0/r/week/2026/11/24',
    );
    const panel = await env.dealside.openPanel(tabId);
    await expect.poll(() => panel.getByRole('heading', { name: 'No meeting open' }).count()).toBe(1);

    const dialog = fixtureHtml('calendar/calendar-event-dialog.html').match(
      /<div class="RDlrG[\s\S]*?\n<\/div>\n/,
    )![0];
    await page.evaluate((markup) => {
      const template = document.createElement('template');
      template.setHTMLUnsafe(markup);
      document.body.append(template.content);
    }, dialog);
    await expect
      .poll(() => panel.getByRole('heading', { level: 1 }).first().innerText())
      .toBe('Acme — pricing review');

    await page.evaluate(() => document.querySelector('[data-chips-dialog]')!.remove());
    await expect.poll(() => panel.getByRole('heading', { name: 'No meeting open' }).count()).toBe(1);
  });
});
