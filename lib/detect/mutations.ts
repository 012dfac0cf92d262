/** Cheap questions about one MutationRecord, shared by the apps' relevance filters. */

const ELEMENT = 1;

function matchesOrContains(node: Node, selector: string): boolean {
  if (node.nodeType !== ELEMENT) return false;
  const element = node as Element;
  return element.matches(selector) || element.querySelector(selector) !== null;
}

/** A childList change that adds or removes something matching `selector` (or holding it). */
export function addsOrRemoves(record: MutationRecord, selector: string): boolean {
  // Indexed loops: this runs for every record, and iterators would allocate.
  const { addedNodes, removedNodes } = record;
  for (let i = 0; i < addedNodes.length; i++) if (matchesOrContains(addedNodes[i]!, selector)) return true;
  for (let i = 0; i < removedNodes.length; i++)
    if (matchesOrContains(removedNodes[i]!, selector)) return true;
  return false;
}

function hiddenBy(style: string | null): boolean {
  return style !== null && /display\s*:\s*none/i.test(style);
}

/** A `style`/`hidden` change that shows or hides the element (needs `attributeOldValue`). */
export function visibilityToggled(record: MutationRecord): boolean {
  const element = record.target as Element;
  const name = record.attributeName;
  if (name === 'hidden') return (record.oldValue !== null) !== element.hasAttribute('hidden');
  if (name === 'aria-hidden') return record.oldValue !== element.getAttribute('aria-hidden');
  if (name === 'style') return hiddenBy(record.oldValue) !== hiddenBy(element.getAttribute('style'));
  return false;
}

/** Whether a `class` change adds or removes one of the classes `pattern` matches. */
export function classesToggled(record: MutationRecord, pattern: RegExp): boolean {
  const before = record.oldValue ?? '';
  const after = (record.target as Element).getAttribute('class') ?? '';
  if (!pattern.test(before) && !pattern.test(after)) return false;
  const tokens = (value: string) =>
    value
      .split(/\s+/)
      .filter((token) => pattern.test(token))
      .sort()
      .join(' ');
  return tokens(before) !== tokens(after);
}
