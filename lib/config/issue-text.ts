/**
 * A zod issue in words an administrator can act on. zod/mini ships no messages ("Invalid input"
 * for everything), so the issue's own facts are spelled out unless the schema gave a message.
 */
import type { ZodMiniType } from 'zod/mini';

interface Issue {
  code?: string;
  message?: string;
  path?: PropertyKey[];
  expected?: string;
  values?: unknown[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

const UNITS: Record<string, string> = { string: ' characters', array: ' entries', set: ' entries' };

function words(issue: Issue): string {
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  const unit = UNITS[issue.origin ?? ''] ?? '';
  switch (issue.code) {
    case 'invalid_type':
      return `expected a ${issue.expected ?? 'different type'}`;
    case 'invalid_value':
      return `expected one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `expected at least ${String(issue.minimum)}${unit}`;
    case 'too_big':
      return `expected at most ${String(issue.maximum)}${unit}`;
    default:
      return 'invalid value';
  }
}

/** Why `value` fails `schema` (its first issue, with where), or null when it passes. */
export function describeIssue(schema: ZodMiniType, value: unknown): string | null {
  const result = schema.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0] as Issue | undefined;
  if (!issue) return 'invalid value';
  const where = issue.path && issue.path.length > 0 ? ` (at ${issue.path.map(String).join('.')})` : '';
  return `${words(issue)}${where}`;
}
