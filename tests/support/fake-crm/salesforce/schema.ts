/**
 * Salesforce object metadata for the objects Dealside touches: drives describe, SOQL field
 * resolution and write validation. Filterability follows Salesforce (long text areas such as
 * Task.Description cannot be filtered or sorted).
 */
import type { SoqlChildRelationship, SoqlField, SoqlFieldType, SoqlObject } from '../soql/catalog';
import type { SfTableName, SfValue, StoreSettings } from '../store/types';
import { KEY_PREFIXES } from './ids';

export interface SfFieldDef extends SoqlField {
  label: string;
  length: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  externalId: boolean;
  unique: boolean;
  custom: boolean;
  /** Required on create (REQUIRED_FIELD_MISSING when absent and no default). */
  required: boolean;
  picklistValues: string[];
  restrictedPicklist: boolean;
  defaultValue: SfValue;
}

export interface SfObjectDef extends SoqlObject {
  fields: SfFieldDef[];
  label: string;
  labelPlural: string;
  keyPrefix: string;
  table: SfTableName | null;
  createable: boolean;
  updateable: boolean;
}

type FieldOpts = Partial<Omit<SfFieldDef, 'name' | 'type'>>;

function field(name: string, type: SoqlFieldType, opts: FieldOpts = {}): SfFieldDef {
  const isLongText = type === 'textarea' && (opts.length ?? 32000) > 255;
  const readOnly = type === 'id';
  return {
    name,
    type,
    label:
      opts.label ??
      name
        .replace(/__c$/, '')
        .replace(/_/g, ' ')
        .replace(/([a-z])([A-Z])/g, '$1 $2'),
    length:
      opts.length ??
      (type === 'id' || type === 'reference'
        ? 18
        : ['string', 'email', 'phone', 'url', 'picklist'].includes(type)
          ? 255
          : type === 'textarea'
            ? 32000
            : 0),
    filterable: !isLongText,
    sortable: !isLongText,
    groupable: !isLongText && !['double', 'currency', 'percent', 'datetime'].includes(type),
    referenceTo: [],
    relationshipName: null,
    nillable: type !== 'boolean' && type !== 'id',
    createable: !readOnly,
    updateable: !readOnly,
    externalId: false,
    unique: false,
    custom: name.endsWith('__c'),
    required: false,
    picklistValues: [],
    restrictedPicklist: false,
    defaultValue: type === 'boolean' ? false : null,
    ...opts,
  };
}

const ro: FieldOpts = { createable: false, updateable: false };
const ref = (name: string, to: string[], rel: string, opts: FieldOpts = {}) =>
  field(name, 'reference', { referenceTo: to, relationshipName: rel, ...opts });
const pick = (name: string, values: string[], opts: FieldOpts = {}) =>
  field(name, 'picklist', { picklistValues: values, ...opts });

const audit = (): SfFieldDef[] => [
  field('CreatedDate', 'datetime', { ...ro, nillable: false }),
  ref('CreatedById', ['User'], 'CreatedBy', { ...ro, nillable: false }),
  field('LastModifiedDate', 'datetime', { ...ro, nillable: false }),
];

const idField = () => field('Id', 'id', { ...ro, nillable: false, label: 'Record ID' });
const owner = () => ref('OwnerId', ['User'], 'Owner', { label: 'Owner ID' });

const dealsideKey = () =>
  field('Dealside_Key__c', 'string', { externalId: true, unique: true, label: 'Dealside Key', length: 255 });

export const TASK_SUBTYPES = ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'];
export const TASK_STATUSES = [
  'Not Started',
  'In Progress',
  'Completed',
  'Waiting on someone else',
  'Deferred',
];
export const OPPORTUNITY_ROLES = [
  'Business User',
  'Decision Maker',
  'Economic Buyer',
  'Economic Decision Maker',
  'Evaluator',
  'Executive Sponsor',
  'Influencer',
  'Technical Buyer',
  'Other',
];

