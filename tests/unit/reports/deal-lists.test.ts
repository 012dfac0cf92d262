import { describe, expect, it } from 'vitest';
import { forecastDivergence } from '../../../lib/reports/forecast-divergence';
import { multiThreading } from '../../../lib/reports/multi-threading';
import { noActivity } from '../../../lib/reports/no-activity';
import { stageOverdue } from '../../../lib/reports/stage-overdue';
import { act, ago, deal, facts, snapshot } from './builders';

describe('no activity', () => {
  it('rounds days down and lists a deal only past its threshold', () => {
    const rows = noActivity(
      facts({
        opportunities: [deal('at-14'), deal('at-14.9'), deal('at-15')],
        activities: [
          act('call', ago(14), { opportunityId: 'at-14' }),
          act('call', ago(14.9), { opportunityId: 'at-14.9' }),
          act('call', ago(15), { opportunityId: 'at-15' }),
        ],
      }),
    );
    expect(rows).toEqual([{ opportunityId: 'at-15', days: 15, thresholdDays: 14 }]);
  });

  it('lists a deal with no activity at all with null days, first', () => {
    const rows = noActivity(
      facts({
        opportunities: [deal('old'), deal('never')],
        activities: [act('call', ago(40), { opportunityId: 'old' })],
      }),
    );
    expect(rows).toEqual([
      { opportunityId: 'never', days: null, thresholdDays: 14 },
      { opportunityId: 'old', days: 40, thresholdDays: 14 },
    ]);
  });

  it('takes the latest activity of any kind, direction or owner on the deal; future ones do not count', () => {
    const rows = noActivity(
      facts({
        opportunities: [deal('o1'), deal('o2')],
        activities: [
          act('call', ago(30), { opportunityId: 'o1' }),
          act('email', ago(2), { opportunityId: 'o1', direction: 'inbound', ownerId: 'someone-else' }),
          act('call', ago(30), { opportunityId: 'o2' }),
          act('meeting', ago(-3), { opportunityId: 'o2' }),
        ],
      }),
    );
    expect(rows).toEqual([{ opportunityId: 'o2', days: 30, thresholdDays: 14 }]);
  });

  it('uses the late-stage threshold: `late` when given, else the product rule on the stage name', () => {
    const rows = noActivity(
      facts({
        opportunities: [
          deal('proposal', { stage: 'Proposal/Price Quote' }),
          deal('negotiation', { stage: 'Negotiation/Review' }),
          deal('told-late', { stage: 'Qualification', late: true }),
          deal('told-early', { stage: 'Negotiation', late: false }),
          deal('discovery', { stage: 'Discovery' }),
        ],
        activities: ['proposal', 'negotiation', 'told-late', 'told-early', 'discovery'].map((id) =>
          act('call', ago(10), { opportunityId: id }),
        ),
      }),
    );
    expect(rows.map((r) => [r.opportunityId, r.thresholdDays])).toEqual([
      ['negotiation', 7],
      ['proposal', 7],
      ['told-late', 7],
    ]);
  });

  it('holds only open deals of owners in scope', () => {
    const rows = noActivity(
      facts({
        opportunities: [
          deal('mine'),
          deal('closed', { isClosed: true, isWon: true }),
          deal('colleague', { ownerId: 'u2' }),
          deal('nobody', { ownerId: null }),
        ],
      }),
    );
    expect(rows.map((r) => r.opportunityId)).toEqual(['mine']);
  });

  it('with a team, holds exactly the team’s deals', () => {
    const rows = noActivity(
      facts(
        { opportunities: [deal('mine'), deal('u2s', { ownerId: 'u2' }), deal('u3s', { ownerId: 'u3' })] },
        { team: ['u2', 'u3'] },
      ),
    );
    expect(rows.map((r) => r.opportunityId)).toEqual(['u2s', 'u3s']);
  });
});

