import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { logMarker } from '../../../lib/crm/log-key';
import type { CrmWrite, DealUpdate } from '../../../lib/domain/types';
import type { FakeCrm } from '../../support/fake-crm';
import { harness, lines, startCrm } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const ids = () => crm.store.bookIds.hubspot;
const UNIQUE = { logKeyProperty: 'dealside_log_key' };

function update(reasonField: string): DealUpdate {
  return {
    kind: 'deal',
    target: { opportunityId: ids().o1!, accountId: ids().a1!, contactIds: [ids().c1!], ownerId: ids().u1! },
    fields: { meddic_metrics: '12 hours a week', meddic_economic_buyer: 'CFO Maria Lopez' },
    changes: [
      {
        kind: 'closeDate',
        value: '2027-01-31',
        reason: { code: 'procurement-legal', label: 'Procurement or legal takes longer' },
        reasonField,
      },
      {
        kind: 'forecastCategory',
        value: 'COMMIT',
        reason: { code: 'buyer-committed', label: 'Economic buyer committed' },
        reasonField: '',
      },
    ],
    at: '2026-11-24T16:00:00.000Z',
  };
}

describe('HubSpot deal updates (qualification and judgement changes)', () => {
  it('PATCHes the mapped properties, the new values and the reason property; other reasons go on a keyed note', async () => {
    const h = harness(crm, { settings: UNIQUE });
    const write = update('dealside_close_date_reason');
    expect(await h.adapter.findWritten('hubspot:deal:e1', write)).toBeNull();
    h.resetLog();
    const result = await h.adapter.write('hubspot:deal:e1', write);
    expect(result).toEqual({ recordId: ids().o1, adopted: false });
    expect(lines(h.calls)).toEqual([`PATCH /crm/v3/objects/deals/${ids().o1}`, 'POST /crm/v3/objects/notes']);
    expect(h.calls[0]?.body).toEqual({
      properties: {
        meddic_metrics: '12 hours a week',
        meddic_economic_buyer: 'CFO Maria Lopez',
        dealside_close_date_reason: 'procurement-legal',
        closedate: '2027-01-31T12:00:00.000Z',
        hs_manual_forecast_category: 'COMMIT',
      },
    });
    const deal = crm.store.hubspot.deals.find((d) => d.id === ids().o1)!;
    expect(deal.properties).toMatchObject({
      meddic_metrics: '12 hours a week',
      hs_manual_forecast_category: 'COMMIT',
    });
    const note = crm.store.hubspot.notes.find(
      (n) => n.properties.dealside_log_key === logMarker('hubspot:deal:e1'),
    );
    expect(note?.properties.hs_note_body).toContain(
      'Forecast category changed to COMMIT — reason: Economic buyer committed (buyer-committed)',
    );
    expect(await h.adapter.findWritten('hubspot:deal:e1', write)).toBe(ids().o1);
  });

  it('with every reason in a property, finds the update by reading the deal back', async () => {
    const h = harness(crm, { settings: UNIQUE });
    const write = {
      ...update('dealside_close_date_reason'),
      changes: update('dealside_close_date_reason').changes.slice(0, 1),
    } as CrmWrite;
    expect(await h.adapter.findWritten('hubspot:deal:e2', write)).toBeNull();
    await h.adapter.write('hubspot:deal:e2', write);
    expect(h.calls.some((c) => c.path === '/crm/v3/objects/notes')).toBe(false);
    expect(await h.adapter.findWritten('hubspot:deal:e2', write)).toBe(ids().o1);
    expect(await h.adapter.findAllWritten('hubspot:deal:e2', write)).toEqual([]);
  });
});
