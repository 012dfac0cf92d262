import { describe, expect, it } from 'vitest';
import { parseAddresses, sentThread } from '@/lib/capture/compose';
import { messageSourceId } from '@/lib/deals/drafts';
import type { EmailThread } from '@/lib/model';
import type { SentCompose } from '@/lib/protocol/page';

const NOW = new Date('2026-11-22T10:00:30Z');
const compose = (patch: Partial<SentCompose> = {}): SentCompose => ({
  to: ['Jane Doe <jane@acme.com>'],
  cc: ['Bob Buyer <bob@acme.com>, carl@acme.com'],
  subject: 'Re: Acme rollout: pricing for 250 seats',
  body: 'Attached.',
  inThread: false,
  url: 'https://mail.google.com/mail/u/0/#inbox',
  userEmail: 'sam@ourco.com',
  sentAt: '2026-11-22T10:00:12.000Z',
  ...patch,
});
const open: EmailThread = {
  kind: 'email-thread',
  threadId: '198c6747aabb71a9',
  subject: 'Acme rollout: pricing for 250 seats',
  userEmail: 'sam@ourco.com',
  participants: [{ email: 'jane@acme.com', name: 'Jane Doe' }],
  messages: [],
};

describe('a sent compose in the worker', () => {
  it('reads "Name <address>" lists, quoted names and bare addresses', () => {
    expect(parseAddresses(['"Doe, Jane" <Jane@Acme.com>, carl@acme.com', 'Bob <bob@acme.com>'])).toEqual([
      { email: 'jane@acme.com', name: 'Doe, Jane' },
      { email: 'carl@acme.com', name: '' },
      { email: 'bob@acme.com', name: 'Bob' },
    ]);
    expect(parseAddresses(['not an address'])).toEqual([]);
  });

  it('files a reply under the open thread and keys it like the thread view will', () => {
    const sent = sentThread(compose(), open, null, NOW)!;
    expect(sent.thread.threadId).toBe('198c6747aabb71a9');
    expect(sent.message.to.map((p) => p.email)).toEqual(['jane@acme.com', 'bob@acme.com', 'carl@acme.com']);
    // Seen later in the thread: Gmail's id, the thread's subject, the same minute.
    const later = {
      ...sent.message,
      id: '19d847db53731d21',
      date: '2026-11-22T10:00:00.000Z',
      from: { email: 'sam@ourco.com', name: 'Sam Rep' },
    };
    expect(messageSourceId(later, open.subject)).toBe(messageSourceId(sent.message, sent.thread.subject));
  });

  it('takes an inline reply’s subject from the thread, and a pop-out’s thread from its URL', () => {
    expect(sentThread(compose({ subject: '', inThread: true }), open, null, NOW)!.thread.subject).toBe(
      open.subject,
    );
    const popout = sentThread(
      compose({ url: 'https://mail.google.com/mail/u/0/?view=cm&th=198C6747AABB71A9' }),
      null,
      null,
      NOW,
    )!;
    expect(popout.thread.threadId).toBe('198c6747aabb71a9');
  });

  it('a new message is a thread of its own; nobody to send to, or no sender, is nothing', () => {
    const fresh = sentThread(compose({ subject: 'Intro' }), open, null, NOW)!;
    expect(fresh.thread.threadId).not.toBe(open.threadId);
    expect(fresh.thread.messages).toHaveLength(1);
    expect(sentThread(compose({ to: [], cc: [] }), open, null, NOW)).toBeNull();
    expect(sentThread(compose({ userEmail: null }), open, null, NOW)).toBeNull();
    expect(sentThread(compose({ userEmail: null }), open, 'sam@ourco.com', NOW)).not.toBeNull();
  });

  it('trusts the page’s send time only when it agrees with the worker’s clock', () => {
    expect(sentThread(compose({ sentAt: '2020-01-01T00:00:00Z' }), null, null, NOW)!.message.date).toBe(
      NOW.toISOString(),
    );
  });
});
