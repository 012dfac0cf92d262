/**
 * Which CRM tenant a pending write was made for: the provider, the HubSpot portal or Salesforce
 * org, and the rep's user there. A write is only ever sent to that tenant: signed in to another
 * portal, a sandbox instead of production (same record ids), or as another rep, it waits.
 */
import * as z from 'zod/mini';
import { Provider } from '../domain/types';

export const Tenant = z.object({
  provider: Provider,
  /** HubSpot portal id / Salesforce org id; null when the CRM did not say at sign-in. */
  tenantId: z.nullable(z.string()),
  crmUserId: z.nullable(z.string()),
  /** "HubSpot portal 4711": what the panel names it. */
  label: z.string(),
});
export type Tenant = z.infer<typeof Tenant>;

export interface SignedIn {
  provider: Provider;
  tenantId: string | null;
  crmUserId: string | null;
}

export function tenantLabel(signedIn: Pick<SignedIn, 'provider' | 'tenantId'>): string {
  const where = signedIn.provider === 'hubspot' ? 'HubSpot portal' : 'Salesforce org';
  return signedIn.tenantId
    ? `${where} ${signedIn.tenantId}`
    : signedIn.provider === 'hubspot'
      ? 'HubSpot'
      : 'Salesforce';
}

/** Picks the tenant fields only: a connection also holds tokens, which must never be copied. */
export function tenantOf(signedIn: SignedIn): Tenant {
  const { provider, tenantId, crmUserId } = signedIn;
  return { provider, tenantId, crmUserId, label: tenantLabel(signedIn) };
}

/**
 * Whether a write made for `tenant` may go to the CRM the rep is signed in to now. An id that
 * was unknown on either side cannot tell tenants apart, so only the known ones must agree.
 */
export function sameTenant(tenant: Tenant, signedIn: SignedIn): boolean {
  if (tenant.provider !== signedIn.provider) return false;
  if (tenant.tenantId && signedIn.tenantId && tenant.tenantId !== signedIn.tenantId) return false;
  if (tenant.crmUserId && signedIn.crmUserId && tenant.crmUserId !== signedIn.crmUserId) return false;
  return true;
}

export function wrongTenantMessage(tenant: Tenant): string {
  return `Made for ${tenant.label}: sign in there to send, or discard.`;
}

/** Whether an item's last attempt stopped because the rep is signed in to another tenant. */
export function waitsForOtherTenant(item: {
  tenant?: Tenant;
  lastError?: { kind: string; message: string } | null;
}): boolean {
  return (
    item.tenant !== undefined &&
    item.lastError?.kind === 'auth' &&
    item.lastError.message === wrongTenantMessage(item.tenant)
  );
}
