/**
 * Projects the neutral book into the HubSpot store, through the same record helpers the API
 * uses, so histories, stage-calculated properties and activity roll-ups are consistent.
 */
import { associate } from '../hubspot/associations';
import { applyDealStage, newRecord, setProperty, touch, type WriteSource } from '../hubspot/records';
import { applyRollups } from '../hubspot/rollups';
import type { HsActivityType, HsPipeline, HubSpotStore, Store } from '../store/types';
import {
  DISPOSITIONS,
  RENEWALS_PIPELINE,
  STAGES,
  activityAccount,
  activityTime,
  bookTime,
  type Book,
  type BookActivity,
  type BookUser,
} from './book';

export const HUBSPOT_PORTAL_ID = 4242424;

export function hubspotPipelines(createdAt: string): HsPipeline[] {
  return [
    {
      id: 'default',
      label: 'Sales Pipeline',
      displayOrder: 0,
      createdAt,
      updatedAt: createdAt,
      stages: [
        {
          id: 'appointmentscheduled',
          label: 'Appointment Scheduled',
          displayOrder: 0,
          isClosed: false,
          probability: 0.2,
        },
        {
          id: 'qualifiedtobuy',
          label: 'Qualified To Buy',
          displayOrder: 1,
          isClosed: false,
          probability: 0.4,
        },
        {
          id: 'presentationscheduled',
          label: 'Presentation Scheduled',
          displayOrder: 2,
          isClosed: false,
          probability: 0.6,
        },
        {
          id: 'decisionmakerboughtin',
          label: 'Decision Maker Bought-In',
          displayOrder: 3,
          isClosed: false,
          probability: 0.8,
        },
        { id: 'contractsent', label: 'Contract Sent', displayOrder: 4, isClosed: false, probability: 0.9 },
        { id: 'closedwon', label: 'Closed Won', displayOrder: 5, isClosed: true, probability: 1 },
        { id: 'closedlost', label: 'Closed Lost', displayOrder: 6, isClosed: true, probability: 0 },
      ],
    },
    {
      id: RENEWALS_PIPELINE,
      label: 'Renewals',
      displayOrder: 1,
      createdAt,
      updatedAt: createdAt,
      stages: [
        { id: '7654322', label: 'Renewal upcoming', displayOrder: 0, isClosed: false, probability: 0.3 },
        { id: '7654323', label: 'Renewal negotiation', displayOrder: 1, isClosed: false, probability: 0.7 },
        { id: '7654324', label: 'Renewed', displayOrder: 2, isClosed: true, probability: 1 },
        { id: '7654325', label: 'Churned', displayOrder: 3, isClosed: true, probability: 0 },
      ],
    },
  ];
}

/** Stable team ids per name, in HubSpot's numeric style. */
const teamId = (name: string) =>
  String(178_000 + [...name].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) % 1000, 0));

export function emptyHubSpot(now: Date, users: BookUser[]): HubSpotStore {
  const createdAt = bookTime(now, 500).toISOString();
  return {
    portalId: HUBSPOT_PORTAL_ID,
    owners: users.map((u, i) => ({
      id: String(71000001 + i),
      email: u.email,
      firstName: u.firstName,
      lastName: u.lastName,
      userId: 9001 + i,
      createdAt,
      updatedAt: createdAt,
      archived: false,
      teams: u.team ? [{ id: teamId(u.team), name: u.team, primary: true }] : [],
    })),
    contacts: [],
    companies: [],
    deals: [],
    emails: [],
    calls: [],
    meetings: [],
    notes: [],
    tasks: [],
    associations: [],
    pipelines: hubspotPipelines(createdAt),
    dispositions: Object.values(DISPOSITIONS).map((d) => ({ id: d.hubspot, label: d.label })),
    nextId: 53000000001,
  };
}

const ACTIVITY_TYPE: Record<BookActivity['kind'], HsActivityType> = {
  email: 'emails',
  call: 'calls',
  meeting: 'meetings',
  note: 'notes',
  task: 'tasks',
};

