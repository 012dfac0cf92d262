/**
 * The attach audit on Salesforce: two SOQL queries (email and call Tasks, Events) by owner and
 * date, whose `What.Type` says whether each is on an Opportunity already. A move sets the Task's
 * or Event's `WhatId` from the account to the opportunity (which still rolls up to the account);
 * undo puts the previous `WhatId` back. Each move first re-reads the record, so an activity
 * someone filed elsewhere since the audit is left alone.
 */
import * as z from 'zod/mini';
import type { AuditActivity } from '../../../audit/schema';
import type { ActivityMove, AuditAdapter, AuditRead, MovedActivity } from '../../audit-types';
import { CrmError } from '../../../http/errors';
import { readClosedOpportunities } from './audit-closed-deals';
import type { SalesforceClient } from '../client';
import type { MetadataStore } from './metadata';
import { inList, IN_CHUNK, quote } from '../client/soql';
import { isSalesforceId } from '../map/values';
import { isoFromSalesforce } from '../map/values';

/** One run reads at most this many of each; the rest come next run (cursor). */
const MAX_ROWS = 2000;
const text = z.catch(z.nullable(z.string()), null);
const polymorphic = z.catch(
  z.nullable(z.object({ Type: z.optional(text), Email: z.optional(text), Name: z.optional(text) })),
  null,
);

const ActivityRow = z.object({
  Id: z.string(),
  Subject: z.optional(text),
  TaskSubtype: z.optional(text),
  CreatedDate: z.optional(text),
  CompletedDateTime: z.optional(text),
  StartDateTime: z.optional(text),
  LastModifiedDate: z.optional(text),
  OwnerId: z.optional(text),
  WhatId: z.optional(text),
  What: z.optional(polymorphic),
  WhoId: z.optional(text),
  Who: z.optional(polymorphic),
  AccountId: z.optional(text),
});
type ActivityRow = z.infer<typeof ActivityRow>;

