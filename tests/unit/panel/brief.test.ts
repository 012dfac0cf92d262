import { describe, expect, it } from 'vitest';
import { threadingWarning } from '@/lib/deals/warnings';
import { activityWho } from '@/lib/panel/brief';

const person = (name: string, touched: boolean) => ({
  id: name,
  name,
  email: null,
  touchedAt: touched ? '2026-11-20T10:00:00Z' : null,
});

describe('the brief in words a rep uses', () => {
  it('names who was and was not in touch instead of "0 of 2 people touched"', () => {
    const both = [person('Jane Doe', false), person('Bob Buyer', false)];
    expect(threadingWarning({ touched: 0, total: 2 }, both)).toBe(
      'Nobody on this deal in touch for 14 days (Jane Doe and Bob Buyer).',
    );
    const one = [person('Jane Doe', true), person('Bob Buyer', false)];
    expect(threadingWarning({ touched: 1, total: 2 }, one)).toBe(
      'Single-threaded: only Jane Doe in touch in the last 14 days, not Bob Buyer.',
    );
    const many = [person('Jane Doe', true), ...['A', 'B', 'C'].map((n) => person(n, false))];
    expect(threadingWarning({ touched: 1, total: 4 }, many)).toBe(
      'Single-threaded: only Jane Doe in touch in the last 14 days, not the other 3.',
    );
    expect(threadingWarning({ touched: 1, total: 1 }, [person('Jane Doe', true)])).toBe(
      'Single-threaded: Jane Doe is the only person on this deal.',
    );
    expect(threadingWarning({ touched: 0, total: 0 }, [])).toMatch(/^Nobody is on this deal/);
  });

  it('does not repeat the person a summary already names', () => {
    expect(
      activityWho({ summary: 'Call with Bob Stone', who: 'Bob Stone', direction: 'outbound' }),
    ).toBeNull();
    expect(activityWho({ summary: 'Pricing for 250 seats', who: 'Jane Doe', direction: 'inbound' })).toBe(
      'from Jane Doe',
    );
    expect(activityWho({ summary: 'Kickoff', who: 'Jane Doe', direction: null })).toBe('with Jane Doe');
    expect(activityWho({ summary: 'Kickoff', who: null, direction: null })).toBeNull();
  });
});
