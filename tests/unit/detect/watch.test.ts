/**
 * The real Gmail and Calendar watchers on saved pages in happy-dom, with a real MutationObserver:
 * which page changes lead to a parse and a message, and which cost nothing.
 */
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { calendarWatch } from '../../../lib/detect/calendar-watch';
import type { AppWatch, DetectorReport } from '../../../lib/detect/detector';
import { createDetector } from '../../../lib/detect/detector';
import { gmailWatch } from '../../../lib/detect/gmail-watch';

const windows: Window[] = [];
afterEach(async () => {
  await Promise.all(windows.splice(0).map((w) => w.happyDOM.close()));
});

function fixture(path: string): string {
  return readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');
}

function open(html: string, app: AppWatch, url: string) {
  const window = new Window({ url });
  windows.push(window);
  const document = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  const spied = {
    ...app,
    fingerprint: vi.fn(app.fingerprint),
    extract: vi.fn(app.extract),
  };
  const tasks: Array<() => void> = [];
  const reports: DetectorReport[] = [];
  const page = { url };
  const detector = createDetector({
    document,
    url: () => page.url,
    app: spied,
    report: (report) => reports.push(report),
    schedule: (task) => void tasks.push(task),
    createObserver: (callback) =>
      new window.MutationObserver(callback as never) as unknown as MutationObserver,
  });
  /** Lets the observer deliver (a microtask), then runs what was scheduled. */
  const settle = async () => {
    await Promise.resolve();
    const scheduled = tasks.length;
    while (tasks.length > 0) tasks.shift()!();
    return scheduled;
  };
  /** Builds nodes from markup through the parser, never through innerHTML. */
  const nodes = (markup: string) => {
    const parsed = new window.DOMParser().parseFromString(`<body>${markup}</body>`, 'text/html');
    return document.importNode(parsed.body.firstElementChild as unknown as Element, true);
  };
  detector.start();
  return { window, document, detector, reports, app: spied, settle, nodes, page };
}

const messageIdsOf = (reports: DetectorReport[]) =>
  reports.map((r) =>
    r.type === 'changed' && r.interaction.kind === 'email-thread'
      ? r.interaction.messages.map((m) => m.id)
      : r.type,
  );

describe('Gmail watch', () => {
  const URL_SPLIT = 'https://mail.google.com/mail/u/0/#inbox';

  it('ignores list-row churn, text changes and hover classes in a split pane', async () => {
    const { document, reports, app, settle } = open(
      fixture('gmail/gmail-split-pane.html'),
      gmailWatch,
      URL_SPLIT,
    );
    await settle();
    expect(messageIdsOf(reports)).toEqual([['198c8bbef77e8001']]);
    app.fingerprint.mockClear();
    app.extract.mockClear();

    const row = document.querySelector('tr.zA:not(.aps)')!;
    for (let i = 0; i < 20; i++) {
      row.classList.toggle('zE');
      row.classList.toggle('aqw');
      row.setAttribute('style', i % 2 ? 'opacity: 0.5' : '');
      row.querySelector('.bog')!.textContent = `Acme rollout (${i})`;
      document.querySelector('.a3s')!.append(document.createTextNode(' more text'));
    }
    expect(await settle()).toBe(0);
    expect(app.fingerprint).not.toHaveBeenCalled();
    expect(app.extract).not.toHaveBeenCalled();
    expect(reports).toHaveLength(1);
  });

  it('reports a message appended to the open thread, once', async () => {
    const { document, reports, settle } = open(
      fixture('gmail/gmail-thread-basic.html'),
      gmailWatch,
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQcpKmXnVgjxCqmlckGCzvLvdNt',
    );
    await settle();
    const list = document.querySelector('[role=list]')!;
    const copy = list.lastElementChild!.cloneNode(true) as Element;
    copy.querySelector('[data-message-id]')!.setAttribute('data-message-id', '#msg-f:1840962222222222222');
    copy.querySelector('[data-message-id]')!.setAttribute('data-legacy-message-id', '198c6959a5513c0e');
    list.append(copy);
    expect(await settle()).toBe(1);
    // The message body filling in afterwards does not change the key: no second message.
    copy.querySelector('.a3s')!.append(document.createTextNode('late body'));
    await settle();
    expect(messageIdsOf(reports)).toEqual([
      ['198c6747aabb71a9', '198c6860711611c7'],
      ['198c6747aabb71a9', '198c6860711611c7', '198c6959a5513c0e'],
    ]);
  });

  it('reports collapsed messages that arrive with no id, and again when one opens with its id', async () => {
    const { window, document, reports, settle } = open(
      fixture('gmail/gmail-heading-only.html'),
      gmailWatch,
      'https://mail.google.com/mail/u/0/#inbox/198d41a518730065',
    );
    await settle();
    const source = new window.DOMParser().parseFromString(
      fixture('gmail/gmail-collapsed-without-id.html'),
      'text/html',
    );
    const items = [...source.querySelectorAll('[role=listitem].kv')].slice(0, 2);
    const list = document.querySelector('[role=list]')!;
    for (const item of items) list.append(document.importNode(item as unknown as Element, true));
    expect(await settle()).toBe(1);
    // Gmail paints the id once the rep opens the message.
    list
      .lastElementChild!.querySelector('.adf')!
      .setAttribute('data-message-id', '#msg-f:1841200000000000102');
    await settle();
    const senders = reports.map((r) =>
      r.type === 'changed' && r.interaction.kind === 'email-thread'
        ? r.interaction.messages.map((m) => `${m.from.email}:${m.id ?? '?'}`)
        : r.type,
    );
    expect(senders).toEqual([
      [],
      ['jane@acme.com:?', 'carl@acme.com:?'],
      ['jane@acme.com:?', 'carl@acme.com:198d41a518730066'],
    ]);
  });

  it('reports a just-sent message again once Gmail assigns its legacy id', async () => {
    const { document, reports, settle } = open(
      fixture('gmail/gmail-long-thread-mixed.html'),
      gmailWatch,
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQcpTDMQBjfMLmDgRCLmNzvsMxF',
    );
    await settle();
    document
      .querySelector('[data-message-id^="#msg-a:"]')!
      .setAttribute('data-legacy-message-id', '198ce6b207f8c083');
    await settle();
    expect(messageIdsOf(reports).map((ids) => (Array.isArray(ids) ? ids.at(-1) : ids))).toEqual([
      null,
      '198ce6b207f8c083',
    ]);
  });

  it('says cleared once when the thread closes, and follows a replaced main region', async () => {
    const { document, reports, settle, nodes, page } = open(
      fixture('gmail/gmail-thread-basic.html'),
      gmailWatch,
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQcpKmXnVgjxCqmlckGCzvLvdNt',
    );
    await settle();
    const main = document.querySelector('[role=main]')!;
    main.replaceChildren();
    page.url = 'https://mail.google.com/mail/u/0/#inbox';
    await settle();
    main.append(document.createElement('div'));
    await settle();
    expect(messageIdsOf(reports)).toEqual([['198c6747aabb71a9', '198c6860711611c7'], 'cleared']);

    // Gmail swaps the whole region for a new one holding another thread.
    main.replaceWith(
      nodes(
        '<div role="main"><h2 class="hP" data-legacy-thread-id="198d41a5187301c8">Pilot</h2>' +
          '<div role="list"><div role="listitem" class="h7"><div class="adn" data-message-id="#msg-f:1841200000000000456"></div></div></div></div>',
      ),
    );
    await settle();
    expect(messageIdsOf(reports).at(-1)).toEqual(['198d41a5187301c8']);
  });
});

