/**
 * One audit pass against a live CRM: read the activities changed since the cursor, read what the
 * matcher needs for their people in one batched `matchData` (the panel's own read, open deals
 * only), learn when those deals were created and which deals of the same people and accounts
 * closed recently (open when an older activity happened), and judge everything with
 * `auditSnapshot` — the same open-at rule as the CLI. No writes here:
 * moves are outbox items (moves.ts).
 */
import type { AuditRead, ClosedDeals } from '../crm/audit-types';
import type { CrmAdapter } from '../crm/adapter';
import type { MatchData } from '../domain/types';
import { toSnapshot, toSnapshotOpportunity } from '../deals/snapshot';
import { domainOf, inDomainSet, domainSet, normalizeEmail } from '../match/address';
import { auditSnapshot, scopeOf, type AuditReport } from './audit';
import { CLOSED_GRACE_DAYS } from './open-at';
import { AuditSnapshot, type AuditSettings } from './schema';

const DAY_MS = 86_400_000;

export interface AuditRunInput {
  adapter: CrmAdapter;
  user: { email: string; crmUserId: string | null };
  team: readonly string[];
  settings: Pick<AuditSettings, 'internalDomains' | 'excludedDomains' | 'personalDomains' | 'lookbackDays'>;
  now: Date;
  cursor: string | null;
}

export interface AuditRunResult {
  report: AuditReport;
  read: AuditRead;
  notes: string[];
}

/** Outside addresses and their company domains: what `matchData` looks up, never per person. */
export function lookupsOf(
  read: AuditRead,
  settings: AuditRunInput['settings'],
  userEmail: string,
): { emails: string[]; domains: string[] } {
  const internal = domainSet(settings.internalDomains);
  const personal = domainSet(settings.personalDomains);
  const own = domainOf(userEmail.trim().toLowerCase());
  if (own && !personal.has(own)) internal.add(own);
  const emails = new Set<string>();
  const domains = new Set<string>();
  for (const activity of read.activities) {
    // Activities on a deal need no matching: nothing to look up for them.
    if (activity.opportunityIds.length > 0) continue;
    for (const { email } of activity.participants) {
      const address = email.trim().toLowerCase();
      const domain = domainOf(address);
      if (!address.includes('@') || inDomainSet(domain, internal)) continue;
      emails.add(address);
      emails.add(normalizeEmail(address));
      if (!inDomainSet(domain, personal)) domains.add(domain);
    }
  }
  return { emails: [...emails], domains: [...domains] };
}

export async function runAudit(input: AuditRunInput): Promise<AuditRunResult> {
  const audit = input.adapter.audit;
  if (!audit) throw new Error('This CRM adapter cannot audit activities.');
  const scope = [...scopeOf({ user: input.user, team: [...input.team] })];
  const from = new Date(input.now.getTime() - input.settings.lookbackDays * DAY_MS).toISOString();
  const read = await audit.readActivities({ ownerIds: scope, from, changedSince: input.cursor });

  const lookups = lookupsOf(read, input.settings, input.user.email);
  const data =
    lookups.emails.length > 0
      ? await input.adapter.matchData(lookups)
      : { people: [], accounts: [], opportunities: [], contexts: [], notes: [] };
  const closedQuery = closedDealsQuery(read, data);
  const [createdAt, closed] = await Promise.all([
    data.opportunities.length > 0
      ? audit.createdAt(data.opportunities.map((o) => o.id))
      : ({} as Record<string, string>),
    audit.closedDeals && closedQuery ? audit.closedDeals(closedQuery) : NO_CLOSED_DEALS,
  ]);

  const crm = toSnapshot(data);
  const open = crm.opportunities.map((o) => ({ ...o, createdAt: createdAt[o.id] ?? null }));
  const known = new Set(open.map((o) => o.id));
  const accounts = new Set(crm.accounts.map((a) => a.id));
  const snapshot = AuditSnapshot.parse({
    user: input.user,
    settings: input.settings,
    team: [...input.team],
    now: input.now.toISOString(),
    crm: {
      ...crm,
      accounts: [...crm.accounts, ...closed.accounts.filter((a) => !accounts.has(a.id))],
      opportunities: [
        ...open,
        ...closed.opportunities
          .filter((o) => !known.has(o.id))
          .map(({ createdAt: created, closedAt, ...o }) => ({
            ...toSnapshotOpportunity(o),
            createdAt: created,
            closedAt,
          })),
      ],
    },
    activities: read.activities,
  });
  return {
    report: auditSnapshot(snapshot),
    read,
    notes: [...new Set([...read.notes, ...data.notes, ...closed.notes])],
  };
}

const NO_CLOSED_DEALS: ClosedDeals = { opportunities: [], accounts: [], notes: [] };

/**
 * Which closed deals can still count: those of the people and accounts of the activities on no
 * deal, closed at most the grace period before the oldest of them (lib/audit/open-at.ts).
 * Null when no activity needs one.
 */
export function closedDealsQuery(
  read: AuditRead,
  data: Pick<MatchData, 'people' | 'accounts'>,
): { accountIds: string[]; contactIds: string[]; since: string } | null {
  const loose = read.activities.filter((a) => a.opportunityIds.length === 0);
  if (loose.length === 0) return null;
  const oldest = Math.min(...loose.map((a) => Date.parse(a.at)));
  if (!Number.isFinite(oldest)) return null;
  const accountIds = new Set<string>();
  const contactIds = new Set<string>();
  for (const activity of loose) {
    if (activity.accountId) accountIds.add(activity.accountId);
    for (const id of activity.contactIds) contactIds.add(id);
  }
  for (const person of data.people) {
    if (person.kind === 'contact') contactIds.add(person.id);
    if (person.accountId) accountIds.add(person.accountId);
  }
  for (const account of data.accounts) accountIds.add(account.id);
  if (accountIds.size === 0 && contactIds.size === 0) return null;
  return {
    accountIds: [...accountIds],
    contactIds: [...contactIds],
    since: new Date(oldest - CLOSED_GRACE_DAYS * DAY_MS).toISOString(),
  };
}
