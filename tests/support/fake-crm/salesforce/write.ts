/**
 * Salesforce record writes (after validate.ts has checked the fields): defaults and derived
 * fields (Name, Task.AccountId, Event end/duration, EmailMessage's auto-created Task),
 * Opportunity stage bookkeeping (OpportunityHistory, IsClosed/IsWon/Probability) and the
 * LastActivityDate roll-up.
 */
import { dateTimeMs, formatDate, formatDateTime } from '../soql/dates';
import type { ServerState } from '../state';
import type { SfRow, SfValue, Store } from '../store/types';
import type { SfPrincipal } from './auth';
import { findSfRecord } from './catalog';
import type { SfError } from './errors';
import { KEY_PREFIXES, isWellFormedId, nextId, to18 } from './ids';
import { sfField, sfObject, type SfObjectDef } from './schema';
import { coerceBody, err, isPlainObject, missingRequired, uniqueConflict } from './validate';

/** Writes only need the store and a clock (the seed passes a clock fixed at the record's time). */
export type WriteState = Pick<ServerState, 'store' | 'clock'>;

export type WriteResult =
  { ok: true; id: string; created: boolean } | { ok: false; status: number; errors: SfError[] };

const fail = (status: number, errors: SfError[]): WriteResult => ({ ok: false, status, errors });

function today(state: WriteState): string {
  return formatDate(state.clock.nowMs());
}

/** Fields Salesforce computes from other fields. */
function derive(state: WriteState, def: SfObjectDef, row: SfRow): void {
  const store = state.store;
  if (def.name === 'Contact' || def.name === 'Lead') {
    row.Name = [row.FirstName, row.LastName].filter((x) => typeof x === 'string' && x !== '').join(' ');
  }
  if (def.name === 'Task' || def.name === 'Event') {
    let account: SfValue = null;
    const what = typeof row.WhatId === 'string' ? findSfRecord(store, row.WhatId) : undefined;
    if (what?.object === 'Account') account = what.row.Id;
    else if (what?.object === 'Opportunity') account = what.row.AccountId ?? null;
    if (!account && typeof row.WhoId === 'string') {
      const who = findSfRecord(store, row.WhoId);
      if (who?.object === 'Contact') account = who.row.AccountId ?? null;
    }
    row.AccountId = account;
  }
  if (def.name === 'Task') {
    row.IsClosed = row.Status === 'Completed';
    if (row.IsClosed && !row.CompletedDateTime) row.CompletedDateTime = formatDateTime(state.clock.nowMs());
    if (!row.IsClosed) row.CompletedDateTime = null;
  }
  if (def.name === 'Event') {
    const start = row.StartDateTime ?? row.ActivityDateTime;
    if (typeof start === 'string') {
      row.StartDateTime = start;
      row.ActivityDateTime = start;
      const startMs = dateTimeMs(start);
      if (typeof row.EndDateTime === 'string')
        row.DurationInMinutes = Math.round((dateTimeMs(row.EndDateTime) - startMs) / 60_000);
      else if (typeof row.DurationInMinutes === 'number')
        row.EndDateTime = formatDateTime(startMs + row.DurationInMinutes * 60_000);
      row.ActivityDate = formatDate(startMs);
    }
  }
}

/** LastActivityDate: the latest closed task or past event on the record. */
function rollUpActivity(state: WriteState, def: SfObjectDef, row: SfRow): void {
  if (def.name !== 'Task' && def.name !== 'Event') return;
  let date: string | null = null;
  if (def.name === 'Task' && row.IsClosed === true)
    date = typeof row.ActivityDate === 'string' ? row.ActivityDate : today(state);
  if (def.name === 'Event' && typeof row.ActivityDate === 'string' && row.ActivityDate <= today(state))
    date = row.ActivityDate;
  if (!date) return;
  for (const id of [row.WhatId, row.WhoId, row.AccountId]) {
    if (typeof id !== 'string') continue;
    const target = findSfRecord(state.store, id);
    if (!target || !['Opportunity', 'Account', 'Contact'].includes(target.object)) continue;
    const current = target.row.LastActivityDate;
    if (typeof current !== 'string' || current < date) target.row.LastActivityDate = date;
  }
}

function recordHistory(state: WriteState, opp: SfRow, userId: string): void {
  const stage = state.store.salesforce.opportunityStages.find((s) => s.ApiName === opp.StageName);
  const forecast = String(stage?.ForecastCategoryName ?? 'Pipeline');
  state.store.salesforce.opportunityHistories.push({
    Id: nextId(state.store.salesforce.sequences, KEY_PREFIXES.OpportunityHistory),
    OpportunityId: opp.Id,
    StageName: opp.StageName ?? null,
    Amount: opp.Amount ?? null,
    CloseDate: opp.CloseDate ?? null,
    Probability: opp.Probability ?? null,
    ForecastCategory: forecast === 'Best Case' ? 'BestCase' : forecast === 'Commit' ? 'Forecast' : forecast,
    CreatedDate: formatDateTime(state.clock.nowMs()),
    CreatedById: userId,
  });
}

