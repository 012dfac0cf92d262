/**
 * Read helpers for tests: "what was logged against this deal", "which deal is Acme — Platform".
 */
import { associated } from '../hubspot/associations';
import { findRecord } from '../hubspot/records';
import type { HsActivityType, HsRecord, SfRow, Store } from './types';
import { HS_ACTIVITY_TYPES } from './types';

interface ActivityViewBase {
  /** HubSpot object type (emails, calls, …) or Salesforce sObject (Task, Event, EmailMessage). */
  type: string;
  id: string;
  /** hs_timestamp, or ActivityDate / StartDateTime / MessageDate. */
  timestamp: string | null;
  subject: string | null;
}

export type ActivityView =
  | (ActivityViewBase & { provider: 'hubspot'; record: HsRecord })
  | (ActivityViewBase & { provider: 'salesforce'; record: SfRow });

function hubspotSubject(type: HsActivityType, r: HsRecord): string | null {
  const p = r.properties;
  switch (type) {
    case 'emails':
      return p.hs_email_subject ?? null;
    case 'calls':
      return p.hs_call_title ?? null;
    case 'meetings':
      return p.hs_meeting_title ?? null;
    case 'notes':
      return p.hs_body_preview ?? p.hs_note_body ?? null;
    case 'tasks':
      return p.hs_task_subject ?? null;
  }
}

/** Activities associated with a deal (HubSpot) or related to an opportunity (Salesforce), newest first. */
export function activitiesFor(
  store: Store,
  provider: 'hubspot' | 'salesforce',
  dealId: string,
): ActivityView[] {
  const out: ActivityView[] = [];
  if (provider === 'hubspot') {
    for (const type of HS_ACTIVITY_TYPES) {
      for (const edge of associated(store.hubspot, 'deals', dealId, type)) {
        const record = findRecord(store.hubspot, type, edge.toId);
        if (!record) continue;
        out.push({
          provider,
          type,
          id: record.id,
          timestamp: record.properties.hs_timestamp ?? null,
          subject: hubspotSubject(type, record),
          record,
        });
      }
    }
  } else {
    const sf = store.salesforce;
    const same = (v: unknown) => typeof v === 'string' && v.slice(0, 15) === dealId.slice(0, 15);
    for (const row of sf.tasks.filter((t) => same(t.WhatId))) {
      out.push({
        provider,
        type: 'Task',
        id: row.Id,
        timestamp: (row.CompletedDateTime ?? row.ActivityDate ?? row.CreatedDate) as string | null,
        subject: row.Subject as string | null,
        record: row,
      });
    }
    for (const row of sf.events.filter((e) => same(e.WhatId))) {
      out.push({
        provider,
        type: 'Event',
        id: row.Id,
        timestamp: row.StartDateTime as string | null,
        subject: row.Subject as string | null,
        record: row,
      });
    }
    for (const row of sf.emailMessages.filter((m) => same(m.RelatedToId))) {
      out.push({
        provider,
        type: 'EmailMessage',
        id: row.Id,
        timestamp: row.MessageDate as string | null,
        subject: row.Subject as string | null,
        record: row,
      });
    }
  }
  const ms = (t: string | null) => (t ? Date.parse(t.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : 0);
  return out.sort((a, b) => ms(b.timestamp) - ms(a.timestamp));
}

export function hubspotDealByName(store: Store, name: string): HsRecord | undefined {
  return store.hubspot.deals.find((d) => d.properties.dealname === name);
}

export function salesforceOpportunityByName(store: Store, name: string): SfRow | undefined {
  return store.salesforce.opportunities.find((o) => o.Name === name);
}
