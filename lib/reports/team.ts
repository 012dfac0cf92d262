/**
 * Who the weekly reports are about: the team the admin names in policy (`reportTeam`) wins;
 * else the team the CRM's hierarchy gives the signed-in rep (lib/crm/report-people.ts); else
 * the rep alone.
 */
import type { Person } from '../crm/report-people';

export type TeamSource = 'policy' | 'crm' | 'rep';

export function chooseTeam(input: {
  policyTeam: readonly string[];
  crmTeam: readonly Person[];
  me: string;
}): {
  owners: string[];
  source: TeamSource;
} {
  const policy = [...new Set(input.policyTeam.filter((id) => id.trim()))];
  if (policy.length > 0) return { owners: policy, source: 'policy' };
  const crm = [...new Set(input.crmTeam.map((p) => p.id))];
  if (crm.length > 0) return { owners: crm, source: 'crm' };
  return { owners: [input.me], source: 'rep' };
}

/** A person's name for display: the CRM's name, else the id (never blank). */
export function displayName(names: Readonly<Record<string, string>> | undefined, id: string): string {
  const name = names?.[id]?.trim();
  return name ? name : id;
}
