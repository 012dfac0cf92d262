import { describe, expect, it } from 'vitest';
import { emailDraft, messageSourceId, normalizedSubject } from '@/lib/deals/drafts';
import type { EmailMessage, EmailThread } from '@/lib/model';

const sent = (
  ids: Pick<EmailMessage, 'id' | 'permId'>,
  date: string | null = '2026-11-20T09:00:00.000Z',
): EmailMessage => ({
  ...ids,
  from: { email: 'Sam@OurCo.com', name: 'Sam Rep' },
  to: [{ email: 'priya@umbrella.co', name: 'Priya' }],
  date,
  state: 'expanded',
  text: 'Pen-test report attached; DPA is with legal.',
  direction: 'sent',
});

const thread = (message: EmailMessage, subject = 'Re: Security review follow-ups'): EmailThread => ({
  kind: 'email-thread',
  threadId: '198ce6b207f8c07b',
  subject,
  userEmail: 'sam@ourco.com',
  participants: [],
  messages: [message],
});

describe('one key per email touch, whatever id Gmail shows', () => {
  const temporary = sent({ id: null, permId: 'msg-a:r-8011394551937466722' });
  const permanent = sent({ id: '198ce6b207f8c0a1', permId: 'msg-f:1841100000000000161' });

  it('a just-sent message and the same message after Gmail saved it share one key', () => {
    const before = emailDraft(thread(temporary), 'full', new Date());
    const after = emailDraft(thread(permanent), 'full', new Date());
    expect(before?.sourceId).toMatch(/^mail-[0-9a-f]{16}$/);
    expect(after?.sourceId).toBe(before?.sourceId);
  });

  it('the key never carries the temporary id, and the saved message keeps its Gmail id as an alias', () => {
    expect(emailDraft(thread(temporary), 'full', new Date())?.aliasSourceIds).toEqual([]);
    expect(emailDraft(thread(permanent), 'full', new Date())?.aliasSourceIds).toEqual(['198ce6b207f8c0a1']);
  });

  it('another message in the same minute with another subject is another touch', () => {
    expect(messageSourceId(permanent, 'Pricing')).not.toBe(messageSourceId(permanent, 'Security review'));
  });

  it('"Re:" and "AW:" prefixes and case do not change the key', () => {
    expect(normalizedSubject('Re: AW: Fwd:  Security  Review')).toBe('security review');
    expect(messageSourceId(permanent, 'RE: Security review')).toBe(
      messageSourceId(permanent, 'Security review'),
    );
  });

  it('without a readable date: the permanent Gmail id, and nothing for a temporary one', () => {
    expect(messageSourceId(sent({ id: '198ce6b207f8c0a1', permId: null }, null))).toBe('198ce6b207f8c0a1');
    expect(messageSourceId(sent({ id: null, permId: 'msg-a:r-1' }, null))).toBeNull();
    expect(emailDraft(thread(sent({ id: null, permId: 'msg-a:r-1' }, null)), 'full', new Date())).toBeNull();
  });
});
