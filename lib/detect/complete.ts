/**
 * Fills what the content script leaves out for size, and checks what it sent: a meeting's start
 * and end, parsed from the dialog's "when" text, and each Gmail message's date, read from the
 * header's words in the page's language, with chrono-node; list footers come out of message
 * text. Runs in the worker on receipt and in the CLI; never import this from a content script
 * (chrono alone is about 13.5 KB gzipped).
 */
import * as chrono from 'chrono-node/en';
import type { EmailMessage, EmailThread, Interaction } from '../model';
import { stripListFooter } from './list-footer';
import { readGmailDate } from './message-date';

export interface Span {
  start: string;
  end: string | null;
}

const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

/** Calendar writes multi-day all-day events as "November 24 – 26, 2026", which chrono misses. */
function spellOutDayRange(text: string): string {
  return text.replace(
    new RegExp(`\\b${MONTH}\\s+(\\d{1,2})\\s*[–-]\\s*(\\d{1,2})(,\\s*\\d{4})?`, 'gi'),
    (_all, month: string, from: string, to: string, year = '') =>
      `${month} ${from}${year} – ${month} ${to}${year}`,
  );
}

function localMidnight(date: Date, addDays = 0): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + addDays);
}

/**
 * Start and end of a "when" text such as "Tuesday, November 24, 2026 ⋅ 3:00 – 3:30pm", in local
 * time. All-day events span whole days, the end exclusive like the Calendar API's. Null when no
 * date is found.
 */
export function parseWhen(text: string, now: Date = new Date()): Span | null {
  const clean = spellOutDayRange(text.replace(/[⋅·•\u00a0\u202f]/g, ' ').replace(/\s*\n\s*/g, ' '));
  const [result] = chrono.parse(clean, now);
  if (!result) return null;
  const allDay = !result.start.isCertain('hour');
  if (allDay) {
    const last = result.end?.date() ?? result.start.date();
    return {
      start: localMidnight(result.start.date()).toISOString(),
      end: localMidnight(last, 1).toISOString(),
    };
  }
  return { start: result.start.date().toISOString(), end: result.end?.date().toISOString() ?? null };
}

/** Only the worker's own reading of a date counts; a page could send anything in `date`. */
function isIsoTimestamp(value: string | null): boolean {
  return (
    value !== null && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && !isNaN(Date.parse(value))
  );
}

function completeMessage(message: EmailMessage, lang: string | undefined): EmailMessage {
  const { dateText, ...rest } = message;
  const text = stripListFooter(message.text);
  if (dateText === undefined)
    return { ...rest, date: isIsoTimestamp(message.date) ? message.date : null, text };
  const date = readGmailDate(dateText, lang);
  // The words stay only when they could not be read: support can then see what the page said.
  return date ? { ...rest, date, text } : { ...rest, date: null, dateText, text };
}

function completeThread(thread: EmailThread): EmailThread {
  const { lang, ...rest } = thread;
  const messages = thread.messages.map((message) => completeMessage(message, lang));
  const unread = messages.some((message) => message.dateText !== undefined);
  return { ...rest, messages, ...(unread && lang !== undefined ? { lang } : {}) };
}

/** The interaction with everything the DOM pass deferred filled in. */
export function completeInteraction(interaction: Interaction, now: Date = new Date()): Interaction {
  if (interaction.kind === 'email-thread') return completeThread(interaction);
  if (interaction.start !== null || !interaction.whenText) return interaction;
  const span = parseWhen(interaction.whenText, now);
  return span ? { ...interaction, start: span.start, end: span.end } : interaction;
}
