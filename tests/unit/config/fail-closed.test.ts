/**
 * An administrator's typo must never unlock a setting for the rep, nor throw away the valid part
 * of a list: every key the policy sets stays locked, at what is left of the admin's value or at
 * the safest value for that key (docs/admin.md, "When a policy value is invalid").
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '@/lib/config/resolve';
import { CONFIG_KEYS, DEFAULT_DISPOSITIONS, DEFAULT_REASON_CODES, type ConfigKey } from '@/lib/config/schema';
import { ConfigView } from '@/lib/protocol/panel';
import { redactForPanel } from '@/lib/config/resolve';
import { DEFAULT_FORECAST_REASONS } from '@/lib/config/drafting-keys';

const REASONS = DEFAULT_REASON_CODES.map((r, i) => ({ code: `reason-${i}`, label: r.label }));

/** key → [an invalid policy value, what the rep then gets (locked), a valid rep value it overrides]. */
const CASES: Record<ConfigKey, [unknown, unknown, unknown]> = {
  crmProvider: ['pipedrive', null, 'hubspot'],
  salesforceLoginUrl: ['http://acme.my.salesforce.com', '', 'https://evil.my.salesforce.com'],
  salesforceClientId: ['x'.repeat(300), '', 'rep-client'],
  salesforceApiVersion: ['latest', 'v66.0', 'v60.0'],
  salesforceStageReasonField: ['Stage Reason', '', 'Rep_Field__c'],
  salesforceLogKeyField: ['Key-Field', '', 'Rep_Key__c'],
  hubspotClientId: ['x'.repeat(300), '', 'rep-client'],
  hubspotTokenExchangeUrl: ['http://tokens.ourco.com/', '', 'https://tokens.attacker.example/'],
  hubspotAppUrl: ['app-eu1.hubspot.com', 'https://app.hubspot.com', 'https://app.evil.example'],
  hubspotPrivateAppToken: ['secret', '', 'pat-na1-rep'],
  hubspotStageReasonProperty: ['stage reason', '', 'rep_reason'],
  hubspotLogKeyProperty: ['1key', '', 'rep_key'],
  internalDomains: [['ourco.com', 'our co'], ['ourco.com'], ['rep.example']],
  excludedDomains: [['lawfirm.com', 'law firm!', 'counsel.com'], ['lawfirm.com', 'counsel.com'], []],
  personalDomains: [['gmail.com', 'yahoo'], ['gmail.com'], ['rep.example']],
  reasonCodes: [
    [...REASONS.slice(0, 7), { code: 'Not A Code', label: 'Bad' }],
    REASONS.slice(0, 7),
    DEFAULT_REASON_CODES,
  ],
  dispositions: [
    [{ code: 'connected', label: 'Connected' }, { code: 'connected', label: 'Twice' }, { code: 'x' }],
    [{ code: 'connected', label: 'Connected' }],
    DEFAULT_DISPOSITIONS,
  ],
  stageAgeTargets: [{ Discovery: 10, Proposal: 0, Closing: 'soon' }, { Discovery: 10 }, { Demo: 3 }],
  repRole: ['manager', 'ae', 'bdr'],
  activityTargets: [
    { ae: { calls: -1, emails: 20, meetings: 3 }, bdr: { calls: 50, emails: 50, meetings: 1 } },
    { ae: { calls: 15, emails: 20, meetings: 3 }, bdr: { calls: 50, emails: 50, meetings: 1 } },
    { ae: { calls: 1, emails: 1, meetings: 1 }, bdr: { calls: 1, emails: 1, meetings: 1 } },
  ],
  noTouchDays: [
    { open: 0, lateStage: 7 },
    { open: 14, lateStage: 7 },
    { open: 60, lateStage: 60 },
  ],
  logBody: ['everything', 'headers', 'full'],
  requireNextStep: ['yes', true, false],
  maxStoredTextChars: [50, 20_000, 5_000],
  auditLookbackDays: [0, 14, 7],
  auditAutoAttach: ['yes', false, true],
  auditTeam: ['u2', [], ['u3']],
  captureSent: ['always', 'off', 'auto'],
  captureReceived: ['always', 'off', 'auto'],
  captureMeetings: ['always', 'off', 'auto'],
  googleClientId: ['my-client', '', 'rep.apps.googleusercontent.com'],
  googleTokenExchangeUrl: ['http://tokens.ourco.com/', '', 'https://tokens.attacker.example/'],
  reportTeam: [['005A', 'not an id!'], [], ['005B']],
  myDayReminderTime: ['8am', '', '09:00'],
  qualificationFramework: ['SPICED', 'MEDDIC', 'BANT'],
  draftingEngine: ['cloud', 'on-device', 'rules'],
  hubspotQualificationProperties: [
    { metrics: 'meddic_metrics', champion: 'the champion' },
    { metrics: 'meddic_metrics' },
    { champion: 'rep_champion' },
  ],
  salesforceQualificationFields: [{ metrics: 'Metrics__c', budget: '1x' }, { metrics: 'Metrics__c' }, {}],
  closeDateReasonCodes: [
    [
      { code: 'slipped', label: 'Slipped' },
      { code: 'Slipped!', label: 'Bad' },
    ],
    [{ code: 'slipped', label: 'Slipped' }],
    [{ code: 'mine', label: 'Mine' }],
  ],
  forecastReasonCodes: [[{ code: 'x' }], DEFAULT_FORECAST_REASONS, [{ code: 'mine', label: 'Mine' }]],
  amountReasonCodes: [
    [
      { code: 'more', label: 'More' },
      { code: 'more', label: 'Twice' },
    ],
    [{ code: 'more', label: 'More' }],
    [{ code: 'mine', label: 'Mine' }],
  ],
  hubspotJudgementReasonProperties: [{ closeDate: 'close reason' }, {}, { closeDate: 'rep_reason' }],
  salesforceJudgementReasonFields: [
    { amount: 'Amount_Reason__c', closeDate: '9' },
    { amount: 'Amount_Reason__c' },
    {},
  ],
};

