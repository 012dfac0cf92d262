import { describe, expect, it } from 'vitest';
import { ASK_MARGIN, MIN_ATTACH_SCORE } from '../../../lib/match';
import { decide } from '../../../lib/match/decide';

const c = (opportunityId: string, score: number) => ({ opportunityId, score, reasons: ['r'] });

describe('decide', () => {
  it('attaches when the leader is at least the margin ahead', () => {
    expect(ASK_MARGIN).toBe(0.2);
    expect(decide([c('a', 0.8), c('b', 0.6)], false)).toMatchObject({
      decision: 'attach',
      opportunityId: 'a',
    });
  });

  it('asks when the top two are closer than the margin, keeping the leader first', () => {
    const result = decide([c('a', 0.8), c('b', 0.61)], false);
    expect(result).toMatchObject({ decision: 'ask', opportunityId: null });
    expect(result.candidates[0]?.opportunityId).toBe('a');
  });

  it('asks about a lone candidate that is too weak to attach silently', () => {
    expect(decide([c('a', MIN_ATTACH_SCORE - 0.01)], false).decision).toBe('ask');
    expect(decide([c('a', MIN_ATTACH_SCORE)], false).decision).toBe('attach');
  });

  it("attaches to the rep's earlier choice however close the runner-up", () => {
    expect(decide([c('a', 1), c('b', 0.9)], true)).toMatchObject({ decision: 'attach', opportunityId: 'a' });
  });

  it('returns none without candidates', () => {
    expect(decide([], false)).toEqual({
      decision: 'none',
      opportunityId: null,
      skipReason: null,
      candidates: [],
    });
  });
});
