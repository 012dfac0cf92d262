import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeCrm } from '../../support/fake-crm';
import { call, hubspotLogin, salesforceLogin, start } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await start();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

/** node:http lets the test set the Host header the way Chromium's host mapping would. */
function rawGet(path: string, host: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${crm.url}${path}`,
      { headers: { host, authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('request recording', () => {
  it('records method, host, path, query, redacted headers, parsed body, status and time', async () => {
    expect(
      await rawGet(
        '/crm/v3/owners?email=sam%40ourco.com&limit=5',
        'api.hubapi.com',
        'pat-na1-demo-private-app',
      ),
    ).toBe(200);
    await call(crm, 'POST', '/crm/v3/objects/contacts/batch/read', {
      token: 'pat-na1-demo-private-app',
      json: { idProperty: 'email', inputs: [{ id: 'jane@acme.com' }] },
    });
    const [get, post] = crm.requests();
    expect(get).toMatchObject({
      method: 'GET',
      host: 'api.hubapi.com',
      path: '/crm/v3/owners',
      query: { email: 'sam@ourco.com', limit: '5' },
      provider: 'hubspot',
      status: 200,
      fault: null,
      at: expect.stringMatching(/^2026-11-20T12:/),
    });
    expect(get?.headers.authorization).toBe('Bearer pat-na1-…');
    expect(post?.body).toEqual({ idProperty: 'email', inputs: [{ id: 'jane@acme.com' }] });
    crm.clearRequests();
    expect(crm.requests()).toEqual([]);
  });

  it('records form bodies with OAuth secrets truncated', async () => {
    await hubspotLogin(crm);
    const token = crm.requests().find((r) => r.path === '/oauth/v3/token');
    expect(token?.body).toMatchObject({
      grant_type: 'authorization_code',
      client_id: 'dealside-demo-hubspot',
      client_secret: 'dealside…',
    });
    const authorize = crm.requests().find((r) => r.path === '/oauth/authorize');
    expect(authorize?.status).toBe(302);
  });

  it('does not record admin requests', async () => {
    await call(crm, 'GET', '/__admin/state');
    expect(crm.requests()).toEqual([]);
  });
});

describe('admin endpoints', () => {
  it('lists and clears recorded requests', async () => {
    await call(crm, 'GET', '/crm/v3/owners', { token: 'pat-na1-demo-private-app' });
    const listed = await call(crm, 'GET', '/__admin/requests');
    expect(listed.body).toHaveLength(1);
    expect((await call(crm, 'POST', '/__admin/clear-requests')).status).toBe(204);
    expect((await call(crm, 'GET', '/__admin/requests')).body).toEqual([]);
  });

  it('exposes state, including writes and a deal timeline, and resets it', async () => {
    const { accessToken } = (
      await call(crm, 'POST', '/__admin/tokens', { json: { provider: 'salesforce', user: 'lea@ourco.com' } })
    ).body;
    const o2 = crm.store.bookIds.salesforce.o2 ?? '';
    const created = await call(crm, 'POST', '/services/data/v62.0/sobjects/Task', {
      token: accessToken,
      json: { Subject: 'Next step', WhatId: o2 },
    });
    expect(created.status).toBe(201);
    const state = await call(crm, 'GET', `/__admin/state?provider=salesforce&deal=${o2}`);
    expect(state.body.writes).toEqual([
      expect.objectContaining({ provider: 'salesforce', object: 'Task', id: created.body.id }),
    ]);
    expect(state.body.activities).toContainEqual(
      expect.objectContaining({ type: 'Task', id: created.body.id, subject: 'Next step' }),
    );
    expect(crm.store.salesforce.tasks.find((t) => t.Id === created.body.id)?.OwnerId).toBe(
      crm.store.bookIds.salesforce.u2,
    );
    expect((await call(crm, 'POST', '/__admin/reset')).status).toBe(204);
    expect(crm.store.writes).toEqual([]);
    expect(crm.store.salesforce.tasks.some((t) => t.Id === created.body.id)).toBe(false);
  });

  it('switches store settings', async () => {
    const res = await call(crm, 'POST', '/__admin/settings', {
      json: { hubspotUniqueLogKey: false, salesforceExternalIdField: false },
    });
    expect(res.body).toMatchObject({ hubspotUniqueLogKey: false, salesforceExternalIdField: false });
    expect(crm.store.settings.hubspotUniqueLogKey).toBe(false);
    expect((await call(crm, 'POST', '/__admin/settings', { json: { nope: true } })).status).toBe(400);
  });

  it('answers as another HubSpot portal and Salesforce org, same records, until reset', async () => {
    const sandbox = '00DDz0000000077AAA';
    const res = await call(crm, 'POST', '/__admin/tenant', {
      json: { hubspotPortalId: 9090909, salesforceOrgId: sandbox },
    });
    expect(res.body).toEqual({ hubspotPortalId: 9090909, salesforceOrgId: sandbox });
    expect((await hubspotLogin(crm)).hub_id).toBe(9090909);
    const sf = await salesforceLogin(crm);
    expect(sf.id).toMatch(new RegExp(`/id/${sandbox}/005`));
    const who = await call(crm, 'GET', new URL(sf.id).pathname, { token: sf.access_token });
    expect(who.body.organization_id).toBe(sandbox);
    expect((await call(crm, 'POST', '/__admin/tenant', { json: { salesforceOrgId: 'x' } })).status).toBe(400);
    crm.reset();
    expect((await hubspotLogin(crm)).hub_id).not.toBe(9090909);
  });

  it('advances the clock', async () => {
    const res = await call(crm, 'POST', '/__admin/advance-clock', { json: { ms: 3_600_000 } });
    expect(Date.parse(res.body.now)).toBeGreaterThanOrEqual(Date.parse('2026-11-20T13:00:00Z'));
  });
});
