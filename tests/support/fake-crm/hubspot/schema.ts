/**
 * HubSpot object model: property definitions per object type, the HUBSPOT_DEFINED association
 * type ids, and object-type aliases. Property lists are hand-written from the public docs (the
 * OpenAPI specs are proprietary).
 */
import type { HsActivityType, HsObjectType, HsPipeline } from '../store/types';
import { HS_ACTIVITY_TYPES, HS_OBJECT_TYPES } from '../store/types';

export type HsPropertyType = 'string' | 'number' | 'datetime' | 'date' | 'enumeration' | 'bool';

export interface HsPropertyDef {
  name: string;
  label: string;
  type: HsPropertyType;
  fieldType: string;
  options?: string[];
  hasUniqueValue?: boolean;
  /** Calculated / system properties cannot be written through the API. */
  readOnly?: boolean;
  /** Rich-text bodies cannot be used in search filters. */
  notSearchable?: boolean;
}

const str = (name: string, label: string, extra: Partial<HsPropertyDef> = {}): HsPropertyDef => ({
  name,
  label,
  type: 'string',
  fieldType: 'text',
  ...extra,
});
const num = (name: string, label: string, extra: Partial<HsPropertyDef> = {}): HsPropertyDef => ({
  name,
  label,
  type: 'number',
  fieldType: 'number',
  ...extra,
});
const dt = (name: string, label: string, extra: Partial<HsPropertyDef> = {}): HsPropertyDef => ({
  name,
  label,
  type: 'datetime',
  fieldType: 'date',
  ...extra,
});
const bool = (name: string, label: string, extra: Partial<HsPropertyDef> = {}): HsPropertyDef => ({
  name,
  label,
  type: 'bool',
  fieldType: 'booleancheckbox',
  options: ['true', 'false'],
  ...extra,
});
const enu = (
  name: string,
  label: string,
  options: string[],
  extra: Partial<HsPropertyDef> = {},
): HsPropertyDef => ({
  name,
  label,
  type: 'enumeration',
  fieldType: 'select',
  options,
  ...extra,
});

const system = (createName: string, modifiedName: string): HsPropertyDef[] => [
  num('hs_object_id', 'Record ID', { readOnly: true }),
  dt(createName, 'Create Date', { readOnly: true }),
  dt(modifiedName, 'Last Modified Date', { readOnly: true }),
];

const rollups: HsPropertyDef[] = [
  dt('notes_last_contacted', 'Last Contacted', { readOnly: true }),
  dt('notes_last_updated', 'Last Activity Date', { readOnly: true }),
  dt('notes_next_activity_date', 'Next Activity Date', { readOnly: true }),
];

const CONTACT: HsPropertyDef[] = [
  ...system('createdate', 'lastmodifieddate'),
  str('email', 'Email', { hasUniqueValue: false }),
  str('firstname', 'First Name'),
  str('lastname', 'Last Name'),
  str('hs_additional_emails', 'Additional email addresses', { fieldType: 'textarea' }),
  str('company', 'Company Name'),
  str('jobtitle', 'Job Title'),
  str('phone', 'Phone Number', { fieldType: 'phonenumber' }),
  num('associatedcompanyid', 'Primary Associated Company ID'),
  enu('hubspot_owner_id', 'Contact owner', []),
  enu('lifecyclestage', 'Lifecycle Stage', [
    'subscriber',
    'lead',
    'marketingqualifiedlead',
    'salesqualifiedlead',
    'opportunity',
    'customer',
    'evangelist',
    'other',
  ]),
  str('hs_email_domain', 'Email Domain', { readOnly: true }),
  dt('hs_sales_email_last_replied', 'Recent Sales Email Replied Date', { readOnly: true }),
  ...rollups,
];

const COMPANY: HsPropertyDef[] = [
  ...system('createdate', 'hs_lastmodifieddate'),
  str('name', 'Company name'),
  str('domain', 'Company Domain Name'),
  str('website', 'Website URL'),
  str('industry', 'Industry'),
  str('city', 'City'),
  enu('hubspot_owner_id', 'Company owner', []),
  ...rollups,
];

