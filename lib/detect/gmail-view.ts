/**
 * Where the open Gmail thread is: its subject heading, the messages shown, and its id. Shared by
 * the cheap fingerprint and the full extraction so both always agree on what is open.
 */
import { isLegacyHexId, permIdFromJslog, permIdToHex, threadHexFromUrl } from './gmail-ids';
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
 * The sender in a message header. Real collapsed messages often have no `data-message-id`:
 * only their list item with this sender is painted, and it still names a participant.
 */
export const SENDER = '.gD[email], .gF [email]';
const MESSAGE_OR_ITEM = `${MESSAGE}, [role=listitem]`;

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

/** A list item that is a message with no id painted yet: it shows a sender and holds no id. */
function isMessageWithoutId(item: Element): boolean {
  return item.querySelector(MESSAGE) === null && item.querySelector(SENDER) !== null;
}

/**
 * Messages in page order, id-less list items where they sit. One pass in document order: a list
 * item comes just before the message it holds, so only items not followed by their own message
 * (rare: id-less or folded) are searched.
 */
function visibleMessagesIn(scope: Element): ShownMessage[] {
  const out: ShownMessage[] = [];
  let item: Element | null = null;
  const settle = () => {
    if (item && isMessageWithoutId(item)) {
      // Only the header of an id-less message is readable, whatever its classes say.
      if (messageState(item, scope)) out.push({ element: item, state: 'collapsed' });
    }
    item = null;
  };
  for (const element of scope.querySelectorAll(MESSAGE_OR_ITEM)) {
    if (!element.hasAttribute('data-message-id')) {
      settle();
      item = element;
      continue;
    }
    if (item?.contains(element)) item = null;
    else settle();
    const state = messageState(element, scope);
    if (state) out.push({ element, state });
  }
  settle();
  return out;
}

/** The smallest ancestor of the heading that also holds its messages. */
function threadScope(heading: Element): Element {
  for (let el = heading.parentElement; el; el = el.parentElement) {
    if (el.getAttribute('role') === 'main' || el.querySelector(MESSAGE)) return el;
    for (const item of el.querySelectorAll('[role=listitem]')) if (isMessageWithoutId(item)) return el;
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
  if (selected && isLegacyHexId(selected)) return selected.toLowerCase();
  return permIdToHex(threadPermIdFromJslog(view));
}

/** Last resort: a `#thread-f:` id in the `jslog` of the heading or of a shown message. */
function threadPermIdFromJslog(view: ThreadView): string | null {
  const roots = [...(view.heading ? [view.heading] : []), ...view.messages.map((m) => m.element)];
  for (const root of roots) {
    const found = jslogPermId(root, 'thread');
    if (found) return found;
  }
  return null;
}

function jslogPermId(root: Element, kind: 'thread' | 'msg'): string | null {
  const own = permIdFromJslog(root.getAttribute('jslog'), kind);
  if (own) return own;
  for (const element of root.querySelectorAll('[jslog]')) {
    const found = permIdFromJslog(element.getAttribute('jslog'), kind);
    if (found) return found;
  }
  return null;
}

/**
 * The legacy hex id of a message, derived from `msg-f:` when only the perm id is painted. A
 * message without `data-message-id` gets its ids from `jslog` if it carries one, else none.
 */
export function messageIds(message: Element): { id: string | null; permId: string | null } {
  const painted = message.getAttribute('data-message-id');
  const permId = (painted === null ? jslogPermId(message, 'msg') : painted.trim().replace(/^#/, '')) || null;
  const legacy = message.getAttribute('data-legacy-message-id')?.trim();
  const id = legacy && isLegacyHexId(legacy) ? legacy.toLowerCase() : permIdToHex(permId);
  return { id, permId };
}