describe('stage overdue', () => {
  it('lists open deals longer in their stage than expected, furthest past target first', () => {
    const rows = stageOverdue(
      facts(
        {
          opportunities: [
            deal('on-time', { stage: 'Discovery', stageEnteredAt: ago(14.99) }),
            deal('one-over', { stage: 'Discovery', stageEnteredAt: ago(15) }),
            deal('proposal', { stage: 'proposal', stageEnteredAt: ago(40) }),
            deal('unknown', { stageEnteredAt: null }),
            deal('closed', { isClosed: true, stageEnteredAt: ago(300) }),
          ],
        },
        {
          settings: {
            ...snapshot({}).settings,
            expectedDaysInStage: { Proposal: 21 },
            defaultExpectedDays: 14,
          },
        },
      ),
    );
    expect(rows).toEqual([
      { opportunityId: 'proposal', days: 40, expectedDays: 21 },
      { opportunityId: 'one-over', days: 15, expectedDays: 14 },
    ]);
  });

  it('without a default, expects the product’s 14 days (21 in proposal and negotiation)', () => {
    const base = snapshot({});
    const rows = stageOverdue(
      facts(
        {
          opportunities: [
            deal('disc', { stage: 'Discovery', stageEnteredAt: ago(16) }),
            deal('neg', { stage: 'Negotiation', stageEnteredAt: ago(16) }),
          ],
        },
        { settings: { ...base.settings, defaultExpectedDays: undefined } },
      ),
    );
    expect(rows).toEqual([{ opportunityId: 'disc', days: 16, expectedDays: 14 }]);
  });
});

describe('multi-threading', () => {
  it('counts distinct people touched on each open deal in 14 days, single-threaded first', () => {
    const rows = multiThreading(
      facts({
        opportunities: [
          deal('wide', { contactIds: ['c1', 'c2', 'c3'] }),
          deal('thin', { contactIds: ['c1', 'c2', 'c2'] }),
          deal('closed', { isClosed: true }),
        ],
        activities: [
          act('email', ago(1), { opportunityId: 'wide', contactIds: ['c1', 'c2'], direction: 'inbound' }),
          act('call', ago(3), { opportunityId: 'wide', contactIds: ['c2', 'c3'], ownerId: 'u2' }),
          act('call', ago(1), { opportunityId: 'thin', contactIds: ['c1'] }),
          act('call', ago(13), { opportunityId: 'thin', contactIds: ['c1'] }),
          act('call', ago(14), { opportunityId: 'thin', contactIds: ['c2'] }), // just outside
          act('call', ago(1), { opportunityId: null, contactIds: ['c2'] }), // not on the deal
        ],
      }),
    );
    expect(rows).toEqual([
      { opportunityId: 'thin', contactsTouched14d: 1, contacts: 2 },
      { opportunityId: 'wide', contactsTouched14d: 3, contacts: 3 },
    ]);
  });
});

describe('forecast divergence', () => {
  it('lists committed open deals silent for more than 14 days or never touched', () => {
    const rows = forecastDivergence(
      facts({
        opportunities: [
          deal('commit-quiet', { forecastCategory: 'commit' }),
          deal('commit-14', { forecastCategory: 'commit' }),
          deal('commit-never', { forecastCategory: 'commit' }),
          deal('best-case-quiet', { forecastCategory: 'best-case' }),
          deal('commit-closed', { forecastCategory: 'commit', isClosed: true, isWon: true }),
        ],
        activities: [
          act('call', ago(15), { opportunityId: 'commit-quiet' }),
          act('call', ago(14.5), { opportunityId: 'commit-14' }),
          act('call', ago(40), { opportunityId: 'best-case-quiet' }),
        ],
      }),
    );
    expect(rows).toEqual([
      { opportunityId: 'commit-never', daysSinceActivity: null },
      { opportunityId: 'commit-quiet', daysSinceActivity: 15 },
    ]);
  });
});
