import { writeFileSync } from 'node:fs';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { it } from 'vitest';
import { createOutboxStore } from '@/lib/outbox/store';
import { newItem } from '@/lib/outbox/item';
import { rememberChoice } from '@/lib/match/history';
import { saveUserSettings } from '@/lib/config/store';
import { tokenStore } from '@/lib/auth/tokens';
import { createStorageCache } from '@/lib/crm/cache';
import { recordInteraction } from '@/lib/worker/active-interactions';
import { emailWrite, target } from '../outbox/fixtures';

it('records release storage', async () => {
  fakeBrowser.reset();
  const store = createOutboxStore(browser.storage.local);
  const tenant = {
    provider: 'hubspot' as const,
    tenantId: '4711',
    crmUserId: 'u1',
    label: 'HubSpot portal 4711',
  };
  const a = {
    ...newItem(
      {
        provider: 'hubspot',
        payload: emailWrite('Re: pricing'),
        sourceId: '198c6860711611c7',
        label: 'Email to Acme — Platform',
      },
      1_764_000_000_000,
    ),
    tenant,
  };
  const b = newItem(
    {
      provider: 'hubspot',
      payload: {
        kind: 'meeting',
        target,
        title: 'Acme QBR',
        body: 'Agenda: renewal',
        start: '2026-11-21T15:00:00.000Z',
        end: '2026-11-21T16:00:00.000Z',
        location: null,
      },
      sourceId: 'evt-qbr',
      label: 'Meeting with Acme — Platform',
    },
    1_764_000_100_000,
  );
  const c = newItem(
    {
      provider: 'hubspot',
      payload: emailWrite('Intro'),
      sourceId: '198c6860711611aa',
      label: 'Email to Acme — Intro',
    },
    1_764_000_200_000,
  );
  await store.enqueue(a);
  await store.enqueue(b);
  await store.enqueue(c);
  await store.update([
    {
      ...b,
      attempts: 2,
      state: 'failed',
      lastError: { kind: 'server', message: 'HubSpot answered 500', at: 1_764_000_150_000 },
    },
  ]);
  await store.land({
    key: c.key,
    provider: 'hubspot',
    op: 'email',
    sourceId: c.sourceId,
    opportunityId: 'o1',
    recordId: 'rec-901',
    label: c.label,
    loggedAt: 1_764_000_300_000,
    adopted: false,
    tenant,
  });
  await rememberChoice('198c6860711611c7', 'o1', new Date('2026-11-20T15:05:00.000Z'));
  await rememberChoice('evt-qbr', 'o2', new Date('2026-11-21T16:05:00.000Z'));
  await saveUserSettings({ logBody: 'excerpt', requireNextStep: true, excludedDomains: ['lawfirm.com'] });
  await tokenStore.saveConnection({
    provider: 'hubspot',
    refreshToken: 'refresh-fixture',
    apiBaseUrl: 'https://api.hubapi.com',
    authBaseUrl: 'https://exchange.example.com/token',
    tenantId: '4711',
    userEmail: 'sam@ourco.com',
    userName: 'Sam Rep',
    crmUserId: 'u1',
    connectedAt: '2026-11-19T09:00:00.000Z',
    method: 'oauth',
  });
  await tokenStore.saveAccessToken({
    provider: 'hubspot',
    token: 'access-fixture',
    expiresAt: 1_764_001_800_000,
    issuedAt: 1_764_000_000_000,
  });
  await browser.storage.session.set({
    'crm.limiter': { calls: { hubspot: [1_764_000_000_000] }, blockedUntil: {} },
    'panel.queries':
      '{"buster":"0.1.0","timestamp":1764000000000,"clientState":{"mutations":[],"queries":[]}}',
  });
  await createStorageCache(browser.storage.local, () => 1_764_000_000_000).set(
    'hubspot.pipelines',
    [{ id: 'default', label: 'Sales' }],
    3_600_000,
  );
  await recordInteraction(
    7,
    {
      kind: 'meeting',
      eventId: 'evt-qbr',
      calendarId: null,
      title: 'Acme QBR',
      start: '2026-11-21T15:00:00.000Z',
      end: '2026-11-21T16:00:00.000Z',
      attendees: [{ email: 'jane@acme.com', name: 'Jane Doe' }],
      conferenceUrl: null,
      description: 'Agenda: renewal',
    },
    new Date('2026-11-21T15:00:00.000Z'),
  );
  const dump = {
    release: '0.1.0',
    recordedBy: 'tests/unit/storage/record-release.test.ts at commit 64800c5 (release 0.1.0 code paths)',
    local: await browser.storage.local.get(null),
    sync: await browser.storage.sync.get(null),
    session: await browser.storage.session.get(null),
  };
  writeFileSync('tests/fixtures/storage/release-0.1.0.json', JSON.stringify(dump, null, 2) + '\n');
});
