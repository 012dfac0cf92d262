/**
 * An administrator configures Dealside through Chrome policy: the extension must use what the
 * policy says, lock it in the settings view, apply a changed policy without a restart, and keep
 * an invalid value locked at its safest value (with a warning at the top of the panel), losing
 * only the bad entries of a list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ID } from '../support/chromium';
import { SALESFORCE_CLIENT_ID } from '../support/fake-crm';
import {
  canWritePolicy,
  policyApplied,
  removeExtensionPolicy,
  writeExtensionPolicy,
} from '../support/policy';
import { SALESFORCE_MY_DOMAIN, startStack, type Stack } from '../support/stack';
import { fixtureHtml, fixtureUrl } from './support/env';
import { openPanelFor, signIn } from './support/panel';

const REASONS = [
  ['pain-confirmed', 'Pain confirmed with the buyer'],
  ['champion', 'Champion found'],
  ['eb-met', 'Economic buyer met'],
  ['poc-passed', 'Proof of concept passed'],
  ['terms-agreed', 'Terms agreed'],
  ['lost-price', 'Lost on price'],
  ['lost-rival', 'Lost to a rival'],
  ['stalled', 'Stalled, no decision'],
].map(([code, label]) => ({ code, label }));

const POLICY = {
  crmProvider: 'salesforce',
  salesforceLoginUrl: SALESFORCE_MY_DOMAIN,
  salesforceClientId: SALESFORCE_CLIENT_ID,
  salesforceLogKeyField: 'Dealside_Key__c',
  salesforceStageReasonField: 'Dealside_Stage_Reason__c',
  internalDomains: ['ourco.com'],
  excludedDomains: ['lawfirm.example'],
  reasonCodes: REASONS,
  dispositions: [
    { code: 'connected', label: 'Spoke with them' },
    { code: 'voicemail', label: 'Voicemail' },
    { code: 'assistant', label: 'Reached the assistant' },
  ],
  // Valid for Chrome's schema (a string) but not for Dealside (not a version): locked at v66.0, warned.
  salesforceApiVersion: 'latest',
};

describe.runIf(canWritePolicy())(
  'managed policy (writes /etc/chromium/policies/managed, so it runs as root only)',
  () => {
    let stack: Stack;
    beforeAll(async () => {
      writeExtensionPolicy(EXTENSION_ID, POLICY);
      stack = await startStack();
      const worker = await stack.dealside.worker();
      // Chromium applies the file after start-up; start from the policy in force.
      await policyApplied(worker, 'crmProvider', 'salesforce');
    });
    afterAll(async () => {
      removeExtensionPolicy();
      await stack?.close();
    });

    it('uses the CRM, domains, reason codes and dispositions the policy gives, locked', async () => {
      const { tabId } = await stack.open(
        fixtureUrl('calendar/calendar-event-dialog.html'),
        fixtureHtml('calendar/calendar-event-dialog.html'),
      );
      const panel = await openPanelFor(stack, tabId);
      // Nothing typed by the rep: the policy chose Salesforce and its org.
      await signIn(panel, 'Salesforce');
      await expect.poll(() => panel.getByRole('heading', { name: 'Acme — Platform' }).count()).toBe(1);
      await panel.getByLabel('Also log it as a call').check();
      await expect
        .poll(() => panel.getByLabel('How it went').locator('option').allInnerTexts())
        .toEqual(['Spoke with them', 'Voicemail', 'Reached the assistant']);
      await panel.getByLabel('Change stage').check();
      await expect
        .poll(() => panel.getByLabel('Reason').locator('option').allInnerTexts())
        .toEqual(['Choose…', ...REASONS.map((r) => r.label)]);

      await panel.getByRole('button', { name: 'Settings' }).click();
      const settings = panel.getByRole('region', { name: 'Your CRM' });
      // CRM, login URL and client id; then the two domain lists.
      await expect.poll(() => settings.getByText('Set by your administrator').count()).toBe(3);
      expect(await panel.getByText('Set by your administrator').count()).toBe(5);
      // Locked keys are shown, not editable; HubSpot's fields are not offered at all.
      const crm = panel.getByRole('group', { name: 'CRM', exact: true });
      await expect.poll(() => crm.innerText()).toMatch(/Salesforce[\s\S]*Set by your administrator/);
      expect(await crm.getByRole('combobox').count()).toBe(0);
      expect(await panel.getByRole('group', { name: /^HubSpot/ }).count()).toBe(0);
      // Admin-only keys (reason codes, field names) are on the admin page, not here.
      expect(await panel.getByRole('group', { name: 'Stage change reason codes' }).count()).toBe(0);
      const logBody = panel.getByRole('group', { name: 'What to log of an email body' });
      expect(await logBody.getByRole('combobox').count()).toBe(1);
      await expect
        .poll(() => panel.getByRole('list', { name: 'Settings warnings' }).innerText())
        .toContain('Your administrator\'s value for "salesforceApiVersion" is invalid');
      // Taller than Settings: a scrollbar would shrink the 400 px the screenshot shows.
      await panel.setViewportSize({ width: 400, height: 3000 });
      await panel.locator('#root').screenshot({ path: 'artifacts/screenshots/settings-policy.png' });

      const admin = await stack.dealside.context.newPage();
      await admin.setViewportSize({ width: 800, height: 2400 });
      await admin.goto(`chrome-extension://${stack.dealside.extensionId}/options.html`);
      const set = admin.getByRole('table', { name: 'Set by policy' });
      await expect
        .poll(() => set.getByRole('row', { name: /^Stage change reason codes/ }).innerText())
        .toContain('Pain confirmed with the buyer');
      await expect
        .poll(() => admin.getByRole('list', { name: 'Policy warnings' }).innerText())
        .toContain('"salesforceApiVersion" is invalid');
      // The draft starts from the policy; the export leaves out what Dealside would ignore.
      const exported = JSON.parse(await admin.getByLabel('Policy JSON for the Admin console').innerText());
      expect(exported.crmProvider).toEqual({ Value: 'salesforce' });
      expect(exported).not.toHaveProperty('salesforceApiVersion');
      await admin.locator('#root').screenshot({ path: 'artifacts/screenshots/admin-policy.png' });
      await admin.close();
    });

    it('applies a changed policy without a restart', async () => {
      const { tabId } = await stack.open(
        fixtureUrl('gmail/gmail-thread-basic.html'),
        fixtureHtml('gmail/gmail-thread-basic.html'),
      );
      const panel = await openPanelFor(stack, tabId);
      await expect.poll(() => panel.getByRole('heading', { name: 'Acme — Platform' }).count()).toBe(1);

      // The admin adds acme.com to the excluded domains: the same thread must no longer be logged.
      writeExtensionPolicy(EXTENSION_ID, { ...POLICY, excludedDomains: ['lawfirm.example', 'acme.com'] });
      await expect
        .poll(() => panel.getByText('Someone here is on an excluded domain: nothing to log.').count(), {
          timeout: 60_000,
        })
        .toBe(1);
    });

    it('keeps a mistyped setting locked at its safest value, drops only the bad domain, and says so in the panel', async () => {
      writeExtensionPolicy(EXTENSION_ID, {
        ...POLICY,
        // One entry is no domain at all; the wildcard names acme.com and its subdomains.
        excludedDomains: ['lawfirm.example', 'law firm!', '*.acme.com'],
        // Not one of full / excerpt / headers: Dealside logs headers only, and the rep cannot change it.
        logBody: 'Everything',
      });
      const { tabId } = await stack.open(
        fixtureUrl('gmail/gmail-thread-basic.html'),
        fixtureHtml('gmail/gmail-thread-basic.html'),
      );
      const panel = await openPanelFor(stack, tabId);
      const banner = panel.getByRole('region', { name: "Problems in your administrator's settings" });
      await expect.poll(() => banner.count(), { timeout: 60_000 }).toBe(1);
      await expect
        .poll(() => banner.innerText())
        .toContain(
          'Your administrator\'s "excludedDomains": "law firm!" was dropped: a domain such as example.com.',
        );
      expect(await banner.innerText()).toContain(
        'Your administrator\'s value for "logBody" is invalid: expected one of "full", "excerpt", "headers". Dealside uses "headers", and the setting stays locked.',
      );
      // The valid entries still apply: acme.com is excluded.
      await expect
        .poll(() => panel.getByText('Someone here is on an excluded domain: nothing to log.').count())
        .toBe(1);
      await panel.locator('#root').screenshot({ path: 'artifacts/screenshots/policy-warning.png' });

      await panel.getByRole('button', { name: 'Settings' }).click();
      const logBody = panel.getByRole('group', { name: 'What to log of an email body' });
      await expect
        .poll(() => logBody.innerText())
        .toMatch(/Only subject, people and time[\s\S]*Set by your administrator/);
      expect(await logBody.getByRole('combobox').count()).toBe(0);
      const excluded = panel.getByRole('group', { name: 'Excluded domains' });
      await expect.poll(() => excluded.innerText()).toContain('lawfirm.example, acme.com');
    });
  },
);
