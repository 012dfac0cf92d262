/**
 * The HubSpot response shapes Dealside reads, as tolerant `zod/mini` schemas: extra fields pass,
 * missing or null ones become null, and one malformed record is skipped (and counted) instead
 * of failing the whole answer. Property values arrive as strings; they are normalised here.
 */
import * as z from 'zod/mini';

/** HubSpot ids are strings in v3 and numbers in v4 (`toObjectId`). */
export const Id = z.pipe(
  z.union([z.string().check(z.minLength(1)), z.number()]),
  z.transform((value) => String(value)),
);

const HistoryEntry = z.looseObject({
  value: z.optional(z.nullable(z.unknown())),
  timestamp: z.optional(z.nullable(z.string())),
});

const AssociationList = z.looseObject({
  results: z.optional(
    z.nullable(z.array(z.looseObject({ id: Id, type: z.optional(z.nullable(z.string())) }))),
  ),
  paging: z.optional(z.nullable(z.unknown())),
});

export const HsObjectSchema = z.looseObject({
  id: Id,
  properties: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
  propertiesWithHistory: z.optional(z.nullable(z.record(z.string(), z.nullable(z.array(z.unknown()))))),
  associations: z.optional(z.nullable(z.record(z.string(), z.nullable(AssociationList)))),
});

export type Props = Record<string, string | null>;

export interface HistoryValue {
  value: string | null;
  timestamp: string | null;
}

export interface HsObject {
  id: string;
  props: Props;
  history: Record<string, HistoryValue[]>;
  /** v3 `associations` of a single-object GET: plural object type → ids (and v3 type names). */
  associations: Record<string, Array<{ id: string; type: string | null }>>;
  /** True when an association list said it had more pages than were returned. */
  associationsTruncated: boolean;
}

function propValue(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return null;
}

/** `email` → `emails`, `company` → `companies`; HubSpot has used both forms as keys. */
export function pluralType(key: string): string {
  const lower = key.toLowerCase();
  if (lower === 'company') return 'companies';
  return lower.endsWith('s') ? lower : `${lower}s`;
}

export function toHsObject(raw: z.infer<typeof HsObjectSchema>): HsObject {
  const props: Props = {};
  for (const [name, value] of Object.entries(raw.properties ?? {})) props[name] = propValue(value);
  const history: Record<string, HistoryValue[]> = {};
  for (const [name, entries] of Object.entries(raw.propertiesWithHistory ?? {})) {
    history[name] = (entries ?? []).flatMap((entry) => {
      const parsed = HistoryEntry.safeParse(entry);
      return parsed.success
        ? [{ value: propValue(parsed.data.value), timestamp: parsed.data.timestamp ?? null }]
        : [];
    });
  }
  const associations: HsObject['associations'] = {};
  let associationsTruncated = false;
  for (const [key, list] of Object.entries(raw.associations ?? {})) {
    const type = pluralType(key);
    const seen = new Set((associations[type] ?? []).map((item) => item.id));
    const items = associations[type] ?? [];
    for (const item of list?.results ?? []) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      items.push({ id: item.id, type: item.type ?? null });
    }
    associations[type] = items;
    if (list?.paging) associationsTruncated = true;
  }
  return { id: raw.id, props, history, associations, associationsTruncated };
}

/** Parses one object (a single GET); null when the answer is not a HubSpot object. */
export function parseObject(body: unknown): HsObject | null {
  const parsed = HsObjectSchema.safeParse(body);
  return parsed.success ? toHsObject(parsed.data) : null;
}

const ResultList = z.looseObject({ results: z.optional(z.nullable(z.array(z.unknown()))) });

/** `{results: [...]}` → objects; `dropped` counts records that could not be read. */
export function parseObjects(body: unknown): { objects: HsObject[]; dropped: number } {
  const list = ResultList.safeParse(body);
  const objects: HsObject[] = [];
  let dropped = 0;
  for (const item of list.success ? (list.data.results ?? []) : []) {
    const parsed = HsObjectSchema.safeParse(item);
    if (parsed.success) objects.push(toHsObject(parsed.data));
    else dropped++;
  }
  return { objects, dropped };
}

const AssociationResult = z.looseObject({
  from: z.looseObject({ id: Id }),
  to: z.optional(
    z.nullable(
      z.array(
        z.looseObject({
          toObjectId: Id,
          associationTypes: z.optional(
            z.nullable(
              z.array(
                z.looseObject({
                  category: z.optional(z.nullable(z.string())),
                  typeId: z.optional(z.nullable(z.number())),
                }),
              ),
            ),
          ),
        }),
      ),
    ),
  ),
  paging: z.optional(z.nullable(z.unknown())),
});

export interface AssociatedId {
  id: string;
  typeIds: number[];
}

/** v4 batch read → from id → associated ids (and their type ids). */
export function parseAssociations(body: unknown): {
  byFrom: Map<string, AssociatedId[]>;
  truncated: boolean;
  dropped: number;
} {
  const list = ResultList.safeParse(body);
  const byFrom = new Map<string, AssociatedId[]>();
  let truncated = false;
  let dropped = 0;
  for (const item of list.success ? (list.data.results ?? []) : []) {
    const parsed = AssociationResult.safeParse(item);
    if (!parsed.success) {
      dropped++;
      continue;
    }
    const targets = byFrom.get(parsed.data.from.id) ?? [];
    for (const to of parsed.data.to ?? []) {
      const typeIds = (to.associationTypes ?? []).flatMap((t) =>
        typeof t.typeId === 'number' ? [t.typeId] : [],
      );
      const existing = targets.find((target) => target.id === to.toObjectId);
      if (existing) existing.typeIds.push(...typeIds);
      else targets.push({ id: to.toObjectId, typeIds });
    }
    byFrom.set(parsed.data.from.id, targets);
    if (parsed.data.paging) truncated = true;
  }
  return { byFrom, truncated, dropped };
}

const V4ObjectAssociations = z.looseObject({
  results: z.optional(z.nullable(z.array(z.looseObject({ toObjectId: Id })))),
});

/** GET /crm/v4/objects/{type}/{id}/associations/{to} → ids. */
export function parseObjectAssociations(body: unknown): string[] {
  const parsed = V4ObjectAssociations.safeParse(body);
  return parsed.success ? [...new Set((parsed.data.results ?? []).map((r) => r.toObjectId))] : [];
}

// ---------------------------------------------------------------- property readers

export function text(props: Props, name: string): string | null {
  const value = props[name];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function numberOf(props: Props, name: string): number | null {
  const value = text(props, name);
  if (value === null) return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** HubSpot datetimes come as ISO strings or epoch milliseconds; returns ISO or null. */
export function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

export function dateOf(props: Props, name: string): string | null {
  return isoDate(text(props, name));
}

export function boolOf(props: Props, name: string): boolean | null {
  const value = text(props, name)?.toLowerCase();
  return value === 'true' ? true : value === 'false' ? false : null;
}
