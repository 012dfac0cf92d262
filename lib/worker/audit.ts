/**
 * Wires the attach audit into the worker: its alarm (hourly, and soon after sign-in), the
 * panel's messages, and the services it needs. Logic is in lib/audit.
 */
import { browser } from 'wxt/browser';
import {
  attachNow,
  AUDIT_ALARM,
  AUDIT_PERIOD_MINUTES,
  auditPass,
  currentView,
  undoMove,
  type AuditDeps,
} from '../audit/service';
import { auditState } from '../audit/storage';
import type { Handlers } from '../messaging';
import type { auditProtocol } from '../protocol/audit';
import type { Services } from './services';

/** After sign-in the first pass waits this long, so the sign-in's own reads go first. */
const AFTER_SIGN_IN_MINUTES = 0.5;

export function auditDeps(services: Services, runOutbox: () => void): AuditDeps {
  return {
    adapter: () => services.adapter(),
    signedIn: () => services.auth.connection(),
    config: () => services.config(),
    outbox: services.outbox,
    state: auditState,
    now: () => Date.now(),
    runOutbox,
    continueIn: (minutes) =>
      void browser.alarms.create(AUDIT_ALARM, {
        delayInMinutes: minutes,
        periodInMinutes: AUDIT_PERIOD_MINUTES,
      }),
  };
}

/** Registers the alarm listener (synchronously, as Chrome requires) and makes sure the alarm exists. */
export function registerAudit(services: Services, runOutbox: () => void): void {
  const deps = auditDeps(services, runOutbox);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === AUDIT_ALARM) void auditPass(deps).catch(() => undefined);
  });
  void browser.alarms.get(AUDIT_ALARM).then((existing) => {
    if (!existing)
      void browser.alarms.create(AUDIT_ALARM, {
        delayInMinutes: AUDIT_PERIOD_MINUTES,
        periodInMinutes: AUDIT_PERIOD_MINUTES,
      });
  });
}

/** A pass shortly after sign-in (and the hourly rhythm from then on). */
export function auditAfterSignIn(): void {
  void browser.alarms.create(AUDIT_ALARM, {
    delayInMinutes: AFTER_SIGN_IN_MINUTES,
    periodInMinutes: AUDIT_PERIOD_MINUTES,
  });
}

export function createAuditHandlers(
  services: Services,
  runOutbox: () => void,
): Handlers<typeof auditProtocol> {
  const deps = auditDeps(services, runOutbox);
  return {
    'audit.view': () => currentView(deps),
    'audit.run': () => auditPass(deps),
    async 'audit.attach'({ activityId, opportunityId }) {
      await attachNow(deps, activityId, opportunityId);
      return { ok: true };
    },
    async 'audit.undo'({ activityId, opportunityId }) {
      await undoMove(deps, activityId, opportunityId);
      return { ok: true };
    },
  };
}
