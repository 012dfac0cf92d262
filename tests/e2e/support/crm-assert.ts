/** What the fake CRM now holds, read the way a test wants to assert on it. */
import type { FakeCrm, HsObjectType } from '../../support/fake-crm';

export function createdRecords(crm: FakeCrm, provider: 'hubspot' | 'salesforce', object: string) {
  return crm.store.writes.filter(
    (w) => w.provider === provider && w.object === object && w.op.endsWith('create'),
  );
}

/** HubSpot: ids an object is associated to, by target type. */
export function hubspotAssociations(crm: FakeCrm, fromType: HsObjectType, fromId: string) {
  const edges = crm.store.hubspot.associations.filter((a) => a.fromType === fromType && a.fromId === fromId);
  const by = (toType: string) =>
    [...new Set(edges.filter((e) => e.toType === toType).map((e) => e.toId))].sort();
  return { deals: by('deals'), contacts: by('contacts'), companies: by('companies') };
}

export function hubspotRecord(crm: FakeCrm, type: HsObjectType, id: string) {
  const record = (
    crm.store.hubspot[type as 'emails'] as { id: string; properties: Record<string, string | null> }[]
  ).find((r) => r.id === id);
  if (!record) throw new Error(`No HubSpot ${type} ${id}`);
  return record;
}

/** A logged email or meeting as the CRM now holds it (HubSpot archived / Salesforce deleted ones excluded). */
export interface LiveActivity {
  kind: 'email' | 'meeting';
  id: string;
  subject: string;
}

/** Every live email and meeting record, read straight from the fake's store. */
export function liveActivities(crm: FakeCrm, provider: 'hubspot' | 'salesforce'): LiveActivity[] {
  if (provider === 'hubspot') {
    const of = (kind: LiveActivity['kind'], type: 'emails' | 'meetings', property: string) =>
      crm.store.hubspot[type]
        .filter((r) => !r.archived)
        .map((r) => ({ kind, id: r.id, subject: r.properties[property] ?? '' }));
    return [...of('email', 'emails', 'hs_email_subject'), ...of('meeting', 'meetings', 'hs_meeting_title')];
  }
  const sf = crm.store.salesforce;
  return [
    ...sf.tasks
      .filter((t) => t.TaskSubtype === 'Email')
      .map((t) => ({ kind: 'email' as const, id: String(t.Id), subject: String(t.Subject ?? '') })),
    ...sf.events.map((e) => ({
      kind: 'meeting' as const,
      id: String(e.Id),
      subject: String(e.Subject ?? ''),
    })),
  ];
}
