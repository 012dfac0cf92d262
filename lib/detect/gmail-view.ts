/**
 * Where the open Gmail thread is: its subject heading, the messages shown, and its id. Shared by
 * the cheap fingerprint and the full extraction so both always agree on what is open.
 */
import { isLegacyHexId, permIdToHex, threadHexFromUrl } from './gmail-ids';
import { isHiddenInPage } from './visibility';

export interface ShownMessage {
  element: Element;
  state: 'expanded' | 'collapsed';
}

export interface ThreadView {
  /** The visible subject heading, absent while Gmail is still painting it. */
  heading: Element | null;
  /** The visible messages, in page order; hidden "N older messages" are left out. */
  messages: ShownMessage[];
}

const HEADING = 'h2.hP';
const MESSAGE = '[data-message-id]';

/**
 * InboxSDK's rule: `.kQ`/`.kx` sit inside the folded "N older messages" group (not shown, not
 * counted), `.kv`/`.ky` mark a collapsed message, anything else is expanded. Null also for an id
 * nested inside another message. One walk up to the thread's scope instead of several
 * `closest()` calls that would each climb to the document root.
 */
export function messageState(message: Element, scope: Element | null): ShownMessage['state'] | null {
  let state: ShownMessage['state'] = 'expanded';
  for (let el: Element | null = message; el && el !== scope; el = el.parentElement) {
    const classes = el.classList;
    if (classes.contains('kQ') || classes.contains('kx')) return null;
    if (classes.contains('kv') || classes.contains('ky')) state = 'collapsed';
    if (el !== message && el.hasAttribute('data-message-id')) return null;
  }
  return state;
}

function visibleMessagesIn(scope: Element): ShownMessage[] {
  const out: ShownMessage[] = [];
  for (const element of scope.querySelectorAll(MESSAGE)) {
    const state = messageState(element, scope);
    if (state) out.push({ element, state });
  }
  return out;
}

/** The smallest ancestor of the heading that also holds its messages. */
function threadScope(heading: Element): Element {
  for (let el = heading.parentElement; el; el = el.parentElement) {
    if (el.querySelector(MESSAGE) || el.getAttribute('role') === 'main') return el;
  }
  return heading;
}

/** The open thread, or null when Gmail shows a list, settings, or nothing yet. */
export function findThreadView(document: Document): ThreadView | null {
  for (const heading of document.querySelectorAll(HEADING)) {
    if (isHiddenInPage(heading)) continue;
    return { heading, messages: visibleMessagesIn(threadScope(heading)) };
  }
  // The heading can lag behind the messages; accept visible messages under a main region.
  for (const main of document.querySelectorAll('[role=main]')) {
    if (isHiddenInPage(main)) continue;
    const messages = visibleMessagesIn(main);
    if (messages.length > 0) return { heading: null, messages };
  }
  return null;
}

/**
 * The documented order: heading's legacy id → heading's perm id → URL (pop-out `th=`, then the
 * route's last segment) → the list row selected in split-pane mode.
 */
export function resolveThreadId(document: Document, url: string, view: ThreadView): string | null {
  const legacy = view.heading?.getAttribute('data-legacy-thread-id')?.trim();
  if (legacy && isLegacyHexId(legacy)) return legacy.toLowerCase();
  const fromPerm = permIdToHex(view.heading?.getAttribute('data-thread-perm-id'));
  if (fromPerm) return fromPerm;
  const fromUrl = threadHexFromUrl(url);
  if (fromUrl) return fromUrl;
  const selected = document
    .querySelector('[gh=tl] tr.aps [data-legacy-thread-id]')
    ?.getAttribute('data-legacy-thread-id')
    ?.trim();
  return selected && isLegacyHexId(selected) ? selected.toLowerCase() : null;
}

/** The legacy hex id of a message, derived from `msg-f:` when only the perm id is painted. */
export function messageIds(message: Element): { id: string | null; permId: string | null } {
  const permId = message.getAttribute('data-message-id')?.trim().replace(/^#/, '') || null;
  const legacy = message.getAttribute('data-legacy-message-id')?.trim();
  const id = legacy && isLegacyHexId(legacy) ? legacy.toLowerCase() : permIdToHex(permId);
  return { id, permId };
}
