/**
 * My day and the weekly reports on HubSpot, computed where the data is. HubSpot has no
 * GROUP BY, so activity is counted with search totals (`limit: 1`, read `total`) on narrow
 * filters: one search per rep and kind (calls, sent emails, meetings) for the week, and again
 * for today in My day. Every search goes through the client's 5-per-second search rule.
 *
 *   deals      one search (paged): the owners' open deals and those closed lost in 90 days
 *   counts     3 searches per rep for the week (+3 for today)
 *   last       the deal's own "last activity date" (`notes_last_updated`, HubSpot's roll-up)
 *   touched    deal→contact associations (v4 batch) and the contacts' `notes_last_contacted`
 *              (batch read): a person counts as touched when HubSpot last contacted them in
 *              the 14 days, which may be on another deal of theirs.
 */
import { emptyCounts, type CrmReportFacts, type ReportQuery } from '../../../reports/facts';
import type { ActivityKey } from '../../../reports/activity-vs-target-kinds';
import type { ForecastCategory, ReportOpportunity } from '../../../reports/snapshot';
import { isLateStage } from '../../../deals/flags';
import type { HubSpotClient } from '../client';
import { DEAL_PROPERTIES } from '../map/deals';
import { Notes } from '../map/notes';
import { loadStages, type Pipelines } from './pipelines';
import { OBJECTS, readAssociations, readObjects } from './objects';
import { boolOf, dateOf, numberOf, parseObjects, text, type HsObject } from '../schemas';
import { stageEnteredAt } from '../map/stage-age';

const DAY_MS = 86_400_000;
const PAGE = 200;
const MAX_DEAL_PAGES = 10;
const LOSS_WINDOW_DAYS = 90;

export interface ReportDeps {
  client: HubSpotClient;
  pipelines: Pipelines;
  /** The portal's stage-reason property (policy `hubspotStageReasonProperty`), '' when none. */
  reasonProperty: string;
}

const FORECAST: Record<string, ForecastCategory> = {
  PIPELINE: 'pipeline',
  BEST_CASE: 'best-case',
  COMMIT: 'commit',
  OMIT: 'omitted',
  CLOSED: 'closed',
};

/** Which engagement object counts under which key, with the extra filter that narrows it. */
const COUNTED: { key: ActivityKey; type: string; extra: object[] }[] = [
  { key: 'calls', type: 'calls', extra: [] },
  {
    key: 'emails',
    type: 'emails',
    extra: [{ propertyName: 'hs_email_direction', operator: 'NEQ', value: 'INCOMING_EMAIL' }],
  },
  { key: 'meetings', type: 'meetings', extra: [] },
];

export function countSearchBody(owner: string, from: Date, to: Date, extra: object[]) {
  return {
    filterGroups: [
      {
        filters: [
          { propertyName: 'hubspot_owner_id', operator: 'EQ', value: owner },
          { propertyName: 'hs_timestamp', operator: 'GT', value: String(from.getTime()) },
          { propertyName: 'hs_timestamp', operator: 'LTE', value: String(to.getTime()) },
          ...extra,
        ],
      },
    ],
    properties: ['hs_timestamp'],
    limit: 1,
  };
}

export function dealSearchBody(owners: string[], now: Date, reasonProperty: string, after: string) {
  const lostSince = now.getTime() - LOSS_WINDOW_DAYS * DAY_MS;
  const owner = { propertyName: 'hubspot_owner_id', operator: 'IN', values: owners };
  return {
    filterGroups: [
      { filters: [owner, { propertyName: 'hs_is_closed', operator: 'EQ', value: 'false' }] },
      {
        filters: [
          owner,
          { propertyName: 'hs_is_closed_won', operator: 'EQ', value: 'false' },
          { propertyName: 'hs_is_closed', operator: 'EQ', value: 'true' },
          { propertyName: 'closedate', operator: 'GTE', value: String(lostSince) },
          { propertyName: 'closedate', operator: 'LTE', value: String(now.getTime()) },
        ],
      },
    ],
    properties: [
      ...DEAL_PROPERTIES,
      'hs_manual_forecast_category',
      'closed_lost_reason',
      ...(reasonProperty ? [reasonProperty] : []),
    ],
    sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
    limit: PAGE,
    after,
  };
}

