import { describe, expect, it } from 'vitest';
import { defaultConfig } from '@/lib/config/schema';
import {
  adminConsoleJson,
  ADMIN_ONLY_KEYS,
  connectionKeys,
  describeValue,
  redactPolicy,
} from '@/lib/panel/settings-model';

describe('settings for reps and for admins', () => {
  it('offers a rep only their own CRM’s connection fields once a CRM is chosen', () => {
    expect(connectionKeys('hubspot')).toEqual(['hubspotClientId', 'hubspotTokenExchangeUrl']);
    expect(connectionKeys('salesforce')).toEqual(['salesforceLoginUrl', 'salesforceClientId']);
    expect(connectionKeys(null)).toHaveLength(4);
  });

  it('keeps field names, reason codes and the pilot token for the admin', () => {
    expect(ADMIN_ONLY_KEYS).toEqual(
      expect.arrayContaining([
        'reasonCodes',
        'dispositions',
        'hubspotPrivateAppToken',
        'salesforceLogKeyField',
      ]),
    );
    expect(ADMIN_ONLY_KEYS).not.toContain('activityTargets');
  });

  it('writes values in words, never JSON', () => {
    const config = defaultConfig();
    expect(describeValue('activityTargets', config.activityTargets)).toBe(
      'Account executives: 15 calls, 20 emails, 3 meetings a day. BDRs: 50 calls, 50 emails, 1 meeting a day.',
    );
    expect(describeValue('stageAgeTargets', {})).toBe(
      'Defaults: 14 days (21 in proposal and negotiation stages)',
    );
    expect(describeValue('stageAgeTargets', { Discovery: 10 })).toBe('Discovery: 10 days');
    expect(describeValue('noTouchDays', config.noTouchDays)).toBe('14 days (7 in late stages)');
    expect(describeValue('hubspotPrivateAppToken', 'pat-na1-x')).toBe('Set (hidden)');
  });

  it('masks secrets in the policy and exports only accepted keys in the Admin console format', () => {
    expect(redactPolicy({ hubspotPrivateAppToken: 'pat-na1-x', crmProvider: 'hubspot' })).toEqual({
      hubspotPrivateAppToken: '(set by policy)',
      crmProvider: 'hubspot',
    });
    expect(
      JSON.parse(
        adminConsoleJson({ crmProvider: 'hubspot', salesforceApiVersion: 'latest' }, ['crmProvider']),
      ),
    ).toEqual({ crmProvider: { Value: 'hubspot' } });
  });
});
