/**
 * Which settings belong to whom. A rep sees what they may change, as controls, and only their
 * own CRM's connection fields; everything else (field names, API versions, the lists the whole
 * team shares, the pilot token) is the administrator's and lives on the admin page. Also how a
 * value reads in words, and the policy file the Admin console takes.
 */
import { CONFIG_KEYS, SECRET_KEYS, type Config, type ConfigKey } from '../config/schema';

const CONNECTION: Record<'hubspot' | 'salesforce', ConfigKey[]> = {
  salesforce: ['salesforceLoginUrl', 'salesforceClientId'],
  hubspot: ['hubspotClientId', 'hubspotTokenExchangeUrl'],
};

/** What a rep's Settings offers, grouped as the view shows it. */
export const REP_GROUPS = {
  crm: ['crmProvider'] as ConfigKey[],
  day: ['repRole', 'activityTargets', 'noTouchDays', 'stageAgeTargets'] as ConfigKey[],
  logging: ['logBody', 'requireNextStep', 'captureSent', 'captureReceived', 'captureMeetings'] as ConfigKey[],
  mail: ['internalDomains', 'excludedDomains', 'personalDomains'] as ConfigKey[],
};

const REP_KEYS = new Set<ConfigKey>([
  ...Object.values(REP_GROUPS).flat(),
  ...CONNECTION.hubspot,
  ...CONNECTION.salesforce,
]);

/** Keys only an administrator sets (by policy); the rep's Settings never lists them. */
export const ADMIN_ONLY_KEYS: ConfigKey[] = CONFIG_KEYS.filter((key) => !REP_KEYS.has(key));

/**
 * The connection fields the rep sees: their CRM's only once a CRM is chosen (by policy or by
 * them), both while none is.
 */
export function connectionKeys(provider: Config['crmProvider']): ConfigKey[] {
  return provider ? CONNECTION[provider] : [...CONNECTION.hubspot, ...CONNECTION.salesforce];
}

const LOG_BODY: Record<Config['logBody'], string> = {
  full: 'The whole email',
  excerpt: 'The first 500 characters',
  headers: 'Only subject, people and time',
};
const CAPTURE_MODE: Record<Config['captureSent'], string> = {
  suggest: 'Suggest: one click logs it',
  auto: 'Automatically, with Undo',
  off: 'Off',
};
export const CAPTURE_MODE_OPTIONS = Object.entries(CAPTURE_MODE) as [Config['captureSent'], string][];
export const LOG_BODY_OPTIONS = Object.entries(LOG_BODY) as [Config['logBody'], string][];
export const ROLE_LABELS: Record<Config['repRole'], string> = { ae: 'Account executive', bdr: 'BDR / SDR' };
export const CRM_LABELS = { hubspot: 'HubSpot', salesforce: 'Salesforce' } as const;

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
const targets = (t: { calls: number; emails: number; meetings: number }) =>
  `${count(t.calls, 'call')}, ${count(t.emails, 'email')}, ${count(t.meetings, 'meeting')} a day`;

/** A value as a sentence, never as JSON. */
export function describeValue(key: ConfigKey, value: unknown): string {
  if (SECRET_KEYS.has(key)) return value ? 'Set (hidden)' : 'Not set';
  switch (key) {
    case 'crmProvider':
      return value ? CRM_LABELS[value as 'hubspot' | 'salesforce'] : 'Not chosen';
    case 'repRole':
      return ROLE_LABELS[value as Config['repRole']] ?? String(value);
    case 'logBody':
      return LOG_BODY[value as Config['logBody']] ?? String(value);
    case 'captureSent':
    case 'captureReceived':
    case 'captureMeetings':
      return CAPTURE_MODE[value as Config['captureSent']] ?? String(value);
    case 'activityTargets': {
      const t = value as Config['activityTargets'];
      return `Account executives: ${targets(t.ae)}. BDRs: ${targets(t.bdr)}.`;
    }
    case 'noTouchDays': {
      const t = value as Config['noTouchDays'];
      return `${t.open} days (${t.lateStage} in late stages)`;
    }
    case 'stageAgeTargets': {
      const entries = Object.entries(value as Record<string, number>);
      return entries.length === 0
        ? 'Defaults: 14 days (21 in proposal and negotiation stages)'
        : entries.map(([stage, days]) => `${stage}: ${days} days`).join('; ');
    }
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) {
    const items = value.map((v) =>
      v && typeof v === 'object' && 'label' in v ? String(v.label) : String(v),
    );
    return items.length > 0 ? items.join(', ') : 'None';
  }
  if (value === null || value === '') return 'Not set';
  return String(value);
}

export { redactPolicy } from '../config/redact-policy';

/** A policy without its secrets, for the admin page to start a draft from. */
export function withoutSecrets(policy: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(policy).filter(([key]) => !SECRET_KEYS.has(key as ConfigKey)));
}

/**
 * The Admin console's "Policy for extensions" JSON (`{"key": {"Value": …}}`) for the keys of a
 * draft Dealside accepts; rejected keys stay out so the console never pushes an ignored value.
 */
export function adminConsoleJson(draft: Record<string, unknown>, accepted: readonly string[]): string {
  const out: Record<string, { Value: unknown }> = {};
  for (const key of CONFIG_KEYS) {
    if (Object.hasOwn(draft, key) && accepted.includes(key)) out[key] = { Value: draft[key] };
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}
