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
