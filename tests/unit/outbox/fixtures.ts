import type { CrmWrite } from '@/lib/domain/types';
import { newItem, type OutboxItem } from '@/lib/outbox/item';

export const target = { opportunityId: 'o1', accountId: 'a1', contactIds: ['c1', 'c2'], ownerId: 'u1' };

export function emailWrite(subject = 'Re: pricing'): CrmWrite {
  return {
    kind: 'email',
    target,
    subject,
    body: 'Jane, attached.',
    from: { email: 'sam@ourco.com', name: 'Sam Rep' },
    to: [{ email: 'jane@acme.com', name: 'Jane Doe' }],
    at: '2026-11-20T15:02:00.000Z',
    direction: 'outbound',
  };
}

export function emailItem(sourceId = '198c6860711611c7', now = 1_000): OutboxItem {
  return newItem(
    { provider: 'hubspot', payload: emailWrite(), sourceId, label: 'Email to Acme — Platform' },
    now,
  );
}
