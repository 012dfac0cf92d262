/** Small audit snapshots: one Acme account, Jane on Sam's deal, and activities built per test. */
import { AuditSnapshot, type AuditActivityInput, type AuditSnapshotInput } from '../../../lib/audit';

export const NOW = '2026-11-30T12:00:00Z';

export function activity(id: string, fields: Partial<AuditActivityInput> = {}): AuditActivityInput {
  return {
    id,
    kind: 'email',
    at: '2026-11-25T10:00:00Z',
    ownerId: 'u1',
    subject: 'Pricing',
    participants: [
      { email: 'sam@ourco.com', name: 'Sam Rep' },
      { email: 'jane@acme.com', name: 'Jane Doe' },
    ],
    contactIds: ['c1'],
    accountId: 'a1',
    opportunityIds: [],
    ...fields,
  };
}

type OppInput = NonNullable<AuditSnapshotInput['crm']['opportunities']>[number];

export function deal(id: string, fields: Partial<OppInput> = {}): OppInput {
  return {
    id,
    name: `Acme — ${id}`,
    accountId: 'a1',
    stage: 'Discovery',
    isClosed: false,
    ownerId: 'u1',
    lastActivityAt: '2026-11-24T09:00:00Z',
    contactIds: ['c1'],
    ...fields,
  };
}

export function snapshot(
  activities: AuditActivityInput[],
  options: { deals?: OppInput[]; team?: string[]; settings?: AuditSnapshotInput['settings'] } = {},
): AuditSnapshot {
  return AuditSnapshot.parse({
    user: { email: 'sam@ourco.com', crmUserId: 'u1' },
    settings: { internalDomains: ['ourco.com'], excludedDomains: ['contoso-legal.com'], ...options.settings },
    team: options.team ?? [],
    now: NOW,
    crm: {
      contacts: [
        { id: 'c1', email: 'jane@acme.com', name: 'Jane Doe', accountId: 'a1' },
        { id: 'c2', email: 'lena@contoso-legal.com', name: 'Lena Law', accountId: 'a2' },
      ],
      accounts: [
        { id: 'a1', name: 'Acme', domain: 'acme.com' },
        { id: 'a2', name: 'Contoso Legal', domain: 'contoso-legal.com' },
      ],
      opportunities: options.deals ?? [deal('o1')],
    },
    activities,
  });
}
