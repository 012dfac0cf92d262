/**
 * A zod failure as one line a person can act on: the first three bad fields, each with where it
 * is and what was expected. Shared by the contract CLIs' input parsers (match, audit, report).
 */
import type * as z from 'zod/mini';

type Issue = z.core.$ZodIssue;

export function oneLineIssues(issues: readonly Issue[], special?: (issue: Issue) => string | null): string {
  const problems = issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    const what =
      special?.(issue) ??
      (issue.code === 'invalid_type'
        ? `expected ${issue.expected}`
        : issue.code === 'invalid_value'
          ? `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
          : issue.message);
    return `${where}: ${what}`;
  });
  const more = issues.length > 3 ? ` (+${issues.length - 3} more)` : '';
  return problems.join('; ') + more;
}
