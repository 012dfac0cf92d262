/**
 * Sent-email capture, page side: what a Gmail compose holds when the rep sends it, reported only
 * once Gmail's undo window has passed. Raw strings only; the worker parses and checks them.
 *
 * Anchors: a compose is the nearest element holding `[name=subjectbox]`; recipients are the
 * `[data-hovercard-id]` chips of its `[name=to]` and `[name=cc]` rows (never `bcc`), else the
 * hidden `.GS input[name=to|cc]` values; the body is its `[role=textbox]` without quoted history.
 * Gmail's send toast holds `#link_vsm` ("View message") and, during the undo window, `#link_undo`.
 */
import type { SentCompose } from '../protocol/page';
import { textOf } from './text';

/** Gmail's longest undo delay is 30 s; a send not confirmed well after that is dropped. */
const GIVE_UP_MS = 45_000;
const MAX_BODY = 100_000;

function composeOf(target: EventTarget | null): Element | null {
  for (
    let el = (target as Element | null)?.parentElement !== undefined ? (target as Element) : null;
    el;
    el = el.parentElement
  ) {
    if (el.querySelector('[name=subjectbox]')) return el;
  }
  return null;
}

function recipients(compose: Element, field: 'to' | 'cc'): string[] {
  const chips = [...compose.querySelectorAll(`[name=${field}] [data-hovercard-id]`)].map(
    (chip) => `${chip.getAttribute('data-name') ?? ''} <${chip.getAttribute('data-hovercard-id')}>`,
  );
  if (chips.length > 0) return chips;
  return [...compose.querySelectorAll<HTMLInputElement>(`.GS input[name=${field}]`)].map((i) => i.value);
}

function snapshot(compose: Element, userEmail: string | null): Omit<SentCompose, 'sentAt'> {
  const body = compose.querySelector('[role=textbox]');
  return {
    to: recipients(compose, 'to'),
    cc: recipients(compose, 'cc'),
    subject: compose.querySelector<HTMLInputElement>('[name=subjectbox]')?.value ?? '',
    body: body ? textOf(body, { skip: '.gmail_quote, blockquote' }).slice(0, MAX_BODY) : '',
    inThread: compose.closest('[role=main]') !== null,
    url: compose.ownerDocument.URL,
    userEmail,
  };
}

type Snapshot = Omit<SentCompose, 'sentAt'>;

/**
 * Snapshots a compose when the rep may be sending it (a button in it, Ctrl/Cmd+Enter), pairs the
 * snapshot with the Undo link of the send toast that follows, and reports it once that link is
 * gone without having been clicked. Each send waits on its own link, so quick sends never mix.
 */
export function watchSends(
  document: Document,
  userEmail: () => string | null,
  report: (compose: SentCompose) => void,
): () => void {
  let armed: Snapshot | null = null;
  const waiting = new Map<Element, Snapshot>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const observer = new document.defaultView!.MutationObserver(check);

  function later(task: () => void) {
    const timer = setTimeout(() => {
      timers.delete(timer);
      task();
    }, GIVE_UP_MS);
    timers.add(timer);
  }

  function sent(link: Element) {
    const snap = waiting.get(link);
    if (!snap) return;
    waiting.delete(link);
    report({ ...snap, sentAt: new Date().toISOString() });
  }

  function check() {
    const undo = document.getElementById('link_undo');
    if (armed && undo && document.getElementById('link_vsm') && !waiting.has(undo)) {
      waiting.set(undo, armed);
      armed = null;
      // Past Gmail's longest delay the message has gone, whatever the toast still shows.
      later(() => sent(undo));
    }
    for (const link of [...waiting.keys()]) if (!link.isConnected) sent(link);
    if (!armed && waiting.size === 0) observer.disconnect();
  }

  function arm(compose: Element) {
    armed = snapshot(compose, userEmail());
    observer.observe(document.body, { childList: true, subtree: true });
    const snap = armed;
    later(() => {
      if (armed === snap) armed = null;
    });
  }

  function onClick(event: Event) {
    const target = event.target as Element | null;
    const undo = target?.closest?.('#link_undo');
    // Undo inside the window: that message was never sent.
    if (undo) return void waiting.delete(undo);
    const button = target?.closest?.('[role=button]');
    const compose = button && composeOf(button);
    if (compose) arm(compose);
  }

  function onKey(event: KeyboardEvent) {
    const target = event.target as Element | null;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      const compose = composeOf(target);
      if (compose) arm(compose);
    } else if (event.key === 'z' && !target?.closest?.('[contenteditable], input, textarea')) {
      // Gmail's keyboard Undo takes back the latest send.
      const latest = [...waiting.keys()].pop();
      if (latest) waiting.delete(latest);
    }
  }

  document.addEventListener('click', onClick, true);
  document.addEventListener('keydown', onKey, true);
  return () => {
    observer.disconnect();
    for (const timer of timers) clearTimeout(timer);
    document.removeEventListener('click', onClick, true);
    document.removeEventListener('keydown', onKey, true);
  };
}