const DEAL_BASE: HsPropertyDef[] = [
  ...system('createdate', 'hs_lastmodifieddate'),
  str('dealname', 'Deal Name'),
  enu('dealstage', 'Deal Stage', []),
  enu('pipeline', 'Pipeline', []),
  num('amount', 'Amount'),
  enu('deal_currency_code', 'Currency', ['USD', 'EUR', 'GBP']),
  dt('closedate', 'Close Date'),
  enu('hubspot_owner_id', 'Deal owner', []),
  enu('dealtype', 'Deal Type', ['newbusiness', 'existingbusiness']),
  str('description', 'Deal Description', { fieldType: 'textarea' }),
  str('hs_next_step', 'Next step', { fieldType: 'textarea' }),
  bool('hs_is_closed', 'Is Deal Closed?', { readOnly: true }),
  bool('hs_is_closed_won', 'Is Closed Won', { readOnly: true }),
  num('hs_deal_stage_probability', 'Deal probability', { readOnly: true }),
  dt('hs_v2_date_entered_current_stage', 'Date entered current stage', { readOnly: true }),
  str('closed_lost_reason', 'Closed Lost Reason', { fieldType: 'textarea' }),
  str('closed_won_reason', 'Closed Won Reason', { fieldType: 'textarea' }),
  // Custom property for Dealside's reason codes: a string so admins can define their own codes.
  str('dealside_stage_reason', 'Dealside stage change reason'),
  // HubSpot's editable forecast category, and custom properties a portal maps MEDDIC and the
  // judgement reasons to (drafting, issue 17).
  enu('hs_manual_forecast_category', 'Forecast category', [
    'OMIT',
    'PIPELINE',
    'BEST_CASE',
    'COMMIT',
    'CLOSED',
  ]),
  str('meddic_metrics', 'Metrics'),
  str('meddic_economic_buyer', 'Economic buyer'),
  str('meddic_decision_criteria', 'Decision criteria'),
  str('meddic_decision_process', 'Decision process'),
  str('meddic_pain', 'Identified pain'),
  str('meddic_champion', 'Champion'),
  str('dealside_close_date_reason', 'Close date change reason'),
  str('dealside_forecast_reason', 'Forecast change reason'),
  str('dealside_amount_reason', 'Amount change reason'),
  ...rollups,
];

/** Stage-calculated properties exist per stage of every pipeline. */
export function stageProperties(pipelines: readonly HsPipeline[]): HsPropertyDef[] {
  const out: HsPropertyDef[] = [];
  for (const pipeline of pipelines) {
    for (const stage of pipeline.stages) {
      out.push(
        dt(`hs_v2_date_entered_${stage.id}`, `Date entered "${stage.label} (${pipeline.label})"`, {
          readOnly: true,
        }),
      );
      out.push(
        dt(`hs_v2_date_exited_${stage.id}`, `Date exited "${stage.label} (${pipeline.label})"`, {
          readOnly: true,
        }),
      );
    }
  }
  return out;
}

const ACTIVITY_COMMON = (): HsPropertyDef[] => [
  ...system('hs_createdate', 'hs_lastmodifieddate'),
  dt('hs_timestamp', 'Activity date'),
  enu('hubspot_owner_id', 'Activity assigned to', []),
  str('hs_activity_type', 'Call and meeting type'),
  str('hs_attachment_ids', 'Attached file IDs'),
  str('hs_body_preview', 'Body preview', { readOnly: true, notSearchable: true }),
];

const LOG_KEY: HsPropertyDef = str('dealside_log_key', 'Dealside log key', { hasUniqueValue: true });

