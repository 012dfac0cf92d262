/**
 * Which tenant the fake answers as: the HubSpot portal (hub id) and the Salesforce org. Every
 * identity answer (token responses, token info and introspection, the Salesforce id URL,
 * userinfo) reads these store values, so switching here is like signing in to another portal
 * or to a sandbox org holding the same record ids.
 */
import * as z from 'zod';
import type { Store } from './store/types';

export const TenantPatch = z.strictObject({
  hubspotPortalId: z.number().int().positive().optional(),
  /** An 18-character Organization id (key prefix 00D). */
  salesforceOrgId: z
    .string()
    .regex(/^00D[a-zA-Z0-9]{15}$/)
    .optional(),
});
export type TenantPatch = z.infer<typeof TenantPatch>;

export function answerAs(store: Store, patch: TenantPatch) {
  if (patch.hubspotPortalId !== undefined) store.hubspot.portalId = patch.hubspotPortalId;
  if (patch.salesforceOrgId !== undefined) store.salesforce.orgId = patch.salesforceOrgId;
  return { hubspotPortalId: store.hubspot.portalId, salesforceOrgId: store.salesforce.orgId };
}
