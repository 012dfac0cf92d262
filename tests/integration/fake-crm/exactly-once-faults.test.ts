/**
 * The faults that broke "exactly once" (issue 18), and what the outbox needs to repair them:
 * commit-then-drop on a reused keep-alive socket, slow commits that outlive the client, a lagging
 * HubSpot search index, both styles of HubSpot duplicate-unique-value answers, and DELETE.
 * Waits are on the fake's own state, never on the clock.
 */
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeCrm } from '../../support/fake-crm';
import { NOW, call, soql, start } from './helpers';

let crm: FakeCrm;
let hs: string;
let sf: string;
beforeAll(async () => {
  crm = await start({ salesforceInstanceUrl: 'self' });
});
afterAll(() => crm.close());
beforeEach(() => {
  crm.reset();
  hs = crm.issueToken('hubspot').accessToken;
  sf = crm.issueToken('salesforce').accessToken;
});

const v = '/services/data/v62.0';

function note(key: string) {
  return {
    properties: { hs_timestamp: NOW.toISOString(), hs_note_body: `note ${key}`, dealside_log_key: key },
    associations: [
      {
        to: { id: crm.store.bookIds.hubspot.o1 },
        types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 214 }],
      },
    ],
  };
}

const notesWithKey = (key: string) =>
  crm.store.hubspot.notes.filter((n) => n.properties.dealside_log_key === key && !n.archived);

