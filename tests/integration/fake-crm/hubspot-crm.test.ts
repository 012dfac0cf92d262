import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeCrm } from '../../support/fake-crm';
import { call, start } from './helpers';

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

describe('HubSpot contacts batch read by email', () => {
  it('finds contacts case-insensitively, also by additional email, and returns requested properties', async () => {
    const res = await post('/crm/v3/objects/contacts/batch/read', {
      idProperty: 'email',
      properties: [
        'email',
        'firstname',
        'lastname',
        'associatedcompanyid',
        'hubspot_owner_id',
        'notes_last_contacted',
        'no_such_prop',
      ],
      propertiesWithHistory: [],
      inputs: [{ id: 'Jane.Doe@ACME.com' }, { id: 'bob@acme.com' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('COMPLETE');
    const jane = res.body.results.find((r: { id: string }) => r.id === ids().c1);
    expect(jane.properties).toMatchObject({
      email: 'jane@acme.com',
      firstname: 'Jane',
      lastname: 'Doe',
      hs_object_id: ids().c1,
      associatedcompanyid: ids().a1,
      hubspot_owner_id: ids().u1,
    });
    expect(jane.properties.notes_last_contacted).toEqual(expect.any(String));
    expect(jane.properties).not.toHaveProperty('no_such_prop');
    expect(jane).toMatchObject({
      archived: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(res.body.startedAt).toEqual(expect.any(String));
  });

  it('answers 207 with OBJECT_NOT_FOUND errors for misses', async () => {
    const res = await post('/crm/v3/objects/contacts/batch/read', {
      idProperty: 'email',
      properties: ['email'],
      inputs: [{ id: 'jane@acme.com' }, { id: 'stranger@nowhere.org' }, { id: 'ghost@acme.com' }],
    });
    expect(res.status).toBe(207);
    expect(res.body.results).toHaveLength(1);
    expect(res.body.numErrors).toBe(1);
    expect(res.body.errors[0]).toMatchObject({
      status: 'error',
      category: 'OBJECT_NOT_FOUND',
      context: { ids: ['stranger@nowhere.org', 'ghost@acme.com'] },
    });
  });

  it('limits batch reads to 100 inputs', async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({ id: `p${i}@x.com` }));
    const res = await post('/crm/v3/objects/contacts/batch/read', { idProperty: 'email', inputs });
    expect(res.status).toBe(400);
    expect(res.body.category).toBe('VALIDATION_ERROR');
  });
});

describe('HubSpot objects and associations', () => {
  it('reads one object with v3 associations', async () => {
    const res = await call(
      crm,
      'GET',
      `/crm/v3/objects/deals/${ids().o1}?properties=dealname,dealstage&associations=contacts,companies`,
      { token },
    );
    expect(res.status).toBe(200);
    expect(res.body.properties).toMatchObject({ dealname: 'Acme — Platform', dealstage: 'contractsent' });
    expect(res.body.associations.contacts.results.map((r: { id: string }) => r.id).sort()).toEqual(
      [ids().c1, ids().c2].sort(),
    );
    expect(res.body.associations.companies.results).toEqual(
      expect.arrayContaining([
        { id: ids().a1, type: 'deal_to_company' },
        { id: ids().a1, type: 'deal_to_company_unlabeled' },
      ]),
    );
    const missing = await call(crm, 'GET', '/crm/v3/objects/deals/999', { token });
    expect(missing.status).toBe(404);
    expect(missing.body.category).toBe('OBJECT_NOT_FOUND');
  });

  it('batch-reads v4 associations with HUBSPOT_DEFINED type ids and numeric toObjectId', async () => {
    const res = await post('/crm/v4/associations/contacts/deals/batch/read', {
      inputs: [{ id: ids().c1 }, { id: ids().c3 }],
    });
    expect(res.status).toBe(200);
    const jane = res.body.results.find((r: { from: { id: string } }) => r.from.id === ids().c1);
    expect(jane.to).toEqual(
      expect.arrayContaining([
        {
          toObjectId: Number(ids().o1),
          associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 4, label: null }],
        },
        {
          toObjectId: Number(ids().o3),
          associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 4, label: null }],
        },
      ]),
    );
    const companies = await post('/crm/v4/associations/contacts/companies/batch/read', {
      inputs: [{ id: ids().c1 }],
    });
    expect(companies.body.results[0].to[0].associationTypes).toEqual([
      { category: 'HUBSPOT_DEFINED', typeId: 279, label: null },
      { category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
    ]);
    const emails = await post('/crm/v4/associations/deals/emails/batch/read', { inputs: [{ id: ids().o1 }] });
    expect(emails.body.results[0].to[0].associationTypes[0].typeId).toBe(209);
  });

  it('lists HUBSPOT_DEFINED association labels for an object pair', async () => {
    const res = await call(crm, 'GET', '/crm/v4/associations/deals/companies/labels', { token });
    expect(res.body.results).toEqual([
      { category: 'HUBSPOT_DEFINED', typeId: 341, label: null },
      { category: 'HUBSPOT_DEFINED', typeId: 5, label: 'Primary' },
    ]);
    const emailToDeal = await call(crm, 'GET', '/crm/v4/associations/emails/deals/labels', { token });
    expect(emailToDeal.body.results).toEqual([{ category: 'HUBSPOT_DEFINED', typeId: 210, label: null }]);
  });

  it('reports missing ids and records without associations as 207 errors', async () => {
    const res = await post('/crm/v4/associations/deals/contacts/batch/read', {
      inputs: [{ id: ids().o5 }, { id: '123' }, { id: ids().o1 }],
    });
    expect(res.status).toBe(207);
    expect(res.body.results).toHaveLength(1);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ category: 'OBJECT_NOT_FOUND', context: { ids: ['123'] } }),
        expect.objectContaining({
          subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
          context: { fromObjectId: [ids().o5] },
        }),
      ]),
    );
  });

  it('batch-reads deals with dealstage history (newest first) and stage-entered dates', async () => {
    const res = await post('/crm/v3/objects/deals/batch/read', {
      properties: [
        'dealname',
        'dealstage',
        'pipeline',
        'amount',
        'closedate',
        'hs_is_closed',
        'hs_is_closed_won',
        'hs_deal_stage_probability',
        'hs_v2_date_entered_current_stage',
        'hs_v2_date_entered_contractsent',
        'hs_next_step',
        'notes_last_contacted',
      ],
      propertiesWithHistory: ['dealstage'],
      inputs: [{ id: ids().o1 }],
    });
    expect(res.status).toBe(200);
    const deal = res.body.results[0];
    expect(deal.properties).toMatchObject({
      dealstage: 'contractsent',
      pipeline: 'default',
      amount: '120000',
      hs_is_closed: 'false',
      hs_is_closed_won: 'false',
      hs_deal_stage_probability: '0.9',
      hs_next_step: 'Send revised pricing for 250 seats',
      hs_v2_date_entered_current_stage: '2026-11-11T12:00:00.000Z',
      hs_v2_date_entered_contractsent: '2026-11-11T12:00:00.000Z',
    });
    const history = deal.propertiesWithHistory.dealstage;
    expect(history.map((h: { value: string }) => h.value)).toEqual([
      'contractsent',
      'decisionmakerboughtin',
      'presentationscheduled',
      'qualifiedtobuy',
      'appointmentscheduled',
    ]);
    expect(history[0]).toMatchObject({
      timestamp: '2026-11-11T12:00:00.000Z',
      sourceType: 'CRM_UI',
      updatedByUserId: 9001,
    });
  });

  it('lists pipelines with string metadata, including a second pipeline', async () => {
    const res = await call(crm, 'GET', '/crm/v3/pipelines/deals', { token });
    expect(res.status).toBe(200);
    expect(res.body.results.map((p: { id: string }) => p.id)).toEqual(['default', '7654321']);
    const stages = res.body.results[0].stages;
    expect(stages.map((s: { id: string }) => s.id)).toEqual([
      'appointmentscheduled',
      'qualifiedtobuy',
      'presentationscheduled',
      'decisionmakerboughtin',
      'contractsent',
      'closedwon',
      'closedlost',
    ]);
    expect(stages[0]).toMatchObject({ archived: false, metadata: { isClosed: 'false', probability: '0.2' } });
    expect(stages[5].metadata).toEqual({ isClosed: 'true', probability: '1.0' });
  });

  it('lists owners, dispositions and properties', async () => {
    const owners = await call(crm, 'GET', '/crm/v3/owners?limit=1', { token });
    expect(owners.body.results).toHaveLength(1);
    expect(owners.body.paging.next.after).toBe('1');
    const dispositions = await call(crm, 'GET', '/calling/v1/dispositions', { token });
    expect(dispositions.body).toHaveLength(7);
    expect(dispositions.body).toContainEqual({
      id: 'f240bbac-87c9-4f6e-bf70-924b57d47db7',
      label: 'Connected',
    });
    expect(dispositions.body.map((d: { label: string }) => d.label)).toContain('Gatekeeper');
    const props = await call(crm, 'GET', '/crm/v3/properties/emails', { token });
    expect(props.body.results.find((p: { name: string }) => p.name === 'dealside_log_key')).toMatchObject({
      hasUniqueValue: true,
      type: 'string',
    });
    const dealProps = await call(crm, 'GET', '/crm/v3/properties/deals', { token });
    expect(dealProps.body.results.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['dealside_stage_reason', 'hs_v2_date_entered_qualifiedtobuy']),
    );
  });

  it('updates a deal stage through PATCH, validating stage ids and properties', async () => {
    const ok = await call(crm, 'PATCH', `/crm/v3/objects/deals/${ids().o2}`, {
      token,
      json: {
        properties: { dealstage: 'presentationscheduled', dealside_stage_reason: 'champion-identified' },
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.properties).toMatchObject({
      dealstage: 'presentationscheduled',
      dealside_stage_reason: 'champion-identified',
      hs_deal_stage_probability: '0.6',
      hs_v2_date_entered_presentationscheduled: ok.body.properties.hs_v2_date_entered_current_stage,
    });
    expect(ok.body.properties.hs_v2_date_exited_qualifiedtobuy).toEqual(expect.any(String));
    const deal = crm.store.hubspot.deals.find((d) => d.id === ids().o2);
    expect(deal?.history.dealstage?.[0]).toMatchObject({
      value: 'presentationscheduled',
      sourceType: 'INTEGRATION',
    });

    const badStage = await call(crm, 'PATCH', `/crm/v3/objects/deals/${ids().o2}`, {
      token,
      json: { properties: { dealstage: '7654322' } },
    });
    expect(badStage.status).toBe(400);
    expect(badStage.body.errors[0]).toMatchObject({
      code: 'INVALID_OPTION',
      context: { propertyName: ['dealstage'] },
    });

    const unknown = await call(crm, 'PATCH', `/crm/v3/objects/deals/${ids().o2}`, {
      token,
      json: { properties: { stage_reason: 'x' } },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      category: 'VALIDATION_ERROR',
      errors: [{ code: 'PROPERTY_DOESNT_EXIST', context: { propertyName: ['stage_reason'] } }],
    });
    expect(unknown.body.message).toContain('Property values were not valid');
  });
});

