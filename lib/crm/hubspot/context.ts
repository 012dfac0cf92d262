/**
 * Pre-call context for one deal in three sequential round trips:
 *   1. the deal with its properties, `dealstage` history and the ids of its contacts, companies
 *      and activities (one GET with `associations`) [+ pipelines when not cached]
 *   2. batch reads of its activities (per type), contacts and company [+ the owner's name]
 *   3. activity→contact associations for the activities shown [+ the next step's owner]
 * No search calls: batch reads are not limited to 5 per second and see new records at once.
 */
import { CrmError } from '../errors';
import type { DealContact, NextStep, OpportunityContext, Owner } from '../types';
import { ACTIVITY_TYPES, READ_PROPERTIES, toActivity, type Activity, type ActivityType } from './activities';
import type { HubSpotClient } from './client';
import { DEAL_PROPERTIES, toOpportunity, UNKNOWN_STAGE_NOTE } from './deals';
import { Notes, orNote, SKIPPED_RECORDS_NOTE } from './degrade';
import type { Owners } from './owners';
import { loadStages, StageIndex, type Pipelines } from './pipelines';
import {
  newestIds,
  OBJECTS,
  readAssociations,
  readObjects,
  type AssociationRead,
  type ObjectRead,
} from './reads';
import { parseObject, text, type HsObject } from './schemas';
import { stageEnteredAt, stageEnteredProperties } from './stage-age';
import { keyOf, selectTimeline, whoOf } from './timeline';

const CONTACT_PROPERTIES = ['email', 'firstname', 'lastname'];
const MAX_PER_TYPE = 100;

const TYPE_LABEL: Record<ActivityType, string> = {
  emails: 'Emails',
  calls: 'Calls',
  meetings: 'Meetings',
  notes: 'Notes',
  tasks: 'Tasks',
};

export interface ContextDeps {
  client: HubSpotClient;
  pipelines: Pipelines;
  owners: Owners;
  now(): Date;
}

function primaryCompanyId(deal: HsObject): string | null {
  const companies = deal.associations.companies ?? [];
  // v3 names the primary association `deal_to_company`; others are `…_unlabeled` or labelled.
  return (companies.find((c) => c.type === 'deal_to_company') ?? companies[0])?.id ?? null;
}

async function readDeal(client: HubSpotClient, dealId: string, stageProperties: string[]): Promise<HsObject> {
  try {
    const answer = await client.read({
      method: 'GET',
      path: `${OBJECTS}/deals/${encodeURIComponent(dealId)}`,
      query: {
        properties: [...DEAL_PROPERTIES, ...stageProperties],
        propertiesWithHistory: 'dealstage',
        associations: ['contacts', 'companies', ...ACTIVITY_TYPES],
      },
    });
    const deal = parseObject(answer.body);
    if (!deal)
      throw new CrmError('validation', 'HubSpot: the deal came back in a shape Dealside cannot read.');
    return deal;
  } catch (error) {
    if (error instanceof CrmError && error.kind === 'notFound') {
      throw new CrmError(
        'notFound',
        'HubSpot: this deal no longer exists, or you cannot see it.',
        error.details,
      );
    }
    throw error;
  }
}

function personName(contact: HsObject): string {
  const name = [text(contact.props, 'firstname'), text(contact.props, 'lastname')].filter(Boolean).join(' ');
  return name || text(contact.props, 'email') || `Contact ${contact.id}`;
}

