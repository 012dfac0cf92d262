/**
 * What the SOQL interpreter needs to know about the data it queries. The Salesforce fake
 * implements this over its store; unit tests can implement it over a handful of rows.
 */
export type SoqlValue = string | number | boolean | null;

export interface SoqlRow {
  Id: string;
  [field: string]: SoqlValue;
}

export type SoqlFieldType =
  | 'id'
  | 'reference'
  | 'string'
  | 'textarea'
  | 'email'
  | 'picklist'
  | 'phone'
  | 'url'
  | 'boolean'
  | 'currency'
  | 'double'
  | 'percent'
  | 'int'
  | 'date'
  | 'datetime';

export interface SoqlField {
  name: string;
  type: SoqlFieldType;
  filterable: boolean;
  sortable: boolean;
  groupable: boolean;
  /** Target objects of a reference field (several = polymorphic, e.g. Task.WhoId). */
  referenceTo: string[];
  /** `Account` for AccountId, `Who` for WhoId; null for non-reference fields. */
  relationshipName: string | null;
}

export interface SoqlChildRelationship {
  relationshipName: string;
  childSObject: string;
  field: string;
}

export interface SoqlObject {
  name: string;
  fields: SoqlField[];
  childRelationships: SoqlChildRelationship[];
}

/** Polymorphic relationships (Who, What, RelatedTo) expose the fields of this pseudo-object. */
export const POLYMORPHIC_OBJECT = 'Name';

export interface Catalog {
  /** Case-insensitive lookup by API name (plus the `Name` pseudo-object). */
  object(name: string): SoqlObject | undefined;
  rows(objectName: string): readonly SoqlRow[];
  byId(id: string): { object: string; row: SoqlRow } | undefined;
}
