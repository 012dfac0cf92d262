/** The sentences an audit decision is explained with, beside the matcher's own candidate reasons. */
import type { AuditActivity, AuditSkipReason } from './schema';

const NOUN: Record<AuditActivity['kind'], string> = { email: 'email', meeting: 'meeting', call: 'call' };

export const SKIP_REASON_TEXT: Record<AuditSkipReason, string> = {
  'internal-only': 'nobody from outside the company took part',
  automated: 'automatic reply or bounce',
  bulk: 'newsletter or list mail',
  excluded: 'someone here is on an excluded domain',
  'out-of-scope': 'owned by someone outside your scope: never changed',
};

const day = (iso: string) => iso.slice(0, 10);
const DAY_MS = 86_400_000;

export function alreadyReason(names: readonly string[]): string {
  return `already on a deal (${names.join(', ')})`;
}

export function outOfScopeReason(ownerId: string | null): string {
  return ownerId === null
    ? 'has no owner in the CRM: never changed'
    : `owned by ${ownerId}, outside your scope: never changed`;
}

export function noneReason(activity: AuditActivity): string {
  return `no deal was open for these people when this ${NOUN[activity.kind]} happened`;
}

export function closedBeforeReason(activity: AuditActivity, closedAt: string): string {
  const days = Math.max(0, Math.floor((Date.parse(activity.at) - Date.parse(closedAt)) / DAY_MS));
  const noun = NOUN[activity.kind];
  if (days === 0) return `closed ${day(closedAt)}, the same day as this ${noun}`;
  return `closed ${day(closedAt)}, ${days === 1 ? '1 day' : `${days} days`} before this ${noun}`;
}
