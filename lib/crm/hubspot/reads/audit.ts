/**
 * The attach audit on HubSpot. Reads: one search per activity type (emails, meetings, calls) by
 * owner and date, then — in one round trip — their v4 associations to deals, contacts and
 * companies, then the contacts' addresses. Moves: a v4 default association activity→deal, and
 * its removal for undo. Searches lag a little behind writes; that only delays an activity to the
 * next run, while the association read that decides "already on a deal" is consistent at once.
 */
import * as z from 'zod/mini';
import type { AuditActivity } from '../../../audit/schema';
import type { ActivityMove, AuditAdapter, AuditRead, MovedActivity } from '../../audit-types';
import { CrmError } from '../../../http/errors';
import { readClosedDeals } from './audit-closed-deals';
import type { HubSpotClient } from '../client';
import type { Pipelines } from './pipelines';
import { OBJECTS, readAssociations, readObjects } from './objects';
import { unique } from '../../unique';
import { dateOf, parseObjectAssociations, parseObjects, text, type HsObject } from '../schemas';

const TYPES: Record<MovedActivity, string> = { email: 'emails', meeting: 'meetings', call: 'calls' };

const COMMON = ['hs_timestamp', 'hubspot_owner_id', 'hs_lastmodifieddate'];
const PROPERTIES: Record<MovedActivity, string[]> = {
  email: [
    ...COMMON,
    'hs_email_subject',
    'hs_email_from_email',
    'hs_email_from_firstname',
    'hs_email_from_lastname',
    'hs_email_to_email',
    'hs_email_cc_email',
  ],
  meeting: [...COMMON, 'hs_meeting_title', 'hs_meeting_start_time'],
  call: [...COMMON, 'hs_call_title'],
};
const SUBJECT: Record<MovedActivity, string> = {
  email: 'hs_email_subject',
  meeting: 'hs_meeting_title',
  call: 'hs_call_title',
};

/** HubSpot search pages hold at most 200; ten pages per type per run, the rest next run. */
const PAGE_SIZE = 200;
const MAX_PAGES = 10;

const Paging = z.looseObject({
  paging: z.optional(
    z.nullable(z.looseObject({ next: z.optional(z.nullable(z.looseObject({ after: z.string() }))) })),
  ),
});

function searchBody(
  kind: MovedActivity,
  input: Parameters<AuditAdapter['readActivities']>[0],
  after: string,
) {
  const filters: Array<Record<string, unknown>> = [
    { propertyName: 'hubspot_owner_id', operator: 'IN', values: input.ownerIds },
    { propertyName: 'hs_timestamp', operator: 'GTE', value: String(Date.parse(input.from)) },
  ];
  if (input.changedSince !== null) {
    filters.push({
      propertyName: 'hs_lastmodifieddate',
      operator: 'GTE',
      value: String(Date.parse(input.changedSince)),
    });
  }
  return {
    filterGroups: [{ filters }],
    properties: PROPERTIES[kind],
    // Oldest change first: a run cut short resumes where it stopped.
    sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
    limit: PAGE_SIZE,
    after,
  };
}

async function searchType(
  client: HubSpotClient,
  kind: MovedActivity,
  input: Parameters<AuditAdapter['readActivities']>[0],
): Promise<{ objects: HsObject[]; truncated: boolean; dropped: number }> {
  const objects: HsObject[] = [];
  let dropped = 0;
  let after = '0';
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await client.read(
      { method: 'POST', path: `${OBJECTS}/${TYPES[kind]}/search`, body: searchBody(kind, input, after) },
      { search: true },
    );
    const parsed = parseObjects(answer.body);
    objects.push(...parsed.objects);
    dropped += parsed.dropped;
    const next = Paging.safeParse(answer.body);
    const nextAfter = next.success ? next.data.paging?.next?.after : undefined;
    if (!nextAfter) return { objects, truncated: false, dropped };
    after = nextAfter;
  }
  return { objects, truncated: true, dropped };
}

const addresses = (value: string | null) =>
  (value ?? '')
    .split(/[;,\s]+/)
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e.includes('@'));

function participantsOf(kind: MovedActivity, activity: HsObject) {
  if (kind !== 'email') return [];
  const fromName = [
    text(activity.props, 'hs_email_from_firstname'),
    text(activity.props, 'hs_email_from_lastname'),
  ]
    .filter(Boolean)
    .join(' ');
  return [
    ...addresses(text(activity.props, 'hs_email_from_email')).map((email) => ({ email, name: fromName })),
    ...addresses(text(activity.props, 'hs_email_to_email')).map((email) => ({ email, name: '' })),
    ...addresses(text(activity.props, 'hs_email_cc_email')).map((email) => ({ email, name: '' })),
  ];
}

