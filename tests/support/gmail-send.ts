/**
 * What Gmail does to the page around a send, for fixtures that cannot: the compose closes, the
 * "Message sent" toast shows `#link_undo` and `#link_vsm`, and the Undo link goes when the undo
 * window ends. Each function takes the page's document and is self-contained, so Playwright can
 * run it in the page (`page.evaluate(gmailSends)`) and happy-dom tests can call it directly.
 */

/** Gmail accepted the send: the compose closes and the undo toast appears. */
export function gmailSends(doc: Document): void {
  const box = doc.querySelector('[name=subjectbox]')?.closest('[role=dialog], .M9');
  box?.remove();
  const toast = doc.createElement('div');
  toast.setAttribute('role', 'alert');
  toast.className = 'vh';
  const text = doc.createElement('span');
  text.textContent = 'Message sent ';
  const undo = doc.createElement('span');
  undo.id = 'link_undo';
  undo.setAttribute('role', 'link');
  undo.textContent = 'Undo';
  const view = doc.createElement('span');
  view.id = 'link_vsm';
  view.setAttribute('role', 'link');
  view.textContent = 'View message';
  toast.append(text, undo, ' ', view);
  doc.body.append(toast);
}

/** The undo window has passed: the message is on its way and Undo is gone. */
export function gmailUndoWindowEnds(doc: Document): void {
  doc.getElementById('link_undo')?.remove();
}

/** After the rep clicked Undo: the toast goes ("Sending undone"), nothing is sent. */
export function gmailUndoesSend(doc: Document): void {
  doc.querySelector('[role=alert].vh')?.remove();
}