export function seedHubSpot(store: Store, book: Book, now: Date): void {
  const hs = store.hubspot;
  const ids = store.bookIds.hubspot;
  const owners = new Map(book.users.map((u, i) => [u.key, hs.owners[i]]));
  book.users.forEach((u, i) => {
    const owner = hs.owners[i];
    if (owner) ids[u.key] = owner.id;
  });
  const source = (ownerKey: string): WriteSource => {
    const owner = owners.get(ownerKey);
    return {
      sourceType: 'CRM_UI',
      sourceId: owner ? `userId:${owner.userId}` : null,
      ...(owner ? { userId: owner.userId } : {}),
    };
  };
  const ownerId = (key: string) => owners.get(key)?.id ?? null;

  book.accounts.forEach((a, i) => {
    const at = bookTime(now, a.createdDaysAgo, 10).toISOString();
    const values = {
      name: a.name,
      domain: a.domain,
      website: a.website,
      industry: a.industry,
      city: a.city,
      hubspot_owner_id: ownerId(a.owner),
    };
    ids[a.key] = newRecord(store, 'companies', values, at, source(a.owner), String(8100000001 + i)).id;
  });

  book.contacts
    .filter((c) => !c.lead?.convertedTo)
    .forEach((c, i) => {
      const at = bookTime(now, c.createdDaysAgo, 10, 30).toISOString();
      const company = c.account ? ids[c.account] : undefined;
      const accountName = book.accounts.find((a) => a.key === c.account)?.name ?? c.lead?.company ?? null;
      const values: Record<string, string | null> = {
        email: c.email,
        firstname: c.firstName,
        lastname: c.lastName,
        jobtitle: c.title,
        phone: c.phone,
        company: accountName,
        hubspot_owner_id: ownerId(c.owner),
        lifecyclestage: c.lead ? 'lead' : 'opportunity',
        hs_additional_emails: c.extraEmails?.join(';') ?? null,
        associatedcompanyid: company ?? null,
      };
      const record = newRecord(store, 'contacts', values, at, source(c.owner), String(9100000001 + i));
      ids[c.key] = record.id;
      if (company) {
        associate(hs, 'contacts', record.id, 'companies', company, 279);
        associate(hs, 'contacts', record.id, 'companies', company, 1);
      }
    });

  book.deals.forEach((d, i) => {
    const first = d.stages[0];
    if (!first) return;
    const src = source(d.owner);
    const created = bookTime(now, first.daysAgo, 12).toISOString();
    const firstStage = STAGES[first.stage].hubspot;
    const values: Record<string, string | null> = {
      dealname: d.name,
      pipeline: firstStage.pipeline,
      dealstage: firstStage.stage,
      amount: String(d.amount),
      deal_currency_code: d.currency,
      closedate: bookTime(now, -d.closeInDays, 0).toISOString(),
      hubspot_owner_id: ownerId(d.owner),
      dealtype: d.type,
      hs_next_step: d.nextStep,
    };
    const deal = newRecord(store, 'deals', values, created, src, String(6100000001 + i));
    ids[d.key] = deal.id;
    let last = created;
    for (const step of d.stages.slice(1)) {
      last = bookTime(now, step.daysAgo, 12).toISOString();
      applyDealStage(hs, deal, STAGES[step.stage].hubspot.stage, last, src);
    }
    const current = d.stages[d.stages.length - 1]?.stage;
    if (d.reason) setProperty(deal, 'dealside_stage_reason', d.reason, last, src);
    if (current === 'lost') setProperty(deal, 'closed_lost_reason', 'Chose a competitor', last, src);
    if (current === 'won') setProperty(deal, 'closed_won_reason', 'Commercial terms agreed', last, src);
    touch(deal, 'deals', last, src);
    const company = ids[d.account];
    if (company) {
      associate(hs, 'deals', deal.id, 'companies', company, 341);
      associate(hs, 'deals', deal.id, 'companies', company, 5);
    }
    for (const c of d.contacts) {
      const contact = ids[c.key];
      if (contact) associate(hs, 'deals', deal.id, 'contacts', contact, 3);
    }
  });

  const sorted = [...book.activities].sort(
    (a, b) => activityTime(now, a).getTime() - activityTime(now, b).getTime(),
  );
  sorted.forEach((a, i) => {
    const type = ACTIVITY_TYPE[a.kind];
    const at = activityTime(now, a);
    const record = newRecord(
      store,
      type,
      activityProperties(book, a, at, ownerId(a.owner), now),
      at.toISOString(),
      source(a.owner),
      String(4100000001 + i),
    );
    ids[a.key] = record.id;
    if (a.kind === 'task' && a.status === 'done') {
      setProperty(
        record,
        'hs_task_completion_date',
        record.properties.hs_timestamp ?? null,
        at.toISOString(),
        source(a.owner),
      );
    }
    const typeIds = ASSOCIATION_IDS[type];
    const deal = a.deal ? ids[a.deal] : undefined;
    if (deal) associate(hs, type, record.id, 'deals', deal, typeIds.deal);
    for (const key of a.contacts) {
      const contact = ids[key];
      if (contact) associate(hs, type, record.id, 'contacts', contact, typeIds.contact);
    }
    const account = activityAccount(book, a);
    const company = account ? ids[account] : undefined;
    if (company) associate(hs, type, record.id, 'companies', company, typeIds.company);
    applyRollups(store, type, record, now.getTime(), at.toISOString(), source(a.owner));
  });
}