export async function readAuditActivities(
  client: HubSpotClient,
  input: Parameters<AuditAdapter['readActivities']>[0],
): Promise<AuditRead> {
  const kinds = Object.keys(TYPES) as MovedActivity[];
  if (input.ownerIds.length === 0)
    return { activities: [], cursor: input.changedSince, truncated: false, notes: [] };
  const found = await Promise.all(kinds.map((kind) => searchType(client, kind, input)));

  const links = await Promise.all(
    kinds.flatMap((kind, i) => {
      const ids = (found[i]?.objects ?? []).map((o) => o.id);
      return (['deals', 'contacts', 'companies'] as const).map((to) =>
        readAssociations(client, TYPES[kind], to, ids).then((read) => ({ kind, to, read })),
      );
    }),
  );
  const linked = (kind: MovedActivity, to: string, id: string) =>
    (links.find((l) => l.kind === kind && l.to === to)?.read.byFrom.get(id) ?? []).map((a) => a.id);

  const contactIds = unique(
    links
      .filter((l) => l.to === 'contacts')
      .flatMap((l) => [...l.read.byFrom.values()].flat().map((a) => a.id)),
  );
  const contacts = await readObjects(client, 'contacts', contactIds, ['email', 'firstname', 'lastname']);
  const contactById = new Map(contacts.objects.map((c) => [c.id, c]));

  const activities: AuditActivity[] = [];
  let cursor = input.changedSince;
  let dropped = contacts.dropped;
  kinds.forEach((kind, i) => {
    const result = found[i];
    if (!result) return;
    dropped += result.dropped;
    for (const object of result.objects) {
      const at =
        (kind === 'meeting' ? dateOf(object.props, 'hs_meeting_start_time') : null) ??
        dateOf(object.props, 'hs_timestamp');
      const changed = dateOf(object.props, 'hs_lastmodifieddate');
      if (changed && (cursor === null || Date.parse(changed) > Date.parse(cursor))) cursor = changed;
      if (at === null) {
        dropped++;
        continue;
      }
      const people = participantsOf(kind, object);
      const ids = linked(kind, 'contacts', object.id);
      for (const id of ids) {
        const contact = contactById.get(id);
        const email = contact ? text(contact.props, 'email') : null;
        if (!contact || !email || people.some((p) => p.email === email.toLowerCase())) continue;
        const name = [text(contact.props, 'firstname'), text(contact.props, 'lastname')]
          .filter(Boolean)
          .join(' ');
        people.push({ email: email.toLowerCase(), name });
      }
      activities.push({
        id: object.id,
        kind,
        at,
        ownerId: text(object.props, 'hubspot_owner_id'),
        subject: text(object.props, SUBJECT[kind]) ?? '',
        participants: people,
        contactIds: ids,
        accountId: linked(kind, 'companies', object.id)[0] ?? null,
        opportunityIds: linked(kind, 'deals', object.id),
      });
    }
  });
  const notes = dropped > 0 ? ['Some activities could not be read and were left out of the audit.'] : [];
  return { activities, cursor, truncated: found.some((f) => f.truncated), notes };
}

export async function dealsCreatedAt(client: HubSpotClient, ids: string[]): Promise<Record<string, string>> {
  const read = await readObjects(client, 'deals', ids, ['createdate']);
  const out: Record<string, string> = {};
  for (const deal of read.objects) {
    const created = dateOf(deal.props, 'createdate');
    if (created) out[deal.id] = created;
  }
  return out;
}

const NOUN: Record<MovedActivity, string> = { email: 'email', meeting: 'meeting', call: 'call' };

export async function moveActivity(client: HubSpotClient, move: ActivityMove): Promise<{ already: boolean }> {
  const type = TYPES[move.activity];
  const dealId = move.target.opportunityId;
  if (dealId === null) throw new CrmError('validation', 'HubSpot: a move needs a deal.');
  const id = encodeURIComponent(move.recordId);
  const deal = encodeURIComponent(dealId);
  if (move.kind === 'detach') {
    // Removing an association that is gone already answers 204 too: undo is naturally once.
    await client.write({
      method: 'DELETE',
      path: `/crm/v4/objects/${type}/${id}/associations/deals/${deal}`,
    });
    return { already: false };
  }
  // Consistent read (not search): the activity must still be on no deal, or on this one.
  const current = parseObjectAssociations(
    (await client.read({ method: 'GET', path: `/crm/v4/objects/${type}/${id}/associations/deals` })).body,
  );
  if (current.includes(dealId)) return { already: true };
  if (current.length > 0) {
    throw new CrmError(
      'validation',
      `HubSpot: this ${NOUN[move.activity]} is on another deal now; Dealside left it there.`,
    );
  }
  await client.write({
    method: 'PUT',
    path: `/crm/v4/objects/${type}/${id}/associations/default/deals/${deal}`,
  });
  return { already: false };
}

export function createHubSpotAudit(client: HubSpotClient, pipelines: Pipelines): AuditAdapter {
  return {
    readActivities: (input) => readAuditActivities(client, input),
    createdAt: (ids) => dealsCreatedAt(client, ids),
    closedDeals: (input) => readClosedDeals({ client, pipelines }, input),
    move: (move) => moveActivity(client, move),
  };
}
