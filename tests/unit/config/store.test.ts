import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadConfig, saveUserSettings, watchConfig } from '@/lib/config/store';

describe('config store', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads policy from storage.managed and the rep settings from storage.sync', async () => {
    await fakeBrowser.storage.managed.set({ crmProvider: 'salesforce', excludedDomains: ['family.org'] });
    await fakeBrowser.storage.sync.set({ settings: { logBody: 'headers', crmProvider: 'hubspot' } });
    const { config, locked } = await loadConfig();
    expect(config.crmProvider).toBe('salesforce');
    expect(config.logBody).toBe('headers');
    expect(locked).toEqual(['crmProvider', 'excludedDomains']);
  });

  it('saves a valid edit and refuses a locked or invalid one without losing the rest', async () => {
    await fakeBrowser.storage.managed.set({ crmProvider: 'hubspot' });
    await saveUserSettings({ internalDomains: ['ourco.com'] });
    await expect(saveUserSettings({ crmProvider: 'salesforce' })).rejects.toThrow(/administrator/);
    await expect(saveUserSettings({ repRole: 'ceo' })).rejects.toThrow();
    const { config } = await loadConfig();
    expect(config.internalDomains).toEqual(['ourco.com']);
    expect(config.repRole).toBe('ae');
  });

  it('applies a policy change live', async () => {
    const seen: (string | null)[] = [];
    const done = new Promise<void>((resolve) => {
      watchConfig(({ config }) => {
        seen.push(config.crmProvider);
        resolve();
      });
    });
    await fakeBrowser.storage.managed.set({ crmProvider: 'salesforce' });
    await done;
    expect(seen).toEqual(['salesforce']);
  });
});
