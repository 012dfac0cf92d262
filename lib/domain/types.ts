/**
 * The provider-neutral view of a CRM that the worker, the matcher and the panel work with.
 * HubSpot deals and Salesforce Opportunities both become `Opportunity`; HubSpot contacts and
 * Salesforce Contacts/Leads become `CrmPerson`. Adapters own every provider detail.
 */
import * as z from 'zod/mini';

export const Provider = z.enum(['hubspot', 'salesforce']);
export type Provider = z.infer<typeof Provider>;

export const Stage = z.object({
  id: z.string(),
  label: z.string(),
  /** Position in its pipeline, 0-based; used to offer "the next stage". */
  order: z.number(),
  probability: z.nullable(z.number()),
  isClosed: z.boolean(),
  isWon: z.boolean(),
  pipelineId: z.nullable(z.string()),
});
export type Stage = z.infer<typeof Stage>;

export const Pipeline = z.object({ id: z.string(), label: z.string(), stages: z.array(Stage) });
export type Pipeline = z.infer<typeof Pipeline>;

export const CrmPerson = z.object({
  id: z.string(),
  kind: z.enum(['contact', 'lead']),
  email: z.string(),
  name: z.string(),
  accountId: z.nullable(z.string()),
});
export type CrmPerson = z.infer<typeof CrmPerson>;

export const CrmAccount = z.object({ id: z.string(), name: z.string(), domain: z.nullable(z.string()) });
export type CrmAccount = z.infer<typeof CrmAccount>;

export const Opportunity = z.object({
  id: z.string(),
  name: z.string(),
  accountId: z.nullable(z.string()),
  stage: Stage,
  isClosed: z.boolean(),
  ownerId: z.nullable(z.string()),
  amount: z.nullable(z.number()),
  currency: z.nullable(z.string()),
  closeDate: z.nullable(z.string()),
  lastActivityAt: z.nullable(z.string()),
  /** Contacts on the deal (HubSpot deal↔contact associations, Salesforce contact roles). */
  contactIds: z.array(z.string()),
  /** The opportunity's own next-step field, where the CRM has one. */
  nextStepField: z.nullable(z.string()),
});
export type Opportunity = z.infer<typeof Opportunity>;

export const Owner = z.object({ id: z.string(), name: z.string(), email: z.string() });
export type Owner = z.infer<typeof Owner>;

export const ActivityKind = z.enum(['email', 'call', 'meeting', 'note', 'task']);
export type ActivityKind = z.infer<typeof ActivityKind>;

export const ActivitySummary = z.object({
  id: z.string(),
  kind: ActivityKind,
  direction: z.nullable(z.enum(['inbound', 'outbound'])),
  at: z.nullable(z.string()),
  /** Who it was with, readable ("Jane Doe"), or null. */
  who: z.nullable(z.string()),
  /** One line: subject, title or the start of the body. */
  summary: z.string(),
  contactIds: z.array(z.string()),
});
export type ActivitySummary = z.infer<typeof ActivitySummary>;

export const NextStep = z.object({
  subject: z.string(),
  dueDate: z.nullable(z.string()),
  ownerName: z.nullable(z.string()),
  source: z.enum(['task', 'field']),
});
export type NextStep = z.infer<typeof NextStep>;

export const DealContact = z.object({
  id: z.string(),
  name: z.string(),
  email: z.nullable(z.string()),
  /** Last touch with this person on this deal in the last 14 days, else null. */
  touchedAt: z.nullable(z.string()),
});
export type DealContact = z.infer<typeof DealContact>;

export const OpportunityContext = z.object({
  opportunity: Opportunity,
  accountName: z.nullable(z.string()),
  ownerName: z.nullable(z.string()),
  /** When the deal entered its current stage, or null when the CRM does not tell. */
  stageEnteredAt: z.nullable(z.string()),
  lastTouch: z.nullable(ActivitySummary),
  /** Last inbound email. */
  lastReply: z.nullable(ActivitySummary),
  nextStep: z.nullable(NextStep),
  contacts: z.array(DealContact),
  /** The 10 most recent activities, newest first. */
  recentActivities: z.array(ActivitySummary),
  /** What could not be read and what was used instead, in words for the rep. */
  notes: z.array(z.string()),
  fetchedAt: z.string(),
});
export type OpportunityContext = z.infer<typeof OpportunityContext>;

/** Everything the matcher needs, read in one batched pass. */
export const MatchData = z.object({
  people: z.array(CrmPerson),
  accounts: z.array(CrmAccount),
  opportunities: z.array(Opportunity),
  /** Contexts the provider could read in the same pass (Salesforce's one composite call). */
  contexts: z.array(OpportunityContext),
  notes: z.array(z.string()),
});
export type MatchData = z.infer<typeof MatchData>;

/**
 * Where a write attaches: the opportunity, its contacts and account; or, when no open
 * opportunity fits, the account (if known) and the contacts. A write must attach somewhere.
 */