/** `2026-11-20T12:00:00Z`: a SOQL datetime literal (no quotes). */
function soqlDateTime(iso: string): string {
  return new Date(Date.parse(iso)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const OBJECT: Record<MovedActivity, 'Task' | 'Event'> = { email: 'Task', call: 'Task', meeting: 'Event' };
const COMMON =
  'Id, Subject, LastModifiedDate, OwnerId, WhatId, What.Type, WhoId, Who.Type, Who.Email, Who.Name, AccountId';

function queries(
  input: Parameters<AuditAdapter['readActivities']>[0],
  owners: string[],
): { task: string; event: string } {
  const changed = input.changedSince ? ` AND LastModifiedDate >= ${soqlDateTime(input.changedSince)}` : '';
  const from = soqlDateTime(input.from);
  const tail = `${changed} ORDER BY LastModifiedDate ASC LIMIT ${MAX_ROWS}`;
  return {
    task:
      `SELECT ${COMMON}, TaskSubtype, CreatedDate, CompletedDateTime FROM Task WHERE OwnerId IN ${inList(owners)} ` +
      `AND TaskSubtype IN ('Email','Call') AND CreatedDate >= ${from}${tail}`,
    event: `SELECT ${COMMON}, StartDateTime FROM Event WHERE OwnerId IN ${inList(owners)} AND StartDateTime >= ${from}${tail}`,
  };
}

function toActivity(row: ActivityRow, object: 'Task' | 'Event'): AuditActivity | null {
  const kind: MovedActivity = object === 'Event' ? 'meeting' : row.TaskSubtype === 'Call' ? 'call' : 'email';
  const at =
    object === 'Event'
      ? isoFromSalesforce(row.StartDateTime)
      : (isoFromSalesforce(row.CompletedDateTime) ?? isoFromSalesforce(row.CreatedDate));
  if (at === null) return null;
  const whatType = row.What?.Type ?? (row.WhatId?.startsWith('006') ? 'Opportunity' : null);
  const whoIsContact = row.Who?.Type === 'Contact' || (row.WhoId?.startsWith('003') ?? false);
  const email = row.Who?.Email ?? null;
  return {
    id: row.Id,
    kind,
    at,
    ownerId: row.OwnerId ?? null,
    // Salesforce's own email logging (and Dealside's) prefixes "Email: "; the skip rules read
    // the subject as the sender wrote it.
    subject: kind === 'email' ? (row.Subject ?? '').replace(/^\s*Email:\s*/i, '') : (row.Subject ?? ''),
    participants: email ? [{ email: email.toLowerCase(), name: row.Who?.Name ?? '' }] : [],
    contactIds: whoIsContact && row.WhoId ? [row.WhoId] : [],
    accountId: row.AccountId ?? (whatType === 'Account' ? (row.WhatId ?? null) : null),
    opportunityIds: whatType === 'Opportunity' && row.WhatId ? [row.WhatId] : [],
  };
}

export async function readAuditActivities(
  client: SalesforceClient,
  input: Parameters<AuditAdapter['readActivities']>[0],
): Promise<AuditRead> {
  const owners = input.ownerIds.filter(isSalesforceId).slice(0, IN_CHUNK);
  if (owners.length === 0) return { activities: [], cursor: input.changedSince, truncated: false, notes: [] };
  const soql = queries(input, owners);
  const [tasks, events] = await Promise.all([
    client.query(soql.task, 'optional'),
    client.query(soql.event, 'optional'),
  ]);
  const activities: AuditActivity[] = [];
  const whatIds: Record<string, string | null> = {};
  let cursor = input.changedSince;
  let dropped = 0;
  for (const [rows, object] of [
    [tasks, 'Task'],
    [events, 'Event'],
  ] as const) {
    for (const raw of rows) {
      const parsed = ActivityRow.safeParse(raw);
      const activity = parsed.success ? toActivity(parsed.data, object) : null;
      if (!parsed.success || activity === null) {
        dropped++;
        continue;
      }
      const changed = isoFromSalesforce(parsed.data.LastModifiedDate);
      if (changed && (cursor === null || Date.parse(changed) > Date.parse(cursor))) cursor = changed;
      activities.push(activity);
      whatIds[activity.id] = parsed.data.WhatId ?? null;
    }
  }
  return {
    activities,
    whatIds,
    cursor,
    truncated: tasks.length >= MAX_ROWS || events.length >= MAX_ROWS,
    notes: dropped > 0 ? ['Some activities could not be read and were left out of the audit.'] : [],
  };
}

const CreatedRow = z.object({ Id: z.string(), CreatedDate: text });

export async function opportunitiesCreatedAt(
  client: SalesforceClient,
  ids: string[],
): Promise<Record<string, string>> {
  const valid = [...new Set(ids.filter(isSalesforceId))];
  const out: Record<string, string> = {};
  for (let i = 0; i < valid.length; i += IN_CHUNK) {
    const rows = await client.query(
      `SELECT Id, CreatedDate FROM Opportunity WHERE Id IN ${inList(valid.slice(i, i + IN_CHUNK))}`,
      'optional',
    );
    for (const raw of rows) {
      const row = CreatedRow.safeParse(raw);
      const created = row.success ? isoFromSalesforce(row.data.CreatedDate) : null;
      if (row.success && created) out[row.data.Id] = created;
    }
  }
  return out;
}

const CurrentRow = z.object({ Id: z.string(), WhatId: text });
const NOUN: Record<MovedActivity, string> = { email: 'email', meeting: 'meeting', call: 'call' };

export async function moveActivity(
  client: SalesforceClient,
  move: ActivityMove,
): Promise<{ already: boolean }> {
  const object = OBJECT[move.activity];
  const opportunityId = move.target.opportunityId;
  if (!isSalesforceId(move.recordId) || opportunityId === null || !isSalesforceId(opportunityId)) {
    throw new CrmError('validation', 'Salesforce: this move names no valid record.');
  }
  const rows = await client.query(
    `SELECT Id, WhatId FROM ${object} WHERE Id = ${quote(move.recordId)}`,
    'essential',
  );
  const current = CurrentRow.safeParse(rows[0]);
  if (!current.success)
    throw new CrmError('notFound', `Salesforce: this ${NOUN[move.activity]} no longer exists.`);
  const whatId = current.data.WhatId;
  const [from, to] =
    move.kind === 'attach' ? [move.previousWhatId, opportunityId] : [opportunityId, move.restoreWhatId];
  if (whatId === to) return { already: true };
  if (whatId !== from) {
    throw new CrmError(
      'validation',
      `Salesforce: this ${NOUN[move.activity]} was filed elsewhere since the audit; Dealside left it there.`,
    );
  }
  await client.write('PATCH', `/sobjects/${object}/${move.recordId}`, { WhatId: to });
  return { already: false };
}

export function createSalesforceAudit(client: SalesforceClient, metadata: MetadataStore): AuditAdapter {
  return {
    readActivities: (input) => readAuditActivities(client, input),
    createdAt: (ids) => opportunitiesCreatedAt(client, ids),
    closedDeals: (input) => readClosedOpportunities({ client, metadata }, input),
    move: (move) => moveActivity(client, move),
  };
}
