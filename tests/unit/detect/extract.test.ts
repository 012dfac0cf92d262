/** Extraction cases that need a page changed in place, or are too small for a fixture pair. */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractInteraction } from '../../../lib/detect/extract';

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');
const page = (body: string) =>
  parseHTML(`<!doctype html><html><head><title>Inbox</title></head><body>${body}</body></html>`).document;

const GMAIL = 'https://mail.google.com/mail/u/0/#inbox';
const CALENDAR = 'https://calendar.google.com/calendar/u/0/r/week/2026/11/24';
const eid = (text: string) => Buffer.from(text).toString('base64');

describe('Gmail extraction', () => {
  it('reads a body again when its text changes (e.g. it finished loading)', () => {
    const { document } = parseHTML(fixture('gmail/gmail-split-pane.html'));
    const first = extractInteraction(document, GMAIL);
    document.querySelector('.a3s div')!.textContent = 'Questionnaire v2 attached.';
    const second = extractInteraction(document, GMAIL);
    expect(first?.kind === 'email-thread' && first.messages[0]!.text).toBe(
      'Security questionnaire is done, sending to procurement.',
    );
    expect(second?.kind === 'email-thread' && second.messages[0]!.text).toBe('Questionnaire v2 attached.');
  });

  it('waits for a hex id: a draft-born thread (thread-a) on a list URL is not reported yet', () => {
    const html =
      '<div role="main"><h2 class="hP" data-thread-perm-id="thread-a:r-123">Intro</h2>' +
      '<div role="list"><div role="listitem" class="h7"><div class="adn" data-message-id="#msg-a:r-456"></div></div></div></div>';
    expect(extractInteraction(page(html), GMAIL)).toBeNull();
    const synced = html.replace('<h2 class="hP"', '<h2 class="hP" data-legacy-thread-id="198c6747aabb71a9"');
    expect(extractInteraction(page(synced), GMAIL)).toMatchObject({
      threadId: '198c6747aabb71a9',
      messages: [{ id: null, permId: 'msg-a:r-456' }],
    });
  });

  it('finds nothing on a thread view Gmail keeps hidden', () => {
    const html =
      '<div role="main" hidden><h2 class="hP" data-legacy-thread-id="198c6747aabb71a9">Old</h2>' +
      '<div class="adn" data-message-id="#msg-f:1840959905192440233"></div></div><div role="main"></div>';
    expect(extractInteraction(page(html), GMAIL)).toBeNull();
  });

  it('ignores pages of other sites', () => {
    const { document } = parseHTML(fixture('gmail/gmail-thread-basic.html'));
    expect(
      extractInteraction(document, 'https://example.com/#inbox/FMfcgzQcpKmXnVgjxCqmlckGCzvLvdNt'),
    ).toBeNull();
  });
});

describe('Calendar extraction', () => {
  const dialog = (attrs: string, inner = '') =>
    `<div role="main"></div><div role="dialog" data-chips-dialog="true" ${attrs}>${inner}</div>`;

  it('leaves meeting times to completeInteraction and keeps the raw text', () => {
    const { document } = parseHTML(fixture('calendar/calendar-event-dialog.html'));
    expect(extractInteraction(document, CALENDAR)).toMatchObject({
      start: null,
      end: null,
      whenText: 'Tuesday, November 24, 2026 ⋅ 3:00 – 3:30pm',
    });
  });

  it('does not count a "more events" popover of chips, or a dialog being hidden', () => {
    const chips = `<div role="button" data-eventid="${eid('ev1 sam@ourco.com')}">Standup</div>`;
    expect(extractInteraction(page(dialog('', chips)), CALENDAR)).toBeNull();
    const hidden = `<div id="xDetDlg" data-eventid="${eid('ev1 sam@ourco.com')}"></div>`;
    expect(extractInteraction(page(dialog('aria-hidden="true"', hidden)), CALENDAR)).toBeNull();
    expect(extractInteraction(page(dialog('', hidden)), CALENDAR)).toMatchObject({ eventId: 'ev1' });
  });

  it('reads the event page only for an existing event at an eventedit URL', () => {
    const url = `https://calendar.google.com/calendar/u/0/r/eventedit/${eid('ev9 sam@ourco.com')}`;
    const edit = (isCreate: string) =>
      `<div role="main"><div data-is-create="${isCreate}"><input data-initial-value="Call"></div></div>`;
    expect(extractInteraction(page(edit('false')), url)).toMatchObject({ eventId: 'ev9', title: 'Call' });
    expect(extractInteraction(page(edit('true')), url)).toBeNull();
    expect(extractInteraction(page(edit('false')), CALENDAR)).toBeNull();
  });
});
