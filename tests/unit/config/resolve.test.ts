import { describe, expect, it } from 'vitest';
import { redactForPanel, resolveConfig, validateUserEdit } from '@/lib/config/resolve';
import { CONFIG_KEYS, DEFAULT_REASON_CODES, expectedDaysInStage } from '@/lib/config/schema';
import managedSchema from '@/public/managed_schema.json';

describe('config layering', () => {
  it('uses the defaults from DESIGN.md when nothing is set', () => {
    const { config, locked, warnings } = resolveConfig({}, {});
    expect(config.crmProvider).toBeNull();
    expect(config.reasonCodes).toEqual(DEFAULT_REASON_CODES);
    expect(config.dispositions.map((d) => d.label)).toEqual([
      'Connected',
      'Left voicemail',
      'Gatekeeper',
      'No answer',
      'Busy',
      'Wrong number',
    ]);
    expect(config.activityTargets.ae).toEqual({ calls: 15, emails: 20, meetings: 3 });
    expect(config.personalDomains).toContain('gmail.com');
    expect(locked).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('lets the rep set a key the policy leaves open', () => {
    const { config } = resolveConfig({}, { crmProvider: 'salesforce', internalDomains: [' OurCo.com '] });
    expect(config.crmProvider).toBe('salesforce');
    expect(config.internalDomains).toEqual(['ourco.com']);
  });

  it('locks a key the policy sets: the rep value is ignored', () => {
    const { config, locked } = resolveConfig(
      { crmProvider: 'hubspot', internalDomains: ['ourco.com'] },
      { crmProvider: 'salesforce', logBody: 'headers' },
    );
    expect(config.crmProvider).toBe('hubspot');
    expect(config.logBody).toBe('headers');
    expect(locked).toEqual(expect.arrayContaining(['crmProvider', 'internalDomains']));
    expect(locked).not.toContain('logBody');
  });

  it('keeps a key locked when the policy value is invalid, with a warning naming the key', () => {
    const { config, locked, warnings } = resolveConfig(
      { crmProvider: 42, excludedDomains: ['lawfirm.com'] },
      { crmProvider: 'hubspot' },
    );
    expect(config.crmProvider).toBeNull();
    expect(config.excludedDomains).toEqual(['lawfirm.com']);
    expect(locked).toEqual(['crmProvider', 'excludedDomains']);
    expect(warnings.map((w) => w.key)).toEqual(['crmProvider']);
    expect(warnings[0]?.message).toMatch(/^Your administrator's value for "crmProvider" is invalid/);
    expect(warnings.every((w) => w.source === 'policy')).toBe(true);
  });

  it('drops duplicate reason codes but keeps the first of each', () => {
    const doubled = [...DEFAULT_REASON_CODES.slice(0, 7), { ...DEFAULT_REASON_CODES[0]!, label: 'Again' }];
    const { config, warnings } = resolveConfig({ reasonCodes: doubled }, {});
    expect(config.reasonCodes).toEqual(DEFAULT_REASON_CODES.slice(0, 7));
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/repeats "need-confirmed"[\s\S]*exactly eight/);
  });

  it('never takes a secret from the rep settings and never shows it to the panel', () => {
    const { config } = resolveConfig({ hubspotPrivateAppToken: 'pat-na1-abc' }, {});
    expect(config.hubspotPrivateAppToken).toBe('pat-na1-abc');
    expect(redactForPanel(config).hubspotPrivateAppToken).not.toContain('pat-');
    expect(resolveConfig({}, { hubspotPrivateAppToken: 'pat-na1-abc' }).config.hubspotPrivateAppToken).toBe(
      '',
    );
  });

  it('refuses a rep edit to a locked key and explains why', () => {
    const resolved = resolveConfig({ crmProvider: 'hubspot' }, {});
    expect(validateUserEdit(resolved, 'crmProvider', 'salesforce')).toEqual({
      ok: false,
      message: '"crmProvider" is set by your administrator.',
    });
    expect(validateUserEdit(resolved, 'logBody', 'excerpt')).toMatchObject({ ok: true });
    expect(validateUserEdit(resolved, 'logBody', 'all')).toMatchObject({ ok: false });
  });
});

describe('expected days in stage', () => {
  it('uses the admin target by id or label, else 14 or 21 for late stages', () => {
    const config = { stageAgeTargets: { Discovery: 10, contractsent: 30 } };
    expect(expectedDaysInStage(config, { id: 'discovery', label: 'Discovery' })).toBe(10);
    expect(expectedDaysInStage(config, { id: 'contractsent', label: 'Contract sent' })).toBe(30);
    expect(expectedDaysInStage(config, { id: 'x', label: 'Proposal/Price Quote' })).toBe(21);
    expect(expectedDaysInStage(config, { id: 'y', label: 'Negotiation/Review' })).toBe(21);
    expect(expectedDaysInStage(config, { id: 'z', label: 'Qualification' })).toBe(14);
  });
});

describe('managed_schema.json', () => {
  it('describes exactly the config keys, each with a title and description', () => {
    const properties = managedSchema.properties as Record<string, { title?: string; description?: string }>;
    expect(Object.keys(properties).sort()).toEqual([...CONFIG_KEYS].sort());
    for (const [key, spec] of Object.entries(properties)) {
      expect(spec.title, key).toBeTruthy();
      expect(spec.description, key).toBeTruthy();
    }
    expect(managedSchema.type).toBe('object');
    expect(managedSchema).not.toHaveProperty('additionalProperties');
  });

  it('leaves allowed values and ranges to Dealside, so a bad one reaches it and fails closed', () => {
    // Chrome drops a value outside an `enum` or `minimum` before the extension sees it: the key
    // would then count as unset and fall open to the rep.
    expect(JSON.stringify(managedSchema)).not.toMatch(/"(enum|minimum|maximum|pattern)"/);
  });
});
