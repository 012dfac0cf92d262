import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CrmError } from '../../../lib/http/errors';
import { logMarker, markerLine } from '../../../lib/crm/log-key';
import type { CrmWrite, Target } from '../../../lib/domain/types';
import type { FakeCrm, HsRecord } from '../../support/fake-crm';
import { harness, lines, startCrm, type LoggedCall } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const ids = () => crm.store.bookIds.hubspot;
const UNIQUE = { logKeyProperty: 'dealside_log_key' };
const GATEKEEPER_GUID = '3c6f2a51-9d4e-4b8a-a1f7-6e2d9c0b5a43';

function target(): Target {
  return {
    opportunityId: ids().o1!,
    accountId: ids().a1!,
    contactIds: [ids().c1!, ids().c2!],
    ownerId: ids().u1!,
  };
}

function created(calls: LoggedCall[], type: string) {
  const call = calls.find((c) => c.method === 'POST' && c.path === `/crm/v3/objects/${type}`);
  expect(call, `POST ${type}`).toBeDefined();
  return call?.body as { properties: Record<string, string>; associations: unknown[] };
}

function associations(deal: number, contact: number, company: number) {
  const link = (id: string | undefined, typeId: number) => ({
    to: { id },
    types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }],
  });
  return [link(ids().o1, deal), link(ids().c1, contact), link(ids().c2, contact), link(ids().a1, company)];
}

function record(type: 'emails' | 'calls' | 'meetings' | 'notes' | 'tasks', id: string): HsRecord {
  const found = crm.store.hubspot[type].find((r) => r.id === id);
  expect(found, `${type} ${id}`).toBeDefined();
  return found!;
}

const email = (): CrmWrite => ({
  kind: 'email',
  target: target(),
  subject: 'Acme rollout: pricing for 250 seats',
  body: 'Hi Sam,\nCan you hold the Q4 price?',
  from: { email: 'jane@acme.com', name: 'Jane Doe' },
  to: [{ email: 'sam@ourco.com', name: 'Sam Rep' }],
  at: '2026-11-20T10:15:00.000Z',
  direction: 'inbound',
});

const call = (disposition: { code: string; label: string }): CrmWrite => ({
  kind: 'call',
  target: target(),
  title: 'Pricing follow-up',
  body: 'Asked for the revised numbers.',
  at: '2026-11-20T11:00:00.000Z',
  durationSeconds: 420,
  disposition,
  direction: 'outbound',
});

