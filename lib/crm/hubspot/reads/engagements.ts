/**
 * A deal's activities of all five kinds, with the contacts each one involved, in one request:
 * HubSpot's engagements API lists every engagement associated with a record (emails, calls,
 * meetings, notes, tasks) together with its associations. The v3 objects need one search or
 * batch read per kind plus one association read per kind for the people, which is what made a
 * cold brief cost a dozen calls. Each engagement is turned into the v3 property names the rest
 * of the adapter reads, so the timeline logic is the same whichever way a record arrived.
 */
import * as z from 'zod/mini';
import type { ActivityType } from '../map/activities';
import type { HubSpotClient } from '../client';
import { Id, type HsObject, type Props } from '../schemas';

const PAGE_SIZE = 100;
/** A deal with more engagements than this shows its newest ones read so far, with a note. */
const MAX_PAGES = 3;

const TYPE_OF_ENGAGEMENT: Record<string, ActivityType> = {
  EMAIL: 'emails',
  INCOMING_EMAIL: 'emails',
  FORWARDED_EMAIL: 'emails',
  CALL: 'calls',
  MEETING: 'meetings',
  NOTE: 'notes',
  TASK: 'tasks',
};

const Text = z.optional(z.nullable(z.string()));
const Time = z.optional(z.nullable(z.union([z.number(), z.string()])));
const Ids = z.optional(z.nullable(z.array(Id)));
const Person = z.looseObject({ email: Text, firstName: Text, lastName: Text });

const EngagementSchema = z.looseObject({
  engagement: z.looseObject({
    id: Id,
    type: z.string(),
    timestamp: Time,
    ownerId: z.optional(z.nullable(Id)),
    bodyPreview: Text,
  }),
  associations: z.optional(z.nullable(z.looseObject({ contactIds: Ids }))),
  metadata: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
});

const Page = z.looseObject({
  results: z.optional(z.nullable(z.array(z.unknown()))),
  hasMore: z.optional(z.nullable(z.boolean())),
  offset: z.optional(z.nullable(z.union([z.number(), z.string()]))),
});

export interface DealActivity {
  type: ActivityType;
  record: HsObject;
  contactIds: string[];
}

export interface EngagementRead {
  activities: DealActivity[];
  /** Emails came back without their content (no sales-email-read scope) and were left out. */
  emailsHidden: boolean;
  /** More engagements than Dealside reads at once. */
  truncated: boolean;
  dropped: number;
}

function iso(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  if (typeof value === 'string' && value) {
    const asNumber = Number(value);
    const ms = Number.isFinite(asNumber) ? asNumber : Date.parse(value);
    return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
  }
  return null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

function person(value: unknown) {
  const parsed = Person.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Without `sales-email-read` HubSpot keeps the email but blanks its sender and content. */
function isRedactedEmail(metadata: Record<string, unknown>): boolean {
  return !person(metadata.from)?.email && !str(metadata.subject) && !str(metadata.text);
}

function emailProps(kind: string, m: Record<string, unknown>): Props {
  const from = person(m.from);
  const to = Array.isArray(m.to) ? m.to.flatMap((p) => person(p)?.email ?? []) : [];
  return {
    hs_email_direction: kind,
    hs_email_subject: str(m.subject),
    hs_email_from_email: from?.email ?? null,
    hs_email_from_firstname: from?.firstName ?? null,
    hs_email_from_lastname: from?.lastName ?? null,
    hs_email_to_email: to.length ? to.join(';') : null,
  };
}

function propsOf(type: ActivityType, kind: string, m: Record<string, unknown>): Props {
  switch (type) {
    case 'emails':
      return emailProps(kind, m);
    case 'calls':
      return { hs_call_title: str(m.title), hs_call_body: str(m.body) };
    case 'meetings':
      return { hs_meeting_title: str(m.title), hs_meeting_start_time: iso(m.startTime) };
    case 'notes':
      return { hs_note_body: str(m.body) };
    case 'tasks':
      return {
        hs_task_subject: str(m.subject),
        hs_task_status: str(m.status),
        hs_task_completion_date: iso(m.completionDate),
      };
  }
}

/** One engagement → the activity it is, or null when it is not one of the five kinds. */
export function toDealActivity(raw: z.infer<typeof EngagementSchema>): DealActivity | null {
  const { engagement } = raw;
  const type = TYPE_OF_ENGAGEMENT[engagement.type];
  if (!type) return null;
  const metadata = raw.metadata ?? {};
  const props: Props = {
    hs_timestamp: iso(engagement.timestamp),
    hs_body_preview: engagement.bodyPreview ?? null,
    hubspot_owner_id: engagement.ownerId ?? null,
    ...propsOf(type, engagement.type, metadata),
  };
  return {
    type,
    record: { id: engagement.id, props, history: {}, associations: {}, associationsTruncated: false },
    contactIds: [...new Set(raw.associations?.contactIds ?? [])],
  };
}

export function parseEngagementPage(body: unknown): {
  activities: DealActivity[];
  emailsHidden: boolean;
  dropped: number;
  next: string | null;
} {
  const page = Page.safeParse(body);
  const out = {
    activities: [] as DealActivity[],
    emailsHidden: false,
    dropped: 0,
    next: null as string | null,
  };
  if (!page.success) return { ...out, dropped: 1 };
  for (const item of page.data.results ?? []) {
    const parsed = EngagementSchema.safeParse(item);
    if (!parsed.success) {
      out.dropped++;
      continue;
    }
    const activity = toDealActivity(parsed.data);
    if (!activity) continue;
    if (activity.type === 'emails' && isRedactedEmail(parsed.data.metadata ?? {})) {
      out.emailsHidden = true;
      continue;
    }
    out.activities.push(activity);
  }
  const offset = page.data.offset;
  out.next = page.data.hasMore && offset !== null && offset !== undefined ? String(offset) : null;
  return out;
}

/** Every engagement of one deal (pages follow one another only for very busy deals). */
export async function readDealEngagements(client: HubSpotClient, dealId: string): Promise<EngagementRead> {
  const read: EngagementRead = { activities: [], emailsHidden: false, truncated: false, dropped: 0 };
  let offset: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await client.read({
      method: 'GET',
      path: `/engagements/v1/engagements/associated/DEAL/${encodeURIComponent(dealId)}/paged`,
      query: { limit: String(PAGE_SIZE), ...(offset ? { offset } : {}) },
    });
    const parsed = parseEngagementPage(answer.body);
    read.activities.push(...parsed.activities);
    read.emailsHidden ||= parsed.emailsHidden;
    read.dropped += parsed.dropped;
    offset = parsed.next;
    if (!offset) return read;
  }
  read.truncated = true;
  return read;
}
