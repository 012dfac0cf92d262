import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { lineOf, textOf } from '../../../lib/detect/text';

function body(html: string): HTMLElement {
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`).document.body;
}

describe('textOf', () => {
  it.each([
    ['Hi Sam,<br>Could you send it?<br>Jane', 'Hi Sam,\nCould you send it?\nJane'],
    ['<div>one</div><div>two</div>', 'one\ntwo'],
    ['<div>one</div><div><br></div><div>two</div>', 'one\n\ntwo'],
    ['one<br><br><br><br>two', 'one\n\ntwo'],
    ['<p>a</p><ul><li>b</li><li>c</li></ul>', 'a\nb\nc'],
    ['<div>Hi<br></div><div>there</div>', 'Hi\nthere'],
    ['  lots   of\n\n  space&nbsp;&nbsp;here  ', 'lots of space here'],
    ['in<b>line</b> <i>bits</i>', 'inline bits'],
    ['<pre>keep\n  these\nlines</pre>', 'keep\nthese\nlines'],
    ['<table><tr><td>cell 1</td><td>cell 2</td></tr></table>', 'cell 1\ncell 2'],
  ])('%j', (html, expected) => {
    expect(textOf(body(html))).toBe(expected);
  });

  it('returns markup in the text as inert text, and never reads real markup', () => {
    const html =
      '<div>&lt;img src=x onerror=alert(1)&gt;</div><img src=x onerror="alert(2)">' +
      '<script>alert(3)</script><style>p{}</style><template><b>t</b></template>';
    expect(textOf(body(html))).toBe('<img src=x onerror=alert(1)>');
  });

  it('reads emoji images as their character and ignores other images', () => {
    expect(textOf(body('Go <img data-emoji="🚀" alt="🚀"> <img alt="logo" src="x">!'))).toBe('Go 🚀 !');
  });

  it('leaves out hidden parts and what the caller skips', () => {
    const html =
      '<div>kept</div><div style="display: none">hidden</div><div hidden>also hidden</div>' +
      '<div class="gmail_quote">On Friday Jane wrote: old</div>';
    expect(textOf(body(html), { skip: '.gmail_quote' })).toBe('kept');
  });
});

describe('lineOf', () => {
  it('puts block text on one line', () => {
    expect(lineOf(body('<div>Tuesday</div><div>3:00 – 3:30pm</div>'))).toBe('Tuesday 3:00 – 3:30pm');
  });
});
