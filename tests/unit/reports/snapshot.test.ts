import { describe, expect, it } from 'vitest';
import { computeReports, parseReportSnapshot } from '../../../lib/reports';
import { snapshot } from './builders';

describe('report snapshot', () => {
  it('says where a snapshot is wrong, in one line', () => {
    const bad = { ...snapshot({}), now: 'yesterday' };
    const parsed = parseReportSnapshot(bad);
    expect(parsed).toEqual({ ok: false, error: expect.stringContaining('now: an ISO date') });
  });

  it('rejects an unknown forecast category', () => {
    const base = snapshot({});
    const bad = {
      ...base,
      crm: { activities: [], opportunities: [{ id: 'o1', forecastCategory: 'maybe' }] },
    };
    const parsed = parseReportSnapshot(bad);
    expect(parsed.ok).toBe(false);
  });

  it('reads a snapshot without expected days per stage and computes empty reports from an empty CRM', () => {
    const { expectedDaysInStage: _omit, ...settings } = snapshot({}).settings;
    const parsed = parseReportSnapshot({ ...snapshot({}), settings });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(computeReports(parsed.snapshot)).toEqual({
      activityVsTarget: [
        {
          ownerId: 'u1',
          calls: 0,
          emails: 0,
          meetings: 0,
          target: { calls: 75, emails: 100, meetings: 15 },
          lowest: 'calls',
        },
      ],
      noActivity: [],
      stageOverdue: [],
      multiThreading: [],
      lossReasons: { top: [], missing: 0 },
      forecastDivergence: [],
      nextCalls: [],
    });
  });
});
