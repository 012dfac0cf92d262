import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeCrm } from '../../support/fake-crm';
import { NOW, call, start } from './helpers';

let crm: FakeCrm;
let token: string;
beforeAll(async () => {
  crm = await start();
  token = crm.issueToken('hubspot').accessToken;
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const ids = () => crm.store.bookIds.hubspot;
const post = (path: string, json: unknown) => call(crm, 'POST', path, { token, json });

function emailInput(key: string | null, extra: Record<string, unknown> = {}) {
  return {
    properties: {
      hs_timestamp: NOW.toISOString(),
      hs_email_direction: 'INCOMING_EMAIL',
      hs_email_subject: 'Acme rollout: pricing for 250 seats',
      hs_email_text: 'Hi Sam, could you send pricing for 250 seats?',
      hs_email_headers: JSON.stringify({
        from: { email: 'jane@acme.com', firstName: 'Jane', lastName: 'Doe' },
        to: [{ email: 'sam@ourco.com' }],
        cc: [{ email: 'bob@acme.com' }],
      }),
      hubspot_owner_id: ids().u1,
      ...(key ? { dealside_log_key: key } : {}),
      ...extra,
    },
    associations: [
      { to: { id: ids().o1 }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 210 }] },
      { to: { id: ids().c1 }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 198 }] },
      { to: { id: ids().c2 }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 198 }] },
      { to: { id: ids().a1 }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 186 }] },
    ],
  };
}