const ASSOCIATION_IDS: Record<HsActivityType, { deal: number; contact: number; company: number }> = {
  emails: { deal: 210, contact: 198, company: 186 },
  calls: { deal: 206, contact: 194, company: 182 },
  meetings: { deal: 212, contact: 200, company: 188 },
  notes: { deal: 214, contact: 202, company: 190 },
  tasks: { deal: 216, contact: 204, company: 192 },
};

function person(book: Book, key: string) {
  const c = book.contacts.find((x) => x.key === key);
  return c ? { email: c.email, firstName: c.firstName, lastName: c.lastName } : undefined;
}

function activityProperties(
  book: Book,
  a: BookActivity,
  at: Date,
  owner: string | null,
  now: Date,
): Record<string, string | null> {
  const ts = at.toISOString();
  const base = { hs_timestamp: ts, hubspot_owner_id: owner };
  switch (a.kind) {
    case 'email': {
      const user = book.users.find((u) => u.key === a.owner);
      const rep = user
        ? { email: user.email, firstName: user.firstName, lastName: user.lastName }
        : undefined;
      const contacts = a.contacts.map((k) => person(book, k)).filter((p) => !!p);
      const headers =
        a.direction === 'out'
          ? { from: rep, sender: rep, to: contacts.slice(0, 1), cc: contacts.slice(1), bcc: [] }
          : { from: contacts[0], sender: contacts[0], to: rep ? [rep] : [], cc: contacts.slice(1), bcc: [] };
      return {
        ...base,
        hs_email_direction: a.direction === 'out' ? 'EMAIL' : 'INCOMING_EMAIL',
        hs_email_status: 'SENT',
        hs_email_subject: a.subject,
        hs_email_text: a.body,
        hs_email_headers: JSON.stringify(headers),
      };
    }
    case 'call': {
      const d = DISPOSITIONS[a.disposition];
      return {
        ...base,
        hs_call_title: a.title,
        hs_call_body: a.notes,
        hs_call_direction: 'OUTBOUND',
        hs_call_duration: String(a.durationMin * 60_000),
        hs_call_status: d.callStatus,
        hs_call_disposition: d.hubspot,
        hs_activity_type: 'Sales call',
      };
    }
    case 'meeting':
      return {
        ...base,
        hs_meeting_title: a.title,
        hs_meeting_body: a.body,
        hs_meeting_start_time: ts,
        hs_meeting_end_time: new Date(at.getTime() + a.durationMin * 60_000).toISOString(),
        hs_meeting_outcome: 'COMPLETED',
        hs_meeting_external_url: 'https://meet.google.com/abc-defg-hij',
        hs_activity_type: 'Sales meeting',
      };
    case 'note':
      return { ...base, hs_note_body: a.body };
    case 'task':
      return {
        ...base,
        hs_timestamp: bookTime(now, -a.dueInDays, 16).toISOString(),
        hs_task_subject: a.subject,
        hs_task_body: a.body,
        hs_task_status: a.status === 'open' ? 'NOT_STARTED' : 'COMPLETED',
        hs_task_priority: a.priority,
        hs_task_type: 'TODO',
      };
  }
}