const ACTIVITY_SPECIFIC: Record<HsActivityType, HsPropertyDef[]> = {
  emails: [
    enu('hs_email_direction', 'Email direction', ['EMAIL', 'INCOMING_EMAIL', 'FORWARDED_EMAIL']),
    enu('hs_email_status', 'Email send status', ['BOUNCED', 'FAILED', 'SCHEDULED', 'SENDING', 'SENT']),
    str('hs_email_subject', 'Email subject'),
    str('hs_email_text', 'Email body', { fieldType: 'textarea', notSearchable: true }),
    str('hs_email_html', 'Email HTML body', { fieldType: 'html', notSearchable: true }),
    str('hs_email_headers', 'Email headers', { fieldType: 'textarea' }),
    str('hs_email_from_email', 'From email', { readOnly: true }),
    str('hs_email_from_firstname', 'From first name', { readOnly: true }),
    str('hs_email_from_lastname', 'From last name', { readOnly: true }),
    str('hs_email_to_email', 'To email', { readOnly: true }),
    str('hs_email_cc_email', 'CC email', { readOnly: true }),
  ],
  calls: [
    str('hs_call_title', 'Call title'),
    str('hs_call_body', 'Call notes', { fieldType: 'html', notSearchable: true }),
    enu('hs_call_direction', 'Call direction', ['INBOUND', 'OUTBOUND']),
    num('hs_call_duration', 'Call duration (ms)'),
    enu('hs_call_status', 'Call status', [
      'BUSY',
      'CALLING_CRM_USER',
      'CANCELED',
      'COMPLETED',
      'CONNECTING',
      'FAILED',
      'IN_PROGRESS',
      'NO_ANSWER',
      'QUEUED',
      'RINGING',
    ]),
    enu('hs_call_disposition', 'Call outcome', []),
    str('hs_call_from_number', 'From number'),
    str('hs_call_to_number', 'To number'),
    str('hs_call_recording_url', 'Recording URL'),
  ],
  meetings: [
    str('hs_meeting_title', 'Meeting name'),
    str('hs_meeting_body', 'Meeting description', { fieldType: 'html', notSearchable: true }),
    str('hs_internal_meeting_notes', 'Internal notes', { fieldType: 'html', notSearchable: true }),
    str('hs_meeting_external_url', 'External URL'),
    str('hs_meeting_location', 'Location'),
    dt('hs_meeting_start_time', 'Start time'),
    dt('hs_meeting_end_time', 'End time'),
    enu('hs_meeting_outcome', 'Meeting outcome', [
      'SCHEDULED',
      'COMPLETED',
      'RESCHEDULED',
      'NO_SHOW',
      'CANCELED',
    ]),
  ],
  notes: [str('hs_note_body', 'Note body', { fieldType: 'html', notSearchable: true })],
  tasks: [
    str('hs_task_subject', 'Task title'),
    str('hs_task_body', 'Task notes', { fieldType: 'html', notSearchable: true }),
    enu('hs_task_status', 'Task status', ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED']),
    enu('hs_task_priority', 'Priority', ['NONE', 'LOW', 'MEDIUM', 'HIGH']),
    enu('hs_task_type', 'Task type', ['EMAIL', 'CALL', 'TODO', 'LINKED_IN']),
    dt('hs_task_reminders', 'Reminder'),
    dt('hs_task_completion_date', 'Completed at', { readOnly: true }),
  ],
};

export interface SchemaInputs {
  pipelines: readonly HsPipeline[];
  dispositionIds: readonly string[];
  ownerIds: readonly string[];
  uniqueLogKey: boolean;
}

export function propertiesOf(type: HsObjectType, inputs: SchemaInputs): HsPropertyDef[] {
  let defs: HsPropertyDef[];
  if (type === 'contacts') defs = CONTACT;
  else if (type === 'companies') defs = COMPANY;
  else if (type === 'deals') defs = [...DEAL_BASE, ...stageProperties(inputs.pipelines)];
  else {
    defs = [...ACTIVITY_COMMON(), ...ACTIVITY_SPECIFIC[type]];
    if (inputs.uniqueLogKey) defs.push(LOG_KEY);
  }
  // Enumerations whose options live in the store (owners, stages, dispositions).
  return defs.map((d) => {
    if (d.name === 'hubspot_owner_id') return { ...d, options: [...inputs.ownerIds] };
    if (d.name === 'hs_call_disposition') return { ...d, options: [...inputs.dispositionIds] };
    if (d.name === 'pipeline') return { ...d, options: inputs.pipelines.map((p) => p.id) };
    if (d.name === 'dealstage')
      return { ...d, options: inputs.pipelines.flatMap((p) => p.stages.map((s) => s.id)) };
    return d;
  });
}

export function createdProperty(type: HsObjectType): string {
  return type === 'contacts' || type === 'companies' || type === 'deals' ? 'createdate' : 'hs_createdate';
}

export function modifiedProperty(type: HsObjectType): string {
  return type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate';
}

/** Properties HubSpot returns when the request names none. */
export const DEFAULT_PROPERTIES: Record<HsObjectType, string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  deals: [
    'amount',
    'closedate',
    'createdate',
    'dealname',
    'dealstage',
    'hs_lastmodifieddate',
    'hs_object_id',
    'pipeline',
  ],
  emails: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_timestamp'],
  calls: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_timestamp'],
  meetings: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_timestamp'],
  notes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_timestamp'],
  tasks: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_timestamp'],
};

