/**
 * Pre-call context for one deal. On its own it takes two sequential round trips:
 *   1. the deal with its properties, `dealstage` history and the ids of its contacts and
 *      companies (one GET with `associations`), and all its activities with the contacts each
 *      involved (one engagements list) [+ pipelines when not cached]
 *   2. the names of its contacts and company [+ owner names not cached]
 * The match pass builds the same context from what it has already read (`briefOf`), so a cold
 * thread gets its deal and brief without a separate pass. No search calls: batch reads are not
 * limited to 5 per second and see new records at once.
 */
import { CrmError } from '../../../http/errors';
import type { OpportunityContext, Owner } from '../../../domain/types';
import { toActivity, type Activity } from '../map/activities';
import type { BriefSeed } from './brief-seed';
import type { HubSpotClient } from '../client';
import { DEAL_PROPERTIES, toOpportunity, UNKNOWN_STAGE_NOTE } from '../map/deals';
import { Notes, orNote, SKIPPED_RECORDS_NOTE } from '../map/notes';
import { readDealEngagements, type EngagementRead } from './engagements';
import type { Owners } from './owners';
import { loadStages, StageIndex, type Pipelines } from './pipelines';
import { newestIds, OBJECTS, readObjects, type ObjectRead } from './objects';
import { parseObject, text, type HsObject } from '../schemas';
import { stageEnteredAt, stageEnteredProperties } from '../map/stage-age';
import { dealContactsOf, nextStepOf, personName } from '../map/context';
import { keyOf, selectTimeline, whoOf } from '../map/timeline';

export const CONTEXT_CONTACT_PROPERTIES = ['email', 'firstname', 'lastname'];
/** As many of a deal's contacts as a brief lists. */
export const MAX_CONTACTS = 100;

export const EMAILS_HIDDEN_NOTE = 'Emails on this deal could not be read (HubSpot permission missing).';

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
        associations: ['contacts', 'companies'],
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

/** The deal's activities, or none with a note when they cannot be read. */
export function readActivities(client: HubSpotClient, dealId: string, notes: Notes): Promise<EngagementRead> {
  return orNote(readDealEngagements(client, dealId), notes, 'Activities on this deal could not be read', {
    activities: [],
    emailsHidden: false,
    truncated: false,
    dropped: 0,
  });
}

/** Everything a brief is built from; `known*` are records the caller has read already. */
export interface BriefInput {
  deal: HsObject;
  stages: StageIndex;
  contactIds: string[];
  companyId: string | null;
  engagements: EngagementRead;
  knownContacts: HsObject[];
  knownCompanies: HsObject[];
  notes: Notes;
}