/** Stage side effects; `explicit` lists fields the request set itself. */
function applyStage(state: WriteState, opp: SfRow, explicit: Set<string>): void {
  const stage = state.store.salesforce.opportunityStages.find((s) => s.ApiName === opp.StageName);
  if (!stage) return;
  opp.IsClosed = stage.IsClosed === true;
  opp.IsWon = stage.IsWon === true;
  if (!explicit.has('Probability')) opp.Probability = stage.DefaultProbability ?? null;
  if (!explicit.has('ForecastCategoryName')) opp.ForecastCategoryName = stage.ForecastCategoryName ?? null;
  opp.LastStageChangeDate = formatDateTime(state.clock.nowMs());
}

/** EmailMessage linked to a record gets an Email task, as with Enhanced Email. */
function createEmailTask(state: WriteState, email: SfRow, principal: SfPrincipal): void {
  const related =
    typeof email.RelatedToId === 'string' ? findSfRecord(state.store, email.RelatedToId) : undefined;
  if (!related) return;
  const addresses = [email.FromAddress, ...String(email.ToAddress ?? '').split(/[;,]/)].map((a) =>
    String(a ?? '')
      .trim()
      .toLowerCase(),
  );
  const contact = state.store.salesforce.contacts.find((c) =>
    addresses.includes(String(c.Email ?? '').toLowerCase()),
  );
  const messageMs =
    typeof email.MessageDate === 'string' ? dateTimeMs(email.MessageDate) : state.clock.nowMs();
  const result = insert(
    state,
    'Task',
    {
      Subject: `Email: ${String(email.Subject ?? '')}`.slice(0, 255),
      Description: String(email.TextBody ?? '').slice(0, 32000),
      TaskSubtype: 'Email',
      Status: 'Completed',
      Priority: 'Normal',
      ActivityDate: formatDate(messageMs),
      WhatId: related.row.Id,
      WhoId: contact?.Id ?? null,
      OwnerId: principal.user.Id,
    },
    principal,
  );
  if (result) email.ActivityId = result.Id;
}

/** Inserts an already-validated row (also used by the seed). */
export function insert(
  state: WriteState,
  objectName: string,
  values: Record<string, SfValue>,
  principal: SfPrincipal,
): SfRow | undefined {
  const def = sfObject(state.store.settings, objectName);
  if (!def?.table) return undefined;
  const now = formatDateTime(state.clock.nowMs());
  const row: SfRow = { Id: nextId(state.store.salesforce.sequences, def.keyPrefix) };
  for (const field of def.fields) if (field.name !== 'Id') row[field.name] = field.defaultValue;
  Object.assign(row, values);
  row.CreatedDate = values.CreatedDate ?? now;
  row.CreatedById = values.CreatedById ?? principal.user.Id;
  row.LastModifiedDate = values.LastModifiedDate ?? row.CreatedDate;
  if (def.fields.some((f) => f.name === 'OwnerId') && !row.OwnerId) row.OwnerId = principal.user.Id;
  derive(state, def, row);
  if (def.name === 'Opportunity') applyStage(state, row, new Set(Object.keys(values)));
  state.store.salesforce[def.table].push(row);
  if (def.name === 'Opportunity') recordHistory(state, row, principal.user.Id);
  if (def.name === 'EmailMessage') createEmailTask(state, row, principal);
  rollUpActivity(state, def, row);
  return row;
}

export function createRecord(
  state: WriteState,
  objectName: string,
  body: unknown,
  principal: SfPrincipal,
): WriteResult {
  const store = state.store;
  const def = sfObject(store.settings, objectName);
  if (!def?.table) return fail(404, [err('NOT_FOUND', 'The requested resource does not exist')]);
  if (!def.createable) return fail(400, [err('INVALID_TYPE', `Cannot create records of type ${def.name}`)]);
  const coerced = coerceBody(store, def, body, 'create');
  if ('errors' in coerced) return fail(400, coerced.errors);
  const candidate: Record<string, SfValue> = {};
  for (const field of def.fields) if (field.name !== 'Id') candidate[field.name] = field.defaultValue;
  Object.assign(candidate, coerced.values);
  const missing = missingRequired(def, candidate);
  if (missing) return fail(400, [missing]);
  const duplicate = uniqueConflict(store, def, candidate, null);
  if (duplicate) return fail(400, [duplicate]);
  const row = insert(state, def.name, coerced.values, principal);
  if (!row) return fail(400, [err('INVALID_TYPE', `Cannot create records of type ${def.name}`)]);
  store.writes.push({
    provider: 'salesforce',
    object: def.name,
    id: row.Id,
    op: 'create',
    at: String(row.CreatedDate),
  });
  return { ok: true, id: row.Id, created: true };
}

