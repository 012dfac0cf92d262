import { describe, expect, it } from 'vitest';
import { nextCalls } from '../../../lib/reports/next-calls';
import { act, ago, deal, facts } from './builders';

describe('next calls', () => {
  it('ranks a silent commit, then a passed close date, a missed touch, a stuck stage, a single thread', () => {
    const calls = nextCalls(
      facts({
        opportunities: [
          deal('thread', { amount: 1_000_000, contactIds: ['c1', 'c2'] }),
          deal('stuck', { stageEnteredAt: ago(20) }),
          deal('quiet'),
          deal('late-close', { closeDate: ago(3).slice(0, 10) }),
          deal('commit', { forecastCategory: 'commit', amount: 1 }),
          deal('fine', { contactIds: ['c1', 'c2'] }),
        ],
        activities: [
          act('call', ago(1), { opportunityId: 'thread', contactIds: ['c1'] }),
          act('call', ago(1), { opportunityId: 'stuck', contactIds: ['c1', 'c2'] }),
          act('call', ago(20), { opportunityId: 'quiet', contactIds: ['c1', 'c2'] }),
          act('call', ago(1), { opportunityId: 'late-close', contactIds: ['c1', 'c2'] }),
          act('call', ago(1), { opportunityId: 'fine', contactIds: ['c1', 'c2'] }),
        ],
      }),
    );
    expect(calls).toEqual([
      { opportunityId: 'commit', reason: 'In commit with no activity logged yet.' },
      {
        opportunityId: 'late-close',
        reason: expect.stringMatching(/^Close date 2026-11-29 passed 3 days ago/),
      },
      { opportunityId: 'quiet', reason: 'No activity in 20 days (touch every 14).' },
      { opportunityId: 'stuck', reason: '20 days in Discovery, expected 14: find what moves it.' },
      { opportunityId: 'thread', reason: 'Single-threaded: 1 of 2 people in touch in 14 days.' },
    ]);
  });

  it('puts the larger deal first among equally urgent ones, and stops at ten', () => {
    const opportunities = Array.from({ length: 12 }, (_, i) => deal(`d${i}`, { amount: i * 100 }));
    const calls = nextCalls(facts({ opportunities }));
    expect(calls).toHaveLength(10);
    expect(calls[0]).toEqual({ opportunityId: 'd11', reason: 'No activity logged yet (touch every 14).' });
  });

  it('never proposes a closed deal or a colleague’s deal', () => {
    const calls = nextCalls(
      facts({
        opportunities: [deal('won', { isClosed: true, isWon: true }), deal('theirs', { ownerId: 'u2' })],
      }),
    );
    expect(calls).toEqual([]);
  });
});
