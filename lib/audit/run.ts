/**
 * One audit pass against a live CRM: read the activities changed since the cursor, read what the
 * matcher needs for their people in one batched `matchData` (the panel's own read), learn when
 * the candidate deals were created, and judge everything with `auditSnapshot`. No writes here:
 * moves are outbox items (moves.ts).
 */
import type { AuditRead } from '../crm/audit-types';
import type { CrmAdapter } from '../crm/types';
import { toSnapshot } from '../deals/snapshot';
import { domainOf, inDomainSet, domainSet, normalizeEmail } from '../match/address';
import { auditSnapshot, scopeOf, type AuditReport } from './audit';
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
  const createdAt =
    data.opportunities.length > 0 ? await audit.createdAt(data.opportunities.map((o) => o.id)) : {};

  const crm = toSnapshot(data);
  const snapshot = AuditSnapshot.parse({
    user: input.user,
    settings: input.settings,
    team: [...input.team],
    now: input.now.toISOString(),
    crm: {
      ...crm,
      opportunities: crm.opportunities.map((o) => ({ ...o, createdAt: createdAt[o.id] ?? null })),
    },
    activities: read.activities,
  });
  return { report: auditSnapshot(snapshot), read, notes: [...read.notes, ...data.notes] };
}