export function findRow(store: Store, def: SfObjectDef, id: string): SfRow | undefined {
  if (!def.table || !isWellFormedId(id)) return undefined;
  const wanted = to18(id).toLowerCase();
  return store.salesforce[def.table].find((r) => r.Id.toLowerCase() === wanted);
}

function applyUpdate(
  state: WriteState,
  def: SfObjectDef,
  row: SfRow,
  values: Record<string, SfValue>,
  principal: SfPrincipal,
): WriteResult {
  const merged: Record<string, SfValue> = { ...row, ...values };
  const missing = missingRequired(def, merged);
  if (missing) return fail(400, [missing]);
  const duplicate = uniqueConflict(state.store, def, merged, row.Id);
  if (duplicate) return fail(400, [duplicate]);
  const before = {
    StageName: row.StageName,
    Amount: row.Amount,
    CloseDate: row.CloseDate,
    Probability: row.Probability,
  };
  Object.assign(row, values);
  row.LastModifiedDate = formatDateTime(state.clock.nowMs());
  derive(state, def, row);
  if (def.name === 'Opportunity') {
    if (values.StageName !== undefined && values.StageName !== before.StageName)
      applyStage(state, row, new Set(Object.keys(values)));
    const changed = (Object.keys(before) as Array<keyof typeof before>).some((k) => row[k] !== before[k]);
    if (changed) recordHistory(state, row, principal.user.Id);
  }
  rollUpActivity(state, def, row);
  return { ok: true, id: row.Id, created: false };
}

export function updateRecord(
  state: WriteState,
  objectName: string,
  id: string,
  body: unknown,
  principal: SfPrincipal,
): WriteResult {
  const store = state.store;
  const def = sfObject(store.settings, objectName);
  if (!def?.table) return fail(404, [err('NOT_FOUND', 'The requested resource does not exist')]);
  const row = findRow(store, def, id);
  if (!row) return fail(404, [err('NOT_FOUND', 'The requested resource does not exist')]);
  const coerced = coerceBody(store, def, body, 'update');
  if ('errors' in coerced) return fail(400, coerced.errors);
  const result = applyUpdate(state, def, row, coerced.values, principal);
  if (result.ok)
    store.writes.push({
      provider: 'salesforce',
      object: def.name,
      id: row.Id,
      op: 'update',
      at: String(row.LastModifiedDate),
    });
  return result;
}

export function upsertRecord(
  state: WriteState,
  objectName: string,
  fieldName: string,
  value: string,
  body: unknown,
  principal: SfPrincipal,
): WriteResult | { ok: false; status: 300; matches: string[] } {
  const store = state.store;
  const def = sfObject(store.settings, objectName);
  if (!def?.table) return fail(404, [err('NOT_FOUND', 'The requested resource does not exist')]);
  const field = sfField(def, fieldName);
  if (!field || (!field.externalId && field.name !== 'Id')) {
    return fail(404, [
      err('NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${fieldName}`),
    ]);
  }
  if (isPlainObject(body)) {
    const inBody = Object.entries(body).find(([k]) => k.toLowerCase() === field.name.toLowerCase());
    if (inBody && String(inBody[1]).toLowerCase() !== value.toLowerCase()) {
      return fail(400, [
        err(
          'INVALID_FIELD',
          `The value of the external id field ${field.name} in the body doesn't match the value in the URL`,
          [field.name],
        ),
      ]);
    }
  }
  const matches = store.salesforce[def.table].filter(
    (r) => String(r[field.name] ?? '').toLowerCase() === value.toLowerCase(),
  );
  if (matches.length > 1) return { ok: false, status: 300, matches: matches.map((m) => m.Id) };
  const existing = matches[0];
  if (existing) {
    const coerced = coerceBody(store, def, body, 'update');
    if ('errors' in coerced) return fail(400, coerced.errors);
    const result = applyUpdate(state, def, existing, coerced.values, principal);
    if (result.ok)
      store.writes.push({
        provider: 'salesforce',
        object: def.name,
        id: existing.Id,
        op: 'upsert-update',
        at: String(existing.LastModifiedDate),
      });
    return result;
  }
  const withKey = { ...(isPlainObject(body) ? body : {}), [field.name]: value };
  const created = createRecord(state, def.name, withKey, principal);
  if (created.ok) {
    const last = store.writes[store.writes.length - 1];
    if (last) last.op = 'upsert-create';
  }
  return created;
}
