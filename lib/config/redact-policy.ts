/**
 * What the worker hands the admin page of the managed policy: its secrets replaced by whether
 * they are set. Lives with the config so the worker needs nothing from the panel's modules.
 */
import { SECRET_KEYS } from './schema';

/** The managed policy with its secrets replaced by whether they are set. */
export function redactPolicy(policy: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...policy };
  for (const key of SECRET_KEYS) if (Object.hasOwn(copy, key)) copy[key] = '(set by policy)';
  return copy;
}
