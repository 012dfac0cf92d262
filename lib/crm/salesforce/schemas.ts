/**
 * What Dealside reads from Salesforce records, validated with zod/mini and deliberately lax:
 * any field may be missing, null or of the wrong type (an admin removed field access, a newer
 * API version changed it) and degrades to null; unknown fields are dropped. Only `Id` is
 * required: a record without one is skipped and reported.
 */
import * as z from 'zod/mini';

const text = z.catch(z.nullable(z.string()), null);
const num = z.catch(z.nullable(z.number()), null);
const flag = z.catch(z.nullable(z.boolean()), null);
const named = z.catch(z.nullable(z.object({ Name: text })), null);

/** A child relationship (`{totalSize, done, records}` or null); records are parsed one by one. */
export const children = z.catch(z.nullable(z.object({ records: z.array(z.unknown()) })), null);

export function parseEach<T>(
  schema: z.ZodMiniType<T>,
  records: readonly unknown[],
): { rows: T[]; dropped: number } {
  const rows: T[] = [];
  let dropped = 0;
  for (const record of records) {
    const parsed = schema.safeParse(record);
    if (parsed.success) rows.push(parsed.data);
    else dropped++;
  }
  return { rows, dropped };
}

export const ContactRow = z.object({
  Id: z.string(),
  Name: text,
  FirstName: text,
  LastName: text,
  Email: text,
  AccountId: text,
  Account: z.catch(z.nullable(z.object({ Name: text, Website: text })), null),
});
export type ContactRow = z.infer<typeof ContactRow>;

export const LeadRow = z.object({
  Id: z.string(),
  Name: text,
  FirstName: text,
  LastName: text,
  Email: text,
  Company: text,
});
export type LeadRow = z.infer<typeof LeadRow>;

export const ContactRoleRow = z.object({
  ContactId: text,
  Contact: z.catch(z.nullable(z.object({ Name: text, Email: text })), null),
  Role: text,
  IsPrimary: flag,
});
export type ContactRoleRow = z.infer<typeof ContactRoleRow>;

export const HistoryRow = z.object({ StageName: text, CreatedDate: text });
export type HistoryRow = z.infer<typeof HistoryRow>;

const who = z.catch(z.nullable(z.object({ Name: text, Email: text })), null);

export const TaskRow = z.object({
  Id: z.string(),
  Subject: text,
  Description: text,
  TaskSubtype: text,
  Status: text,
  IsClosed: flag,
  ActivityDate: text,
  CompletedDateTime: text,
  CreatedDate: text,
  WhoId: text,
  Who: who,
  Owner: named,
  CallType: text,
});
export type TaskRow = z.infer<typeof TaskRow>;

export const EventRow = z.object({
  Id: z.string(),
  Subject: text,
  Description: text,
  StartDateTime: text,
  EndDateTime: text,
  WhoId: text,
  Who: who,
});
export type EventRow = z.infer<typeof EventRow>;

export const EmailMessageRow = z.object({
  Id: z.string(),
  Subject: text,
  MessageDate: text,
  FromAddress: text,
  FromName: text,
  Incoming: flag,
  ActivityId: text,
});
export type EmailMessageRow = z.infer<typeof EmailMessageRow>;

export const OpportunityRow = z.object({
  Id: z.string(),
  Name: text,
  AccountId: text,
  Account: z.catch(z.nullable(z.object({ Name: text, Website: text })), null),
  StageName: text,
  Amount: num,
  CurrencyIsoCode: text,
  CloseDate: text,
  IsClosed: flag,
  IsWon: flag,
  Probability: num,
  NextStep: text,
  LastActivityDate: text,
  LastStageChangeDate: text,
  OwnerId: text,
  Owner: named,
  OpportunityContactRoles: children,
  OpportunityHistories: children,
  Tasks: children,
  Events: children,
  Emails: children,
});
export type OpportunityRow = z.infer<typeof OpportunityRow>;

export const StageRow = z.object({
  ApiName: z.string(),
  MasterLabel: text,
  IsActive: flag,
  IsClosed: flag,
  IsWon: flag,
  DefaultProbability: num,
  SortOrder: num,
});
export type StageRow = z.infer<typeof StageRow>;

export const UserRow = z.object({ Id: z.string(), Name: text, Email: text });

/** The parts of `GET /sobjects/Opportunity/describe` Dealside looks at. */
export const Describe = z.object({
  fields: z.array(z.object({ name: z.string(), updateable: z.catch(z.optional(z.boolean()), false) })),
  childRelationships: z.catch(
    z.array(z.object({ relationshipName: z.catch(z.nullable(z.string()), null) })),
    [],
  ),
});

export const RecordWithDescription = z.object({
  Id: z.string(),
  Description: text,
  CreatedDate: z.optional(z.nullable(z.string())),
});

export const SaveResult = z.object({
  id: z.optional(z.string()),
  created: z.optional(z.boolean()),
});
