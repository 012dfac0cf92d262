/** Gmail thread pages in the same shape as the saved fixtures, for states the fixtures lack. */
interface Address {
  email: string;
  name: string;
}

export interface ThreadSpec {
  threadId: string;
  subject: string;
  messages: { id: string; from: Address; to: Address[]; date: string; body: string }[];
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const person = (cls: string, a: Address) =>
  `<span translate="no" class="${cls}" email="${escape(a.email)}" name="${escape(a.name)}"><span>${escape(a.name)}</span></span>`;

export function gmailThreadHtml(spec: ThreadSpec): string {
  const messages = spec.messages
    .map(
      (
        m,
      ) => `<div role="listitem" class="h7"><div class="adn ads" data-message-id="#msg-f:${BigInt(`0x${m.id}`)}" data-legacy-message-id="${m.id}">
  <table><tr class="acZ"><td class="gF gK">${person('gD', m.from)}</td>
  <td class="gH"><span class="g3" title="${escape(m.date)}">${escape(m.date)}</span></td></tr>
  <tr><td><span class="hb">to ${m.to.map((t) => person('g2', t)).join(', ')}</span></td></tr></table>
  <div class="ii gt"><div class="a3s aiL"><div dir="ltr">${escape(m.body)}</div></div></div></div></div>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Inbox - sam@ourco.com - Ourco Mail</title></head>
<body><div class="nH" role="main"><div class="nH"><div class="ha"><h2 class="hP" data-legacy-thread-id="${spec.threadId}">${escape(spec.subject)}</h2></div>
<div class="a98 iY"><div role="list">${messages}</div></div></div></div></body></html>`;
}

export const SAM = { email: 'sam@ourco.com', name: 'Sam Rep' };
export const threadUrl = (threadId: string) => `https://mail.google.com/mail/u/0/#inbox/${threadId}`;