describe('HubSpot search', () => {
  it('finds open deals of a contact via associations.contact and sorts them', async () => {
    const res = await post('/crm/v3/objects/deals/search', {
      filterGroups: [
        {
          filters: [
            { propertyName: 'associations.contact', operator: 'EQ', value: ids().c1 },
            { propertyName: 'hs_is_closed', operator: 'EQ', value: 'false' },
          ],
        },
      ],
      properties: ['dealname', 'dealstage'],
      sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'DESCENDING' }],
      limit: 20,
      after: '0',
    });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.results[0].properties.dealname).toBe('Acme — Platform');
    expect(res.headers.get('x-hubspot-ratelimit-max')).toBeNull();
  });

  it('ORs filter groups: email IN plus CONTAINS_TOKEN on additional emails', async () => {
    const res = await post('/crm/v3/objects/contacts/search', {
      filterGroups: [
        { filters: [{ propertyName: 'email', operator: 'IN', values: ['bob@acme.com', 'nobody@x.com'] }] },
        {
          filters: [
            { propertyName: 'hs_additional_emails', operator: 'CONTAINS_TOKEN', value: 'jane.doe@acme.com' },
          ],
        },
      ],
      properties: ['email'],
      limit: 10,
      after: '0',
      sorts: [],
    });
    expect(res.body.results.map((r: { properties: { email: string } }) => r.properties.email).sort()).toEqual(
      ['bob@acme.com', 'jane@acme.com'],
    );
  });

  it('finds the last inbound email on a deal (last reply)', async () => {
    const res = await post('/crm/v3/objects/emails/search', {
      filterGroups: [
        {
          filters: [
            { propertyName: 'hs_email_direction', operator: 'EQ', value: 'INCOMING_EMAIL' },
            { propertyName: 'associations.deal', operator: 'EQ', value: ids().o1 },
          ],
        },
      ],
      sorts: [{ propertyName: 'hs_timestamp', direction: 'DESCENDING' }],
      properties: ['hs_email_subject', 'hs_timestamp', 'hs_email_from_email'],
      limit: 1,
      after: '0',
    });
    expect(res.body.total).toBe(3);
    expect(res.body.results[0].properties).toMatchObject({
      hs_email_subject: 'Re: Acme proposal — platform',
      hs_email_from_email: 'jane@acme.com',
    });
    expect(res.body.paging.next.after).toBe('1');
  });

  it('supports range operators on datetimes, BETWEEN and HAS_PROPERTY', async () => {
    const since = new Date('2026-11-06T12:00:00Z').getTime();
    const res = await post('/crm/v3/objects/calls/search', {
      filterGroups: [
        {
          filters: [
            { propertyName: 'hs_timestamp', operator: 'GTE', value: String(since) },
            { propertyName: 'associations.deal', operator: 'EQ', value: ids().o1 },
          ],
        },
      ],
      properties: ['hs_call_title'],
      limit: 50,
      after: '0',
    });
    expect(res.body.total).toBe(2);
    const between = await post('/crm/v3/objects/deals/search', {
      filterGroups: [
        {
          filters: [
            { propertyName: 'amount', operator: 'BETWEEN', value: '40000', highValue: '80000' },
            { propertyName: 'hs_next_step', operator: 'HAS_PROPERTY' },
          ],
        },
      ],
      limit: 50,
      after: '0',
    });
    expect(between.body.results.map((r: { id: string }) => r.id).sort()).toEqual(
      [ids().o4, ids().o5, ids().o9].sort(),
    );
  });

  it('enforces the documented search limits with VALIDATION_ERROR', async () => {
    const f = { propertyName: 'email', operator: 'EQ', value: 'x@y.z' };
    const tooManyGroups = await post('/crm/v3/objects/contacts/search', {
      filterGroups: Array.from({ length: 6 }, () => ({ filters: [f] })),
    });
    expect(tooManyGroups.status).toBe(400);
    expect(tooManyGroups.body.category).toBe('VALIDATION_ERROR');
    const tooManyInGroup = await post('/crm/v3/objects/contacts/search', {
      filterGroups: [{ filters: Array.from({ length: 7 }, () => f) }],
    });
    expect(tooManyInGroup.status).toBe(400);
    const tooManyTotal = await post('/crm/v3/objects/contacts/search', {
      filterGroups: Array.from({ length: 4 }, () => ({
        filters: Array.from({ length: 5 }, () => ({ propertyName: 'firstname', operator: 'HAS_PROPERTY' })),
      })),
    });
    expect(tooManyTotal.status).toBe(400);
    expect(tooManyTotal.body.message).toContain('18');
    const upper = await post('/crm/v3/objects/contacts/search', {
      filterGroups: [{ filters: [{ propertyName: 'email', operator: 'IN', values: ['Jane@acme.com'] }] }],
    });
    expect(upper.status).toBe(400);
    expect(upper.body.message).toContain('lowercase');
    const bigPage = await post('/crm/v3/objects/contacts/search', { limit: 201 });
    expect(bigPage.status).toBe(400);
  });

  it('allows 5 searches per second per account, then 429 SECONDLY', async () => {
    const body = { filterGroups: [], limit: 1, after: '0' };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => post('/crm/v3/objects/contacts/search', body)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = results.find((r) => r.status === 429);
    expect(limited?.body).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'SECONDLY' });
  });

  it('enforces the 110 requests / 10 s burst limit for OAuth apps with rate-limit headers', async () => {
    const results = await Promise.all(
      Array.from({ length: 111 }, () => call(crm, 'GET', '/crm/v3/owners', { token })),
    );
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(1);
    expect(limited[0]?.body).toMatchObject({
      policyName: 'TEN_SECONDLY_ROLLING',
      message: 'You have reached your ten_secondly_rolling limit.',
    });
    const ok = results.find((r) => r.status === 200);
    expect(ok?.headers.get('x-hubspot-ratelimit-max')).toBe('110');
    expect(ok?.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(ok?.headers.get('x-hubspot-ratelimit-daily')).toBeNull();
  });
});
