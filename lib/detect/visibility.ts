/**
 * Visibility from markup alone: layout is unknown in Node, and asking the page for computed
 * styles on every change would cost more than the whole parse.
 */

export function isHiddenByMarkup(element: Element): boolean {
  if (element.hasAttribute('hidden')) return true;
  const style = element.getAttribute('style');
  return style !== null && /display\s*:\s*none/i.test(style);
}

/** Hidden by itself or an ancestor (Gmail keeps earlier views in the DOM with display:none). */
export function isHiddenInPage(element: Element): boolean {
  for (let el: Element | null = element; el; el = el.parentElement) {
    if (isHiddenByMarkup(el)) return true;
  }
  return false;
}
