/**
 * One Opportunity query row → Dealside's `Opportunity` and its `OpportunityContext`. Shared by
 * matchData (contexts for every candidate, from the same composite call) and
 * opportunityContext (one deal).
 */
import type { DealContact, Opportunity, OpportunityContext } from '../../../domain/types';
import { readActivities } from './activities';
import { stageOf } from './stages';
import type { OrgMetadata } from '../reads/metadata';
import {
  ContactRoleRow,
  EmailMessageRow,
  EventRow,
  HistoryRow,
  TaskRow,
  parseEach,
  type OpportunityRow,
} from '../schemas';
import type { SelectShape } from '../reads/opportunity-soql';
import { isoFromSalesforce, msFromSalesforce } from './values';
import { unique } from '../../unique';

export function toOpportunity(row: OpportunityRow, metadata: OrgMetadata | null): Opportunity {
  const stage = stageOf(metadata, row);
  const roles = parseEach(ContactRoleRow, row.OpportunityContactRoles?.records ?? []).rows;
  const contactIds = unique(roles.map((r) => r.ContactId).filter((id): id is string => !!id));
  return {
    id: row.Id,
    name: row.Name ?? 'Untitled opportunity',
    accountId: row.AccountId ?? null,
    stage,
    isClosed: row.IsClosed ?? stage.isClosed,
    ownerId: row.OwnerId ?? null,
    amount: row.Amount ?? null,
    currency: row.CurrencyIsoCode ?? null,
    closeDate: row.CloseDate ?? null,
    lastActivityAt: isoFromSalesforce(row.LastActivityDate),
    contactIds,
    nextStepField: row.NextStep?.trim() || null,
  };
}

/**
 * When the deal entered its current stage: LastStageChangeDate where the org has it, else the
 * oldest row of the newest unbroken run of history rows in the current stage (history also
 * records amount and close-date changes, which must not restart the clock).
 */
function stageEntered(row: OpportunityRow): { at: string | null; note: string | null } {
  const direct = isoFromSalesforce(row.LastStageChangeDate);
  if (direct) return { at: direct, note: null };
  const history = parseEach(HistoryRow, row.OpportunityHistories?.records ?? [])
    .rows.map((h) => ({ stage: h.StageName, ms: msFromSalesforce(h.CreatedDate) }))
    .filter((h): h is { stage: string | null; ms: number } => h.ms !== null)
    .sort((a, b) => b.ms - a.ms);
  let entered: number | null = null;
  for (const h of history) {
    if (h.stage !== row.StageName) break;
    entered = h.ms;
  }
  if (entered === null)
    return { at: null, note: 'Salesforce has no stage history for this deal, so its stage age is unknown.' };
  return { at: new Date(entered).toISOString(), note: null };
}

export function toContext(
  row: OpportunityRow,
  metadata: OrgMetadata | null,
  shape: SelectShape,
  now: Date,
): OpportunityContext {
  const opportunity = toOpportunity(row, metadata);
  const notes: string[] = [];
  const roles = parseEach(ContactRoleRow, row.OpportunityContactRoles?.records ?? []).rows;
  const tasks = parseEach(TaskRow, row.Tasks?.records ?? []);
  const events = parseEach(EventRow, row.Events?.records ?? []);
  const emails = parseEach(EmailMessageRow, row.Emails?.records ?? []);
  const dropped = tasks.dropped + events.dropped + emails.dropped;
  if (dropped > 0)
    notes.push(
      dropped === 1
        ? '1 activity from Salesforce could not be read and is not shown.'
        : `${dropped} activities from Salesforce could not be read and are not shown.`,
    );
  if (!shape.emails)
    notes.push('Replies are recognised from logged email tasks only (Enhanced Email is off in this org).');

  const peopleByEmail = new Map<string, string>();
  for (const r of roles)
    if (r.Contact?.Email && r.ContactId) peopleByEmail.set(r.Contact.Email.toLowerCase(), r.ContactId);
  const facts = readActivities({
    tasks: tasks.rows,
    events: events.rows,
    emails: emails.rows,
    peopleByEmail,
    now,
  });

  const seen = new Set<string>();
  const contacts: DealContact[] = [];
  for (const r of roles) {
    if (!r.ContactId || seen.has(r.ContactId)) continue;
    seen.add(r.ContactId);
    contacts.push({
      id: r.ContactId,
      name: r.Contact?.Name ?? r.Contact?.Email ?? 'Unnamed contact',
      email: r.Contact?.Email?.toLowerCase() ?? null,
      touchedAt: facts.touched.get(r.ContactId) ?? null,
    });
  }
  const entered = stageEntered(row);
  if (entered.note) notes.push(entered.note);
  const nextStep =
    facts.nextStep ??
    (opportunity.nextStepField
      ? { subject: opportunity.nextStepField, dueDate: null, ownerName: null, source: 'field' as const }
      : null);

  return {
    opportunity,
    accountName: row.Account?.Name ?? null,
    ownerName: row.Owner?.Name ?? null,
    stageEnteredAt: entered.at,
    lastTouch: facts.lastTouch,
    lastReply: facts.lastReply,
    nextStep,
    contacts,
    recentActivities: facts.recent,
    notes,
    fetchedAt: now.toISOString(),
  };
}
