/**
 * The pilot path: a HubSpot private-app token set by policy reaches the panel as a marker, and
 * the panel must accept it (it once failed the token's format and the log form never showed).
 */
import { describe, expect, it } from 'vitest';
import { redactForPanel, resolveConfig } from '@/lib/config/resolve';
import { panelProtocol, unwrapReply } from '@/lib/messaging';

const POLICY = { crmProvider: 'hubspot', hubspotPrivateAppToken: 'pat-na1-demo-private-app' };

describe('the settings the panel receives', () => {
  it('accepts a redacted private-app token, and never carries the token itself', () => {
    const { config, locked, warnings } = resolveConfig(POLICY, {});
    const reply = { ok: true, data: { config: redactForPanel(config), locked, warnings } };
    const view = unwrapReply(panelProtocol, 'config.get', reply);
    expect(view.config.crmProvider).toBe('hubspot');
    expect(view.config.hubspotPrivateAppToken).not.toContain('pat-');
    expect(JSON.stringify(view)).not.toContain('pat-na1');
  });

  it('names the field when an answer does not fit, so the panel can say what is wrong', () => {
    const { config, locked, warnings } = resolveConfig({}, {});
    const reply = { ok: true, data: { config: { ...config, logBody: 'everything' }, locked, warnings } };
    expect(() => unwrapReply(panelProtocol, 'config.get', reply)).toThrow(/config\.logBody/);
  });
});
