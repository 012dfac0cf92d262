/**
 * The SOQL Catalog over the Salesforce store. Built per request: the id index reflects the
 * store at that moment.
 */
import { POLYMORPHIC_OBJECT, type Catalog, type SoqlObject, type SoqlRow } from '../soql/catalog';
import type { Store } from '../store/types';
import { to18 } from './ids';
import { POLYMORPHIC_FIELDS, sfSchema } from './schema';

const POLYMORPHIC: SoqlObject = {
  name: POLYMORPHIC_OBJECT,
  fields: POLYMORPHIC_FIELDS,
  childRelationships: [],
};

export function storeCatalog(store: Store): Catalog {
  const schema = sfSchema(store.settings);
  let index: Map<string, { object: string; row: SoqlRow }> | undefined;
  const buildIndex = () => {
    const map = new Map<string, { object: string; row: SoqlRow }>();
    for (const def of schema.values()) {
      if (!def.table) continue;
      for (const row of store.salesforce[def.table]) map.set(row.Id.toLowerCase(), { object: def.name, row });
    }
    return map;
  };
  return {
    object(name) {
      if (name.toLowerCase() === POLYMORPHIC_OBJECT.toLowerCase()) return POLYMORPHIC;
      return schema.get(name.toLowerCase());
    },
    rows(objectName) {
      const def = schema.get(objectName.toLowerCase());
      return def?.table ? store.salesforce[def.table] : [];
    },
    byId(id) {
      index ??= buildIndex();
      return /^[a-zA-Z0-9]{15}$/.test(id) ? index.get(to18(id).toLowerCase()) : index.get(id.toLowerCase());
    },
  };
}

/** Finds any record by id (15 or 18 characters) across all tables. */
export function findSfRecord(store: Store, id: string) {
  return storeCatalog(store).byId(id);
}