describe('HubSpot writes', () => {
  it('logs an email to the deal, its contacts and company in one call', async () => {
    const h = harness(crm, { settings: UNIQUE });
    const result = await h.adapter.write('hubspot:email:msg-1:o1', email());
    expect(result.adopted).toBe(false);
    expect(lines(h.calls)).toEqual(['POST /crm/v3/objects/emails']);
    const body = created(h.calls, 'emails');
    expect(body.properties).toEqual({
      hs_timestamp: '2026-11-20T10:15:00.000Z',
      hs_email_direction: 'INCOMING_EMAIL',
      hs_email_status: 'SENT',
      hs_email_subject: 'Acme rollout: pricing for 250 seats',
      hs_email_text: 'Hi Sam,\nCan you hold the Q4 price?',
      hs_email_headers: JSON.stringify({
        from: { email: 'jane@acme.com', firstName: 'Jane', lastName: 'Doe' },
        to: [{ email: 'sam@ourco.com', firstName: 'Sam', lastName: 'Rep' }],
        cc: [],
        bcc: [],
      }),
      hubspot_owner_id: ids().u1,
      dealside_log_key: logMarker('hubspot:email:msg-1:o1'),
    });
    expect(body.associations).toEqual(associations(210, 198, 186));
    const logged = crm.activitiesFor('hubspot', ids().o1!).find((a) => a.id === result.recordId);
    expect(logged?.subject).toBe('Acme rollout: pricing for 250 seats');
    expect(record('emails', result.recordId).properties.hs_email_from_email).toBe('jane@acme.com');
  });

  it('logs a meeting (212/200/188) with start, end, link and outcome', async () => {
    const h = harness(crm, { settings: UNIQUE });
    const result = await h.adapter.write('hubspot:meeting:evt-1:o1', {
      kind: 'meeting',
      target: target(),
      title: 'Acme — pricing review',
      body: 'Agreed on a 3-year ramp.',
      start: '2026-11-24T15:00:00.000Z',
      end: '2026-11-24T15:30:00.000Z',
      location: 'https://meet.google.com/abc-defg-hij',
    });
    const body = created(h.calls, 'meetings');
    expect(body.properties).toMatchObject({
      hs_timestamp: '2026-11-24T15:00:00.000Z',
      hs_meeting_title: 'Acme — pricing review',
      hs_meeting_body: 'Agreed on a 3-year ramp.',
      hs_meeting_start_time: '2026-11-24T15:00:00.000Z',
      hs_meeting_end_time: '2026-11-24T15:30:00.000Z',
      hs_meeting_external_url: 'https://meet.google.com/abc-defg-hij',
      hs_meeting_outcome: 'COMPLETED',
      hubspot_owner_id: ids().u1,
    });
    expect(body.associations).toEqual(associations(212, 200, 188));
    expect(record('meetings', result.recordId).properties.hs_meeting_outcome).toBe('COMPLETED');
  });

  it('logs a call (206/194/182) with duration in ms, direction, status and the default outcome GUID', async () => {
    const h = harness(crm, { settings: UNIQUE });
    await h.adapter.write('hubspot:call:c-1', call({ code: 'connected', label: 'Connected' }));
    const body = created(h.calls, 'calls');
    expect(body.properties).toMatchObject({
      hs_timestamp: '2026-11-20T11:00:00.000Z',
      hs_call_title: 'Pricing follow-up',
      hs_call_body: 'Asked for the revised numbers.',
      hs_call_duration: '420000',
      hs_call_direction: 'OUTBOUND',
      hs_call_status: 'COMPLETED',
      hs_call_disposition: 'f240bbac-87c9-4f6e-bf70-924b57d47db7',
    });
    expect(body.associations).toEqual(associations(206, 194, 182));
    // Default outcomes need no lookup.
    expect(h.calls.some((c) => c.path === '/calling/v1/dispositions')).toBe(false);
  });

  it.each([
    ['left-voicemail', 'Left voicemail', 'b2cf5968-551e-4856-9783-52b3da59a7d0'],
    ['no-answer', 'No answer', '73a0d17f-1163-4015-bdd5-ec830791da20'],
    ['busy', 'Busy', '9d9162e7-6cf3-4944-bf63-4dff82258764'],
    ['wrong-number', 'Wrong number', '17b47fee-58de-441e-a44c-c6300d46f273'],
  ])('maps the %s disposition to its HubSpot GUID', async (code, label, guid) => {
    const h = harness(crm, { settings: UNIQUE });
    await h.adapter.write(`hubspot:call:${code}`, call({ code, label }));
    expect(created(h.calls, 'calls').properties.hs_call_disposition).toBe(guid);
  });

  it("finds the portal's custom Gatekeeper outcome by label, once (cached)", async () => {
    const h = harness(crm, { settings: UNIQUE });
    await h.adapter.write('hubspot:call:g-1', call({ code: 'gatekeeper', label: 'Gatekeeper' }));
    await h.adapter.write('hubspot:call:g-2', call({ code: 'gatekeeper', label: 'Gatekeeper' }));
    expect(lines(h.calls)).toEqual([
      'GET /calling/v1/dispositions',
      'POST /crm/v3/objects/calls',
      'POST /crm/v3/objects/calls',
    ]);
    expect(created(h.calls, 'calls').properties.hs_call_disposition).toBe(GATEKEEPER_GUID);
  });

  it('uses "Left live message" for a gatekeeper-like outcome the portal lacks, with the label in the body', async () => {
    crm.store.hubspot.dispositions = crm.store.hubspot.dispositions.filter((d) => d.label !== 'Gatekeeper');
    const h = harness(crm, { settings: UNIQUE });
    await h.adapter.write('hubspot:call:g-3', call({ code: 'gatekeeper', label: 'Gatekeeper' }));
    const properties = created(h.calls, 'calls').properties;
    expect(properties.hs_call_disposition).toBe('a4c4c377-d246-4b32-a13b-75a56a4cd0ff');
    expect(properties.hs_call_body).toBe('Asked for the revised numbers.<br><br>Outcome: Gatekeeper');
  });

  it('falls back to the six default outcomes when the legacy outcomes endpoint fails, and says so', async () => {
    crm.store.settings.hubspotDispositionsEndpoint = false;
    const h = harness(crm, { settings: UNIQUE });
    await h.adapter.write('hubspot:call:f-1', call({ code: 'gatekeeper', label: 'Gatekeeper' }));
    const properties = created(h.calls, 'calls').properties;
    expect(properties.hs_call_disposition).toBe('a4c4c377-d246-4b32-a13b-75a56a4cd0ff');
    expect(properties.hs_call_body).toContain('Outcome: Gatekeeper');
    // A custom label that happens to be a HubSpot default is found in the fallback list.
    await h.adapter.write('hubspot:call:f-2', call({ code: 'live-message', label: 'Left live message' }));
    expect(created(h.calls, 'calls').properties.hs_call_disposition).toBe(
      'a4c4c377-d246-4b32-a13b-75a56a4cd0ff',
    );
    const status = await h.adapter.callOutcomes?.();
    expect(status?.source).toBe('defaults');
    expect(status?.note).toMatch(/could not be read \(the legacy outcomes endpoint answered 404\)/);
    expect(status?.note).toMatch(
      /Connected, Busy, Left live message, Left voicemail, No answer, Wrong number/,
    );
    // The failure is remembered for a while: one failed read, not one per logged call.
    expect(h.calls.filter((c) => c.path === '/calling/v1/dispositions')).toHaveLength(1);
  });

  it("reports HubSpot's own outcome list when the endpoint answers", async () => {
    const h = harness(crm, { settings: UNIQUE });
    expect(await h.adapter.callOutcomes?.()).toEqual({ source: 'crm', note: null });
  });

  it('leaves the outcome unset (label in the body) for an unknown, non-gatekeeper outcome', async () => {
    const h = harness(crm, { settings: UNIQUE });
    await h.adapter.write('hubspot:call:x-1', call({ code: 'call-back-later', label: 'Call back later' }));
    const properties = created(h.calls, 'calls').properties;
    expect(properties.hs_call_disposition).toBeUndefined();
    expect(properties.hs_call_body).toContain('Outcome: Call back later');
  });

  it('logs a note (214/202/190) with its body as escaped HTML', async () => {
    const h = harness(crm, { settings: UNIQUE });
    const result = await h.adapter.write('hubspot:note:n-1', {
      kind: 'note',
      target: target(),
      body: 'Budget < $150k & 3-year term\nBob signs.',
      at: '2026-11-20T11:30:00.000Z',
    });
    const body = created(h.calls, 'notes');
    expect(body.properties.hs_note_body).toBe('Budget &lt; $150k &amp; 3-year term<br>Bob signs.');
    expect(body.associations).toEqual(associations(214, 202, 190));
    expect(record('notes', result.recordId).properties.hs_timestamp).toBe('2026-11-20T11:30:00.000Z');
  });

  it('logs the next step as an open TODO task (216/204/192) due at noon UTC on its date', async () => {
    const h = harness(crm, { settings: UNIQUE });
    await h.adapter.write('hubspot:task:t-1', {
      kind: 'task',
      target: target(),
      subject: 'Send the 3-year ramp proposal',
      body: 'Unblocks procurement sign-off.',
      dueDate: '2026-11-25',
      ownerId: ids().u2!,
    });
    const body = created(h.calls, 'tasks');
    expect(body.properties).toEqual({
      hs_timestamp: '2026-11-25T12:00:00.000Z',
      hs_task_subject: 'Send the 3-year ramp proposal',
      hs_task_body: 'Unblocks procurement sign-off.',
      hs_task_status: 'NOT_STARTED',
      hs_task_type: 'TODO',
      hubspot_owner_id: ids().u2,
      dealside_log_key: logMarker('hubspot:task:t-1'),
    });
    expect(body.associations).toEqual(associations(216, 204, 192));
  });

  it('fails with a readable validation error when HubSpot rejects the content', async () => {
    const h = harness(crm, { settings: UNIQUE });
    const error = await h.adapter
      .write('hubspot:note:bad', {
        kind: 'note',
        target: { ...target(), contactIds: ['9199999999'] },
        body: 'x',
        at: '2026-11-20T11:30:00.000Z',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ kind: 'validation', message: 'HubSpot: No contact 9199999999 exists.' });
  });
});