function objects(settings: Pick<StoreSettings, 'salesforceExternalIdField'>): SfObjectDef[] {
  const key = settings.salesforceExternalIdField ? [dealsideKey()] : [];
  const def = (
    name: string,
    table: SfTableName | null,
    fields: SfFieldDef[],
    childRelationships: SoqlChildRelationship[],
    opts: { createable?: boolean; updateable?: boolean; label?: string; labelPlural?: string } = {},
  ): SfObjectDef => ({
    name,
    label: opts.label ?? name.replace(/([a-z])([A-Z])/g, '$1 $2'),
    labelPlural: opts.labelPlural ?? `${name.replace(/([a-z])([A-Z])/g, '$1 $2')}s`,
    keyPrefix: KEY_PREFIXES[name as keyof typeof KEY_PREFIXES] ?? '000',
    table,
    fields,
    childRelationships,
    createable: opts.createable ?? true,
    updateable: opts.updateable ?? true,
  });
  const activityChildren = (field: string): SoqlChildRelationship[] => [
    { relationshipName: 'Tasks', childSObject: 'Task', field },
    { relationshipName: 'Events', childSObject: 'Event', field },
  ];
  return [
    def(
      'User',
      'users',
      [
        idField(),
        field('Name', 'string', ro),
        field('FirstName', 'string'),
        field('LastName', 'string', { required: true }),
        field('Email', 'email', { required: true }),
        field('Username', 'string', { required: true, unique: true }),
        field('Title', 'string'),
        field('IsActive', 'boolean', { defaultValue: true }),
        ref('ManagerId', ['User'], 'Manager', { label: 'Manager ID' }),
        ...audit(),
      ],
      [],
      { createable: false, updateable: false },
    ),
    def(
      'Account',
      'accounts',
      [
        idField(),
        field('Name', 'string', { required: true }),
        field('Website', 'url'),
        pick('Industry', ['Technology', 'Manufacturing', 'Finance', 'Retail', 'Healthcare', 'Other']),
        owner(),
        field('LastActivityDate', 'date', ro),
        ...audit(),
      ],
      [
        { relationshipName: 'Contacts', childSObject: 'Contact', field: 'AccountId' },
        { relationshipName: 'Opportunities', childSObject: 'Opportunity', field: 'AccountId' },
        ...activityChildren('WhatId'),
      ],
    ),
    def(
      'Contact',
      'contacts',
      [
        idField(),
        field('FirstName', 'string'),
        field('LastName', 'string', { required: true }),
        field('Name', 'string', ro),
        field('Email', 'email'),
        ref('AccountId', ['Account'], 'Account'),
        owner(),
        field('Title', 'string'),
        field('Phone', 'phone'),
        field('LastActivityDate', 'date', ro),
        ...audit(),
      ],
      [
        {
          relationshipName: 'OpportunityContactRoles',
          childSObject: 'OpportunityContactRole',
          field: 'ContactId',
        },
        ...activityChildren('WhoId'),
      ],
    ),
    def(
      'Lead',
      'leads',
      [
        idField(),
        field('FirstName', 'string'),
        field('LastName', 'string', { required: true }),
        field('Name', 'string', ro),
        field('Email', 'email'),
        field('Company', 'string', { required: true }),
        field('Title', 'string'),
        pick(
          'Status',
          ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'],
          {
            restrictedPicklist: true,
            defaultValue: 'Open - Not Contacted',
          },
        ),
        owner(),
        field('IsConverted', 'boolean', ro),
        ref('ConvertedContactId', ['Contact'], 'ConvertedContact', ro),
        ...audit(),
      ],
      activityChildren('WhoId'),
    ),
    def(
      'Opportunity',
      'opportunities',
      [
        idField(),
        field('Name', 'string', { required: true }),
        ref('AccountId', ['Account'], 'Account'),
        pick('StageName', [], { required: true, restrictedPicklist: true }),
        field('Amount', 'currency'),
        pick('CurrencyIsoCode', ['USD', 'EUR', 'GBP'], {
          restrictedPicklist: true,
          defaultValue: 'USD',
          nillable: false,
        }),
        field('CloseDate', 'date', { required: true }),
        field('IsClosed', 'boolean', ro),
        field('IsWon', 'boolean', ro),
        field('Probability', 'percent'),
        pick('ForecastCategoryName', ['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed']),
        field('NextStep', 'string', { length: 255 }),
        field('Description', 'textarea'),
        pick('Type', ['New Business', 'Existing Business']),
        field('LastActivityDate', 'date', ro),
        field('LastStageChangeDate', 'datetime', ro),
        owner(),
        pick(
          'Dealside_Stage_Reason__c',
          [
            'need-confirmed',
            'champion-identified',
            'economic-buyer-engaged',
            'technical-win',
            'commercials-agreed',
            'lost-competitor',
            'no-decision',
            'timing-budget',
          ],
          { label: 'Dealside Stage Reason' },
        ),
        // Custom fields an org maps MEDDIC and the judgement reasons to (drafting, issue 17).
        field('Metrics__c', 'textarea'),
        field('Economic_Buyer__c', 'textarea'),
        field('Decision_Criteria__c', 'textarea'),
        field('Decision_Process__c', 'textarea'),
        field('Identified_Pain__c', 'textarea'),
        field('Champion__c', 'textarea'),
        field('Dealside_Close_Date_Reason__c', 'string', { length: 40 }),
        field('Dealside_Forecast_Reason__c', 'string', { length: 40 }),
        field('Dealside_Amount_Reason__c', 'string', { length: 40 }),
        ...audit(),
      ],
      [
        {
          relationshipName: 'OpportunityContactRoles',
          childSObject: 'OpportunityContactRole',
          field: 'OpportunityId',
        },
        {
          relationshipName: 'OpportunityHistories',
          childSObject: 'OpportunityHistory',
          field: 'OpportunityId',
        },
        ...activityChildren('WhatId'),
        { relationshipName: 'Emails', childSObject: 'EmailMessage', field: 'RelatedToId' },
      ],
    ),
    def(
      'OpportunityContactRole',
      'opportunityContactRoles',
      [
        idField(),
        ref('OpportunityId', ['Opportunity'], 'Opportunity', { required: true, updateable: false }),
        ref('ContactId', ['Contact'], 'Contact', { required: true }),
        pick('Role', OPPORTUNITY_ROLES),
        field('IsPrimary', 'boolean'),
        ...audit(),
      ],
      [],
    ),
    def(
      'OpportunityHistory',
      'opportunityHistories',
      [
        idField(),
        ref('OpportunityId', ['Opportunity'], 'Opportunity', ro),
        pick('StageName', [], ro),
        field('Amount', 'currency', ro),
        field('CloseDate', 'date', ro),
        field('Probability', 'percent', ro),
        pick('ForecastCategory', ['Omitted', 'Pipeline', 'BestCase', 'Forecast', 'Closed'], ro),
        field('CreatedDate', 'datetime', { ...ro, nillable: false }),
        ref('CreatedById', ['User'], 'CreatedBy', { ...ro, nillable: false }),
      ],
      [],
      { createable: false, updateable: false, labelPlural: 'Opportunity Histories' },
    ),
    def(
      'OpportunityStage',
      'opportunityStages',
      [
        idField(),
        field('ApiName', 'string', ro),
        field('MasterLabel', 'string', ro),
        field('IsActive', 'boolean', ro),
        field('IsClosed', 'boolean', ro),
        field('IsWon', 'boolean', ro),
        field('DefaultProbability', 'percent', ro),
        pick('ForecastCategoryName', ['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed'], ro),
        field('SortOrder', 'int', ro),
        field('Description', 'string', ro),
        field('CreatedDate', 'datetime', ro),
      ],
      [],
      { createable: false, updateable: false },
    ),
    def(
      'Task',
      'tasks',
      [
        idField(),
        field('Subject', 'string', { length: 255 }),
        field('Description', 'textarea', { label: 'Comments' }),
        pick('TaskSubtype', TASK_SUBTYPES, {
          restrictedPicklist: true,
          updateable: false,
          defaultValue: 'Task',
        }),
        pick('Status', TASK_STATUSES, {
          restrictedPicklist: true,
          nillable: false,
          defaultValue: 'Not Started',
        }),
        pick('Priority', ['High', 'Normal', 'Low'], {
          restrictedPicklist: true,
          nillable: false,
          defaultValue: 'Normal',
        }),
        field('ActivityDate', 'date', { label: 'Due Date Only' }),
        ref('WhoId', ['Contact', 'Lead'], 'Who', { label: 'Name ID' }),
        ref('WhatId', ['Opportunity', 'Account'], 'What', { label: 'Related To ID' }),
        ref('AccountId', ['Account'], 'Account', ro),
        owner(),
        pick('CallType', ['Inbound', 'Internal', 'Outbound'], { restrictedPicklist: true }),
        field('CallDisposition', 'string', { length: 255, label: 'Call Result' }),
        field('CallDurationInSeconds', 'int', { label: 'Call Duration' }),
        field('IsClosed', 'boolean', ro),
        field('CompletedDateTime', 'datetime', ro),
        ...key,
        ...audit(),
      ],
      [],
    ),
    def(
      'Event',
      'events',
      [
        idField(),
        field('Subject', 'string', { length: 255 }),
        field('Description', 'textarea'),
        field('StartDateTime', 'datetime'),
        field('EndDateTime', 'datetime'),
        field('ActivityDateTime', 'datetime'),
        field('ActivityDate', 'date', ro),
        field('DurationInMinutes', 'int'),
        field('IsAllDayEvent', 'boolean'),
        field('Location', 'string', { length: 255 }),
        ref('WhoId', ['Contact', 'Lead'], 'Who', { label: 'Name ID' }),
        ref('WhatId', ['Opportunity', 'Account'], 'What', { label: 'Related To ID' }),
        ref('AccountId', ['Account'], 'Account', ro),
        owner(),
        ...key,
        ...audit(),
      ],
      [],
    ),
    def(
      'EmailMessage',
      'emailMessages',
      [
        idField(),
        field('Subject', 'string', { length: 3000 }),
        field('TextBody', 'textarea'),
        field('HtmlBody', 'textarea'),
        field('FromAddress', 'email'),
        field('FromName', 'string'),
        field('ToAddress', 'string', { length: 4000 }),
        field('CcAddress', 'string', { length: 4000 }),
        field('MessageDate', 'datetime'),
        field('MessageIdentifier', 'string'),
        field('Incoming', 'boolean'),
        pick('Status', ['0', '1', '2', '3', '4', '5'], { restrictedPicklist: true, required: true }),
        ref('RelatedToId', ['Opportunity', 'Account'], 'RelatedTo', { label: 'Related To ID' }),
        ref('ActivityId', ['Task'], 'Activity', ro),
        ...key,
        ...audit(),
      ],
      [],
    ),
  ];
}

