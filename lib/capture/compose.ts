/**
 * Sent-email capture, worker side: the raw compose the Gmail page reported becomes the sent
 * message of a thread, the same shape the thread view reports, so it is keyed the same way.
 */
import { normalizedSubject } from '../deals/drafts';
import type { EmailMessage, EmailThread, Interaction, Person } from '../model';
import type { SentCompose } from '../protocol/page';

const EMAIL = /^[^\s<>@,;"]+@[^\s<>@,;"]+\.[^\s<>@,;"]+$/;

function parseOne(part: string): Person | null {
  const open = part.lastIndexOf('<');
  const close = part.indexOf('>', open);
  const email = (open >= 0 ? part.slice(open + 1, close < 0 ? undefined : close) : part).trim().toLowerCase();
  if (!EMAIL.test(email)) return null;
  const name =
    open >= 0
      ? part
          .slice(0, open)
          .trim()
          .replace(/^"(.*)"$/, '$1')
          .trim()
      : '';
  return { email, name };
}

/** "Jane Doe <jane@acme.com>", "jane@acme.com", or several of them separated by commas. */
export function parseAddresses(raw: readonly string[]): Person[] {
  const people: Person[] = [];
  for (const entry of raw) {
    for (const part of entry.split(/[,;](?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
      const person = parseOne(part);
      if (person && !people.some((p) => p.email === person.email)) people.push(person);
    }
  }
  return people;
}

/** A pop-out compose names its thread in the URL (`?…&th=<hex>`). */
function threadInUrl(url: string): string | null {
  try {
    const th = new URL(url).searchParams.get('th');
    return th && /^[0-9a-f]{16}$/i.test(th) ? th.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** When the page's clock is off by more than this, the worker's time of arrival is used. */
const CLOCK_SLACK_MS = 2 * 60_000;

export function sentTime(compose: SentCompose, now: Date): string {
  const at = Date.parse(compose.sentAt);
  return Number.isFinite(at) && Math.abs(at - now.getTime()) <= CLOCK_SLACK_MS
    ? new Date(at).toISOString()
    : now.toISOString();
}

/**
 * The sent message and the thread it belongs to: the pop-out's `th=`, else the thread open in
 * the tab when the reply was written in it or carries its subject, else a new thread of its own.
 * Null when it went to nobody (Bcc only) or the sender is unknown.
 */
export function sentThread(
  compose: SentCompose,
  open: Interaction | null,
  fallbackUser: string | null,
  now: Date,
): { thread: EmailThread; message: EmailMessage } | null {
  const to = parseAddresses([...compose.to, ...compose.cc]);
  const user = (compose.userEmail ?? fallbackUser ?? '').toLowerCase();
  if (to.length === 0 || !user.includes('@')) return null;
  const openThread = open?.kind === 'email-thread' ? open : null;
  const urlThread = threadInUrl(compose.url);
  const inOpen =
    openThread &&
    (urlThread === openThread.threadId ||
      (!urlThread &&
        (compose.inThread ||
          (compose.subject !== '' &&
            normalizedSubject(compose.subject) === normalizedSubject(openThread.subject)))));
  const subject = compose.subject || (inOpen ? openThread.subject : '');
  const message: EmailMessage = {
    id: null,
    permId: null,
    from: { email: user, name: '' },
    to,
    date: sentTime(compose, now),
    state: 'expanded',
    text: compose.body,
    direction: 'sent',
  };
  const threadId = inOpen ? openThread.threadId : (urlThread ?? `sent:${user}:${message.date}`);
  const people = inOpen ? openThread.participants : [];
  return {
    message,
    thread: {
      kind: 'email-thread',
      threadId,
      subject,
      messages: [...(inOpen ? openThread.messages : []), message],
      participants: [...people, ...to.filter((p) => !people.some((q) => q.email === p.email))],
      userEmail: user,
    },
  };
}