describe('an invalid policy value fails closed', () => {
  it('covers every setting', () => {
    expect(Object.keys(CASES).sort()).toEqual([...CONFIG_KEYS].sort());
  });

  it.each(CONFIG_KEYS)('%s stays locked at its safe value; the rep cannot override it', (key) => {
    const [invalid, expected, repValue] = CASES[key];
    const { config, locked, warnings } = resolveConfig({ [key]: invalid }, { [key]: repValue });
    expect(config[key]).toEqual(expected);
    expect(locked).toEqual([key]);
    expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) {
      expect(warning).toMatchObject({ source: 'policy', key });
      expect(warning.message).toContain(`"${key}"`);
    }
    // The panel can still be sent what the rep sees.
    expect(ConfigView.safeParse({ config: redactForPanel(config), locked, warnings }).success).toBe(true);
  });

  it('keeps the valid entries of a list and names each dropped one', () => {
    const { config, locked, warnings } = resolveConfig(
      { excludedDomains: ['lawfirm.com', '*.counsel.com', 'not a domain', 'LawFirm.com '] },
      { excludedDomains: [] },
    );
    // A wildcard names the domain with its subdomains, which every entry covers anyway.
    expect(config.excludedDomains).toEqual(['lawfirm.com', 'counsel.com']);
    expect(locked).toEqual(['excludedDomains']);
    expect(warnings.map((w) => w.message)).toEqual([
      'Your administrator\'s "excludedDomains": "not a domain" was dropped: a domain such as example.com.',
      'Your administrator\'s "excludedDomains": "LawFirm.com " was dropped: it repeats "lawfirm.com".',
    ]);
  });

  it('keeps the valid reason codes even when fewer than eight are left, and says so', () => {
    const { config, warnings } = resolveConfig({ reasonCodes: CASES.reasonCodes[0] }, {});
    expect(config.reasonCodes).toEqual(REASONS.slice(0, 7));
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/"reasonCodes": .*Not A Code.* was dropped: a lower-case code/),
      expect.stringMatching(/expects exactly eight reason codes; it uses the valid entries meanwhile/),
    ]);
  });

  it('uses the built-in codes when no entry of the list is valid', () => {
    const { config, locked, warnings } = resolveConfig({ reasonCodes: [{ code: 'X', label: '' }] }, {});
    expect(config.reasonCodes).toEqual(DEFAULT_REASON_CODES);
    expect(locked).toEqual(['reasonCodes']);
    expect(warnings[0]?.message).toMatch(/built-in list, and the setting stays locked/);
  });

  it('a bad token-exchange address turns HubSpot sign-in off instead of letting the rep choose one', () => {
    const { config, warnings } = resolveConfig(
      { crmProvider: 'hubspot', hubspotTokenExchangeUrl: 'tokens.ourco.com' },
      { hubspotTokenExchangeUrl: 'https://tokens.attacker.example/' },
    );
    expect(config.hubspotTokenExchangeUrl).toBe('');
    expect(warnings[0]?.message).toBe(
      'Your administrator\'s value for "hubspotTokenExchangeUrl" is invalid: an https:// URL. Sign-in stays off until your administrator fixes it.',
    );
  });

  it('logs only headers when the body setting is invalid, and says what would have been valid', () => {
    const { config, warnings } = resolveConfig({ logBody: 'all' }, { logBody: 'full' });
    expect(config.logBody).toBe('headers');
    expect(warnings[0]?.message).toBe(
      'Your administrator\'s value for "logBody" is invalid: expected one of "full", "excerpt", "headers". Dealside uses "headers", and the setting stays locked.',
    );
  });

  it('names what is wrong in words, not "Invalid input"', () => {
    const { warnings } = resolveConfig(
      { requireNextStep: 'yes', salesforceClientId: 'x'.repeat(300), noTouchDays: { open: 0, lateStage: 7 } },
      {},
    );
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('"salesforceClientId" is invalid: expected at most 256 characters.'),
      expect.stringContaining('"noTouchDays" is invalid: expected at least 1 (at open).'),
      expect.stringContaining('"requireNextStep" is invalid: expected a boolean.'),
    ]);
  });

  it('still ignores an invalid rep value without locking anything', () => {
    const { config, locked, warnings } = resolveConfig({}, { logBody: 'all', excludedDomains: ['x y'] });
    expect(config.logBody).toBe('full');
    expect(config.excludedDomains).toEqual([]);
    expect(locked).toEqual([]);
    expect(warnings.map((w) => [w.source, w.key])).toEqual([
      ['user', 'excludedDomains'],
      ['user', 'logBody'],
    ]);
  });
});
