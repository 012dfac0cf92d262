/**
 * Where a record opens in the CRM's own app. Salesforce: the Lightning record page on the org's
 * My Domain (the API host redirects there). HubSpot: the deal record in the portal (object type
 * 0-3 is deals), on the admin's app URL (EU portals use app-eu1).
 */
export interface CrmLinkBase {
  provider: 'hubspot' | 'salesforce';
  /** Salesforce instance URL; unused for HubSpot. */
  apiBaseUrl: string;
  /** HubSpot portal id. */
  tenantId: string | null;
  hubspotAppUrl: string;
}

export function opportunityUrl(base: CrmLinkBase, id: string): string {
  const safe = encodeURIComponent(id);
  if (base.provider === 'salesforce')
    return `${base.apiBaseUrl.replace(/\/+$/, '')}/lightning/r/Opportunity/${safe}/view`;
  return `${base.hubspotAppUrl.replace(/\/+$/, '')}/contacts/${encodeURIComponent(base.tenantId ?? '')}/record/0-3/${safe}`;
}
