/** One handler per worker message type; the router has already checked sender and shape. */
import { redactPolicy } from '../config/redact-policy';
import { redactForPanel } from '../config/resolve';
import { loadConfig, readPolicy, saveUserSettings } from '../config/store';
import { clearCrmCache } from '../crm/cache';
import { CrmError } from '../http/errors';
import type { CrmAdapter } from '../crm/adapter';
import { completeInteraction } from '../detect/complete';
import { clearHistory, rememberChoice } from '../match/history';
import type { Handlers, WorkerProtocol } from '../messaging';
import { retryNow, wakeAuthBlocked } from '../outbox/decisions';
import { capStoredText } from '../outbox/bounds';
import { newItem, outboxKey } from '../outbox/item';
import { tenantOf } from '../outbox/tenant';
import { storageHealth } from '../storage/health';
import { limiterWindows, panelQueries } from '../storage/items';
import { discardQuarantined, listQuarantined } from '../storage/quarantine';
import { clearInteraction, readInteraction, recordInteraction } from './active-interactions';
import { auditState } from '../audit/storage';
import { auditAfterSignIn, createAuditHandlers } from './audit';
import { matchActive } from './deal-match';
import { meetingsFromCalendarTabs, myDay, teamReports } from './my-day';
import { connectionOrTabs } from './my-day-meetings';
import type { Services } from './services';
import { captureOnView, createCaptureHandlers } from '../capture/worker';
import { createGoogleCalendar, type GoogleCalendar } from '../google/worker';

function requireTab(tabId: number | undefined): number {
  if (tabId === undefined) throw new Error('This message must come from a tab');
  return tabId;
}

