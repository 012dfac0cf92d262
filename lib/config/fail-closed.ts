/**
 * What an administrator's invalid value becomes. A key the policy sets stays locked whatever
 * the value, so a typo never hands the setting to the rep (or to anything that can write the
 * rep's settings): lists keep their valid entries and lose only the bad ones; any other key
 * takes the value that risks least, documented per key in docs/admin.md.
 */
import type { ZodMiniType } from 'zod/mini';
import {
  CodedLabel,
  DayCount,
  DEFAULT_DISPOSITIONS,
  DEFAULT_REASON_CODES,
  defaultConfig,
  Domain,
  type Config,
  type ConfigKey,
} from './schema';
import { describeIssue } from './issue-text';
import {
  DEFAULT_AMOUNT_REASONS,
  DEFAULT_CLOSE_DATE_REASONS,
  DEFAULT_FORECAST_REASONS,
  DRAFTING_RECORD_RULES,
} from './drafting-keys';

/** A list the admin sets entry by entry. */
interface ListRule {
  item: ZodMiniType;
  /** Entries with the same identity after the first are dropped. */
  identity: (item: unknown) => string;
  max?: number;
  /** When no entry survives; undefined keeps the (empty) list. */
  whenEmpty?: unknown;
}

const domainList: ListRule = { item: Domain, identity: String };
const codedList = (whenEmpty: unknown, max?: number): ListRule => ({
  item: CodedLabel,
  identity: (item) => (item as CodedLabel).code,
  whenEmpty,
  max,
});

export const LIST_RULES: Partial<Record<ConfigKey, ListRule>> = {
  internalDomains: domainList,
  excludedDomains: domainList,
  personalDomains: domainList,
  reasonCodes: codedList(DEFAULT_REASON_CODES),
  dispositions: codedList(DEFAULT_DISPOSITIONS, 20),
  closeDateReasonCodes: codedList(DEFAULT_CLOSE_DATE_REASONS, 20),
  forecastReasonCodes: codedList(DEFAULT_FORECAST_REASONS, 20),
  amountReasonCodes: codedList(DEFAULT_AMOUNT_REASONS, 20),
};

/** Keys whose entries (stage → days) are kept or dropped one by one. */
const RECORD_RULES: Partial<Record<ConfigKey, ZodMiniType>> = {
  stageAgeTargets: DayCount,
  ...DRAFTING_RECORD_RULES,
};

/**
 * The value an invalid policy value (that cannot be repaired entry by entry) is replaced with.
 * Empty sign-in settings stop sign-in rather than send the rep, or their tokens, somewhere the
 * admin did not choose; what to log falls to the least.
 */
export function safeValues(): Config {
  const defaults = defaultConfig();
  return {
    ...defaults,
    crmProvider: null,
    salesforceLoginUrl: '',
    salesforceClientId: '',
    salesforceStageReasonField: '',
    salesforceLogKeyField: '',
    hubspotClientId: '',
    hubspotTokenExchangeUrl: '',
    hubspotPrivateAppToken: '',
    hubspotStageReasonProperty: '',
    hubspotLogKeyProperty: '',
    logBody: 'headers',
    requireNextStep: true,
    // Nothing moves by itself on a policy that could not be read.
    auditAutoAttach: false,
    auditTeam: [],
    // An auto-capture typo captures nothing rather than log without a click.
    captureSent: 'off',
    captureReceived: 'off',
    captureMeetings: 'off',
  };
}

export interface Repair {
  value: unknown;
  /** One line per dropped entry, or why the whole value was replaced. */
  problems: string[];
  /** Whether the value is the key's safe value rather than what remained of the admin's. */
  replaced: boolean;
}

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

function repairList(rule: ListRule, value: unknown[]): Repair {
  const problems: string[] = [];
  const kept: unknown[] = [];
  const seen = new Set<string>();
  for (const entry of value) {
    const parsed = rule.item.safeParse(entry);
    if (!parsed.success) {
      problems.push(`${show(entry)} was dropped: ${describeIssue(rule.item, entry)}`);
      continue;
    }
    const id = rule.identity(parsed.data);
    if (seen.has(id)) {
      problems.push(`${show(entry)} was dropped: it repeats "${id}"`);
      continue;
    }
    seen.add(id);
    if (rule.max !== undefined && kept.length >= rule.max) {
      problems.push(`${show(entry)} was dropped: at most ${rule.max} entries`);
      continue;
    }
    kept.push(parsed.data);
  }
  if (kept.length === 0 && rule.whenEmpty !== undefined) {
    return { value: structuredClone(rule.whenEmpty), problems, replaced: true };
  }
  return { value: kept, problems, replaced: false };
}

function repairRecord(item: ZodMiniType, value: Record<string, unknown>): Repair {
  const problems: string[] = [];
  const kept: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(value)) {
    const parsed = item.safeParse(entry);
    if (parsed.success) kept[name] = parsed.data;
    else problems.push(`"${name}": ${show(entry)} was dropped: ${describeIssue(item, entry)}`);
  }
  return { value: kept, problems, replaced: false };
}

/** Repairs an invalid policy value for `key` (already known not to parse as a whole). */
export function repairPolicyValue(key: ConfigKey, schema: ZodMiniType, value: unknown): Repair {
  const list = LIST_RULES[key];
  if (list && Array.isArray(value)) {
    const repaired = repairList(list, value);
    // What is left may still break a rule about the list as a whole (reason codes: eight).
    const whole = repaired.replaced ? null : describeIssue(schema, repaired.value);
    if (whole) repaired.problems.push(`Dealside expects ${whole}; it uses the valid entries meanwhile`);
    return repaired;
  }
  const record = RECORD_RULES[key];
  if (record && value && typeof value === 'object' && !Array.isArray(value)) {
    return repairRecord(record, value as Record<string, unknown>);
  }
  return {
    value: structuredClone(safeValues()[key]),
    problems: [describeIssue(schema, value) ?? 'invalid value'],
    replaced: true,
  };
}

const SIGN_IN_KEYS = new Set<ConfigKey>([
  'crmProvider',
  'salesforceLoginUrl',
  'salesforceClientId',
  'hubspotClientId',
  'hubspotTokenExchangeUrl',
]);

/** The sentence a warning ends with when a value was replaced. */
export function describeReplacement(key: ConfigKey, value: unknown): string {
  if (SIGN_IN_KEYS.has(key)) return 'Sign-in stays off until your administrator fixes it.';
  if (value === '') return 'Dealside uses none, and the setting stays locked.';
  if (Array.isArray(value)) return 'Dealside uses its built-in list, and the setting stays locked.';
  return `Dealside uses ${show(value)}, and the setting stays locked.`;
}