function total(body: unknown): number | null {
  if (typeof body !== 'object' || body === null) return null;
  const value = (body as { total?: unknown }).total;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function nextAfter(body: unknown): string | null {
  const paging = (body as { paging?: { next?: { after?: unknown } } } | null)?.paging;
  const after = paging?.next?.after;
  return typeof after === 'string' || typeof after === 'number' ? String(after) : null;
}

async function searchDeals(deps: ReportDeps, owners: string[], now: Date): Promise<HsObject[]> {
  const deals: HsObject[] = [];
  let after = '0';
  for (let page = 0; page < MAX_DEAL_PAGES; page++) {
    const answer = await deps.client.read(
      {
        method: 'POST',
        path: `${OBJECTS}/deals/search`,
        body: dealSearchBody(owners, now, deps.reasonProperty, after),
      },
      { search: true },
    );
    deals.push(...parseObjects(answer.body).objects);
    const next = nextAfter(answer.body);
    if (!next) break;
    after = next;
  }
  return deals;
}

async function countWindow(
  deps: ReportDeps,
  owners: string[],
  from: Date,
  to: Date,
  notes: Notes,
): Promise<CrmReportFacts['weekCounts']> {
  const counts = Object.fromEntries(owners.map((id) => [id, emptyCounts()]));
  await Promise.all(
    owners.flatMap((owner) =>
      COUNTED.map(async ({ key, type, extra }) => {
        const answer = await deps.client.read(
          {
            method: 'POST',
            path: `${OBJECTS}/${type}/search`,
            body: countSearchBody(owner, from, to, extra),
          },
          { search: true },
        );
        const n = total(answer.body);
        const row = counts[owner];
        if (n === null) notes.add(`HubSpot did not say how many ${type} there were; they show as 0.`);
        else if (row) row[key] = n;
      }),
    ),
  );
  return counts;
}

export async function readReportFacts(deps: ReportDeps, query: ReportQuery): Promise<CrmReportFacts> {
  const notes = new Notes();
  const owners = [...new Set(query.owners)].filter((id) => /^\d+$/.test(id));
  if (owners.length === 0)
    return {
      opportunities: [],
      weekCounts: {},
      todayCounts: null,
      lastActivityAt: {},
      touched14d: {},
      notes: [],
    };
  const weekStart = new Date(query.now.getTime() - 7 * DAY_MS);
  const [stages, dealObjects, weekCounts, todayCounts] = await Promise.all([
    loadStages(deps.pipelines, notes),
    searchDeals(deps, owners, query.now),
    countWindow(deps, owners, weekStart, query.now, notes),
    query.todayStart ? countWindow(deps, owners, query.todayStart, query.now, notes) : null,
  ]);
  const open = dealObjects.filter((d) => {
    const stage = stages.find(text(d.props, 'pipeline'), text(d.props, 'dealstage'));
    return !(stage?.isClosed ?? boolOf(d.props, 'hs_is_closed') ?? false);
  });
  const links = await readAssociations(
    deps.client,
    'deals',
    'contacts',
    dealObjects.map((d) => d.id),
  );
  const openContacts = open.flatMap((d) => (links.byFrom.get(d.id) ?? []).map((c) => c.id));
  const contacts = await readObjects(deps.client, 'contacts', openContacts, ['notes_last_contacted']);
  const touchStart = query.now.getTime() - 14 * DAY_MS;
  const recentlyContacted = new Set(
    contacts.objects
      .filter((c) => {
        const at = dateOf(c.props, 'notes_last_contacted');
        return at !== null && Date.parse(at) > touchStart && Date.parse(at) <= query.now.getTime();
      })
      .map((c) => c.id),
  );

  const opportunities: ReportOpportunity[] = dealObjects.map((d) => {
    const stage = stages.find(text(d.props, 'pipeline'), text(d.props, 'dealstage'));
    const isClosed = stage?.isClosed ?? boolOf(d.props, 'hs_is_closed') ?? false;
    const label = stage?.label ?? text(d.props, 'dealstage') ?? 'Unknown stage';
    return {
      id: d.id,
      name: text(d.props, 'dealname') ?? `Deal ${d.id}`,
      accountId: null,
      ownerId: text(d.props, 'hubspot_owner_id'),
      stage: label,
      late: stage ? isLateStage(stage) : isLateStage({ id: label, label, probability: null }),
      isClosed,
      isWon: stage?.isWon ?? boolOf(d.props, 'hs_is_closed_won') ?? false,
      amount: numberOf(d.props, 'amount'),
      closeDate: dateOf(d.props, 'closedate')?.slice(0, 10) ?? null,
      stageEnteredAt: stageEnteredAt(d, notes),
      forecastCategory: FORECAST[text(d.props, 'hs_manual_forecast_category') ?? ''] ?? null,
      lossReason:
        (deps.reasonProperty ? text(d.props, deps.reasonProperty) : null) ??
        text(d.props, 'closed_lost_reason'),
      contactIds: (links.byFrom.get(d.id) ?? []).map((c) => c.id),
    };
  });
  const lastActivityAt: Record<string, string> = {};
  const touched14d: Record<string, string[]> = {};
  for (const d of open) {
    const at = dateOf(d.props, 'notes_last_updated');
    if (at && Date.parse(at) <= query.now.getTime()) lastActivityAt[d.id] = at;
    const people = (links.byFrom.get(d.id) ?? []).map((c) => c.id).filter((id) => recentlyContacted.has(id));
    if (people.length > 0) touched14d[d.id] = people;
  }
  return { opportunities, weekCounts, todayCounts, lastActivityAt, touched14d, notes: notes.list() };
}
