/**
 * The pilot path: an administrator pushes a HubSpot private-app token by policy instead of
 * per-user sign-in. The rep installs nothing else, opens a thread and logs it. (The panel once
 * received the masked token, failed its format check and never showed the log form.)
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ID } from '../support/chromium';
import { PRIVATE_APP_TOKEN } from '../support/fake-crm/hubspot/auth';
import {
  canWritePolicy,
  policyApplied,
  POLICY_DIR,
  removeExtensionPolicy,
  writeExtensionPolicy,
} from '../support/policy';
import { startStack, type Stack } from '../support/stack';
import { createdRecords, hubspotAssociations } from './support/crm-assert';
import { fixtureHtml, fixtureUrl } from './support/env';
import { openPanelFor } from './support/panel';

const POLICY_FILE = join(POLICY_DIR, 'dealside-e2e-pilot.json');

describe.runIf(canWritePolicy())(
  'HubSpot pilot with a private-app token set by policy (writes /etc/chromium/policies, root only)',
  () => {
    let stack: Stack;
    beforeAll(async () => {
      writeExtensionPolicy(
        EXTENSION_ID,
        {
          crmProvider: 'hubspot',
          hubspotPrivateAppToken: PRIVATE_APP_TOKEN,
          hubspotLogKeyProperty: 'dealside_log_key',
          internalDomains: ['ourco.com'],
        },
        POLICY_FILE,
      );
      stack = await startStack();
      const worker = await stack.dealside.worker();
      // Chromium applies the file after start-up; start from the policy in force.
      await policyApplied(worker, 'crmProvider', 'hubspot');
    });
    afterAll(async () => {
      removeExtensionPolicy(POLICY_FILE);
      await stack?.close();
    });

    it('shows the deal and the log form with no sign-in, and logs to HubSpot', async () => {
      const ids = stack.crm.store.bookIds.hubspot;
      const { tabId } = await stack.open(
        fixtureUrl('gmail/gmail-thread-basic.html'),
        fixtureHtml('gmail/gmail-thread-basic.html'),
      );
      const panel = await openPanelFor(stack, tabId);
      // The first, cold read of the CRM: give it the time sign-in gets elsewhere.
      await expect
        .poll(() => panel.getByRole('heading', { name: 'Acme — Platform' }).count(), {
          timeout: 60_000,
          message: 'the deal did not show',
        })
        .toBe(1);
      const log = panel.getByRole('button', { name: 'Log email to Acme — Platform' });
      await expect.poll(() => log.count()).toBe(1);
      expect(await panel.getByRole('button', { name: 'Sign in to HubSpot' }).count()).toBe(0);
      expect(await panel.getByText('Dealside could not read its settings', { exact: false }).count()).toBe(0);
      await panel.locator('#root').screenshot({ path: 'artifacts/screenshots/pilot.png' });

      await log.click();
      await expect
        .poll(() => panel.getByText(/^Logged to Acme — Platform/).count(), { timeout: 60_000 })
        .toBe(1);
      const emails = createdRecords(stack.crm, 'hubspot', 'emails');
      expect(emails).toHaveLength(1);
      expect(hubspotAssociations(stack.crm, 'emails', emails[0]!.id).deals).toEqual([ids.o1]);

      // Settings say how the rep is signed in, and never show the token.
      await panel.getByRole('button', { name: 'Settings' }).click();
      await expect
        .poll(() => panel.getByText('with your administrator’s pilot token', { exact: false }).count())
        .toBe(1);
      expect(await panel.locator('body').innerText()).not.toContain(PRIVATE_APP_TOKEN);
    });
  },
);
