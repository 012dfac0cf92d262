/**
 * My day and the weekly reports on Salesforce, computed where the data is: ONE composite call
 * of five SOQL queries, whatever the team size (a second call adds today's counts for My day).
 *
 *   deals       the owners' open Opportunities and those closed lost in the last 90 days, with
 *               their contact roles
 *   taskCounts  COUNT(Id) of the week's Call and Email Tasks GROUP BY OwnerId, TaskSubtype
 *   eventCounts COUNT(Id) of the week's Events GROUP BY OwnerId
 *   taskWho     MAX(CreatedDate) of completed Tasks on the open deals GROUP BY WhatId, WhoId:
 *               each deal's last activity and the people touched in 14 days, in one aggregate
 *               (an open to-do is not a touch)
 *   eventWho    the same over Events (StartDateTime)
 *
 * Tasks carry no direction: every Email Task the rep owns counts (the report counts emails
 * without a direction), except those Salesforce created for an incoming EmailMessage.
 */
import { emptyCounts, type CrmReportFacts, type ReportQuery } from '../../../reports/facts';
import type { ForecastCategory, ReportOpportunity } from '../../../reports/snapshot';
import * as z from 'zod/mini';
import type { SalesforceClient } from '../client';
import { queryUrl, subResult, type Subrequest } from '../client/composite';
import { children, parseEach } from '../schemas';
import { inList } from '../client/soql';
import { isSalesforceId } from '../map/values';
import { isoFromSalesforce } from '../map/values';

const DAY_MS = 86_400_000;
const MAX_DEALS = 2000;
const LOSS_WINDOW_DAYS = 90;

export interface ReportDeps {
  client: SalesforceClient;
  /** The org's stage-reason field (policy `salesforceStageReasonField`), '' when none. */
  reasonField: string;
}

const text = z.catch(z.nullable(z.string()), null);
const num = z.catch(z.nullable(z.number()), null);
const flag = z.catch(z.nullable(z.boolean()), null);

const DealRow = z.object({
  Id: z.string(),
  Name: text,
  AccountId: text,
  OwnerId: text,
  StageName: text,
  IsClosed: flag,
  IsWon: flag,
  Amount: num,
  CloseDate: text,
  Probability: num,
  LastStageChangeDate: text,
  CreatedDate: text,
  ForecastCategoryName: text,
  OpportunityContactRoles: children,
});
const RoleRow = z.object({ ContactId: text });
const CountRow = z.object({ OwnerId: text, TaskSubtype: z.optional(text), n: num });
const WhoRow = z.object({ WhatId: text, WhoId: text, lastAt: text });

const isFieldName = (name: string) => /^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(name);

/** SOQL datetime literal: unquoted ISO in UTC without milliseconds. */
export function soqlDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const FORECAST: Record<string, ForecastCategory> = {
  pipeline: 'pipeline',
  'best case': 'best-case',
  commit: 'commit',
  omitted: 'omitted',
  closed: 'closed',
};

export function reportSoql(query: ReportQuery, reasonField: string, windowStart?: Date) {
  const owners = inList(query.owners);
  const now = soqlDateTime(query.now);
  const weekStart = soqlDateTime(windowStart ?? new Date(query.now.getTime() - 7 * DAY_MS));
  const touchStart = new Date(query.now.getTime() - 14 * DAY_MS);
  const lostSince = new Date(query.now.getTime() - LOSS_WINDOW_DAYS * DAY_MS).toISOString().slice(0, 10);
  const today = query.now.toISOString().slice(0, 10);
  const reason = isFieldName(reasonField) ? `, ${reasonField}` : '';
  const openDeals = `(SELECT Id FROM Opportunity WHERE OwnerId IN ${owners} AND IsClosed = false)`;
  const incoming = `(SELECT ActivityId FROM EmailMessage WHERE Incoming = true AND MessageDate > ${weekStart})`;
  return {
    deals:
      `SELECT Id, Name, AccountId, OwnerId, StageName, IsClosed, IsWon, Amount, CloseDate, Probability, ` +
      `LastStageChangeDate, CreatedDate, ForecastCategoryName${reason}, ` +
      `(SELECT ContactId FROM OpportunityContactRoles) FROM Opportunity WHERE OwnerId IN ${owners} ` +
      `AND (IsClosed = false OR (IsWon = false AND CloseDate >= ${lostSince} AND CloseDate <= ${today})) ` +
      `LIMIT ${MAX_DEALS}`,
    taskCounts:
      `SELECT OwnerId, TaskSubtype, COUNT(Id) n FROM Task WHERE OwnerId IN ${owners} ` +
      `AND TaskSubtype IN ('Call','Email') AND CreatedDate > ${weekStart} AND CreatedDate <= ${now} ` +
      `AND Id NOT IN ${incoming} GROUP BY OwnerId, TaskSubtype`,
    eventCounts:
      `SELECT OwnerId, COUNT(Id) n FROM Event WHERE OwnerId IN ${owners} ` +
      `AND StartDateTime > ${weekStart} AND StartDateTime <= ${now} GROUP BY OwnerId`,
    taskWho:
      `SELECT WhatId, WhoId, MAX(CreatedDate) lastAt FROM Task WHERE WhatId IN ${openDeals} ` +
      `AND IsClosed = true AND CreatedDate <= ${now} GROUP BY WhatId, WhoId`,
    eventWho:
      `SELECT WhatId, WhoId, MAX(StartDateTime) lastAt FROM Event WHERE WhatId IN ${openDeals} ` +
      `AND StartDateTime <= ${now} GROUP BY WhatId, WhoId`,
    touchStart,
  };
}

