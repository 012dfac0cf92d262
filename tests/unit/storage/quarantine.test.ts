import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { tokenStore, type Connection } from '@/lib/auth/tokens';
import { loadConfig, saveUserSettings } from '@/lib/config/store';
import { loadHistory, rememberChoice } from '@/lib/match/history';
import { createOutboxStore } from '@/lib/outbox/store';
import { discardQuarantined, listQuarantined } from '@/lib/storage/quarantine';
import { emailItem } from '../outbox/fixtures';

const connection: Connection = {
  provider: 'hubspot',
  refreshToken: 'r1',
  apiBaseUrl: 'https://api.hubapi.com',
  authBaseUrl: 'https://exchange.example.com/token',
  tenantId: '4711',
  userEmail: 'sam@ourco.com',
  userName: 'Sam Rep',
  crmUserId: 'u1',
  connectedAt: '2026-11-19T09:00:00.000Z',
  method: 'oauth',
};

/** The raw copies in quarantine, as a support person would find them. */
async function copies() {
  const all = await browser.storage.local.get(null);
  return Object.entries(all).filter(([key]) => key.startsWith('quarantine.'));
}

beforeEach(() => fakeBrowser.reset());

describe('data that cannot be read', () => {
  it('an outbox entry is moved aside alone: the rest stays queued and the next write keeps the copy', async () => {
    const store = createOutboxStore();
    await store.enqueue(emailItem('good'));
    const raw = (await browser.storage.local.get('outbox.items'))['outbox.items'] as Record<string, unknown>;
    const broken = { key: 'broken', label: 'Email to Globex', payload: { kind: 'email' } };
    await browser.storage.local.set({ 'outbox.items': { ...raw, broken } });

    expect((await store.items()).map((i) => i.sourceId)).toEqual(['good']);
    await store.enqueue(emailItem('later'));
    expect((await store.items()).map((i) => i.sourceId)).toEqual(['good', 'later']);

    const saved = await copies();
    expect(saved).toHaveLength(1);
    expect(saved[0]![0]).toMatch(/^quarantine\.outbox\.items\.\d+-[0-9a-f]{8}$/);
    expect(saved[0]![1]).toMatchObject({ from: 'local:outbox.items', entry: 'broken', value: broken });
    expect(await listQuarantined()).toEqual([
      expect.objectContaining({ from: 'local:outbox.items', entry: 'broken', reason: expect.any(String) }),
    ]);
  });

  it('a corrupt sign-in is kept aside, not overwritten by the next sign-in, and leaves at sign-out', async () => {
    await browser.storage.local.set({ 'auth.connection': { ...connection, method: 'magic' } });
    expect(await tokenStore.connection()).toBeNull();
    await tokenStore.saveConnection(connection);
    expect(await tokenStore.connection()).toEqual(connection);
    const saved = await copies();
    expect(saved).toHaveLength(1);
    expect(saved[0]![1]).toMatchObject({ from: 'local:auth.connection', value: { method: 'magic' } });
    expect((await listQuarantined())[0]?.reason).toContain('method');

    // The copy holds a refresh token: signing out removes it with the rest.
    await tokenStore.clearAll();
    expect(await copies()).toEqual([]);
  });

  it('settings that are not a record are kept aside; saving new ones does not touch the copy', async () => {
    await browser.storage.sync.set({ settings: 'logBody=headers' });
    expect((await loadConfig()).config.logBody).toBe('full');
    await saveUserSettings({ logBody: 'excerpt' });
    expect((await loadConfig()).config.logBody).toBe('excerpt');
    expect((await copies()).map(([, copy]) => copy)).toEqual([
      expect.objectContaining({ from: 'sync:settings', value: 'logBody=headers' }),
    ]);
  });

  it('one unreadable remembered deal does not make the others forgotten', async () => {
    await rememberChoice('T1', 'o1', new Date('2026-11-20T10:00:00Z'));
    const raw = (await browser.storage.local.get('match.history'))['match.history'] as object;
    await browser.storage.local.set({ 'match.history': { ...raw, T2: { opportunityId: 42 } } });
    await rememberChoice('T3', 'o3', new Date('2026-11-20T11:00:00Z'));
    expect(await loadHistory()).toEqual({ threadOpportunity: { T1: 'o1', T3: 'o3' } });
    expect(await listQuarantined()).toEqual([
      expect.objectContaining({ from: 'local:match.history', entry: 'T2' }),
    ]);
  });

  it('the rep can remove a copy once it is handled, and nothing else', async () => {
    await browser.storage.local.set({ 'auth.connection': 'garbage' });
    await tokenStore.connection();
    const [note] = await listQuarantined();
    await discardQuarantined(note!.key);
    expect(await listQuarantined()).toEqual([]);
    await expect(discardQuarantined('outbox.items')).rejects.toThrow();
  });
});