export async function readOpportunityContext(deps: ContextDeps, dealId: string): Promise<OpportunityContext> {
  const { client } = deps;
  const notes = new Notes();
  const cachedPipelines = await deps.pipelines.cached();

  // Round trip 1.
  const [deal, stages] = await Promise.all([
    readDeal(client, dealId, stageEnteredProperties(cachedPipelines)),
    cachedPipelines ? new StageIndex(cachedPipelines) : loadStages(deps.pipelines, notes),
  ]);
  if (deal.associationsTruncated)
    notes.add('This deal has more activity than Dealside reads at once; the newest is shown.');
  const idsOf = (type: string) => (deal.associations[type] ?? []).map((item) => item.id);
  const companyId = primaryCompanyId(deal);
  const contactIds = idsOf('contacts');
  const ownerId = text(deal.props, 'hubspot_owner_id');
  const empty: ObjectRead = { objects: [], dropped: 0 };

  // Round trip 2.
  const [activityReads, contactRead, companyRead, owner] = await Promise.all([
    Promise.all(
      ACTIVITY_TYPES.map(async (type) => {
        const ids = newestIds(idsOf(type), MAX_PER_TYPE);
        if (idsOf(type).length > ids.length) notes.add('Only the newest activities of this deal were read.');
        const read = await orNote(
          readObjects(client, type, ids, READ_PROPERTIES[type]),
          notes,
          `${TYPE_LABEL[type]} on this deal could not be read`,
          empty,
        );
        return { type, read };
      }),
    ),
    orNote(
      readObjects(client, 'contacts', newestIds(contactIds, MAX_PER_TYPE), CONTACT_PROPERTIES),
      notes,
      "The deal's contacts could not be read",
      empty,
    ),
    companyId
      ? orNote(
          readObjects(client, 'companies', [companyId], ['name']),
          notes,
          "The deal's company could not be read",
          empty,
        )
      : Promise.resolve(empty),
    ownerId
      ? orNote<Owner | null>(
          deps.owners.byId(ownerId),
          notes,
          "The deal owner's name could not be read",
          null,
        )
      : Promise.resolve(null),
  ]);

  const now = deps.now().getTime();
  const activities = activityReads.flatMap(({ type, read }) =>
    read.objects.map((record) => toActivity(type, record)),
  );
  const timeline = selectTimeline(activities, now);
  const { recent, touches, lastTouch, lastReply, nextTask } = timeline;
  const taskOwnerId = nextTask ? text(nextTask.record.props, 'hubspot_owner_id') : null;
  const idsByType = timeline.idsToExplain();

  // Round trip 3.
  const emptyAssociations: AssociationRead = { byFrom: new Map(), truncated: false, dropped: 0 };
  const [participantReads, taskOwner] = await Promise.all([
    Promise.all(
      [...idsByType].map(async ([type, ids]) => ({
        type,
        read: await orNote(
          readAssociations(client, type, 'contacts', ids),
          notes,
          'Who took part in some activities could not be read',
          emptyAssociations,
        ),
      })),
    ),
    taskOwnerId && taskOwnerId !== ownerId
      ? orNote<Owner | null>(
          deps.owners.byId(taskOwnerId),
          notes,
          "The next step owner's name could not be read",
          null,
        )
      : Promise.resolve(owner),
  ]);

  const participants = new Map<string, string[]>();
  for (const { type, read } of participantReads) {
    for (const [id, targets] of read.byFrom)
      participants.set(
        `${type}:${id}`,
        targets.map((t) => t.id),
      );
  }
  const names = new Map(contactRead.objects.map((c) => [c.id, personName(c)]));
  const summarise = (a: Activity | null) => {
    if (!a) return null;
    const ids = participants.get(keyOf(a)) ?? [];
    return { ...a.summary, contactIds: ids, who: whoOf(a, ids, names) };
  };

  const touchedAt = new Map<string, string>();
  for (const a of touches) {
    for (const id of participants.get(keyOf(a)) ?? []) {
      const at = a.summary.at ?? '';
      const previous = touchedAt.get(id);
      if (!previous || Date.parse(at) > Date.parse(previous)) touchedAt.set(id, at);
    }
  }
  // Recently touched first (newest touch first), then the others by name.
  const contacts: DealContact[] = contactRead.objects
    .map((c) => ({
      id: c.id,
      name: personName(c),
      email: text(c.props, 'email'),
      touchedAt: touchedAt.get(c.id) ?? null,
    }))
    .sort(
      (a, b) =>
        (b.touchedAt ? Date.parse(b.touchedAt) : 0) - (a.touchedAt ? Date.parse(a.touchedAt) : 0) ||
        a.name.localeCompare(b.name),
    );

  const nextStepField = text(deal.props, 'hs_next_step');
  const nextStep: NextStep | null = nextTask
    ? {
        subject: nextTask.summary.summary,
        dueDate: nextTask.summary.at ? nextTask.summary.at.slice(0, 10) : null,
        ownerName: (taskOwnerId ? taskOwner?.name : null) ?? null,
        source: 'task',
      }
    : nextStepField
      ? { subject: nextStepField, dueDate: null, ownerName: null, source: 'field' }
      : null;

  const entered = stageEnteredAt(deal, notes);
  const { opportunity, stageKnown } = toOpportunity(deal, stages, { accountId: companyId, contactIds });
  if (!stageKnown && stages.pipelines !== null) notes.add(UNKNOWN_STAGE_NOTE);
  const dropped =
    activityReads.reduce((sum, { read }) => sum + read.dropped, 0) +
    contactRead.dropped +
    companyRead.dropped;
  if (dropped > 0) notes.add(SKIPPED_RECORDS_NOTE);
  const company = companyRead.objects[0];

  return {
    opportunity,
    accountName: company ? (text(company.props, 'name') ?? null) : null,
    ownerName: owner?.name ?? null,
    stageEnteredAt: entered,
    lastTouch: summarise(lastTouch),
    lastReply: summarise(lastReply),
    nextStep,
    contacts,
    recentActivities: recent.map((a) => summarise(a)).filter((a) => a !== null),
    notes: notes.list(),
    fetchedAt: new Date(now).toISOString(),
  };
}