export const Target = z
  .object({
    opportunityId: z.nullable(z.string()),
    accountId: z.nullable(z.string()),
    contactIds: z.array(z.string()),
    /** Salesforce Leads can be the "who" of a Task; HubSpot has no leads here. */
    leadIds: z.optional(z.array(z.string())),
    ownerId: z.nullable(z.string()),
  })
  .check(
    z.refine(
      (t) => t.opportunityId !== null || t.accountId !== null || t.contactIds.length > 0,
      'a write needs an opportunity, an account or a contact to attach to',
    ),
  );
export type Target = z.infer<typeof Target>;

const Address = z.object({ email: z.string(), name: z.string() });

export const EmailLog = z.object({
  kind: z.literal('email'),
  target: Target,
  subject: z.string(),
  body: z.string(),
  from: Address,
  to: z.array(Address),
  at: z.string(),
  direction: z.enum(['inbound', 'outbound']),
});
export const MeetingLog = z.object({
  kind: z.literal('meeting'),
  target: Target,
  title: z.string(),
  body: z.string(),
  start: z.string(),
  end: z.string(),
  location: z.nullable(z.string()),
  outcome: z.optional(z.enum(['completed', 'scheduled', 'no show', 'canceled', 'rescheduled'])),
});
export const CallLog = z.object({
  kind: z.literal('call'),
  target: Target,
  title: z.string(),
  body: z.string(),
  at: z.string(),
  durationSeconds: z.int().check(z.minimum(0)),
  disposition: z.object({ code: z.string(), label: z.string() }),
  direction: z.enum(['inbound', 'outbound']),
});
export const NoteLog = z.object({
  kind: z.literal('note'),
  target: Target,
  body: z.string(),
  at: z.string(),
});
export const NextStepTask = z.object({
  kind: z.literal('task'),
  target: Target,
  subject: z.string().check(z.minLength(1)),
  /** What the next step unblocks, in one sentence. */
  body: z.string(),
  dueDate: z.iso.date(),
  ownerId: z.nullable(z.string()),
});
export const StageChange = z.object({
  kind: z.literal('stage'),
  target: Target,
  stageId: z.string(),
  stageLabel: z.string(),
  reason: z.object({ code: z.string(), label: z.string() }),
  at: z.string(),
});

/** Judgement calls on a deal besides the stage, each needing a reason from its own list. */
export const JudgementKind = z.enum(['closeDate', 'forecastCategory', 'amount']);
export type JudgementKind = z.infer<typeof JudgementKind>;

/**
 * What the rep accepted on the deal itself: qualification values into the properties/fields the
 * admin mapped (by their CRM names), and judgement changes, each with its reason code and the
 * CRM property/field that records it ('' = a note/Task next to the deal records it).
 */
export const DealUpdate = z.object({
  kind: z.literal('deal'),
  target: Target,
  fields: z.record(z.string(), z.string()),
  changes: z.array(
    z.object({
      kind: JudgementKind,
      /** YYYY-MM-DD for a close date, a number for an amount, the CRM's value for a forecast category. */
      value: z.string(),
      reason: z.object({ code: z.string(), label: z.string() }),
      reasonField: z.string(),
    }),
  ),
  at: z.string(),
});
export type DealUpdate = z.infer<typeof DealUpdate>;

/** One write to the CRM. Every write carries the idempotency key it is stored under. */
export const CrmWrite = z.discriminatedUnion('kind', [
  EmailLog,
  MeetingLog,
  CallLog,
  NoteLog,
  NextStepTask,
  StageChange,
  DealUpdate,
]);
export type CrmWrite = z.infer<typeof CrmWrite>;
export type CrmWriteKind = CrmWrite['kind'];
/** A touch logged as an activity of its own (email, meeting, call, note, next-step task). */
export type ActivityWrite = Exclude<CrmWrite, { kind: 'stage' | 'deal' }>;
export type StageWrite = Extract<CrmWrite, { kind: 'stage' }>;
export type DealWrite = Extract<CrmWrite, { kind: 'deal' }>;

/** A record the CRM holds under a write's key: what reconciliation compares to keep the oldest. */
export interface WrittenRecord {
  id: string;
  /** The activity the record is (a stage change's companion note or task is one too). */
  kind: ActivityKind;
  /** ISO creation time as the CRM reports it; null when it did not say. */
  createdAt: string | null;
}

/**
 * What a key lookup needs to know about a write: its kind and where it was filed. Any `CrmWrite`
 * is one; the panel builds one for a touch it has not logged yet.
 */
export type WriteRef =
  | Pick<Exclude<CrmWrite, { kind: 'stage' | 'deal' }>, 'kind' | 'target'>
  | Extract<CrmWrite, { kind: 'stage' }>
  | DealUpdate;

/**
 * How an adapter keeps one record per key: `unique` when the CRM itself refuses a second record
 * with the same key (a unique property / External ID field), `marker` when Dealside has to look
 * before writing and reconcile after.
 */
export type KeyMode = 'unique' | 'marker';

export interface WriteResult {
  /** The CRM record that now holds the write. */
  recordId: string;
  /** True when the record already existed (found by its idempotency key) and was adopted. */
  adopted: boolean;
}
