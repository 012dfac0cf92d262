/**
 * Projects the neutral book into the Salesforce store through the same write path the REST
 * API uses (with a clock fixed at each record's time), so OpportunityHistory, derived fields,
 * EmailMessage tasks and LastActivityDate come out as Salesforce would have them.
 */
import type { Clock } from '../clock';
import type { SfPrincipal } from '../salesforce/auth';
import { KEY_PREFIXES, makeId, nextId } from '../salesforce/ids';
import { insert, updateRecord, type WriteState } from '../salesforce/write';
import { formatDate, formatDateTime } from '../soql/dates';
import type { SalesforceStore, SfRow, SfValue, Store } from '../store/types';
import {
  DISPOSITIONS,
  STAGES,
  activityAccount,
  activityTime,
  bookTime,
  type Book,
  type BookActivity,
  type BookUser,
} from './book';

/** [ApiName, probability, forecast category, closed, won] in sort order. */
const STANDARD_STAGES: Array<[string, number, string, boolean, boolean]> = [
  ['Prospecting', 10, 'Pipeline', false, false],
  ['Qualification', 10, 'Pipeline', false, false],
  ['Needs Analysis', 20, 'Pipeline', false, false],
  ['Value Proposition', 50, 'Pipeline', false, false],
  ['Id. Decision Makers', 60, 'Pipeline', false, false],
  ['Perception Analysis', 70, 'Pipeline', false, false],
  ['Proposal/Price Quote', 75, 'Best Case', false, false],
  ['Negotiation/Review', 90, 'Commit', false, false],
  ['Closed Won', 100, 'Closed', true, true],
  ['Closed Lost', 0, 'Omitted', true, false],
];

function fixedClock(at: Date): Clock {
  return { base: at, now: () => new Date(at.getTime()), nowMs: () => at.getTime(), advance: () => undefined };
}

export function emptySalesforce(now: Date, users: BookUser[], instanceUrl: string): SalesforceStore {
  const sequences: Record<string, number> = {};
  const created = formatDateTime(bookTime(now, 500).getTime());
  const userRows: SfRow[] = users.map((u) => ({
    Id: nextId(sequences, KEY_PREFIXES.User),
    Name: `${u.firstName} ${u.lastName}`,
    FirstName: u.firstName,
    LastName: u.lastName,
    Email: u.email,
    Username: u.email,
    Title: u.title,
    IsActive: true,
    ManagerId: null,
    CreatedDate: created,
    CreatedById: null,
    LastModifiedDate: created,
  }));
  for (const u of userRows) u.CreatedById = userRows[0]?.Id ?? u.Id;
  users.forEach((u, i) => {
    const manager = users.findIndex((m) => m.key === u.manager);
    const row = userRows[i];
    if (row && manager >= 0) row.ManagerId = userRows[manager]?.Id ?? null;
  });
  const stages: SfRow[] = STANDARD_STAGES.map(([name, probability, forecast, closed, won], i) => ({
    Id: nextId(sequences, KEY_PREFIXES.OpportunityStage),
    ApiName: name,
    MasterLabel: name,
    IsActive: true,
    IsClosed: closed,
    IsWon: won,
    DefaultProbability: probability,
    ForecastCategoryName: forecast,
    SortOrder: i + 1,
    Description: null,
    CreatedDate: created,
  }));
  return {
    orgId: makeId(KEY_PREFIXES.Organization, 1),
    instanceUrl,
    apiUsage: 0,
    sequences,
    users: userRows,
    accounts: [],
    contacts: [],
    leads: [],
    opportunities: [],
    opportunityContactRoles: [],
    opportunityHistories: [],
    opportunityStages: stages,
    tasks: [],
    events: [],
    emailMessages: [],
  };
}

