/**
 * Plain text of a DOM subtree, read from text nodes only (never markup), with line breaks where
 * a browser would put them. Node DOMs (linkedom) have no `innerText`, and the content script must
 * not depend on layout, so this walks the tree itself.
 */

import { isHiddenByMarkup } from './visibility';

const BLOCKS = new Set(
  (
    'address article aside blockquote dd details div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 ' +
    'header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul'
  ).split(' '),
);
const NEVER_TEXT = new Set(['script', 'style', 'template', 'noscript', 'head', 'title', 'iframe', 'object']);

export interface TextOptions {
  /** Subtrees to leave out, e.g. quoted history. */
  skip?: string;
}

const ELEMENT = 1;
const TEXT = 3;

/** Lines of text of `root`, each trimmed (indentation too, even in <pre>), blank runs collapsed to one. */
export function textOf(root: Node, options: TextOptions = {}): string {
  const out: Lines = { done: [], current: '' };
  walk(root, out, options.skip ?? null, false);
  softBreak(out);
  return tidy(out.done);
}

/** The text of `root` on one line: what a heading, a name or a date shows. */
export function lineOf(root: Node): string {
  return textOf(root).replace(/\n+/g, ' ');
}

interface Lines {
  done: string[];
  current: string;
}

/** A block edge ends the line only if something is on it; <br> always does. */
function softBreak(out: Lines): void {
  if (out.current.trim() !== '') out.done.push(out.current);
  out.current = '';
}

function hardBreak(out: Lines): void {
  out.done.push(out.current);
  out.current = '';
}

function walk(node: Node, out: Lines, skip: string | null, pre: boolean): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === TEXT) {
      const data = child.nodeValue ?? '';
      if (!pre) out.current += data.replace(/[ \t\n\r\f]+/g, ' ');
      else {
        const [first = '', ...rest] = data.split('\n');
        out.current += first;
        for (const line of rest) {
          hardBreak(out);
          out.current = line;
        }
      }
    } else if (child.nodeType === ELEMENT) {
      element(child as Element, out, skip, pre);
    }
  }
}

function element(el: Element, out: Lines, skip: string | null, pre: boolean): void {
  const name = el.localName;
  if (NEVER_TEXT.has(name) || isHiddenByMarkup(el) || (skip !== null && el.matches(skip))) return;
  if (name === 'br') return hardBreak(out);
  if (name === 'img') {
    // Gmail renders emoji as images; their alt text is the character itself.
    if (el.hasAttribute('data-emoji')) out.current += el.getAttribute('alt') ?? '';
    return;
  }
  const block = BLOCKS.has(name);
  if (block) softBreak(out);
  walk(el, out, skip, pre || name === 'pre');
  if (block) softBreak(out);
}

function tidy(lines: string[]): string {
  const out: string[] = [];
  for (const line of lines) {
    const trimmed = line.replace(/[ \t\u00a0]+/g, ' ').trim();
    if (trimmed === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(trimmed);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
