/**
 * Gmail: the open thread as an `EmailThread`, plus the cheap checks the content script runs on
 * every DOM change before deciding to parse at all.
 */
import type { EmailThread } from '../model';
import { MAX_LANG } from '../model-keys';
import { readMessage } from './gmail-message';
import { findThreadView, messageIds, resolveThreadId } from './gmail-view';
import { findUserEmail, uniquePeople } from './people';
import { lineOf } from './text';

export function extractEmailThread(document: Document, url: string): EmailThread | null {
  const view = findThreadView(document);
  if (!view) return null;
  const threadId = resolveThreadId(document, url, view);
  if (!threadId) return null;
  const userEmail = findUserEmail(document);
  const messages = view.messages.map((message) => readMessage(message, userEmail));
  // Built in the contract's key order; the worker checks the shape (zod stays out of the page).
  return {
    kind: 'email-thread',
    threadId,
    subject: view.heading ? lineOf(view.heading) : '',
    messages,
    participants: uniquePeople(messages.flatMap((m) => [m.from, ...m.to]).filter((p) => p.email)),
    userEmail,
    ...pageLang(document),
  };
}

/** The language the page's dates are worded in; the worker picks its date reader by it. */
function pageLang(document: Document): { lang?: string } {
  const lang = document.documentElement?.getAttribute('lang')?.trim();
  return lang ? { lang: lang.slice(0, MAX_LANG) } : {};
}

/**
 * Everything the interaction key depends on (thread id, message ids), read from attributes only.
 * Equal fingerprints mean an equal key, so the full parse can be skipped.
 */
export function gmailFingerprint(document: Document, url: string): string {
  const view = findThreadView(document);
  if (!view) return '';
  const ids = view.messages.map(({ element }) => {
    const { id, permId } = messageIds(element);
    return id ?? permId ?? '?';
  });
  return `${resolveThreadId(document, url, view) ?? ''}|${ids.join(',')}`;
}