const cache = new Map<boolean, Map<string, SfObjectDef>>();

/** Objects by lower-cased API name; the set depends on store settings (custom fields). */
export function sfSchema(
  settings: Pick<StoreSettings, 'salesforceExternalIdField'>,
): Map<string, SfObjectDef> {
  const flag = settings.salesforceExternalIdField;
  let found = cache.get(flag);
  if (!found) {
    found = new Map(objects(settings).map((o) => [o.name.toLowerCase(), o]));
    cache.set(flag, found);
  }
  return found;
}

export function sfObject(
  settings: Pick<StoreSettings, 'salesforceExternalIdField'>,
  name: string,
): SfObjectDef | undefined {
  return sfSchema(settings).get(name.toLowerCase());
}

export function sfField(object: SfObjectDef, name: string): SfFieldDef | undefined {
  const lower = name.toLowerCase();
  return object.fields.find((f) => f.name.toLowerCase() === lower);
}

/** Fields polymorphic relationships (Who, What, RelatedTo) expose, per the `Name` object. */
export const POLYMORPHIC_FIELDS: SoqlField[] = [
  'Id',
  'Name',
  'Type',
  'Email',
  'FirstName',
  'LastName',
  'Title',
].map((name) => ({
  name,
  type: name === 'Id' ? 'id' : name === 'Email' ? 'email' : 'string',
  filterable: true,
  sortable: true,
  groupable: true,
  referenceTo: [],
  relationshipName: null,
}));
