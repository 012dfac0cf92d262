/**
 * The `match` contract (DESIGN.md): what the engine reads and what it answers. Unknown fields in
 * CRM records are tolerated (stripped) because adapters pass through whatever the CRM returns.
 */
import * as z from 'zod/mini';
import { oneLineIssues } from '../validation/issues';
import { Interaction } from '../model';

/**
 * Free-mail providers: an address here says nothing about the company, so its domain never
 * matches an account (a known contact at such an address still matches as a contact).
 */
export const DEFAULT_PERSONAL_DOMAINS: readonly string[] = [
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.fr',
  'yahoo.de',
  'yahoo.es',
  'ymail.com',
  'outlook.com',
  'outlook.de',
  'outlook.fr',
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.fr',
  'hotmail.de',
  'hotmail.es',
  'live.com',
  'live.fr',
  'live.nl',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'gmx.de',
  'gmx.net',
  'gmx.at',
  'gmx.com',
  'web.de',
  't-online.de',
  'freenet.de',
  'mail.com',
  'mail.ru',
  'yandex.com',
  'yandex.ru',
  'zoho.com',
  'fastmail.com',
  'hey.com',
  'tutanota.com',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'laposte.net',
  'sfr.fr',
  'libero.it',
  'virgilio.it',
  'terra.com.br',
  'uol.com.br',
  'bol.com.br',
  'ziggo.nl',
  'kpnmail.nl',
  'telenet.be',
  'skynet.be',
  'qq.com',
  '163.com',
  'naver.com',
];

const isDate = (value: string) => !Number.isNaN(Date.parse(value));
const DateString = z.string().check(z.refine(isDate, 'not a date'));

export const Contact = z.object({
  id: z.string(),
  /** CRMs hold contacts without an address; those can never match a participant. */
  email: z.nullish(z.string()),
  name: z.nullish(z.string()),
  accountId: z.nullish(z.string()),
});
export type Contact = z.infer<typeof Contact>;

export const Account = z.object({
  id: z.string(),
  name: z.string(),
  domain: z.nullish(z.string()),
});
export type Account = z.infer<typeof Account>;

export const Opportunity = z.object({
  id: z.string(),
  name: z.string(),
  accountId: z.nullish(z.string()),
  stage: z.nullish(z.string()),
  isClosed: z.boolean(),
  ownerId: z.nullish(z.string()),
  amount: z.nullish(z.number()),
  closeDate: z.nullish(DateString),
  lastActivityAt: z.nullish(DateString),
  contactIds: z._default(z.array(z.string()), () => []),
});
export type Opportunity = z.infer<typeof Opportunity>;

export const CrmSnapshot = z.object({
  contacts: z._default(z.array(Contact), () => []),
  accounts: z._default(z.array(Account), () => []),
  opportunities: z._default(z.array(Opportunity), () => []),
});
export type CrmSnapshot = z.infer<typeof CrmSnapshot>;

export const MatchSettings = z.object({
  internalDomains: z._default(z.array(z.string()), () => []),
  excludedDomains: z._default(z.array(z.string()), () => []),
  personalDomains: z._default(z.array(z.string()), () => [...DEFAULT_PERSONAL_DOMAINS]),
});
export type MatchSettings = z.infer<typeof MatchSettings>;

export const MatchUser = z.object({
  email: z.string(),
  /** The user's id in the CRM; without it ownership is simply not a signal. */
  crmUserId: z.nullish(z.string()),
});
export type MatchUser = z.infer<typeof MatchUser>;

export const MatchHistory = z.object({
  /** Source id (Gmail thread id or Calendar event id) → the opportunity chosen or logged for it. */
  threadOpportunity: z._default(z.record(z.string(), z.string()), () => ({})),
});
export type MatchHistory = z.infer<typeof MatchHistory>;

export const MatchScenario = z.object({
  user: MatchUser,
  settings: z.prefault(MatchSettings, {}),
  interaction: Interaction,
  crm: CrmSnapshot,
  history: z.prefault(MatchHistory, {}),
  /** ISO instant that recency and close dates are measured against; defaults to the clock. */
  now: z.optional(DateString),
});
export type MatchScenario = z.infer<typeof MatchScenario>;
export type MatchScenarioInput = z.input<typeof MatchScenario>;

export const Decision = z.enum(['attach', 'ask', 'skip', 'none']);
export type Decision = z.infer<typeof Decision>;

export const SkipReason = z.enum(['internal-only', 'automated', 'bulk', 'excluded']);
export type SkipReason = z.infer<typeof SkipReason>;

export const Candidate = z.object({
  opportunityId: z.string(),
  /** 0..1, two decimals. */
  score: z.number(),
  reasons: z.array(z.string()),
});
export type Candidate = z.infer<typeof Candidate>;

export const MatchResult = z.object({
  decision: Decision,
  /** Set only when the decision is `attach`. */
  opportunityId: z.nullable(z.string()),
  skipReason: z.nullable(SkipReason),
  /** Best first; empty for `skip` and `none`. */
  candidates: z.array(Candidate),
});
export type MatchResult = z.infer<typeof MatchResult>;

/** Validates untrusted input; the error names every bad field on one line. */
export function parseMatchScenario(
  input: unknown,
): { ok: true; scenario: MatchScenario } | { ok: false; error: string } {
  const parsed = MatchScenario.safeParse(input);
  if (parsed.success) return { ok: true, scenario: parsed.data };
  return {
    ok: false,
    error: oneLineIssues(parsed.error.issues, (issue) =>
      issue.code === 'invalid_union' && issue.path.at(-1) === 'kind'
        ? 'expected "email-thread" or "meeting"'
        : null,
    ),
  };
}