describe('HubSpot activity logging', () => {
  it('creates an email associated to the deal, contacts and company, updating roll-ups', async () => {
    const res = await post('/crm/v3/objects/emails', emailInput('gmail:thread-1:msg-1'));
    expect(res.status).toBe(201);
    expect(res.body.properties).toMatchObject({
      hs_email_subject: 'Acme rollout: pricing for 250 seats',
      hs_email_from_email: 'jane@acme.com',
      hs_email_to_email: 'sam@ourco.com',
      hs_email_cc_email: 'bob@acme.com',
      dealside_log_key: 'gmail:thread-1:msg-1',
      hs_object_id: res.body.id,
    });
    const logged = crm.activitiesFor('hubspot', ids().o1 ?? '');
    expect(logged.find((a) => a.id === res.body.id)).toMatchObject({
      type: 'emails',
      subject: 'Acme rollout: pricing for 250 seats',
    });
    const assoc = await post('/crm/v4/associations/emails/contacts/batch/read', {
      inputs: [{ id: res.body.id }],
    });
    expect(assoc.body.results[0].to.map((t: { toObjectId: number }) => String(t.toObjectId)).sort()).toEqual(
      [ids().c1, ids().c2].sort(),
    );
    const jane = crm.store.hubspot.contacts.find((c) => c.id === ids().c1);
    expect(jane?.properties.hs_sales_email_last_replied).toBe(NOW.toISOString());
    expect(crm.store.writes).toEqual([
      expect.objectContaining({ provider: 'hubspot', object: 'emails', id: res.body.id, op: 'create' }),
    ]);
  });

  it('requires hs_timestamp', async () => {
    const input = emailInput(null);
    delete (input.properties as Record<string, unknown>).hs_timestamp;
    const res = await post('/crm/v3/objects/emails', input);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      code: 'REQUIRED_PROPERTY',
      context: { propertyName: ['hs_timestamp'] },
    });
  });

  it('rejects an association type id that does not fit the object pair, and missing targets', async () => {
    const wrongPair = await post('/crm/v3/objects/calls', {
      properties: { hs_timestamp: NOW.getTime(), hs_call_title: 'x' },
      associations: [
        { to: { id: ids().o1 }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 210 }] },
      ],
    });
    expect(wrongPair.status).toBe(400);
    expect(wrongPair.body.category).toBe('VALIDATION_ERROR');
    const missing = await post('/crm/v3/objects/calls', {
      properties: { hs_timestamp: NOW.getTime(), hs_call_title: 'x' },
      associations: [
        { to: { id: '99999' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 206 }] },
      ],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe('One or more associations are invalid');
    expect(crm.store.hubspot.calls.filter((c) => c.properties.hs_call_title === 'x')).toHaveLength(0);
  });

  it('rejects a second object with the same unique dealside_log_key with 409 CONFLICT', async () => {
    const first = await post('/crm/v3/objects/emails', emailInput('dup-key'));
    expect(first.status).toBe(201);
    const second = await post('/crm/v3/objects/emails', emailInput('dup-key'));
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      status: 'error',
      category: 'CONFLICT',
      correlationId: expect.any(String),
    });
    expect(second.body.message).toContain('dealside_log_key');
    expect(second.body.message).toContain(`Existing ID: ${first.body.id}`);
  });

  it('makes dealside_log_key unknown when the store does not have the unique property', async () => {
    crm.store.settings.hubspotUniqueLogKey = false;
    const res = await post('/crm/v3/objects/emails', emailInput('k1'));
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      code: 'PROPERTY_DOESNT_EXIST',
      context: { propertyName: ['dealside_log_key'] },
    });
    const props = await call(crm, 'GET', '/crm/v3/properties/emails', { token });
    expect(props.body.results.map((p: { name: string }) => p.name)).not.toContain('dealside_log_key');
    expect((await post('/crm/v3/objects/emails', emailInput(null))).status).toBe(201);
  });

  it('validates enumeration values such as call dispositions', async () => {
    const ok = await post('/crm/v3/objects/calls', {
      properties: {
        hs_timestamp: NOW.toISOString(),
        hs_call_disposition: 'b2cf5968-551e-4856-9783-52b3da59a7d0',
        hs_call_status: 'COMPLETED',
        hs_call_duration: 60000,
      },
      associations: [
        { to: { id: ids().o1 }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 206 }] },
      ],
    });
    expect(ok.status).toBe(201);
    expect(ok.body.properties.hs_call_duration).toBe('60000');
    const bad = await post('/crm/v3/objects/calls', {
      properties: { hs_timestamp: NOW.toISOString(), hs_call_disposition: 'voicemail' },
      associations: [],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].code).toBe('INVALID_OPTION');
  });

  it('batch-creates up to 100 objects atomically', async () => {
    const res = await post('/crm/v3/objects/notes/batch/create', {
      inputs: [
        {
          properties: { hs_timestamp: NOW.toISOString(), hs_note_body: 'one', dealside_log_key: 'n1' },
          associations: [
            {
              to: { id: ids().o1 },
              types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 214 }],
            },
          ],
        },
        {
          properties: { hs_timestamp: NOW.toISOString(), hs_note_body: 'two', dealside_log_key: 'n2' },
          associations: [],
        },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('COMPLETE');
    expect(res.body.results).toHaveLength(2);
    const before = crm.store.hubspot.notes.length;
    const failing = await post('/crm/v3/objects/notes/batch/create', {
      inputs: [
        {
          properties: { hs_timestamp: NOW.toISOString(), hs_note_body: 'three', dealside_log_key: 'n3' },
          associations: [],
        },
        { properties: { hs_note_body: 'no timestamp' }, associations: [] },
      ],
    });
    expect(failing.status).toBe(400);
    expect(crm.store.hubspot.notes).toHaveLength(before);
    const tooMany = await post('/crm/v3/objects/notes/batch/create', {
      inputs: Array.from({ length: 101 }, () => ({ properties: {} })),
    });
    expect(tooMany.status).toBe(400);
  });

  it('upserts by the unique property: creates once, then updates', async () => {
    const input = {
      idProperty: 'dealside_log_key',
      id: 'call-42',
      properties: { hs_timestamp: NOW.toISOString(), hs_call_title: 'First' },
    };
    const created = await post('/crm/v3/objects/calls/batch/upsert', { inputs: [input] });
    expect(created.status).toBe(200);
    expect(created.body.results[0]).toMatchObject({
      new: true,
      properties: { dealside_log_key: 'call-42', hs_call_title: 'First' },
    });
    const updated = await post('/crm/v3/objects/calls/batch/upsert', {
      inputs: [{ ...input, properties: { hs_call_title: 'Second' } }],
    });
    expect(updated.body.results[0]).toMatchObject({
      id: created.body.results[0].id,
      new: false,
      properties: { hs_call_title: 'Second' },
    });
    const nonUnique = await post('/crm/v3/objects/calls/batch/upsert', {
      inputs: [{ ...input, idProperty: 'hs_call_title' }],
    });
    expect(nonUnique.status).toBe(400);
  });

  it('associates an upserted activity with the v4 default association', async () => {
    const created = await post('/crm/v3/objects/meetings/batch/upsert', {
      inputs: [
        {
          idProperty: 'dealside_log_key',
          id: 'cal-1',
          properties: { hs_timestamp: NOW.toISOString(), hs_meeting_title: 'Acme — pricing review' },
        },
      ],
    });
    const id = created.body.results[0].id as string;
    const put = await call(
      crm,
      'PUT',
      `/crm/v4/objects/meetings/${id}/associations/default/deals/${ids().o1}`,
      { token },
    );
    expect(put.status).toBe(200);
    expect(crm.activitiesFor('hubspot', ids().o1 ?? '').some((a) => a.id === id)).toBe(true);
  });
});