export function createWorkerHandlers(
  services: Services,
  runOutbox: () => void,
  google: GoogleCalendar = createGoogleCalendar(services, runOutbox),
): Handlers<WorkerProtocol> {
  async function signedInAdapter(): Promise<CrmAdapter> {
    const adapter = await services.adapter();
    if (!adapter) throw new CrmError('auth', 'Sign in to your CRM to continue.');
    return adapter;
  }

  async function configView() {
    const { config, locked, warnings } = await loadConfig();
    return { config: redactForPanel(config), locked, warnings };
  }

  return {
    ...createAuditHandlers(services, runOutbox),
    ...createCaptureHandlers(services, runOutbox),
    ...google.handlers,
    async 'interaction.changed'({ interaction }, { tabId }) {
      // Dates in words ("Tuesday, November 24 ⋅ 3:00 – 3:30pm") are read here, not in the page,
      // to keep the date parser out of the content scripts.
      const active = await recordInteraction(requireTab(tabId), completeInteraction(interaction));
      await captureOnView(services, active.interaction, runOutbox);
      return { ok: true };
    },
    async 'interaction.cleared'(_data, { tabId }) {
      await clearInteraction(requireTab(tabId));
      return { ok: true };
    },

    'auth.status': () => services.auth.status(),
    'auth.begin': ({ provider }) => services.auth.begin(provider),
    async 'auth.complete'({ redirectUrl }) {
      const status = await services.auth.complete(redirectUrl);
      // Writes that were waiting for a sign-in go now.
      const now = Date.now();
      await services.outbox.update((await services.outbox.items()).map((item) => wakeAuthBlocked(item, now)));
      runOutbox();
      auditAfterSignIn();
      return status;
    },
    async 'auth.signOut'({ pending }) {
      if (pending === 'discard') await services.outbox.clearItems();
      await services.auth.signOut();
      // Nothing read from the CRM stays on the machine after sign-out.
      await Promise.all([
        services.outbox.clearLedger({ keepFollowUps: pending === 'keep' }),
        clearCrmCache(),
        clearHistory(),
        limiterWindows.remove(),
        panelQueries.remove(),
        auditState.remove(),
      ]);
      return services.auth.status();
    },

    'config.get': () => configView(),
    async 'config.admin'() {
      const [policy, view] = await Promise.all([readPolicy(), configView()]);
      return { policy: redactPolicy(policy), view };
    },
    async 'config.save'({ edits }) {
      await saveUserSettings(edits);
      return configView();
    },

    async 'deal.match'({ tabId }) {
      const active = await readInteraction(tabId);
      if (!active) return { state: 'no-interaction' };
      const auth = await services.auth.status();
      const connection = await services.auth.connection();
      const adapter = await services.adapter();
      if (auth.state !== 'signed-in' || !connection || !adapter) return { state: 'signed-out', auth };
      return matchActive(active, { config: await services.config(), connection, adapter, now: new Date() });
    },
    async 'deal.context'({ opportunityId }) {
      return (await signedInAdapter()).opportunityContext(opportunityId);
    },
    async 'deal.choose'({ sourceId, opportunityId }) {
      await rememberChoice(sourceId, opportunityId);
      return { ok: true };
    },
    async 'deal.search'(input) {
      return (await signedInAdapter()).searchOpportunities(input);
    },
    async 'deal.pipelines'() {
      return (await signedInAdapter()).pipelines();
    },
    async 'crm.callOutcomes'() {
      const adapter = await services.adapter();
      return adapter?.callOutcomes ? adapter.callOutcomes() : null;
    },

    async 'log.submit'({ writes, remember }) {
      const connection = await services.auth.connection();
      if (!connection) throw new CrmError('auth', 'Sign in to your CRM to log this.');
      const now = Date.now();
      const { maxStoredTextChars } = await services.config();
      const results = [];
      for (const { aliasSourceIds, payload, ...write } of writes) {
        const aliases = (aliasSourceIds ?? []).map((sourceId) =>
          outboxKey({
            provider: connection.provider,
            op: payload.kind,
            sourceId,
            target: payload.target,
          }),
        );
        const item = newItem(
          {
            provider: connection.provider,
            ...write,
            payload: capStoredText(payload, maxStoredTextChars),
            aliases,
            tenant: tenantOf(connection),
          },
          now,
        );
        results.push({ key: item.key, status: await services.outbox.enqueue(item) });
      }
      if (remember) await rememberChoice(remember.sourceId, remember.opportunityId);
      runOutbox();
      return results;
    },
    async 'log.lookup'({ op, sourceId, aliasSourceIds, label, target }) {
      const adapter = await services.adapter();
      if (!adapter) return { recordId: null };
      const keyOf = (id: string) => outboxKey({ provider: adapter.provider, op, sourceId: id, target });
      const key = keyOf(sourceId);
      const recordId = await adapter.findWritten([key, ...(aliasSourceIds ?? []).map(keyOf)], {
        kind: op,
        target,
      });
      if (recordId) {
        await services.outbox.land({
          key,
          provider: adapter.provider,
          op,
          sourceId,
          opportunityId: target.opportunityId,
          recordId,
          label,
          loggedAt: Date.now(),
          adopted: true,
        });
      }
      return { recordId };
    },
    async 'logKey.create'() {
      const adapter = await signedInAdapter();
      if (!adapter.createLogKeyField)
        throw new CrmError(
          'config',
          'This CRM needs an admin to create the key field by hand: see the admin guide.',
        );
      const field = await adapter.createLogKeyField();
      const setting = adapter.provider === 'hubspot' ? 'hubspotLogKeyProperty' : 'salesforceLogKeyField';
      const { locked } = await loadConfig();
      // Policy decides for everyone once the admin sets it; until then this rep uses it at once.
      const savedForYou = !locked.includes(setting);
      if (savedForYou) await saveUserSettings({ [setting]: field });
      return { field, savedForYou };
    },
    async 'outbox.status'() {
      const [items, ledger] = await Promise.all([services.outbox.items(), services.outbox.ledger()]);
      return { items, ledger };
    },
    async 'outbox.retry'({ key }) {
      const item = (await services.outbox.items()).find((i) => i.key === key);
      if (!item) throw new Error('That item is no longer in the outbox.');
      await services.outbox.update([retryNow(item, Date.now())]);
      runOutbox();
      return { ok: true };
    },
    async 'outbox.discard'({ key }) {
      await services.outbox.remove(key);
      return { ok: true };
    },
    'myday.get': ({ refresh }) =>
      myDay(services, {
        refresh: refresh === true,
        meetings: [connectionOrTabs(google, meetingsFromCalendarTabs)],
      }),
    'reports.get': ({ refresh }) => teamReports(services, { refresh: refresh === true }),
    'storage.health': () => storageHealth(),
    async 'storage.discardCopies'() {
      for (const { key } of await listQuarantined()) await discardQuarantined(key);
      return { ok: true };
    },
  };
}
