import { describe, expect, it } from 'vitest';
import { activityVsTarget, lowestKind } from '../../../lib/reports/activity-vs-target';
import { act, ago, facts } from './builders';

describe('activity vs target', () => {
  it('counts the 7 days ending at now against 5 × the daily target', () => {
    const rows = activityVsTarget(
      facts({
        activities: [
          act('call', ago(0.1)),
          act('call', ago(6.9)),
          act('call', ago(7.01)), // eight days ago in spirit: outside the week
          act('meeting', ago(2)),
          act('meeting', ago(-1)), // booked for tomorrow: not done yet
        ],
      }),
    );
    expect(rows).toEqual([
      {
        ownerId: 'u1',
        calls: 2,
        emails: 0,
        meetings: 1,
        target: { calls: 75, emails: 100, meetings: 15 },
        lowest: 'emails',
      },
    ]);
  });

  it('counts emails sent or without a direction, never the ones received; notes and tasks not at all', () => {
    const [row] = activityVsTarget(
      facts({
        activities: [
          act('email', ago(1), { direction: 'outbound' }),
          act('email', ago(1)),
          act('email', ago(1), { direction: null }),
          act('email', ago(1), { direction: 'inbound' }),
          act('note', ago(1)),
          act('task', ago(1)),
          act('call', ago(1), { direction: 'inbound' }),
        ],
      }),
    );
    expect(row).toMatchObject({ calls: 1, emails: 3, meetings: 0 });
  });

  it('has one row per team member in the order given, even with nothing logged, and nobody else', () => {
    const rows = activityVsTarget(
      facts(
        { activities: [act('call', ago(1), { ownerId: 'u2' }), act('call', ago(1), { ownerId: 'u9' })] },
        { team: ['u3', 'u2', 'u3'] },
      ),
    );
    expect(rows.map((r) => [r.ownerId, r.calls])).toEqual([
      ['u3', 0],
      ['u2', 1],
    ]);
  });

  it('leaves the user out of a team that does not name them', () => {
    const rows = activityVsTarget(facts({ activities: [act('call', ago(1))] }, { team: ['u2'] }));
    expect(rows.map((r) => r.ownerId)).toEqual(['u2']);
  });

  it('marks the kind furthest behind by count ÷ target, first of calls/emails/meetings on a tie', () => {
    const target = { calls: 75, emails: 100, meetings: 15 };
    expect(lowestKind({ calls: 30, emails: 20, meetings: 10 }, target)).toBe('emails');
    expect(lowestKind({ calls: 75, emails: 100, meetings: 1 }, target)).toBe('meetings');
    expect(lowestKind({ calls: 0, emails: 0, meetings: 0 }, target)).toBe('calls');
    expect(lowestKind({ calls: 15, emails: 20, meetings: 3 }, target)).toBe('calls');
  });

  it('never calls a kind with a zero target the lowest', () => {
    expect(lowestKind({ calls: 5, emails: 0, meetings: 0 }, { calls: 75, emails: 0, meetings: 15 })).toBe(
      'meetings',
    );
  });
});