describe('HubSpot stage changes', () => {
  const stage = (stageId: string, stageLabel: string, code: string, label: string): CrmWrite => ({
    kind: 'stage',
    target: target(),
    stageId,
    stageLabel,
    reason: { code, label },
    at: '2026-11-20T12:00:00.000Z',
  });

  it('PATCHes the stage and the reason property when one is configured', async () => {
    const h = harness(crm, { settings: { ...UNIQUE, stageReasonProperty: 'dealside_stage_reason' } });
    const write = stage(
      'decisionmakerboughtin',
      'Decision Maker Bought-In',
      'technical-win',
      'Technical validation passed',
    );
    expect(await h.adapter.findWritten('hubspot:stage:s-1', write)).toBeNull();
    h.resetLog();
    const result = await h.adapter.write('hubspot:stage:s-1', write);
    expect(result).toEqual({ recordId: ids().o1, adopted: false });
    const patch = h.calls.find((c) => c.method === 'PATCH');
    expect(patch?.path).toBe(`/crm/v3/objects/deals/${ids().o1}`);
    expect(patch?.body).toEqual({
      properties: { dealstage: 'decisionmakerboughtin', dealside_stage_reason: 'technical-win' },
    });
    expect(h.calls.some((c) => c.path === '/crm/v3/objects/notes')).toBe(false);
    const deal = crm.store.hubspot.deals.find((d) => d.id === ids().o1)!;
    expect(deal.properties.dealstage).toBe('decisionmakerboughtin');
    expect(await h.adapter.findWritten('hubspot:stage:s-1', write)).toBe(ids().o1);
  });

  it('records the reason as a note carrying the key when no reason property is configured', async () => {
    const h = harness(crm, { settings: UNIQUE });
    const write = stage('closedlost', 'Closed Lost', 'lost-competitor', 'Lost to a competitor');
    await h.adapter.pipelines();
    h.resetLog();
    await h.adapter.write('hubspot:stage:s-2', write);
    expect(lines(h.calls)).toEqual([`PATCH /crm/v3/objects/deals/${ids().o1}`, 'POST /crm/v3/objects/notes']);
    expect(h.calls[0]?.body).toEqual({
      properties: { dealstage: 'closedlost', closed_lost_reason: 'Lost to a competitor' },
    });
    const note = created(h.calls, 'notes');
    expect(note.properties).toMatchObject({
      hs_note_body: 'Stage changed to Closed Lost — reason: Lost to a competitor',
      dealside_log_key: logMarker('hubspot:stage:s-2'),
    });
    expect(await h.adapter.findWritten('hubspot:stage:s-2', write)).toBe(ids().o1);
    // Same stage, but this key's note was never written.
    expect(await h.adapter.findWritten('hubspot:stage:other', write)).toBeNull();
  });

  it('finds nothing while the deal is in another stage', async () => {
    const h = harness(crm, { settings: { ...UNIQUE, stageReasonProperty: 'dealside_stage_reason' } });
    const write = stage('qualifiedtobuy', 'Qualified To Buy', 'need-confirmed', 'Need and pain confirmed');
    expect(await h.adapter.findWritten('hubspot:stage:s-3', write)).toBeNull();
  });
});