/** A raw HTTP/1.1 request on a given agent, so a test decides which socket is reused. */
function raw(
  agent: http.Agent,
  method: string,
  path: string,
  body?: unknown,
): { done: Promise<{ status: number; body: string }>; request: http.ClientRequest } {
  const url = new URL(path, crm.url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  let request!: http.ClientRequest;
  const done = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request = http.request(
      url,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${hs}`,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
  return { done, request };
}

describe('dropAfterCommitOnReusedSocket', () => {
  it('commits, then closes a reused connection without a byte; a fresh connection is answered', async () => {
    crm.setFaults({ dropAfterCommitOnReusedSocket: {} });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // First request on a new socket: never dropped, even though it is a write.
      const first = await raw(agent, 'POST', '/crm/v3/objects/notes', note('fresh-1')).done;
      expect(first.status).toBe(201);
      // Reads on the reused socket are answered: only writes are dropped.
      expect((await raw(agent, 'GET', '/crm/v3/owners').done).status).toBe(200);
      // The same socket again, a write: committed, then the connection dies with no response.
      await expect(raw(agent, 'POST', '/crm/v3/objects/notes', note('reused-1')).done).rejects.toThrow();
      expect(notesWithKey('reused-1')).toHaveLength(1);
      expect(crm.requests().at(-1)).toMatchObject({
        method: 'POST',
        path: '/crm/v3/objects/notes',
        status: null,
        fault: 'dropAfterCommitOnReusedSocket',
      });
    } finally {
      agent.destroy();
    }
  });

  it('fires only on writes matching its onlyPaths, every Nth eligible one', async () => {
    crm.setFaults({ dropAfterCommitOnReusedSocket: { everyNth: 2, onlyPaths: '/objects/notes$' } });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await raw(agent, 'GET', '/crm/v3/owners').done).status).toBe(200);
      const outcomes: string[] = [];
      for (const key of ['n1', 'n2', 'n3', 'n4']) {
        outcomes.push(
          await raw(agent, 'POST', '/crm/v3/objects/notes', note(key)).done.then(
            (r) => String(r.status),
            () => 'dropped',
          ),
        );
        // A dropped socket is replaced by a fresh one: warm it up so the next write reuses it.
        if (outcomes.at(-1) === 'dropped') await raw(agent, 'GET', '/crm/v3/owners').done;
      }
      expect(outcomes).toEqual(['201', 'dropped', '201', 'dropped']);
      for (const key of ['n1', 'n2', 'n3', 'n4']) expect(notesWithKey(key)).toHaveLength(1);
    } finally {
      agent.destroy();
    }
  });
});

describe('slowCommitMs', () => {
  it('commits after the delay even when the client has gone, and records that nobody heard it', async () => {
    crm.setFaults({ slowCommitMs: { ms: 150, onlyPaths: '/objects/notes$' } });
    const agent = new http.Agent({ keepAlive: false });
    const pending = raw(agent, 'POST', '/crm/v3/objects/notes', note('slow-1'));
    pending.done.catch(() => undefined);
    await expect.poll(() => crm.slowCommits().pending).toBe(1);
    expect(notesWithKey('slow-1')).toHaveLength(0);
    pending.request.destroy(); // the worker dies mid-write
    await expect.poll(() => crm.slowCommits().committed).toBe(1);
    expect(notesWithKey('slow-1')).toHaveLength(1);
    await expect
      .poll(() => crm.requests().find((r) => r.path === '/crm/v3/objects/notes')?.fault)
      .toBe('slowCommit (client gone)');
  });

  it('answers after the commit when the client waits; reads are never slowed', async () => {
    crm.setFaults({ slowCommitMs: { ms: 50 } });
    const owners = await call(crm, 'GET', '/crm/v3/owners', { token: hs });
    expect(owners.status).toBe(200);
    expect(crm.slowCommits().committed).toBe(0);
    const created = await call(crm, 'POST', '/crm/v3/objects/notes', { token: hs, json: note('slow-2') });
    expect(created.status).toBe(201);
    expect(crm.slowCommits()).toEqual({ pending: 0, committed: 1 });
    expect(crm.requests().at(-1)?.fault).toBe('slowCommit');
    const search = await call(crm, 'POST', '/crm/v3/objects/notes/search', {
      token: hs,
      json: {
        filterGroups: [{ filters: [{ propertyName: 'dealside_log_key', operator: 'EQ', value: 'x' }] }],
      },
    });
    expect(search.status).toBe(200);
    expect(crm.slowCommits().committed).toBe(1);
  });
});

describe('searchLagMs', () => {
  it('hides new records from search until the index catches up; reads by key, id and association see them', async () => {
    crm.setFaults({ searchLagMs: 30_000 });
    const created = await call(crm, 'POST', '/crm/v3/objects/notes', { token: hs, json: note('lag-1') });
    expect(created.status).toBe(201);
    const byKey = () =>
      call(crm, 'POST', '/crm/v3/objects/notes/search', {
        token: hs,
        json: {
          filterGroups: [{ filters: [{ propertyName: 'dealside_log_key', operator: 'EQ', value: 'lag-1' }] }],
        },
      });
    expect((await byKey()).body.total).toBe(0);

    const get = await call(crm, 'GET', '/crm/v3/objects/notes/lag-1?idProperty=dealside_log_key', {
      token: hs,
    });
    expect(get.body.id).toBe(created.body.id);
    const batch = await call(crm, 'POST', '/crm/v3/objects/notes/batch/read', {
      token: hs,
      json: { inputs: [{ id: created.body.id }], properties: ['hs_note_body'] },
    });
    expect(batch.body.results.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    const assoc = await call(
      crm,
      'GET',
      `/crm/v4/objects/deals/${crm.store.bookIds.hubspot.o1}/associations/notes`,
      {
        token: hs,
      },
    );
    expect(assoc.body.results.map((r: { toObjectId: number | string }) => String(r.toObjectId))).toContain(
      created.body.id,
    );

    crm.clock.advance(30_001);
    expect((await byKey()).body.results.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
  });

  it('leaves older records searchable', async () => {
    crm.setFaults({ searchLagMs: 30_000 });
    const deals = await call(crm, 'POST', '/crm/v3/objects/deals/search', {
      token: hs,
      json: {
        filterGroups: [{ filters: [{ propertyName: 'dealname', operator: 'EQ', value: 'Acme — Platform' }] }],
      },
    });
    expect(deals.body.total).toBe(1);
  });
});

describe('uniqueConflict', () => {
  it("'409' (default) names the existing record", async () => {
    const first = await call(crm, 'POST', '/crm/v3/objects/notes', { token: hs, json: note('dup-1') });
    const again = await call(crm, 'POST', '/crm/v3/objects/notes', { token: hs, json: note('dup-1') });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: 'error', category: 'CONFLICT' });
    expect(again.body.message).toMatch(new RegExp(`Existing ID: ${first.body.id}$`));
  });

  it("'400' answers VALIDATION_ERROR 'already has that value' without the id, for single and batch creates", async () => {
    crm.setFaults({ uniqueConflict: '400' });
    const first = await call(crm, 'POST', '/crm/v3/objects/notes', { token: hs, json: note('dup-2') });
    expect(first.status).toBe(201);
    const again = await call(crm, 'POST', '/crm/v3/objects/notes', { token: hs, json: note('dup-2') });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({
      status: 'error',
      category: 'VALIDATION_ERROR',
      message: expect.stringMatching(/^Property values were not valid: .*already has that value/),
      errors: [expect.objectContaining({ context: { propertyName: ['dealside_log_key'] } })],
    });
    expect(JSON.stringify(again.body)).not.toContain(first.body.id);
    const batch = await call(crm, 'POST', '/crm/v3/objects/notes/batch/create', {
      token: hs,
      json: { inputs: [note('dup-3'), note('dup-3')] },
    });
    expect(batch.status).toBe(400);
    expect(batch.body.message).toContain('already has that value');
    expect(notesWithKey('dup-2')).toHaveLength(1);
    expect(notesWithKey('dup-3')).toHaveLength(0);
  });

  it('keeps contact email conflicts as 409 whatever the switch says', async () => {
    crm.setFaults({ uniqueConflict: '400' });
    const dup = await call(crm, 'POST', '/crm/v3/objects/contacts', {
      token: hs,
      json: { properties: { email: 'jane@acme.com' } },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toMatch(/^Contact already exists\. Existing ID: \d+$/);
  });
});

describe('DELETE of activities', () => {
  it('HubSpot: archive answers 204; the record leaves reads, search and the deal; unknown ids are 404', async () => {
    const created = await call(crm, 'POST', '/crm/v3/objects/notes', { token: hs, json: note('del-1') });
    const id = created.body.id as string;
    const del = await call(crm, 'DELETE', `/crm/v3/objects/notes/${id}`, { token: hs });
    expect(del.status).toBe(204);
    expect(del.body).toBeUndefined();
    expect((await call(crm, 'GET', `/crm/v3/objects/notes/${id}`, { token: hs })).status).toBe(404);
    expect(
      (await call(crm, 'GET', '/crm/v3/objects/notes/del-1?idProperty=dealside_log_key', { token: hs }))
        .status,
    ).toBe(404);
    const assoc = await call(
      crm,
      'GET',
      `/crm/v4/objects/deals/${crm.store.bookIds.hubspot.o1}/associations/notes`,
      {
        token: hs,
      },
    );
    expect(
      assoc.body.results.map((r: { toObjectId: number | string }) => String(r.toObjectId)),
    ).not.toContain(id);
    // The key is free again, and archiving twice is harmless.
    expect(
      (await call(crm, 'POST', '/crm/v3/objects/notes', { token: hs, json: note('del-1') })).status,
    ).toBe(201);
    expect((await call(crm, 'DELETE', `/crm/v3/objects/notes/${id}`, { token: hs })).status).toBe(204);
    expect((await call(crm, 'DELETE', '/crm/v3/objects/notes/999999999', { token: hs })).status).toBe(404);
    expect(crm.store.writes.filter((w) => w.op === 'delete')).toEqual([
      expect.objectContaining({ provider: 'hubspot', object: 'notes', id }),
    ]);
  });

  it('Salesforce: sobject DELETE answers 204; then 404 on read, gone from SOQL, ENTITY_IS_DELETED on a second delete', async () => {
    const ids = crm.store.bookIds.salesforce;
    for (const [object, body] of [
      ['Task', { Subject: 'Email: hello', TaskSubtype: 'Email', WhatId: ids.o1, Status: 'Completed' }],
      [
        'Event',
        {
          Subject: 'Pricing review',
          WhatId: ids.o1,
          StartDateTime: '2026-11-20T10:00:00.000+0000',
          EndDateTime: '2026-11-20T10:30:00.000+0000',
        },
      ],
    ] as const) {
      const created = await call(crm, 'POST', `${v}/sobjects/${object}`, { token: sf, json: body });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      const del = await call(crm, 'DELETE', `${v}/sobjects/${object}/${id}`, { token: sf });
      expect(del.status).toBe(204);
      expect((await call(crm, 'GET', `${v}/sobjects/${object}/${id}`, { token: sf })).status).toBe(404);
      const rows = await soql(crm, sf, `SELECT Id FROM ${object} WHERE Id = '${id}'`);
      expect(rows.body.totalSize).toBe(0);
      const again = await call(crm, 'DELETE', `${v}/sobjects/${object}/${id}`, { token: sf });
      expect(again.status).toBe(404);
      expect(again.body[0].errorCode).toBe('ENTITY_IS_DELETED');
    }
    const unknown = await call(crm, 'DELETE', `${v}/sobjects/Task/00TDz0000000999IAA`, { token: sf });
    expect(unknown.status).toBe(404);
    expect(unknown.body[0].errorCode).toBe('NOT_FOUND');
  });
});
