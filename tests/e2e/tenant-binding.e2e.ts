/**
 * A pending log goes only to the CRM tenant it was made for. The rep logs while the CRM is down,
 * signs out keeping the log, and signs in to another HubSpot portal / a Salesforce sandbox that
 * holds the same record ids: nothing lands there and the panel says where the log belongs. Back
 * in the right portal / org, it lands exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Browser } from 'wxt/browser';
import type { TenantPatch } from '../support/fake-crm';
import { makeId } from '../support/fake-crm/salesforce/ids';
import { settingsFor, startStack, type Stack } from '../support/stack';
import { createdRecords } from './support/crm-assert';
import { fixtureHtml, fixtureUrl } from './support/env';
import { openPanelFor, signIn } from './support/panel';

declare const chrome: typeof Browser;

const THREAD = 'gmail/gmail-thread-basic.html';
const DEAL = 'Acme — Platform';

interface Tenancy {
  crm: 'HubSpot' | 'Salesforce';
  provider: 'hubspot' | 'salesforce';
  /** What the fake answers as when it is the other tenant. */
  other: TenantPatch;
  home(stack: Stack): TenantPatch;
  /** How the panel names the tenant the log was made for. */
  label(stack: Stack): string;
  /** Logged emails the CRM holds. */
  emails(stack: Stack): number;
}

const HUBSPOT: Tenancy = {
  crm: 'HubSpot',
  provider: 'hubspot',
  other: { hubspotPortalId: 9_090_909 },
  home: (stack) => ({ hubspotPortalId: stack.crm.store.hubspot.portalId }),
  label: (stack) => `HubSpot portal ${stack.crm.store.hubspot.portalId}`,
  emails: (stack) => createdRecords(stack.crm, 'hubspot', 'emails').length,
};

const SALESFORCE: Tenancy = {
  crm: 'Salesforce',
  provider: 'salesforce',
  // A sandbox: its own Organization id, the production records' ids copied over.
  other: { salesforceOrgId: makeId('00D', 77) },
  home: (stack) => ({ salesforceOrgId: stack.crm.store.salesforce.orgId }),
  label: (stack) => `Salesforce org ${stack.crm.store.salesforce.orgId}`,
  emails: (stack) =>
    createdRecords(stack.crm, 'salesforce', 'Task').filter(
      (w) => stack.crm.store.salesforce.tasks.find((t) => t.Id === w.id)?.TaskSubtype === 'Email',
    ).length,
};

async function signOutKeeping(stack: Stack, panel: Page, pending: number) {
  await panel.getByRole('button', { name: 'Settings' }).click();
  await panel.getByRole('button', { name: 'Sign out' }).click();
  const question = panel.getByRole('group', { name: 'What to do with items not yet logged' });
  await expect
    .poll(() => question.innerText())
    .toMatch(new RegExp(`${pending} items are not in your CRM yet`));
  await question.getByRole('button', { name: 'Keep them for my next sign-in' }).click();
  const worker = await stack.dealside.worker();
  await expect.poll(() => worker.evaluate(() => chrome.storage.local.get('auth.connection'))).toEqual({});
  await panel.getByRole('button', { name: 'Done' }).click();
}

async function outboxItems(stack: Stack) {
  const worker = await stack.dealside.worker();
  const stored = await worker.evaluate(() => chrome.storage.local.get('outbox.items'));
  return Object.values((stored['outbox.items'] ?? {}) as Record<string, { lastError?: { message: string } }>);
}

function tenantBinding(t: Tenancy) {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await stack.configure(settingsFor(t.provider));
  });
  afterAll(() => stack?.close());

  it('never sends it to the other tenant, says where it belongs, then lands once back home', async () => {
    const { tabId } = await stack.open(fixtureUrl(THREAD), fixtureHtml(THREAD));
    const panel = await openPanelFor(stack, tabId);
    await signIn(panel, t.crm);
    await expect.poll(() => panel.getByRole('heading', { name: DEAL }).count()).toBe(1);
    const home = t.home(stack);
    const madeFor = `Made for ${t.label(stack)}: sign in there to send, or discard.`;

    stack.crm.setFaults({ down: true });
    // The rep adds a next step (none is proposed for this thread), so two writes wait.
    await panel.getByRole('checkbox', { name: /^Next step/ }).check();
    await panel.getByLabel('What', { exact: true }).fill('Send the security questionnaire');
    await panel.getByLabel('Due').fill(new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10));
    await panel.getByRole('button', { name: `Log email to ${DEAL}` }).click();
    await expect.poll(() => panel.getByText(/^Pending: will be logged/).count(), { timeout: 60_000 }).toBe(1);
    // The email and its next-step task.
    const pending = (await outboxItems(stack)).length;
    expect(pending).toBe(2);
    await signOutKeeping(stack, panel, pending);

    // Same CRM host, same records, another tenant.
    stack.crm.answerAs(t.other);
    stack.crm.setFaults({});
    const writesBefore = stack.crm.store.writes.length;
    await signIn(panel, t.crm);
    await expect.poll(() => panel.getByRole('heading', { name: DEAL }).count()).toBe(1);

    // The outbox ran for every kept item and held each one back.
    const outbox = panel.getByRole('region', { name: /^Not yet in your CRM/ });
    await expect
      .poll(() => outbox.getByText(madeFor, { exact: true }).count(), { timeout: 60_000 })
      .toBe(pending);
    // The log form says why it waits, not that the CRM answering will send it.
    await expect.poll(() => panel.getByText(`Pending: ${madeFor}`, { exact: true }).count()).toBe(1);
    expect(await panel.getByText(/will be logged when the CRM answers/).count()).toBe(0);
    expect((await outboxItems(stack)).map((item) => item.lastError?.message)).toEqual(
      Array(pending).fill(madeFor),
    );
    expect(stack.crm.store.writes.slice(writesBefore)).toEqual([]);
    expect(t.emails(stack)).toBe(0);
    expect(await outbox.getByRole('button', { name: /^Discard/ }).count()).toBe(pending);
    await panel.locator('#root').screenshot({ path: `artifacts/screenshots/wrong-tenant-${t.provider}.png` });

    // Back to the tenant the log was made for.
    stack.crm.answerAs(home);
    await signOutKeeping(stack, panel, pending);
    await signIn(panel, t.crm);
    await expect
      .poll(() => panel.getByText(new RegExp(`^Logged to ${DEAL}`)).count(), { timeout: 60_000 })
      .toBe(1);
    await expect.poll(() => outbox.count(), { timeout: 60_000 }).toBe(0);
    expect(t.emails(stack)).toBe(1);
  });
}

describe('HubSpot: a log kept at sign-out lands only in the portal it was made for', () => {
  tenantBinding(HUBSPOT);
});

describe('Salesforce: a log made in production never lands in a sandbox with the same record ids', () => {
  tenantBinding(SALESFORCE);
});
