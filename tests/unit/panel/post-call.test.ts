import { describe, expect, it } from 'vitest';
import { defaultConfig } from '@/lib/config/schema';
import type { Target } from '@/lib/domain/types';
import { initialPostCall, planPostCall, withSummary, type PostCallForm } from '@/lib/panel/post-call';

const target: Target = { opportunityId: 'o1', accountId: 'a1', contactIds: ['c1'], ownerId: 'u1' };
const at = '2026-11-24T16:00:00.000Z';

function form(patch: Partial<PostCallForm> = {}): PostCallForm {
  return {
    ...initialPostCall(
      {
        engine: 'rules',
        summary: ['Acme loses 12 hours a week.'],
        nextStep: { subject: '', dueDate: null, owner: 'sam@ourco.com', unblocks: null },
        qualification: [
          { field: 'metrics', value: '12 hours a week', evidence: 'Acme loses 12 hours a week.' },
          { field: 'economicBuyer', value: 'CFO Maria Lopez', evidence: 'Our CFO, Maria Lopez, signs.' },
          { field: 'champion', value: 'Jane', evidence: 'Jane will push it internally.' },
        ],
        recordingUrl: 'https://acme.zoom.us/rec/share/x',
      },
      { closeDate: '2026-12-15', amount: 50000 },
    ),
    ...patch,
  };
}

const config = {
  ...defaultConfig(),
  hubspotQualificationProperties: { metrics: 'meddic_metrics', economicBuyer: 'meddic_economic_buyer' },
  hubspotJudgementReasonProperties: { closeDate: 'dealside_close_date_reason' },
};

describe('post-call screen → CRM writes', () => {
  it('writes accepted values to the mapped properties; unaccepted ones nowhere; unmapped ones into the body', () => {
    const post = form();
    post.qualification = post.qualification.map((row) => ({
      ...row,
      accepted: row.field !== 'economicBuyer',
    }));
    const plan = planPostCall({ post, body: 'Notes', provider: 'hubspot', config, target, onDeal: true, at });
    expect(plan).toEqual({
      ok: true,
      bodyLines: ['Champion: Jane', 'Recording: https://acme.zoom.us/rec/share/x'],
      update: { kind: 'deal', target, fields: { meddic_metrics: '12 hours a week' }, changes: [], at },
    });
  });

  it('refuses a close date, forecast or amount change without a reason from that kind’s list', () => {
    const post = form();
    post.judgement.closeDate = { enabled: true, value: '2027-01-31', reasonCode: '' };
    post.judgement.amount = { enabled: true, value: '60000', reasonCode: 'customer-timeline' };
    const plan = planPostCall({ post, body: '', provider: 'hubspot', config, target, onDeal: true, at });
    expect(plan).toEqual({
      ok: false,
      problems: [
        'A close date change needs a reason from the list.',
        'An amount change needs a reason from the list.',
      ],
    });
  });

  it('records each change with its reason, and where the admin keeps that reason', () => {
    const post = form();
    post.judgement.closeDate = { enabled: true, value: '2027-01-31', reasonCode: 'procurement-legal' };
    post.judgement.forecastCategory = { enabled: true, value: 'COMMIT', reasonCode: 'buyer-committed' };
    const plan = planPostCall({ post, body: '', provider: 'hubspot', config, target, onDeal: true, at });
    expect(plan.ok && plan.update?.changes).toEqual([
      {
        kind: 'closeDate',
        value: '2027-01-31',
        reason: { code: 'procurement-legal', label: 'Procurement or legal takes longer' },
        reasonField: 'dealside_close_date_reason',
      },
      {
        kind: 'forecastCategory',
        value: 'COMMIT',
        reason: { code: 'buyer-committed', label: 'Economic buyer committed' },
        reasonField: '',
      },
    ]);
  });

  it('checks the new values: a real date, a number, a category of the rep’s CRM', () => {
    const post = form();
    post.judgement.closeDate = { enabled: true, value: 'soon', reasonCode: 'pulled-in' };
    post.judgement.amount = { enabled: true, value: '-5', reasonCode: 'discount' };
    post.judgement.forecastCategory = { enabled: true, value: 'COMMIT', reasonCode: 'upside' };
    const plan = planPostCall({ post, body: '', provider: 'salesforce', config, target, onDeal: true, at });
    expect(plan).toEqual({
      ok: false,
      problems: [
        'Give the new close date.',
        'Pick the new forecast category.',
        'Give the new amount as a number.',
      ],
    });
  });

  it('puts the summary on top of the body once', () => {
    const body = withSummary('Agenda: pricing', ['A.', 'B.']);
    expect(body).toBe('Summary: A. B.\n\nAgenda: pricing');
    expect(withSummary(body, ['A.', 'B.'])).toBe(body);
  });
});
