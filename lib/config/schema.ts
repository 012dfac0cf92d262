/**
 * Every setting Dealside reads, one zod schema per key with its default. Keys are validated
 * one by one so a single bad policy value never takes the others down with it.
 */
import * as z from 'zod/mini';
import { DEFAULT_PERSONAL_DOMAINS } from '../match/schema';
import { draftingConfigFields } from './drafting-keys';

const Code = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a lower-case code such as need-confirmed'));
const Label = z.string().check(z.minLength(1), z.maxLength(80));
export const CodedLabel = z.object({ code: Code, label: Label });
export type CodedLabel = z.infer<typeof CodedLabel>;

function uniqueCodes(list: CodedLabel[]): boolean {
  return new Set(list.map((item) => item.code)).size === list.length;
}

/**
 * A domain; `*.example.com` is read as `example.com`, because every domain listed already covers
 * its subdomains, and reading the wildcard as the wider domain errs on the safe side for all three
 * lists (excluded: logs less; internal: treats more as internal; personal: guesses fewer accounts).
 */
export const Domain = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.overwrite((value) => value.replace(/^\*\./, '')),
  z.regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,63}$/, 'a domain such as example.com'),
);
const HttpsUrl = z.string().check(z.regex(/^https:\/\/[^\s/]+(\/\S*)?$/, 'an https:// URL'));
const OptionalHttpsUrl = z.union([z.literal(''), HttpsUrl]);
export const DayCount = z.int().check(z.minimum(1), z.maximum(3650));
const DailyTarget = z.object({
  calls: z.int().check(z.minimum(0), z.maximum(1000)),
  emails: z.int().check(z.minimum(0), z.maximum(1000)),
  meetings: z.int().check(z.minimum(0), z.maximum(1000)),
});
const ApiName = z.string().check(z.regex(/^$|^[A-Za-z][A-Za-z0-9_]{0,79}$/, 'a field API name'));

/** About ten pages of text: a long email thread fits, 400 queued logs stay under 80% of 10 MB. */
export const DEFAULT_MAX_STORED_TEXT_CHARS = 20_000;

export const DEFAULT_REASON_CODES: CodedLabel[] = [
  { code: 'need-confirmed', label: 'Need and pain confirmed' },
  { code: 'champion-identified', label: 'Champion identified' },
  { code: 'economic-buyer-engaged', label: 'Economic buyer engaged' },
  { code: 'technical-win', label: 'Technical validation passed' },
  { code: 'commercials-agreed', label: 'Commercial terms agreed' },
  { code: 'lost-competitor', label: 'Lost to a competitor' },
  { code: 'no-decision', label: 'No decision / status quo' },
  { code: 'timing-budget', label: 'Budget or timing slipped' },
];

export const DEFAULT_DISPOSITIONS: CodedLabel[] = [
  { code: 'connected', label: 'Connected' },
  { code: 'left-voicemail', label: 'Left voicemail' },
  { code: 'gatekeeper', label: 'Gatekeeper' },
  { code: 'no-answer', label: 'No answer' },
  { code: 'busy', label: 'Busy' },
  { code: 'wrong-number', label: 'Wrong number' },
];

/**
 * The choices of the keys that have a fixed set. Not in managed_schema.json as `enum`s: Chrome
 * would drop a value outside them before Dealside saw it, and the key would fall open to the rep;
 * Dealside checks them itself and fails closed (fail-closed.ts).
 */
export const CHOICES = {
  crmProvider: ['hubspot', 'salesforce'],
  repRole: ['ae', 'bdr'],
  logBody: ['full', 'excerpt', 'headers'],
  captureMode: ['off', 'suggest', 'auto'],
} as const;

