import { describe, expect, it } from 'vitest';
import {
  AUTH_RETRY_DELAY_MS,
  decideAfterAttempt,
  dueItems,
  MAX_RETRY_DELAY_MS,
  nextWakeAt,
  retryNow,
  wakeAuthBlocked,
} from '@/lib/outbox/decisions';
import type { Target } from '@/lib/domain/types';
import { newItem, outboxKey } from '@/lib/outbox/item';
import { emailItem, emailWrite, target } from './fixtures';

const NOW = 1_000_000;
const half = () => 0.5;

describe('outbox keys', () => {
  it('derive from provider, kind, source and opportunity: logging twice is one item', () => {
    const a = emailItem('m1');
    const b = emailItem('m1');
    expect(a.key).toBe(b.key);
    expect(a.key).toBe('hubspot:email:m1:o1');
    expect(a.key).toBe(outboxKey({ provider: 'hubspot', op: 'email', sourceId: 'm1', target }));
    expect(emailItem('m2').key).not.toBe(a.key);
  });

  it('without an opportunity, use the account, else the first contact, never colliding with a deal id', () => {
    const key = (t: Pick<Target, 'opportunityId' | 'accountId' | 'contactIds'>) =>
      outboxKey({ provider: 'hubspot', op: 'email', sourceId: 'm1', target: t });
    const onAccount = key({ opportunityId: null, accountId: 'a1', contactIds: ['c1', 'c2'] });
    const onContact = key({ opportunityId: null, accountId: null, contactIds: ['c1', 'c2'] });
    expect(onAccount).toBe('hubspot:email:m1:account:a1');
    expect(onContact).toBe('hubspot:email:m1:contact:c1');
    expect(new Set([onAccount, onContact, key(target)]).size).toBe(3);
    // Stable: the other contacts do not change where the write is filed.
    expect(key({ opportunityId: null, accountId: 'a1', contactIds: ['c2'] })).toBe(onAccount);
    expect(() => key({ opportunityId: null, accountId: null, contactIds: [] })).toThrow();
  });

  it('a log with no opportunity lands in the ledger with a null opportunity', () => {
    const item = newItem(
      {
        provider: 'salesforce',
        payload: { ...emailWrite(), target: { ...target, opportunityId: null } },
        sourceId: 'm1',
        label: 'Email to Acme (account)',
      },
      NOW,
    );
    expect(item.key).toBe('salesforce:email:m1:account:a1');
    const decision = decideAfterAttempt(item, { type: 'written', recordId: 'r1', adopted: false }, NOW);
    expect(decision).toMatchObject({
      type: 'landed',
      ledger: { key: item.key, opportunityId: null, recordId: 'r1' },
    });
  });
});

