/**
 * A whole audit pass against the fake CRM, both providers: contact-only emails are read, the
 * confident one is queued and sent through the outbox onto its deal, the figure counts it, undo
 * takes it off again, and the next (incremental) pass neither reads it afresh nor moves it back.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { auditPass, currentView, undoMove, type AuditDeps } from '@/lib/audit/service';
import type { AuditState } from '@/lib/audit/state';
import { defaultConfig } from '@/lib/config/schema';
import type { CrmAdapter } from '@/lib/crm/adapter';
import type { CrmWrite, Provider, Target } from '@/lib/domain/types';
import { drain } from '@/lib/outbox/processor';
import { createOutboxStore } from '@/lib/outbox/store';
import { startFakeCrm, type FakeCrm } from '../../support/fake-crm';
import { harness } from '../hubspot/helpers';
import { makeAdapter } from '../salesforce/helpers';

const NOW = new Date('2026-11-20T12:00:00.000Z');
let crm: FakeCrm;
beforeAll(async () => {
  crm = await startFakeCrm({ now: NOW, salesforceInstanceUrl: 'self' });
});
afterAll(() => crm.close());
beforeEach(() => {
  fakeBrowser.reset();
  crm.reset();
  crm.store.settings.hubspotSearchLimit = false;
});

const book = (provider: Provider, key: string) => {
  const id = crm.store.bookIds[provider][key];
  if (!id) throw new Error(`no ${provider} id ${key}`);
  return id;
};

function janeEmail(provider: Provider, ownerKey: string, subject: string): CrmWrite {
  const target: Target = {
    opportunityId: null,
    accountId: book(provider, 'a1'),
    contactIds: [book(provider, 'c1')],
    ...(provider === 'salesforce' ? { leadIds: [] } : {}),
    ownerId: book(provider, ownerKey),
  };
  return {
    kind: 'email',
    target,
    subject,
    body: 'Hi Sam, can we start in January?',
    from: { email: 'jane@acme.com', name: 'Jane Doe' },
    to: [{ email: 'sam@ourco.com', name: 'Sam Rep' }],
    at: '2026-11-19T10:15:00.000Z',
    direction: 'inbound',
  };
}

function adapterFor(provider: Provider): CrmAdapter {
  return provider === 'hubspot'
    ? harness(crm).adapter
    : makeAdapter(crm, { settings: { stageReasonField: '', logKeyField: '' } }).adapter;
}

function setup(provider: Provider, adapter: CrmAdapter) {
  let state: AuditState | null = null;
  const outbox = createOutboxStore();
  const connection = {
    provider,
    tenantId: null,
    crmUserId: book(provider, 'u1'),
    userEmail: 'sam@ourco.com',
  };
  const deps: AuditDeps = {
    adapter: async () => adapter,
    signedIn: async () => connection,
    config: async () => ({ ...defaultConfig(), internalDomains: ['ourco.com'], auditAutoAttach: true }),
    outbox,
    state: { read: async () => state, write: async (next) => void (state = next) },
    now: () => crm.clock.now().getTime(),
    runOutbox: () => undefined,
    continueIn: () => undefined,
  };
  const send = () => drain({ store: outbox, adapter: async () => adapter, now: deps.now, random: () => 0.5 });
  return { deps, outbox, send };
}

function onDeal(provider: Provider, recordId: string): boolean {
  if (provider === 'hubspot') {
    return crm.store.hubspot.associations.some(
      (a) =>
        a.fromType === 'emails' &&
        a.fromId === recordId &&
        a.toType === 'deals' &&
        a.toId === book('hubspot', 'o1'),
    );
  }
  return crm.store.salesforce.tasks.find((t) => t.Id === recordId)?.WhatId === book('salesforce', 'o1');
}

describe.each(['hubspot', 'salesforce'] as const)('attach audit pass on %s', (provider) => {
  it('moves the confident contact-only email onto its deal, counts it, and undoes it', async () => {
    const adapter = adapterFor(provider);
    const mine = (
      await adapter.write(`${provider}:email:k1:account`, janeEmail(provider, 'u1', 'Rollout timing'))
    ).recordId;
    const colleagues = (
      await adapter.write(`${provider}:email:k2:account`, janeEmail(provider, 'u2', 'Their thread'))
    ).recordId;
    const { deps, outbox, send } = setup(provider, adapter);

    const view = await auditPass(deps);
    expect(view.available).toBe(true);
    const line = view.lines.find((l) => l.activityId === mine);
    expect(line).toMatchObject({ decision: 'attach', status: 'queued', opportunityId: book(provider, 'o1') });
    expect(line?.reasons).toContain('Jane Doe is a contact on this deal');
    // A colleague's activity is outside the rep's scope: never read, never listed.
    expect(view.lines.some((l) => l.activityId === colleagues)).toBe(false);

    await send();
    expect(onDeal(provider, mine)).toBe(true);
    expect(onDeal(provider, colleagues)).toBe(false);
    const after = await currentView(deps);
    expect(after.lines.find((l) => l.activityId === mine)?.status).toBe('attached');
    expect(after.figure.attached).toBeGreaterThanOrEqual(1);
    expect(after.figure.activities).toBeGreaterThan(after.figure.onNoDeal);
    expect((await outbox.ledger()).filter((e) => e.op === 'attach')).toHaveLength(after.figure.attached);

    await undoMove(deps, mine, book(provider, 'o1'));
    await send();
    expect(onDeal(provider, mine)).toBe(false);
    expect((await currentView(deps)).lines.find((l) => l.activityId === mine)?.status).toBe('undone');

    // The undo changed the record; the next pass reads it again and leaves it where the rep wants it.
    crm.clock.advance(60_000);
    await auditPass(deps);
    expect(await outbox.items()).toEqual([]);
    await send();
    expect(onDeal(provider, mine)).toBe(false);
  });
});
