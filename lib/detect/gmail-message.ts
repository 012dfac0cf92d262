/** One Gmail message as the thread view renders it: who, to whom, when, and what it says. */
import type { EmailMessage, Person } from '../model';
import { parseGmailDate } from './gmail-date';
import type { ShownMessage } from './gmail-view';
import { messageIds } from './gmail-view';
import { personFrom, uniquePeople } from './people';
import { textOf } from './text';

/** Quoted history and Gmail's trimmed-content parts ("…" button, elided text). */
const QUOTED =
  '.gmail_quote, .gmail_extra, blockquote[type=cite], .adL, .h5, .yj6qo, .ajR, #divRplyFwdMsg, #appendonsend';
const RECIPIENTS = '.hb span[email]';

function sender(message: Element): Person {
  const element =
    message.querySelector('.gD[email]') ??
    message.querySelector('.gF [email]') ??
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

/** Gmail repeats the same few date strings; parsing each once keeps re-parses cheap. */
const dates = new Map<string, string | null>();

function dateOf(message: Element): string | null {
  const title = message.querySelector('.g3[title]')?.getAttribute('title');
  if (!title) return null;
  let date = dates.get(title);
  if (date === undefined) {
    if (dates.size > 500) dates.clear();
    date = parseGmailDate(title);
    dates.set(title, date);
  }
  return date;
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
    date: dateOf(message),
    state,
    // A collapsed message shows only a snippet; an empty text says "not read" more honestly.
    text: state === 'expanded' ? bodyText(message) : '',
    direction: userEmail && from.email ? (from.email === userEmail ? 'sent' : 'received') : null,
  };
}
