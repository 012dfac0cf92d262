import { describe, expect, it } from 'vitest';
import { lossReasons } from '../../../lib/reports/loss-reasons';
import { ago, deal, facts, lost } from './builders';

describe('loss reasons', () => {
  it('ranks the top three codes, ties by code ascending, and counts deals with none', () => {
    const result = lossReasons(
      facts({
        opportunities: [
          lost('1', 'timing-budget'),
          lost('2', 'timing-budget'),
          lost('3', 'no-decision'),
          lost('4', 'lost-competitor'),
          lost('5', 'champion-left'),
          lost('6', null),
          lost('7', '   '),
        ],
      }),
    );
    expect(result).toEqual({
      top: [
        { reasonCode: 'timing-budget', count: 2 },
        { reasonCode: 'champion-left', count: 1 },
        { reasonCode: 'lost-competitor', count: 1 },
      ],
      missing: 2,
    });
  });

  it('counts only deals lost by owners in scope with a close date in the 90 days before now', () => {
    const result = lossReasons(
      facts(
        {
          opportunities: [
            lost('in', 'no-decision', { ownerId: 'u2', closeDate: ago(89.9) }),
            lost('too-old', 'no-decision', { ownerId: 'u2', closeDate: ago(90.1) }),
            lost('future', 'no-decision', { ownerId: 'u2', closeDate: ago(-2) }),
            lost('no-date', 'no-decision', { ownerId: 'u2', closeDate: null }),
            lost('outside-team', 'no-decision', { ownerId: 'u1' }),
            deal('won', {
              ownerId: 'u2',
              isClosed: true,
              isWon: true,
              lossReason: 'no-decision',
              closeDate: ago(3),
            }),
            deal('open', { ownerId: 'u2', lossReason: 'no-decision', closeDate: ago(3) }),
          ],
        },
        { team: ['u2'] },
      ),
    );
    expect(result).toEqual({ top: [{ reasonCode: 'no-decision', count: 1 }], missing: 0 });
  });

  it('says nothing was lost with an empty list and zero missing', () => {
    expect(lossReasons(facts({ opportunities: [deal('open')] }))).toEqual({ top: [], missing: 0 });
  });
});
