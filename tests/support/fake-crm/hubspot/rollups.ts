/**
 * Roll-up properties HubSpot maintains on deals, contacts and companies when activities are
 * logged against them (last contacted, last activity, next activity, last reply). Pre-call
 * context reads these, so seeded and API-created activities must keep them right.
 */
import type { HsActivityType, HsRecord, Store } from '../store/types';
import { associated } from './associations';
import { findRecord, setProperty, touch, type WriteSource } from './records';

const SALES_ACTIVITIES: readonly HsActivityType[] = ['emails', 'calls', 'meetings'];

function later(a: string | null | undefined, b: string): boolean {
  return !a || Date.parse(b) > Date.parse(a);
}

/** `nowMs` decides past vs future; `at` is when the write happens (history, modified date). */
export function applyRollups(
  store: Store,
  type: HsActivityType,
  activity: HsRecord,
  nowMs: number,
  at: string,
  source: WriteSource,
) {
  const ts = activity.properties.hs_timestamp;
  if (!ts) return;
  const tsMs = Date.parse(ts);
  const isOpenTask = type === 'tasks' && activity.properties.hs_task_status !== 'COMPLETED';
  for (const targetType of ['deals', 'contacts', 'companies'] as const) {
    for (const edge of associated(store.hubspot, type, activity.id, targetType)) {
      const target = findRecord(store.hubspot, targetType, edge.toId);
      if (!target) continue;
      const p = target.properties;
      let changed = false;
      const bump = (name: string) => {
        if (later(p[name], ts)) {
          setProperty(target, name, ts, at, source);
          changed = true;
        }
      };
      if (isOpenTask) {
        if (tsMs > nowMs && (!p.notes_next_activity_date || tsMs < Date.parse(p.notes_next_activity_date))) {
          setProperty(target, 'notes_next_activity_date', ts, at, source);
          changed = true;
        }
      } else if (tsMs <= nowMs) {
        bump('notes_last_updated');
        if (SALES_ACTIVITIES.includes(type)) bump('notes_last_contacted');
        if (
          type === 'emails' &&
          targetType === 'contacts' &&
          activity.properties.hs_email_direction === 'INCOMING_EMAIL'
        ) {
          bump('hs_sales_email_last_replied');
        }
      }
      if (changed) touch(target, targetType, at, source);
    }
  }
}
