import { describe, expect, it } from 'vitest';
import { opportunityUrl } from '../../../lib/reports/crm-links';
import type { CrmReportFacts } from '../../../lib/reports/facts';
import { buildMyDay } from '../../../lib/reports/my-day';
import { badgeText, reminderDue, reminderText } from '../../../lib/reports/reminder';
import { ago, deal, NOW } from './builders';

const settings = {
  dailyTargets: { calls: 15, emails: 20, meetings: 3 },
  noTouchDays: { open: 14, lateStage: 7 },
  expectedDaysInStage: {},
};

function facts(patch: Partial<CrmReportFacts> = {}): CrmReportFacts {
  return {
    opportunities: [
      deal('quiet', { name: 'Acme — Expansion' }),
      deal('fresh', { closeDate: '2026-11-01' }),
      deal('commit', { forecastCategory: 'commit' }),
      deal('theirs', { ownerId: 'u2' }),
    ],
    weekCounts: { u1: { calls: 30, emails: 10, meetings: 9 } },
    todayCounts: { u1: { calls: 2, emails: 6, meetings: 1 } },
    lastActivityAt: { quiet: ago(20), fresh: ago(1), commit: ago(16) },
    touched14d: { fresh: ['c1', 'c2'] },
    notes: [],
    ...patch,
  };
}

function view(patch: Partial<CrmReportFacts> = {}) {
  return buildMyDay({
    facts: facts(patch),
    ownerId: 'u1',
    now: new Date(NOW),
    settings,
    url: (id) => `https://crm.example/${id}`,
    meetings: [],
    refreshing: false,
    asOf: NOW,
  });
}

describe('My day', () => {
  it('shows today against the daily target and the week against 5 × daily, lowest highlighted', () => {
    const { activity } = view();
    expect(activity).toEqual({
      today: { calls: 2, emails: 6, meetings: 1 },
      week: { calls: 30, emails: 10, meetings: 9 },
      dailyTarget: { calls: 15, emails: 20, meetings: 3 },
      weeklyTarget: { calls: 75, emails: 100, meetings: 15 },
      lowestToday: 'calls',
      lowestWeek: 'emails',
    });
  });

  it('lists the rep’s deals needing something, each with why and its CRM link', () => {
    const groups = Object.fromEntries(view().attention.map((g) => [g.kind, g.deals]));
    expect(groups['no-touch']).toEqual([
      {
        opportunityId: 'quiet',
        name: 'Acme — Expansion',
        reason: 'No activity in 20 days (every 14 expected).',
        url: 'https://crm.example/quiet',
      },
      {
        opportunityId: 'commit',
        name: 'Deal commit',
        reason: 'No activity in 16 days (every 14 expected).',
        url: 'https://crm.example/commit',
      },
    ]);
    expect(groups['commit-silent']?.map((d) => d.reason)).toEqual(['In commit, 16 days without activity.']);
    expect(groups['close-date-passed']?.map((d) => d.opportunityId)).toEqual(['fresh']);
    expect(groups['single-threaded']?.map((d) => d.opportunityId)).toEqual(['commit', 'quiet']);
    expect(view().needsTouch).toBe(2);
  });

  it('never lists a colleague’s deal', () => {
    const ids = view().attention.flatMap((g) => g.deals.map((d) => d.opportunityId));
    expect(ids).not.toContain('theirs');
    expect(view().nextCalls.map((c) => c.opportunityId)).not.toContain('theirs');
  });

  it('has no today figures when the CRM gave none', () => {
    expect(view({ todayCounts: null }).activity).toMatchObject({ today: null, lowestToday: null });
  });
});

describe('reminder and badge', () => {
  const at = (h: number, m: number) => new Date(2026, 11, 2, h, m);

  it('is due once the set local time has passed, and only once a day', () => {
    expect(reminderDue(at(8, 29), '08:30', null)).toBe(false);
    expect(reminderDue(at(8, 30), '08:30', null)).toBe(true);
    expect(reminderDue(at(17, 0), '08:30', '2026-12-01')).toBe(true);
    expect(reminderDue(at(17, 0), '08:30', '2026-12-02')).toBe(false);
  });

  it('is never due when no time is set', () => {
    expect(reminderDue(at(12, 0), '', null)).toBe(false);
  });

  it('says how many deals had no touch, and nothing when none', () => {
    expect(reminderText(3, 10)).toBe('3 deals have had no touch in 10 days.');
    expect(reminderText(1, 14)).toBe('1 deal has had no touch in 14 days.');
    expect(reminderText(0, 14)).toBeNull();
  });

  it('shows the count on the badge, empty at zero', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(150)).toBe('99+');
  });
});

describe('CRM links', () => {
  it('opens a Salesforce opportunity in Lightning and a HubSpot deal in its portal', () => {
    expect(
      opportunityUrl(
        {
          provider: 'salesforce',
          apiBaseUrl: 'https://acme.my.salesforce.com/',
          tenantId: null,
          hubspotAppUrl: '',
        },
        '006A',
      ),
    ).toBe('https://acme.my.salesforce.com/lightning/r/Opportunity/006A/view');
    expect(
      opportunityUrl(
        {
          provider: 'hubspot',
          apiBaseUrl: 'https://api.hubapi.com',
          tenantId: '4242',
          hubspotAppUrl: 'https://app-eu1.hubspot.com',
        },
        '61',
      ),
    ).toBe('https://app-eu1.hubspot.com/contacts/4242/record/0-3/61');
  });
});