function toDeal(row: z.infer<typeof DealRow>, reason: string | null): ReportOpportunity {
  const stage = row.StageName ?? 'Unknown stage';
  const probability = row.Probability;
  return {
    id: row.Id,
    name: row.Name ?? row.Id,
    accountId: row.AccountId,
    ownerId: row.OwnerId,
    stage,
    // The product's rule on the name, or a win probability of 60% or more (Salesforce: 0–100).
    ...(probability !== null && probability >= 60 ? { late: true } : {}),
    isClosed: row.IsClosed ?? false,
    isWon: row.IsWon ?? false,
    amount: row.Amount,
    closeDate: row.CloseDate,
    stageEnteredAt: isoFromSalesforce(row.LastStageChangeDate) ?? isoFromSalesforce(row.CreatedDate),
    forecastCategory: FORECAST[(row.ForecastCategoryName ?? '').toLowerCase()] ?? null,
    lossReason: reason,
    contactIds: parseEach(RoleRow, row.OpportunityContactRoles?.records ?? [])
      .rows.map((r) => r.ContactId)
      .filter((id): id is string => id !== null),
  };
}

function countsOf(tasks: unknown, events: unknown, owners: string[]): CrmReportFacts['weekCounts'] {
  const counts = Object.fromEntries(owners.map((id) => [id, emptyCounts()]));
  for (const row of parseEach(CountRow, records(tasks)).rows) {
    const owner = row.OwnerId ? counts[row.OwnerId] : undefined;
    if (!owner) continue;
    if (row.TaskSubtype === 'Call') owner.calls += row.n ?? 0;
    if (row.TaskSubtype === 'Email') owner.emails += row.n ?? 0;
  }
  for (const row of parseEach(CountRow, records(events)).rows) {
    const owner = row.OwnerId ? counts[row.OwnerId] : undefined;
    if (owner) owner.meetings += row.n ?? 0;
  }
  return counts;
}

function records(body: unknown): unknown[] {
  const parsed = z.object({ records: z.array(z.unknown()) }).safeParse(body);
  return parsed.success ? parsed.data.records : [];
}

export async function readReportFacts(deps: ReportDeps, query: ReportQuery): Promise<CrmReportFacts> {
  const owners = query.owners.filter(isSalesforceId);
  const empty = { weekCounts: {}, todayCounts: null, lastActivityAt: {}, touched14d: {} };
  if (owners.length === 0) return { opportunities: [], ...empty, notes: [] };
  const scoped = { ...query, owners };
  const soql = reportSoql(scoped, deps.reasonField);
  const { dataPath } = deps.client;
  const sub = (referenceId: string, q: string): Subrequest => ({
    method: 'GET',
    url: queryUrl(dataPath, q),
    referenceId,
  });
  const refs = ['deals', 'taskCounts', 'eventCounts', 'taskWho', 'eventWho'] as const;
  const todaySoql = query.todayStart ? reportSoql(scoped, deps.reasonField, query.todayStart) : null;
  const [results, todayResults] = await Promise.all([
    deps.client.composite(
      refs.map((ref) => sub(ref, soql[ref])),
      { importance: 'essential' },
    ),
    todaySoql
      ? deps.client.composite(
          [sub('taskCounts', todaySoql.taskCounts), sub('eventCounts', todaySoql.eventCounts)],
          { importance: 'optional' },
        )
      : null,
  ]);
  const notes: string[] = [];
  const body = (ref: (typeof refs)[number], from = results): unknown => {
    const result = subResult(from, ref);
    if (result.ok) return result.body;
    if (ref === 'deals') throw result.error;
    notes.push(`Salesforce could not count part of the activity (${ref}): ${result.error.message}`);
    return null;
  };

  const reasonOf = (record: unknown): string | null => {
    if (!isFieldName(deps.reasonField) || typeof record !== 'object' || record === null) return null;
    const value = (record as Record<string, unknown>)[deps.reasonField];
    return typeof value === 'string' ? value : null;
  };
  const deals = records(body('deals')).flatMap((record) => {
    const row = DealRow.safeParse(record);
    return row.success ? [toDeal(row.data, reasonOf(record))] : [];
  });
  const lastActivityAt: Record<string, string> = {};
  const touched = new Map<string, Set<string>>();
  for (const ref of ['taskWho', 'eventWho'] as const) {
    for (const row of parseEach(WhoRow, records(body(ref))).rows) {
      const at = isoFromSalesforce(row.lastAt);
      if (!row.WhatId || !at) continue;
      const seen = lastActivityAt[row.WhatId];
      if (!seen || Date.parse(at) > Date.parse(seen)) lastActivityAt[row.WhatId] = at;
      if (row.WhoId && Date.parse(at) > soql.touchStart.getTime()) {
        const people = touched.get(row.WhatId) ?? new Set<string>();
        people.add(row.WhoId);
        touched.set(row.WhatId, people);
      }
    }
  }
  return {
    opportunities: deals,
    weekCounts: countsOf(body('taskCounts'), body('eventCounts'), owners),
    todayCounts: todayResults
      ? countsOf(body('taskCounts', todayResults), body('eventCounts', todayResults), owners)
      : null,
    lastActivityAt,
    touched14d: Object.fromEntries([...touched].map(([id, people]) => [id, [...people]])),
    notes,
  };
}
