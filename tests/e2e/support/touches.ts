/**
 * Many distinct Gmail threads and Calendar meetings for the exactly-once suite, made from the
 * saved fixtures (gmail-thread-basic, calendar-event-dialog) by giving each its own ids, subject
 * and title. A thread's newest message (the one "Log email" logs) is Sam's reply; it can carry a
 * just-sent temporary id (`#msg-a:r…`, no legacy id) instead of its permanent one.
 */
import { fixtureHtml, fixtureUrl } from './env';

const THREAD_FIXTURE = 'gmail/gmail-thread-basic.html';
const MEETING_FIXTURE = 'calendar/calendar-event-dialog.html';

const FIXTURE_SUBJECT = 'Acme rollout: pricing for 250 seats';
const FIXTURE_THREAD = { hex: '198c6747aabb71a9', perm: 'thread-f:1840959905192440233' };
const FIXTURE_FIRST = { hex: '198c6747aabb71a9', perm: '#msg-f:1840959905192440233' };
const FIXTURE_REPLY = { hex: '198c6860711611c7', perm: '#msg-f:1840961111111111111' };
const FIXTURE_TITLE = 'Acme — pricing review';
const FIXTURE_EVENT_ID = 'NGsybDl2MGFxYmQzZjZzMW04aDdwNWMybmUgc2FtQG91cmNvLmNvbQ==';

const hex16 = (n: bigint) => n.toString(16).padStart(16, '0');

export interface ThreadIds {
  threadHex: string;
  replyHex: string;
}

/** Distinct, valid 16-hex Gmail ids per (run, thread). */
export function threadIds(run: number, index: number): ThreadIds {
  const thread = 0x19a0000000000000n + BigInt(run) * 0x100000000n + BigInt(index) * 0x10000n;
  return { threadHex: hex16(thread), replyHex: hex16(thread + 0x777n) };
}

function replaceOnce(html: string, from: string, to: string): string {
  const at = html.indexOf(from);
  if (at < 0) throw new Error(`fixture changed: "${from}" not found`);
  return html.slice(0, at) + to + html.slice(at + from.length);
}

/**
 * The basic thread with its own ids and subject. `tempReplyId` renders Sam's reply as Gmail does
 * right after sending: a `#msg-a:r…` id and no legacy id yet.
 */
export function threadHtml(ids: ThreadIds, subject: string, tempReplyId?: string): string {
  let html = fixtureHtml(THREAD_FIXTURE);
  html = replaceOnce(
    html,
    `data-thread-perm-id="${FIXTURE_THREAD.perm}" data-legacy-thread-id="${FIXTURE_THREAD.hex}"`,
    `data-thread-perm-id="thread-f:${BigInt(`0x${ids.threadHex}`)}" data-legacy-thread-id="${ids.threadHex}"`,
  );
  html = replaceOnce(html, `>${FIXTURE_SUBJECT}</h2>`, `>${subject}</h2>`);
  html = replaceOnce(
    html,
    `data-message-id="${FIXTURE_FIRST.perm}" data-legacy-message-id="${FIXTURE_FIRST.hex}"`,
    `data-message-id="#msg-f:${BigInt(`0x${ids.threadHex}`)}" data-legacy-message-id="${ids.threadHex}"`,
  );
  html = replaceOnce(
    html,
    `data-message-id="${FIXTURE_REPLY.perm}" data-legacy-message-id="${FIXTURE_REPLY.hex}"`,
    tempReplyId
      ? `data-message-id="#${tempReplyId}"`
      : `data-message-id="#msg-f:${BigInt(`0x${ids.replyHex}`)}" data-legacy-message-id="${ids.replyHex}"`,
  );
  return html;
}

/** A URL of its own per thread (the query changes, so the tab really navigates). */
export function threadUrl(ids: ThreadIds, visit: number): string {
  const base = new URL(fixtureUrl(THREAD_FIXTURE));
  return `${base.origin}${base.pathname}?eo=${visit}#inbox/${ids.threadHex}`;
}

/** Gmail's inbox with no thread open: the panel shows nothing to log. */
export function inboxHtml(): string {
  return fixtureHtml('gmail/gmail-inbox-no-thread.html');
}

export function inboxUrl(visit: number): string {
  return `https://mail.google.com/mail/u/0/?eo=${visit}#inbox`;
}

/** Calendar event ids use base32hex letters (a–v) and digits. */
export function meetingEventId(run: number, index: number): string {
  return `eo${run.toString(32)}m${index.toString(32)}dealsidetest`.replace(/[^a-v0-9]/g, '0');
}

export function meetingHtml(eventId: string, title: string): string {
  let html = fixtureHtml(MEETING_FIXTURE);
  const encoded = Buffer.from(`${eventId} sam@ourco.com`).toString('base64');
  html = replaceOnce(html, `data-eventid="${FIXTURE_EVENT_ID}"`, `data-eventid="${encoded}"`);
  html = replaceOnce(html, `>${FIXTURE_TITLE}</span>`, `>${title}</span>`);
  return html;
}

export function meetingUrl(visit: number): string {
  const base = new URL(fixtureUrl(MEETING_FIXTURE));
  return `${base.origin}${base.pathname}?eo=${visit}`;
}
