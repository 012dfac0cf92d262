import { describe, expect, it } from 'vitest';
import { reportCsv, toCsv } from '../../../lib/reports/csv';
import { buildTeamReports } from '../../../lib/reports/team-view';
import { ago, deal, lost, NOW } from './builders';

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas from CRM names', () => {
    expect(toCsv([['Acme, Inc', 'say "hi"', '=HYPERLINK("x")', 3, null]])).toBe(
      '"Acme, Inc","say ""hi""","\'=HYPERLINK(""x"")",3,\r\n',
    );
  });

  it('exports each report with its deals’ names and CRM links', () => {
    const view = buildTeamReports({
      facts: {
        opportunities: [deal('o1', { name: 'Acme, Expansion' }), lost('o2', 'no-decision')],
        weekCounts: { u1: { calls: 4, emails: 5, meetings: 1 } },
        todayCounts: null,
        lastActivityAt: {},
        touched14d: {},
        notes: [],
      },
      owners: ['u1'],
      scope: 'rep',
      now: new Date(NOW),
      settings: {
        dailyTargets: { calls: 15, emails: 20, meetings: 3 },
        noTouchDays: { open: 14, lateStage: 7 },
        expectedDaysInStage: {},
      },
      url: (id) => `https://crm.example/${id}`,
      asOf: ago(0),
      refreshing: false,
    });
    expect(reportCsv(view, 'activity').split('\r\n')[0]).toBe(
      'owner,owner name,calls,calls target,emails,emails target,meetings,meetings target,lowest',
    );
    // No name from the CRM: the name column stays blank, the id column is always there.
    expect(reportCsv(view, 'activity').split('\r\n')[1]).toBe('u1,,4,75,5,100,1,15,emails');
    const named = { ...view, ownerNames: { u1: 'Sam Rep' } };
    expect(reportCsv(named, 'activity').split('\r\n')[1]).toBe('u1,Sam Rep,4,75,5,100,1,15,emails');
    expect(reportCsv(named, 'no-activity').split('\r\n')[1]).toBe(
      'o1,"Acme, Expansion",u1,Sam Rep,https://crm.example/o1,,14',
    );
    expect(reportCsv(view, 'loss-reasons')).toBe(
      'reason code,deals lost in 90 days\r\nno-decision,1\r\n(none),0\r\n',
    );
    expect(view.lostDeals).toEqual({ 'no-decision': ['o2'] });
  });
});
