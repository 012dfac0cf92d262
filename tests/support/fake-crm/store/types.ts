/**
 * The in-memory data both fake providers serve. Plain arrays of plain objects so tests can read
 * and mutate them directly (`crm.store.hubspot.emails`, `crm.store.salesforce.tasks`).
 */

// ---------------------------------------------------------------- HubSpot

export const HS_OBJECT_TYPES = [
  'contacts',
  'companies',
  'deals',
  'emails',
  'calls',
  'meetings',
  'notes',
  'tasks',
] as const;
export type HsObjectType = (typeof HS_OBJECT_TYPES)[number];
export const HS_ACTIVITY_TYPES = ['emails', 'calls', 'meetings', 'notes', 'tasks'] as const;
export type HsActivityType = (typeof HS_ACTIVITY_TYPES)[number];

export interface HsHistoryEntry {
  value: string;
  timestamp: string;
  sourceType: string;
  sourceId: string | null;
  updatedByUserId?: number;
}

export interface HsRecord {
  id: string;
  /** HubSpot property values are always strings (or null) on the wire. */
  properties: Record<string, string | null>;
  /** Per-property history, newest first (served through `propertiesWithHistory`). */
  history: Record<string, HsHistoryEntry[]>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export type HsAssociationCategory = 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED' | 'WORK';

/** One directed edge; every association is stored in both directions with its own type id. */
export interface HsAssociation {
  fromType: HsObjectType;
  fromId: string;
  toType: HsObjectType;
  toId: string;
  typeId: number;
  category: HsAssociationCategory;
  label: string | null;
}

export interface HsOwner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  /** As GET /crm/v3/owners lists them. */
  teams?: { id: string; name: string; primary: boolean }[];
}

export interface HsPipelineStage {
  id: string;
  label: string;
  displayOrder: number;
  isClosed: boolean;
  probability: number;
}

export interface HsPipeline {
  id: string;
  label: string;
  displayOrder: number;
  stages: HsPipelineStage[];
  createdAt: string;
  updatedAt: string;
}

export interface HsDisposition {
  id: string;
  label: string;
}

export interface HubSpotStore {
  portalId: number;
  owners: HsOwner[];
  contacts: HsRecord[];
  companies: HsRecord[];
  deals: HsRecord[];
  emails: HsRecord[];
  calls: HsRecord[];
  meetings: HsRecord[];
  notes: HsRecord[];
  tasks: HsRecord[];
  associations: HsAssociation[];
  pipelines: HsPipeline[];
  dispositions: HsDisposition[];
  /** Property groups created through the API, as `<type>:<name>`. */
  propertyGroups?: Set<string>;
  /** Next id handed out to a record created through the API. */
  nextId: number;
}

// ---------------------------------------------------------------- Salesforce

export type SfValue = string | number | boolean | null;

/** A row of any sObject table. Field names use their canonical API spelling. */
export interface SfRow {
  Id: string;
  [field: string]: SfValue;
}

export interface SalesforceTables {
  users: SfRow[];
  accounts: SfRow[];
  contacts: SfRow[];
  leads: SfRow[];
  opportunities: SfRow[];
  opportunityContactRoles: SfRow[];
  opportunityHistories: SfRow[];
  opportunityStages: SfRow[];
  tasks: SfRow[];
  events: SfRow[];
  emailMessages: SfRow[];
}
export type SfTableName = keyof SalesforceTables;

export interface SalesforceStore extends SalesforceTables {
  orgId: string;
  /** `instance_url` returned by the token endpoint. */
  instanceUrl: string;
  /** Calls counted in `Sforce-Limit-Info` (a composite request is one call). */
  apiUsage: number;
  /** Per key-prefix id sequence, so ids stay deterministic. */
  sequences: Record<string, number>;
}

// ---------------------------------------------------------------- shared

export interface StoreSettings {
  /** HubSpot activities have the unique `dealside_log_key` property (false: it does not exist). */
  hubspotUniqueLogKey: boolean;
  /** Enforce the 110 requests / 10 s burst limit (OAuth) and 190 / 10 s (private app). */
  hubspotBurstLimit: boolean;
  /** Enforce the 5 search requests / second limit per portal. */
  hubspotSearchLimit: boolean;
  /**
   * What v3 token introspection answers for an active token: `full` (hub_id, user_id, user,
   * signed_access_token…) or `active-only` (`{"active": true}`, the other documented shape).
   */
  hubspotIntrospection: 'full' | 'active-only';
  /** The legacy `GET /calling/v1/dispositions` answers (false: 404, as once it is retired). */
  hubspotDispositionsEndpoint: boolean;
  /** Task/Event/EmailMessage have the External ID + unique `Dealside_Key__c` field. */
  salesforceExternalIdField: boolean;
  /** Refresh-token rotation on the Salesforce External Client App. */
  salesforceRefreshTokenRotation: boolean;
  /** Daily API request allocation reported in Sforce-Limit-Info and enforced (403). */
  salesforceDailyApiLimit: number;
}

export interface WriteLogEntry {
  provider: 'hubspot' | 'salesforce';
  object: string;
  id: string;
  op: 'create' | 'update' | 'upsert-create' | 'upsert-update' | 'delete';
  at: string;
}

export interface Store {
  settings: StoreSettings;
  hubspot: HubSpotStore;
  salesforce: SalesforceStore;
  /** Book keys (u1, a1, c1, o1, …) → provider ids, for tests that want "the Acme deal". */
  bookIds: { hubspot: Record<string, string>; salesforce: Record<string, string> };
  /** Every record created or changed through the API since the last seed. */
  writes: WriteLogEntry[];
}

export function defaultSettings(): StoreSettings {
  return {
    hubspotUniqueLogKey: true,
    hubspotBurstLimit: true,
    hubspotSearchLimit: true,
    hubspotIntrospection: 'full',
    hubspotDispositionsEndpoint: true,
    salesforceExternalIdField: true,
    salesforceRefreshTokenRotation: false,
    salesforceDailyApiLimit: 100_000,
  };
}