describe('Calendar watch', () => {
  const URL_WEEK = 'https://calendar.google.com/calendar/u/0/r/week/2026/11/24';
  const dialog = (eid: string) =>
    `<div role="dialog" data-chips-dialog="true"><div id="xDetDlg" data-eventid="${eid}">` +
    '<span role="heading">Call</span><div data-email="jane@acme.com"><span>Jane</span></div></div></div>';
  const eventIdsOf = (reports: DetectorReport[]) =>
    reports.map((r) =>
      r.type === 'changed' && r.interaction.kind === 'meeting' ? r.interaction.eventId : r.type,
    );

  it('follows the event dialog as it opens, is re-keyed in place, and closes', async () => {
    const { document, reports, settle, nodes } = open(
      fixture('calendar/calendar-no-dialog.html'),
      calendarWatch,
      URL_WEEK,
    );
    await settle();
    document.body.append(nodes(dialog(btoa('ev1 sam@ourco.com'))));
    await settle();
    document.querySelector('#xDetDlg')!.setAttribute('data-eventid', btoa('ev2 sam@ourco.com'));
    await settle();
    document.querySelector('[role=dialog]')!.remove();
    await settle();
    expect(eventIdsOf(reports)).toEqual(['cleared', 'ev1', 'ev2', 'cleared']);
  });

  it('notices a dialog rendered later into a layer that appeared empty', async () => {
    const { document, reports, settle, nodes } = open(
      fixture('calendar/calendar-no-dialog.html'),
      calendarWatch,
      URL_WEEK,
    );
    await settle();
    const layer = document.createElement('div');
    document.body.append(layer);
    await settle();
    layer.append(nodes(dialog(btoa('ev3 sam@ourco.com'))));
    await settle();
    expect(eventIdsOf(reports)).toEqual(['cleared', 'ev3']);
  });

  it('does nothing when grid chips change', async () => {
    const { document, app, settle } = open(
      fixture('calendar/calendar-no-dialog.html'),
      calendarWatch,
      URL_WEEK,
    );
    await settle();
    app.fingerprint.mockClear();
    const chip = document.querySelector('[role=main] [data-eventid]')!;
    chip.setAttribute('data-eventid', btoa('moved sam@ourco.com'));
    chip.setAttribute('style', 'top: 40px');
    chip.firstElementChild!.textContent = 'Standup (moved)';
    expect(await settle()).toBe(0);
    expect(app.fingerprint).not.toHaveBeenCalled();
  });
});