/** Turns what was read into the brief, reading only what is still missing (one round trip). */
export async function briefOf(deps: ContextDeps, input: BriefInput): Promise<OpportunityContext> {
  const { client } = deps;
  const { deal, stages, contactIds, companyId, engagements, notes } = input;
  if (engagements.truncated)
    notes.add('This deal has more activity than Dealside reads at once; the newest read is shown.');
  if (engagements.emailsHidden) notes.add(EMAILS_HIDDEN_NOTE);
  const ownerId = text(deal.props, 'hubspot_owner_id');
  const wantedContacts = newestIds(contactIds, MAX_CONTACTS);
  const knownContacts = input.knownContacts.filter((c) => wantedContacts.includes(c.id));
  const missingContacts = wantedContacts.filter((id) => !knownContacts.some((c) => c.id === id));
  const knownCompany = input.knownCompanies.find((c) => c.id === companyId);

  const now = deps.now().getTime();
  const participants = new Map<string, string[]>();
  const activities: Activity[] = engagements.activities.map(({ type, record, contactIds: ids }) => {
    const activity = toActivity(type, record);
    participants.set(keyOf(activity), ids);
    return activity;
  });
  const timeline = selectTimeline(activities, now);
  const { recent, touches, lastTouch, lastReply, nextTask } = timeline;
  const taskOwnerId = nextTask ? text(nextTask.record.props, 'hubspot_owner_id') : null;
  const empty: ObjectRead = { objects: [], dropped: 0 };

  const [contactRead, companyRead, owner, taskOwner] = await Promise.all([
    missingContacts.length
      ? orNote(
          readObjects(client, 'contacts', missingContacts, CONTEXT_CONTACT_PROPERTIES),
          notes,
          "The deal's contacts could not be read",
          empty,
        )
      : Promise.resolve(empty),
    companyId && !knownCompany
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
    taskOwnerId && taskOwnerId !== ownerId
      ? orNote<Owner | null>(
          deps.owners.byId(taskOwnerId),
          notes,
          "The next step owner's name could not be read",
          null,
        )
      : Promise.resolve(null),
  ]);
  const dealContacts = [...knownContacts, ...contactRead.objects];
  const names = new Map(dealContacts.map((c) => [c.id, personName(c)]));
  const summarise = (a: Activity | null) => {
    if (!a) return null;
    const ids = participants.get(keyOf(a)) ?? [];
    return { ...a.summary, contactIds: ids, who: whoOf(a, ids, names) };
  };

  const contacts = dealContactsOf(dealContacts, touches, participants);

  const nextOwner = taskOwnerId === ownerId ? owner : taskOwner;
  const nextStep = nextStepOf(deal, nextTask, (taskOwnerId ? nextOwner?.name : null) ?? null);

  const entered = stageEnteredAt(deal, notes);
  const { opportunity, stageKnown } = toOpportunity(deal, stages, { accountId: companyId, contactIds });
  if (!stageKnown && stages.pipelines !== null) notes.add(UNKNOWN_STAGE_NOTE);
  if (engagements.dropped + contactRead.dropped + companyRead.dropped > 0) notes.add(SKIPPED_RECORDS_NOTE);
  const company = knownCompany ?? companyRead.objects[0];

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

export async function readOpportunityContext(deps: ContextDeps, dealId: string): Promise<OpportunityContext> {
  const notes = new Notes();
  const cachedPipelines = await deps.pipelines.cached();

  // Round trip 1.
  const [deal, engagements, stages] = await Promise.all([
    readDeal(deps.client, dealId, stageEnteredProperties(cachedPipelines)),
    readActivities(deps.client, dealId, notes),
    cachedPipelines ? new StageIndex(cachedPipelines) : loadStages(deps.pipelines, notes),
  ]);
  if (deal.associationsTruncated)
    notes.add('This deal has more contacts than Dealside reads at once; the newest are shown.');

  // Round trip 2.
  return briefOf(deps, {
    deal,
    stages,
    contactIds: (deal.associations.contacts ?? []).map((item) => item.id),
    companyId: primaryCompanyId(deal),
    engagements,
    knownContacts: [],
    knownCompanies: [],
    notes,
  });
}

/**
 * The brief of a deal the match pass left a seed for, in one round trip: its activities when
 * they were not read, the names of its contacts not on the thread, and its owner's name (all
 * in parallel), so it arrives with the Log button's check rather than after it.
 */
export async function completeBrief(deps: ContextDeps, seed: BriefSeed): Promise<OpportunityContext> {
  const notes = new Notes();
  const { client } = deps;
  const cachedPipelines = await deps.pipelines.cached();
  const known = new Set(seed.contacts.map((c) => c.id));
  const missing = newestIds(seed.contactIds, MAX_CONTACTS).filter((id) => !known.has(id));
  const ownerId = text(seed.deal.props, 'hubspot_owner_id');
  const empty: ObjectRead = { objects: [], dropped: 0 };

  const [engagements, contactRead, stages] = await Promise.all([
    seed.engagements ?? readActivities(client, seed.deal.id, notes),
    missing.length
      ? orNote(
          readObjects(client, 'contacts', missing, CONTEXT_CONTACT_PROPERTIES),
          notes,
          "The deal's contacts could not be read",
          empty,
        )
      : Promise.resolve(empty),
    cachedPipelines ? new StageIndex(cachedPipelines) : loadStages(deps.pipelines, notes),
    // Warms the owner cache briefOf reads; a failure is noted there.
    ownerId ? deps.owners.byId(ownerId).catch(() => null) : null,
  ]);
  if (contactRead.dropped > 0) notes.add(SKIPPED_RECORDS_NOTE);
  return briefOf(deps, {
    deal: seed.deal,
    stages,
    contactIds: seed.contactIds,
    companyId: seed.companyId,
    engagements,
    knownContacts: [...seed.contacts, ...contactRead.objects],
    knownCompanies: seed.companies,
    notes,
  });
}
