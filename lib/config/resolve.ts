/**
 * Layers defaults < managed policy < user settings, key by key. A key the policy sets is locked,
 * even when its value is invalid: then it takes what is left of it, or its safe value
 * (fail-closed.ts), with a warning an admin or rep can act on. An invalid rep value is ignored
 * with a warning. Nothing here throws.
 */
import type { ZodMiniType } from 'zod/mini';
import { describeReplacement, repairPolicyValue } from './fail-closed';
import { describeIssue } from './issue-text';
import { CONFIG_KEYS, configFields, defaultConfig, SECRET_KEYS, type Config, type ConfigKey } from './schema';

export interface ConfigWarning {
  source: 'policy' | 'user';
  key: string;
  message: string;
}

export interface ResolvedConfig {
  config: Config;
  /** Keys set by the administrator; the settings view shows them read-only. */
  locked: ConfigKey[];
  warnings: ConfigWarning[];
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function firstIssue(
  schema: ZodMiniType,
  value: unknown,
): { ok: true; value: unknown } | { ok: false; why: string } {
  const result = schema.safeParse(value);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, why: describeIssue(schema, value) ?? 'invalid value' };
}

export function resolveConfig(managed: unknown, user: unknown): ResolvedConfig {
  const policy = asRecord(managed);
  const mine = asRecord(user);
  const config = defaultConfig() as Record<ConfigKey, unknown>;
  const locked: ConfigKey[] = [];
  const warnings: ConfigWarning[] = [];

  for (const key of CONFIG_KEYS) {
    const schema = configFields[key][0] as ZodMiniType;
    if (Object.hasOwn(policy, key)) {
      // Set by the admin: locked, valid or not (fail closed).
      locked.push(key);
      const parsed = firstIssue(schema, policy[key]);
      if (parsed.ok) {
        config[key] = parsed.value;
        continue;
      }
      const repair = repairPolicyValue(key, schema, policy[key]);
      config[key] = repair.value;
      for (const problem of repair.problems) {
        warnings.push({
          source: 'policy',
          key,
          message: repair.replaced
            ? `Your administrator's value for "${key}" is invalid: ${problem}. ${describeReplacement(key, repair.value)}`
            : `Your administrator's "${key}": ${problem}.`,
        });
      }
      continue;
    }
    if (Object.hasOwn(mine, key) && !SECRET_KEYS.has(key)) {
      const parsed = firstIssue(schema, mine[key]);
      if (parsed.ok) config[key] = parsed.value;
      else
        warnings.push({
          source: 'user',
          key,
          message: `Your value for "${key}" was ignored: ${parsed.why}.`,
        });
    }
  }
  for (const key of Object.keys(policy)) {
    if (!Object.hasOwn(configFields, key)) {
      warnings.push({
        source: 'policy',
        key,
        message: `Your administrator set "${key}", which Dealside does not know.`,
      });
    }
  }
  return { config: config as Config, locked, warnings };
}

/** Validates a user's edit to one key against its schema and the policy lock. */
export function validateUserEdit(
  resolved: Pick<ResolvedConfig, 'locked'>,
  key: string,
  value: unknown,
): { ok: true; key: ConfigKey; value: unknown } | { ok: false; message: string } {
  if (!Object.hasOwn(configFields, key)) return { ok: false, message: `Unknown setting "${key}".` };
  const configKey = key as ConfigKey;
  if (resolved.locked.includes(configKey)) {
    return { ok: false, message: `"${key}" is set by your administrator.` };
  }
  if (SECRET_KEYS.has(configKey))
    return { ok: false, message: `"${key}" can only be set by your administrator.` };
  const parsed = firstIssue(configFields[configKey][0] as ZodMiniType, value);
  return parsed.ok ? { ok: true, key: configKey, value: parsed.value } : { ok: false, message: parsed.why };
}

/** The config as the panel may see it: secrets replaced by whether they are set. */
export function redactForPanel(config: Config): Config {
  const copy = { ...config };
  for (const key of SECRET_KEYS) {
    (copy as Record<string, unknown>)[key] = config[key] ? '(set by your administrator)' : '';
  }
  return copy;
}
