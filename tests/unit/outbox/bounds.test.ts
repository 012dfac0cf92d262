import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Connection } from '@/lib/auth/tokens';
import { resolveConfig } from '@/lib/config/resolve';
import { capStoredText } from '@/lib/outbox/bounds';
import { createOutboxStore } from '@/lib/outbox/store';
import { createWorkerHandlers } from '@/lib/worker/handlers';
import type { Services } from '@/lib/worker/services';
import { emailWrite } from './fixtures';

const connection: Connection = {
  provider: 'hubspot',
  refreshToken: 'r',
  apiBaseUrl: 'https://api.hubapi.com',
  authBaseUrl: null,
  tenantId: '4711',
  userEmail: null,
  userName: null,
  crmUserId: 'u1',
  connectedAt: '2026-11-19T09:00:00.000Z',
  method: 'oauth',
};

beforeEach(() => fakeBrowser.reset());

describe('message text kept in a pending log', () => {
  it('is cut at the limit, and the cut is said in the text', () => {
    const long = { ...emailWrite(), body: 'x'.repeat(25_000) };
    const capped = capStoredText(long, 20_000);
    expect(capped.body.startsWith('x'.repeat(20_000) + '\n\n')).toBe(true);
    expect(capped.body).toContain('[Dealside kept the first 20,000 of 25,000 characters of this text.]');
    expect(capStoredText(emailWrite(), 20_000)).toEqual(emailWrite());
  });

  it('never splits an emoji', () => {
    const capped = capStoredText({ ...emailWrite(), body: 'a'.repeat(999) + '😀'.repeat(10) }, 1000);
    expect(capped.body.slice(0, 999)).toBe('a'.repeat(999));
    expect(capped.body.charAt(999)).toBe('\n');
  });

  it("follows the administrator's maxStoredTextChars when a rep logs a long email", async () => {
    const { config } = resolveConfig({ maxStoredTextChars: 5_000 }, {});
    const outbox = createOutboxStore();
    const services = {
      auth: { connection: async () => connection },
      config: async () => config,
      outbox,
    } as unknown as Services;
    const handlers = createWorkerHandlers(services, () => undefined);
    const payload = { ...emailWrite(), body: 'y'.repeat(12_000) };
    await handlers['log.submit']({ writes: [{ sourceId: 'm1', label: 'Email to Acme', payload }] }, {
      tabId: undefined,
    } as never);
    const [item] = await outbox.items();
    expect(item?.payload).toMatchObject({
      body: expect.stringMatching(/^y{5000}\n\n\[Dealside kept the first 5,000 of 12,000/),
    });
  });
});