const OBJECT_TYPE_IDS: Record<string, HsObjectType> = {
  '0-1': 'contacts',
  '0-2': 'companies',
  '0-3': 'deals',
  '0-49': 'emails',
  '0-48': 'calls',
  '0-47': 'meetings',
  '0-46': 'notes',
  '0-27': 'tasks',
};

/** Accepts `contacts`, `contact`, `CONTACT` or the `0-1` style object type id. */
export function parseObjectType(raw: string): HsObjectType | undefined {
  const lower = raw.toLowerCase();
  const byId = OBJECT_TYPE_IDS[lower];
  if (byId) return byId;
  const plural = lower === 'company' ? 'companies' : lower.endsWith('s') ? lower : `${lower}s`;
  return (HS_OBJECT_TYPES as readonly string[]).includes(plural) ? (plural as HsObjectType) : undefined;
}

export function isActivityType(type: HsObjectType): type is HsActivityType {
  return (HS_ACTIVITY_TYPES as readonly string[]).includes(type);
}

export function singular(type: HsObjectType): string {
  return type === 'companies' ? 'company' : type.slice(0, -1);
}

// ---------------------------------------------------------------- association types

export interface AssociationTypeDef {
  from: HsObjectType;
  to: HsObjectType;
  typeId: number;
  label: string | null;
}

/** [from, to, typeId, inverse typeId, label] — HUBSPOT_DEFINED ids from the associations guide. */
const PAIRS: Array<[HsObjectType, HsObjectType, number, number, string | null]> = [
  ['contacts', 'companies', 279, 280, null],
  ['contacts', 'companies', 1, 2, 'Primary'],
  ['contacts', 'deals', 4, 3, null],
  ['deals', 'companies', 341, 342, null],
  ['deals', 'companies', 5, 6, 'Primary'],
  ['emails', 'deals', 210, 209, null],
  ['emails', 'contacts', 198, 197, null],
  ['emails', 'companies', 186, 185, null],
  ['calls', 'deals', 206, 205, null],
  ['calls', 'contacts', 194, 193, null],
  ['calls', 'companies', 182, 181, null],
  ['meetings', 'deals', 212, 211, null],
  ['meetings', 'contacts', 200, 199, null],
  ['meetings', 'companies', 188, 187, null],
  ['notes', 'deals', 214, 213, null],
  ['notes', 'contacts', 202, 201, null],
  ['notes', 'companies', 190, 189, null],
  ['tasks', 'deals', 216, 215, null],
  ['tasks', 'contacts', 204, 203, null],
  ['tasks', 'companies', 192, 191, null],
];

export const ASSOCIATION_TYPES: AssociationTypeDef[] = PAIRS.flatMap(([from, to, id, inverse, label]) => [
  { from, to, typeId: id, label },
  { from: to, to: from, typeId: inverse, label },
]);

export function associationType(typeId: number): AssociationTypeDef | undefined {
  return ASSOCIATION_TYPES.find((t) => t.typeId === typeId);
}

export function inverseTypeId(typeId: number): number | undefined {
  for (const [, , id, inverse] of PAIRS) {
    if (id === typeId) return inverse;
    if (inverse === typeId) return id;
  }
  return undefined;
}

/** The unlabeled (default) association type between two object types. */
export function defaultTypeId(from: HsObjectType, to: HsObjectType): number | undefined {
  return ASSOCIATION_TYPES.find((t) => t.from === from && t.to === to && t.label === null)?.typeId;
}

/** v3 `associations` names: primary keeps the base name, the plain one becomes `_unlabeled`. */
export function v3AssociationName(def: AssociationTypeDef): string {
  const base = `${singular(def.from)}_to_${singular(def.to)}`;
  const hasPrimary = ASSOCIATION_TYPES.some(
    (t) => t.from === def.from && t.to === def.to && t.label === 'Primary',
  );
  if (def.label === 'Primary' || !hasPrimary) return base;
  return `${base}_unlabeled`;
}
