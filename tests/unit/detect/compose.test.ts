/**
 * Sent-email capture on the compose fixtures (one per compose kind) in happy-dom: what the page
 * reports when the rep sends, and that nothing is reported for an undone send or before Gmail's
 * undo window has passed. Bcc never leaves the page.
 */
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { watchSends } from '../../../lib/detect/compose';
import type { SentCompose } from '../../../lib/protocol/page';
import { gmailSends, gmailUndoesSend, gmailUndoWindowEnds } from '../../support/gmail-send';

const windows: Window[] = [];
const stops: (() => void)[] = [];
afterEach(async () => {
  stops.splice(0).forEach((stop) => stop());
  await Promise.all(windows.splice(0).map((w) => w.happyDOM.close()));
});

interface Spec {
  url: string;
  expected: {
    to: string[];
    cc: string[];
    subject: string;
    bodyHas: string;
    bodyLacks: string;
    inThread: boolean;
  };
}

function open(name: string) {
  const base = new URL(`../../fixtures/compose/${name}`, import.meta.url);
  const spec = JSON.parse(readFileSync(new URL(`${base.href}.json`), 'utf8')) as Spec;
  const window = new Window({ url: spec.url });
  windows.push(window);
  window.document.write(readFileSync(new URL(`${base.href}.html`), 'utf8'));
  const document = window.document as unknown as Document;
  const reports: SentCompose[] = [];
  stops.push(
    watchSends(
      document,
      () => 'sam@ourco.com',
      (sent) => reports.push(sent),
    ),
  );
  const click = (element: Element | null) =>
    element!.dispatchEvent(new window.MouseEvent('click', { bubbles: true }) as unknown as Event);
  const send = () => click(document.querySelector('[data-tooltip="Send"]'));
  return { spec, document, reports, send, click };
}

/**
 * Resolves once the page's MutationObservers have been told about the next DOM change. Observers
 * are notified in the order they were created, so when this later one hears of the change, the
 * capture's observer already has. Call it before making the change.
 */
function observersSee(document: Document): Promise<void> {
  return new Promise((resolve) => {
    const observer = new document.defaultView!.MutationObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true });
  });
}

const KINDS = ['compose-new', 'compose-reply', 'compose-inline-reply', 'compose-popout'];

describe('sent-email capture in the page', () => {
  it.each(KINDS)('%s: reports recipients, subject and body once Gmail has sent it', async (name) => {
    const page = open(name);
    page.send();
    const seen = observersSee(page.document);
    gmailSends(page.document);
    await seen;
    // The toast is up, Undo still possible: nothing reported yet.
    expect(page.reports).toEqual([]);
    gmailUndoWindowEnds(page.document);
    await expect.poll(() => page.reports.length).toBe(1);
    const [sent] = page.reports;
    const { expected } = page.spec;
    expect(sent).toMatchObject({
      to: expected.to,
      cc: expected.cc,
      subject: expected.subject,
      inThread: expected.inThread,
      url: page.spec.url,
      userEmail: 'sam@ourco.com',
    });
    expect(sent!.body).toContain(expected.bodyHas);
    if (expected.bodyLacks) expect(sent!.body).not.toContain(expected.bodyLacks);
    expect(JSON.stringify(sent)).not.toContain('ceo-private@acme.com');
  });

  it('reports nothing when the rep clicks Undo within the window', async () => {
    const page = open('compose-reply');
    page.send();
    const sent = observersSee(page.document);
    gmailSends(page.document);
    await sent;
    page.click(page.document.getElementById('link_undo'));
    const undone = observersSee(page.document);
    gmailUndoesSend(page.document);
    await undone;
    expect(page.reports).toEqual([]);
  });

  it('reports nothing for a compose closed without sending', async () => {
    const page = open('compose-new');
    page.send();
    const closed = observersSee(page.document);
    page.document.querySelector('[role=dialog]')!.remove();
    await closed;
    expect(page.reports).toEqual([]);
  });

  it('Ctrl+Enter sends too', async () => {
    const { document, reports } = open('compose-inline-reply');
    const box = document.querySelector('[role=textbox]')!;
    box.dispatchEvent(
      new (document.defaultView as unknown as Window).KeyboardEvent('keydown', {
        key: 'Enter',
        ctrlKey: true,
        bubbles: true,
      }) as unknown as Event,
    );
    const seen = observersSee(document);
    gmailSends(document);
    await seen;
    gmailUndoWindowEnds(document);
    await expect.poll(() => reports.length).toBe(1);
  });
});