/** Key → [schema, default]. The order is the order the settings view lists them in. */
export const configFields = {
  crmProvider: [z.nullable(z.enum(CHOICES.crmProvider)), null],
  salesforceLoginUrl: [HttpsUrl, 'https://login.salesforce.com'],
  salesforceClientId: [z.string().check(z.maxLength(256)), ''],
  salesforceApiVersion: [z.string().check(z.regex(/^v\d{2}\.0$/, 'a version such as v66.0')), 'v66.0'],
  salesforceStageReasonField: [ApiName, ''],
  salesforceLogKeyField: [ApiName, ''],
  hubspotClientId: [z.string().check(z.maxLength(256)), ''],
  hubspotTokenExchangeUrl: [OptionalHttpsUrl, ''],
  hubspotAppUrl: [HttpsUrl, 'https://app.hubspot.com'],
  hubspotPrivateAppToken: [
    z.string().check(z.regex(/^$|^pat-[a-z0-9-]+$/, 'a private app token (pat-…)')),
    '',
  ],
  hubspotStageReasonProperty: [ApiName, ''],
  hubspotLogKeyProperty: [ApiName, ''],
  internalDomains: [z.array(Domain), [] as string[]],
  excludedDomains: [z.array(Domain), [] as string[]],
  personalDomains: [z.array(Domain), [...DEFAULT_PERSONAL_DOMAINS]],
  reasonCodes: [
    z
      .array(CodedLabel)
      .check(z.length(8, 'exactly eight reason codes'), z.refine(uniqueCodes, 'reason codes must be unique')),
    DEFAULT_REASON_CODES,
  ],
  dispositions: [
    z
      .array(CodedLabel)
      .check(z.minLength(1), z.maxLength(20), z.refine(uniqueCodes, 'dispositions must be unique')),
    DEFAULT_DISPOSITIONS,
  ],
  stageAgeTargets: [z.record(z.string(), DayCount), {} as Record<string, number>],
  repRole: [z.enum(CHOICES.repRole), 'ae'],
  activityTargets: [
    z.object({ ae: DailyTarget, bdr: DailyTarget }),
    { ae: { calls: 15, emails: 20, meetings: 3 }, bdr: { calls: 50, emails: 50, meetings: 1 } },
  ],
  noTouchDays: [z.object({ open: DayCount, lateStage: DayCount }), { open: 14, lateStage: 7 }],
  logBody: [z.enum(CHOICES.logBody), 'full'],
  requireNextStep: [z.boolean(), false],
  /**
   * Longest message text (email or meeting body) kept in a queued log, in characters: bounds
   * what one pending log can take of the browser's storage.
   */
  maxStoredTextChars: [z.int().check(z.minimum(1000), z.maximum(1_000_000)), DEFAULT_MAX_STORED_TEXT_CHARS],
  /** Attach audit (docs/audit.md): how far back it reads activities, in days. */
  auditLookbackDays: [z.int().check(z.minimum(1), z.maximum(90)), 14],
  /** Attach audit: move confident activities onto their deal by itself, or list them for one click. */
  auditAutoAttach: [z.boolean(), false],
  /** Attach audit: CRM user/owner ids of the team whose activities a manager's audit covers. */
  auditTeam: [z.array(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,40}$/, 'a CRM user id'))), [] as string[]],
  /** Auto-capture per kind (lib/capture): off, suggest (one click) or auto (no click). */
  captureSent: [z.enum(CHOICES.captureMode), 'suggest'],
  captureReceived: [z.enum(CHOICES.captureMode), 'suggest'],
  captureMeetings: [z.enum(CHOICES.captureMode), 'suggest'],
  /** The Google OAuth client (Web application type) for the optional Calendar connection. */
  googleClientId: [
    z
      .string()
      .check(
        z.regex(
          /^$|^[\w.-]{1,200}\.apps\.googleusercontent\.com$/,
          'a Google client id (….apps.googleusercontent.com)',
        ),
      ),
    '',
  ],
  /** The organisation's token exchange holding that client's secret (Google requires one). */
  googleTokenExchangeUrl: [OptionalHttpsUrl, ''],
  /** The manager's team for the weekly reports (CRM user ids); empty = the rep alone. */
  reportTeam: [
    z.array(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,40}$/, 'a CRM user id'))).check(z.maxLength(200)),
    [] as string[],
  ],
  /** Daily My day reminder at this local time ("08:30"); empty = no reminder. */
  myDayReminderTime: [z.string().check(z.regex(/^$|^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 08:30')), ''],
  ...draftingConfigFields,
} as const;

export type ConfigKey = keyof typeof configFields;

/**
 * Values a resolved config may hold beyond what a rep may enter: the fail-closed value of an
 * invalid policy (no Salesforce login URL; the admin's valid reason codes even when not eight)
 * and the redacted secret the panel is shown.
 */
const resolvedOnly = {
  salesforceLoginUrl: OptionalHttpsUrl,
  hubspotPrivateAppToken: z.string(),
  reasonCodes: z.array(CodedLabel).check(z.minLength(1)),
  dispositions: z.array(CodedLabel).check(z.minLength(1)),
};

/** The whole resolved config as one schema, for validating it where it crosses a boundary. */
export const ConfigShape = z.object({
  ...(Object.fromEntries(Object.entries(configFields).map(([key, [schema]]) => [key, schema])) as {
    [K in keyof typeof configFields]: (typeof configFields)[K][0];
  }),
  ...resolvedOnly,
});
export type Config = {
  -readonly [K in ConfigKey]: z.infer<(typeof configFields)[K][0]>;
};
export const CONFIG_KEYS = Object.keys(configFields) as ConfigKey[];

/** Settings that are secrets: never sent to the panel, never synced from user storage. */
export const SECRET_KEYS: ReadonlySet<ConfigKey> = new Set<ConfigKey>(['hubspotPrivateAppToken']);

export function defaultConfig(): Config {
  const config = {} as Record<ConfigKey, unknown>;
  for (const key of CONFIG_KEYS) config[key] = structuredClone(configFields[key][1]);
  return config as Config;
}

/** Expected days in a stage: the admin's target for it, else 14 (21 for proposal/negotiation). */
export function expectedDaysInStage(
  config: Pick<Config, 'stageAgeTargets'>,
  stage: { id: string; label: string },
) {
  const targets = config.stageAgeTargets;
  for (const [key, days] of Object.entries(targets)) {
    const k = key.toLowerCase();
    if (k === stage.id.toLowerCase() || k === stage.label.toLowerCase()) return days;
  }
  return /proposal|negotiat|contract/i.test(`${stage.id} ${stage.label}`) ? 21 : 14;
}