export function seedSalesforce(store: Store, book: Book, now: Date): void {
  const sf = store.salesforce;
  const ids = store.bookIds.salesforce;
  book.users.forEach((u, i) => {
    const row = sf.users[i];
    if (row) ids[u.key] = row.Id;
  });
  const principal = (ownerKey: string): SfPrincipal => {
    const user = sf.users.find((u) => u.Id === ids[ownerKey]) ?? sf.users[0];
    if (!user) throw new Error('the Salesforce seed needs at least one user');
    return { user, scopes: [] };
  };
  const at = (time: Date): WriteState => ({ store, clock: fixedClock(time) });
  const add = (time: Date, object: string, values: Record<string, SfValue>, owner: string) => {
    const row = insert(at(time), object, values, principal(owner));
    if (!row) throw new Error(`seed insert of ${object} failed`);
    return row;
  };

  for (const a of book.accounts) {
    ids[a.key] = add(
      bookTime(now, a.createdDaysAgo, 10),
      'Account',
      {
        Name: a.name,
        Website: a.website,
        Industry: a.industry === 'Healthcare' ? 'Healthcare' : a.industry,
        OwnerId: ids[a.owner] ?? null,
      },
      a.owner,
    ).Id;
  }
  for (const c of book.contacts.filter((x) => !x.lead)) {
    ids[c.key] = add(
      bookTime(now, c.createdDaysAgo, 10, 30),
      'Contact',
      {
        FirstName: c.firstName,
        LastName: c.lastName,
        Email: c.email,
        Title: c.title,
        Phone: c.phone,
        AccountId: c.account ? (ids[c.account] ?? null) : null,
        OwnerId: ids[c.owner] ?? null,
      },
      c.owner,
    ).Id;
  }
  for (const c of book.contacts.filter((x) => x.lead)) {
    const converted = c.lead?.convertedTo ? (ids[c.lead.convertedTo] ?? null) : null;
    ids[c.key] = add(
      bookTime(now, c.createdDaysAgo, 11),
      'Lead',
      {
        FirstName: c.firstName,
        LastName: c.lastName,
        Email: c.email,
        Title: c.title,
        Company: c.lead?.company ?? '',
        Status: c.lead?.status ?? 'Open - Not Contacted',
        IsConverted: converted !== null,
        ConvertedContactId: converted,
        OwnerId: ids[c.owner] ?? null,
      },
      c.owner,
    ).Id;
  }

  for (const d of book.deals) {
    const first = d.stages[0];
    if (!first) continue;
    const opp = add(
      bookTime(now, first.daysAgo, 12),
      'Opportunity',
      {
        Name: d.name,
        AccountId: ids[d.account] ?? null,
        StageName: STAGES[first.stage].salesforce,
        Amount: d.amount,
        CurrencyIsoCode: d.currency,
        CloseDate: formatDate(bookTime(now, -d.closeInDays).getTime()),
        OwnerId: ids[d.owner] ?? null,
        Type: d.type === 'newbusiness' ? 'New Business' : 'Existing Business',
        NextStep: d.nextStep,
      },
      d.owner,
    );
    ids[d.key] = opp.Id;
    for (const step of d.stages.slice(1)) {
      updateRecord(
        at(bookTime(now, step.daysAgo, 12)),
        'Opportunity',
        opp.Id,
        { StageName: STAGES[step.stage].salesforce },
        principal(d.owner),
      );
    }
    if (d.reason) opp.Dealside_Stage_Reason__c = d.reason;
    d.contacts.forEach((c) => {
      add(
        bookTime(now, first.daysAgo, 12, 5),
        'OpportunityContactRole',
        {
          OpportunityId: opp.Id,
          ContactId: ids[c.key] ?? null,
          Role: c.role,
          IsPrimary: c.primary,
        },
        d.owner,
      );
    });
  }

  const sorted = [...book.activities].sort(
    (a, b) => activityTime(now, a).getTime() - activityTime(now, b).getTime(),
  );
  for (const a of sorted) ids[a.key] = addActivity(book, a, now, ids, add).Id;
}

function addActivity(
  book: Book,
  a: BookActivity,
  now: Date,
  ids: Record<string, string>,
  add: (time: Date, object: string, values: Record<string, SfValue>, owner: string) => SfRow,
): SfRow {
  const time = activityTime(now, a);
  const account = activityAccount(book, a);
  const what = a.deal ? (ids[a.deal] ?? null) : account ? (ids[account] ?? null) : null;
  const who = a.contacts[0] ? (ids[a.contacts[0]] ?? null) : null;
  const owner = ids[a.owner] ?? null;
  const day = formatDate(time.getTime());
  switch (a.kind) {
    case 'email': {
      const user = book.users.find((u) => u.key === a.owner);
      const emails = a.contacts
        .map((k) => book.contacts.find((c) => c.key === k)?.email ?? '')
        .filter(Boolean);
      const contactName = book.contacts.find((c) => c.key === a.contacts[0]);
      return add(
        time,
        'EmailMessage',
        {
          Subject: a.subject,
          TextBody: a.body,
          FromAddress: a.direction === 'out' ? (user?.email ?? null) : (emails[0] ?? null),
          FromName:
            a.direction === 'out'
              ? `${user?.firstName} ${user?.lastName}`
              : `${contactName?.firstName} ${contactName?.lastName}`,
          ToAddress: a.direction === 'out' ? (emails[0] ?? '') : (user?.email ?? ''),
          CcAddress: emails.slice(1).join('; ') || null,
          MessageDate: formatDateTime(time.getTime()),
          MessageIdentifier: `<${a.key}.${day}@mail.dealside.test>`,
          Incoming: a.direction === 'in',
          Status: a.direction === 'in' ? '1' : '3',
          RelatedToId: what,
        },
        a.owner,
      );
    }
    case 'call':
      return add(
        time,
        'Task',
        {
          Subject: `Call: ${a.title}`,
          Description: a.notes || null,
          TaskSubtype: 'Call',
          Status: 'Completed',
          Priority: 'Normal',
          ActivityDate: day,
          WhoId: who,
          WhatId: what,
          OwnerId: owner,
          CallType: 'Outbound',
          CallDisposition: DISPOSITIONS[a.disposition].label,
          CallDurationInSeconds: a.durationMin * 60,
        },
        a.owner,
      );
    case 'meeting':
      return add(
        time,
        'Event',
        {
          Subject: a.title,
          Description: a.body,
          StartDateTime: formatDateTime(time.getTime()),
          EndDateTime: formatDateTime(time.getTime() + a.durationMin * 60_000),
          Location: 'https://meet.google.com/abc-defg-hij',
          WhoId: who,
          WhatId: what,
          OwnerId: owner,
        },
        a.owner,
      );
    case 'note':
      return add(
        time,
        'Task',
        {
          Subject: `Note: ${a.body.slice(0, 60)}`,
          Description: a.body,
          TaskSubtype: 'Task',
          Status: 'Completed',
          Priority: 'Normal',
          ActivityDate: day,
          WhoId: who,
          WhatId: what,
          OwnerId: owner,
        },
        a.owner,
      );
    case 'task':
      return add(
        time,
        'Task',
        {
          Subject: a.subject,
          Description: a.body,
          TaskSubtype: 'Task',
          Status: a.status === 'open' ? 'Not Started' : 'Completed',
          Priority: a.priority === 'HIGH' ? 'High' : a.priority === 'LOW' ? 'Low' : 'Normal',
          ActivityDate: formatDate(bookTime(now, -a.dueInDays).getTime()),
          WhoId: who,
          WhatId: what,
          OwnerId: owner,
        },
        a.owner,
      );
  }
}
