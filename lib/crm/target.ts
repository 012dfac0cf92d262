/**
 * What a write is filed under. Logs go to the opportunity when one fits, else to the account
 * and contacts; next steps and stage changes belong to a deal and are refused without one.
 */
import { CrmError } from '../http/errors';
import type { CrmWrite, Target } from '../domain/types';

type Anchor = Pick<Target, 'opportunityId' | 'accountId' | 'contactIds'>;

/**
 * The part of the idempotency key that says where the write lands: the opportunity id (as it
 * always was, so keys of logs already in the outbox or ledger stay the same), else
 * `account:<id>`, else `contact:<first contact id>`.
 */
export function destinationKey(target: Anchor): string {
  if (target.opportunityId) return target.opportunityId;
  if (target.accountId) return `account:${target.accountId}`;
  const contact = target.contactIds[0];
  // The Target schema refuses a write with nowhere to go; this is the same rule for callers
  // that build a target by hand.
  if (!contact) throw new Error('A write needs an opportunity, an account or a contact.');
  return `contact:${contact}`;
}

const DEAL_ONLY: Partial<Record<CrmWrite['kind'], string>> = {
  task: 'A next step',
  stage: 'A stage change',
  deal: 'A change to the deal',
};

/** Kinds that only make sense on a deal. */
export function needsOpportunity(kind: CrmWrite['kind']): boolean {
  return kind in DEAL_ONLY;
}

/** The write's opportunity, or a CrmError 'validation' saying why it cannot go without one. */
export function requireOpportunity(write: Pick<CrmWrite, 'kind' | 'target'>, label: string): string {
  const id = write.target.opportunityId;
  if (id) return id;
  const what = DEAL_ONLY[write.kind] ?? 'This write';
  throw new CrmError('validation', `${label}: ${what} needs a deal, and this log has none.`);
}

/** Refuses a deal-only write (next step, stage change) that has no opportunity. */
export function assertAttachable(write: Pick<CrmWrite, 'kind' | 'target'>, label: string): void {
  if (needsOpportunity(write.kind)) requireOpportunity(write, label);
}