describe('after an attempt', () => {
  it('moves a written item to the ledger with its CRM record id', () => {
    const decision = decideAfterAttempt(
      emailItem(),
      { type: 'written', recordId: 'r9', adopted: false },
      NOW,
    );
    expect(decision).toMatchObject({
      type: 'landed',
      ledger: { recordId: 'r9', opportunityId: 'o1', loggedAt: NOW },
    });
  });

  it('backs off exponentially with jitter, and honours Retry-After when longer', () => {
    let item = emailItem();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const decision = decideAfterAttempt(
        item,
        { type: 'error', kind: 'transient', message: '503' },
        NOW,
        half,
      );
      if (decision.type !== 'retry') throw new Error('expected a retry');
      delays.push(decision.item.nextAttemptAt - NOW);
      item = decision.item;
    }
    expect(delays).toEqual([375, 750, 1500, 3000, 6000, 12000]);
    const limited = decideAfterAttempt(
      emailItem(),
      { type: 'error', kind: 'rate', message: '429', retryAfterMs: 9_000 },
      NOW,
      half,
    );
    expect(limited.type === 'retry' && limited.item.nextAttemptAt - NOW).toBe(9_000);
  });

  it('never waits longer than the cap, however many attempts', () => {
    const item = { ...emailItem(), attempts: 40 };
    const decision = decideAfterAttempt(
      item,
      { type: 'error', kind: 'network', message: 'dropped' },
      NOW,
      () => 1,
    );
    expect(decision.type === 'retry' && decision.item.nextAttemptAt - NOW).toBe(MAX_RETRY_DELAY_MS);
  });

  it('marks a write that may have landed (dropped connection, 5xx) but not one refused with 429', () => {
    const dropped = decideAfterAttempt(
      emailItem(),
      { type: 'error', kind: 'network', message: 'x' },
      NOW,
      half,
    );
    const failed = decideAfterAttempt(
      emailItem(),
      { type: 'error', kind: 'transient', message: 'x' },
      NOW,
      half,
    );
    const limited = decideAfterAttempt(emailItem(), { type: 'error', kind: 'rate', message: 'x' }, NOW, half);
    expect(dropped.type === 'retry' && dropped.item.maybeWritten).toBe(true);
    expect(failed.type === 'retry' && failed.item.maybeWritten).toBe(true);
    expect(limited.type === 'retry' && limited.item.maybeWritten).toBe(false);
  });

  it.each(['validation', 'notFound', 'permission', 'config'] as const)(
    'parks a %s error as failed with its reason instead of retrying',
    (kind) => {
      const decision = decideAfterAttempt(
        emailItem(),
        { type: 'error', kind, message: 'HubSpot: Property "hs_foo" does not exist' },
        NOW,
      );
      expect(decision).toMatchObject({
        type: 'park',
        item: {
          state: 'failed',
          attempts: 1,
          lastError: { kind, message: 'HubSpot: Property "hs_foo" does not exist' },
        },
      });
    },
  );

  it('waits for sign-in after an auth failure, and wakes at once when the rep signs in', () => {
    const decision = decideAfterAttempt(
      emailItem(),
      { type: 'error', kind: 'auth', message: 'Sign in' },
      NOW,
    );
    if (decision.type !== 'retry') throw new Error('expected a retry');
    expect(decision.item.nextAttemptAt).toBe(NOW + AUTH_RETRY_DELAY_MS);
    expect(wakeAuthBlocked(decision.item, NOW + 5).nextAttemptAt).toBe(NOW + 5);
  });

  it('looks a duplicate up at once, and parks it if the lookup already failed to find it', () => {
    const first = decideAfterAttempt(
      emailItem(),
      { type: 'error', kind: 'conflict', message: 'exists' },
      NOW,
    );
    expect(first).toMatchObject({ type: 'retry', item: { maybeWritten: true, nextAttemptAt: NOW } });
    if (first.type !== 'retry') return;
    const second = decideAfterAttempt(
      first.item,
      { type: 'error', kind: 'conflict', message: 'exists.' },
      NOW,
    );
    expect(second).toMatchObject({ type: 'park', item: { state: 'failed' } });
  });
});

describe('scheduling', () => {
  it('returns due pending items oldest first, recovering interrupted sends as maybe-written', () => {
    const a = { ...emailItem('a', 5), nextAttemptAt: NOW - 1 };
    const b = { ...emailItem('b', 1), state: 'sending' as const };
    const later = { ...emailItem('c', 0), nextAttemptAt: NOW + 10 };
    const parked = { ...emailItem('d', 0), state: 'failed' as const };
    const due = dueItems([a, b, later, parked], NOW);
    expect(due.map((i) => i.sourceId)).toEqual(['b', 'a']);
    expect(due[0]).toMatchObject({ state: 'pending', maybeWritten: true });
    expect(nextWakeAt([later, parked])).toBe(NOW + 10);
    expect(nextWakeAt([parked])).toBeNull();
  });

  it('puts a parked item back in the queue on retry', () => {
    const parked = { ...emailItem(), state: 'failed' as const, attempts: 2, nextAttemptAt: 0 };
    expect(retryNow(parked, NOW)).toMatchObject({ state: 'pending', nextAttemptAt: NOW, maybeWritten: true });
  });
});