describe('HubSpot idempotency', () => {
  it('with the unique property: a repeated key adopts the first record (409 → adopted)', async () => {
    const h = harness(crm, { settings: UNIQUE });
    const first = await h.adapter.write('hubspot:email:msg-2:o1', email());
    const second = await h.adapter.write('hubspot:email:msg-2:o1', email());
    expect(second).toEqual({ recordId: first.recordId, adopted: true });
    expect(h.calls.map((c) => c.status)).toEqual([201, 409]);
    const marked = crm.store.hubspot.emails.filter(
      (e) => e.properties.dealside_log_key === logMarker('hubspot:email:msg-2:o1'),
    );
    expect(marked).toHaveLength(1);
    // The body stays clean: the key lives in the property.
    expect(marked[0]?.properties.hs_email_text).not.toContain('Dealside');

    h.resetLog();
    expect(await h.adapter.findWritten('hubspot:email:msg-2:o1', email())).toBe(first.recordId);
    expect(lines(h.calls)).toEqual(['POST /crm/v3/objects/emails/batch/read']);
    expect(h.calls[0]?.body).toMatchObject({
      idProperty: 'dealside_log_key',
      inputs: [{ id: logMarker('hubspot:email:msg-2:o1') }],
    });
    expect(await h.adapter.findWritten('hubspot:email:never-written', email())).toBeNull();
  });

  it('without it: the marker goes in the body and findWritten finds it on the deal', async () => {
    crm.store.settings.hubspotUniqueLogKey = false;
    const h = harness(crm);
    const key = 'hubspot:note:n-2';
    const write: CrmWrite = {
      kind: 'note',
      target: target(),
      body: 'Champion confirmed.',
      at: '2026-11-20T11:40:00.000Z',
    };
    expect(await h.adapter.findWritten(key, write)).toBeNull();
    const result = await h.adapter.write(key, write);
    const properties = record('notes', result.recordId).properties;
    expect(properties.hs_note_body).toBe(`Champion confirmed.<br><br>${markerLine(key)}`);
    expect(properties.dealside_log_key).toBeUndefined();

    h.resetLog();
    expect(await h.adapter.findWritten(key, write)).toBe(result.recordId);
    expect(lines(h.calls)).toEqual([
      `GET /crm/v4/objects/deals/${ids().o1}/associations/notes`,
      'POST /crm/v3/objects/notes/batch/read',
    ]);
    expect(await h.adapter.findWritten('hubspot:note:other', write)).toBeNull();
  });

  it('without it: emails carry the marker in their plain-text body', async () => {
    crm.store.settings.hubspotUniqueLogKey = false;
    const h = harness(crm);
    const key = 'hubspot:email:msg-3:o1';
    const result = await h.adapter.write(key, email());
    expect(record('emails', result.recordId).properties.hs_email_text).toBe(
      `Hi Sam,\nCan you hold the Q4 price?\n\n${markerLine(key)}`,
    );
    expect(await h.adapter.findWritten(key, email())).toBe(result.recordId);
  });

  it('reports a configured log key property the portal lacks as a settings problem', async () => {
    crm.store.settings.hubspotUniqueLogKey = false;
    const h = harness(crm, { settings: UNIQUE });
    const error = await h.adapter.write('hubspot:email:msg-4:o1', email()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect((error as CrmError).kind).toBe('config');
    expect((error as CrmError).message).toMatch(/^HubSpot: the property "dealside_log_key"/);
  });
});
