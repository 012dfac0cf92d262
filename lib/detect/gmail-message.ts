/** One Gmail message as the thread view renders it: who, to whom, when, and what it says. */
import type { EmailMessage, Person } from '../model';
import { MAX_DATE_TEXT } from '../model-keys';
import type { ShownMessage } from './gmail-view';
import { messageIds, SENDER } from './gmail-view';
import { personFrom, uniquePeople } from './people';
import { textOf } from './text';

/** Quoted history and Gmail's trimmed-content parts ("…" button, elided text). */
const QUOTED =
  '.gmail_quote, .gmail_extra, blockquote[type=cite], .adL, .h5, .yj6qo, .ajR, #divRplyFwdMsg, #appendonsend';
const RECIPIENTS = '.hb span[email]';

function sender(message: Element): Person {
  const element =
    message.querySelector(SENDER) ??
    [...message.querySelectorAll('span[email]')].find((el) => !el.closest('.hb, .a3s, .ii'));
  return (element && personFrom(element)) ?? { email: '', name: '' };
}

function recipients(message: Element): Person[] {
  const people: Person[] = [];
  for (const element of message.querySelectorAll(RECIPIENTS)) {
    const person = personFrom(element);
    if (person) people.push(person);
  }
  return uniquePeople(people);
}

/**
 * Bodies are walked once: a thread re-parses on every new message, and 50 bodies would take most
 * of the per-change budget. The cache is checked against the body's raw text (a native, cheap
 * read), so a body that is still loading or changes its words is walked again.
 */
const bodies = new WeakMap<Element, { raw: string; text: string }>();

function bodyText(message: Element): string {
  const body = message.querySelector('.a3s') ?? message.querySelector('.ii.gt');
  if (!body) return '';
  const raw = body.textContent ?? '';
  const cached = bodies.get(body);
  if (cached?.raw === raw) return cached.text;
  const text = textOf(body, { skip: QUOTED });
  bodies.set(body, { raw, text });
  return text;
}

/**
 * The header's full date, worded in the rep's Gmail language. Read into `date` by the worker,
 * which can afford a date parser for every language; the page only forwards the words.
 */
function dateTextOf(message: Element): { dateText?: string } {
  const title = message.querySelector('.g3[title]')?.getAttribute('title')?.trim();
  return title ? { dateText: title.slice(0, MAX_DATE_TEXT) } : {};
}

export function readMessage(
  { element: message, state }: ShownMessage,
  userEmail: string | null,
): EmailMessage {
  const from = sender(message);
  return {
    ...messageIds(message),
    from,
    to: recipients(message),
    date: null,
    state,
    // A collapsed message shows only a snippet; an empty text says "not read" more honestly.
    text: state === 'expanded' ? bodyText(message) : '',
    ...dateTextOf(message),
    direction: userEmail && from.email ? (from.email === userEmail ? 'sent' : 'received') : null,
  };
}
