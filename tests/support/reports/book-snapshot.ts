/**
 * The fake CRM's neutral book as a `report` snapshot, with one provider's ids: the raw-activity
 * answer the aggregate queries must agree with. `firstContactOnly` mirrors CRMs whose activity
 * names one person (a Salesforce Task's WhoId).
 */
import type { ReportActivity, ReportOpportunity, ReportSnapshot } from '../../../lib/reports/snapshot';
import { activityTime, bookTime, BOOK, type Book } from '../fake-crm/seed/book';

const LOST = new Set(['lost']);
const WON = new Set(['won']);

export function bookSnapshot(options: {
  now: Date;
  /** Book key → provider id (`store.bookIds.<provider>`). */
  ids: Record<string, string>;
  owners: string[];
  firstContactOnly?: boolean;
  book?: Book;
}): ReportSnapshot {
  const book = options.book ?? BOOK;
  const id = (key: string) => options.ids[key] ?? key;
  const opportunities: ReportOpportunity[] = book.deals.map((d) => {
    const stage = d.stages.at(-1)?.stage ?? 'appointment';
    const isClosed = LOST.has(stage) || WON.has(stage);
    return {
      id: id(d.key),
      name: d.name,
      accountId: id(d.account),
      ownerId: id(d.owner),
      stage,
      isClosed,
      isWon: WON.has(stage),
      amount: d.amount,
      closeDate: bookTime(options.now, -d.closeInDays).toISOString().slice(0, 10),
      stageEnteredAt: bookTime(options.now, d.stages.at(-1)?.daysAgo ?? 0, 12).toISOString(),
      forecastCategory: null,
      lossReason: d.reason,
      contactIds: d.contacts.map((c) => id(c.key)),
    };
  });
  // An open to-do is not a touch yet: both CRMs leave it out of "last activity".
  const done = book.activities.filter((a) => a.kind !== 'task' || a.status === 'done');
  const activities: ReportActivity[] = done.map((a) => ({
    id: a.key,
    kind: a.kind,
    at: activityTime(options.now, a).toISOString(),
    ownerId: id(a.owner),
    direction: a.kind === 'email' ? (a.direction === 'in' ? 'inbound' : 'outbound') : null,
    opportunityId: a.deal ? id(a.deal) : null,
    contactIds: (options.firstContactOnly ? a.contacts.slice(0, 1) : a.contacts).map(id),
  }));
  return {
    now: options.now.toISOString(),
    user: { crmUserId: options.owners[0] ?? '' },
    team: options.owners,
    settings: {
      dailyTargets: { calls: 15, emails: 20, meetings: 3 },
      noTouchDays: { open: 14, lateStage: 7 },
      expectedDaysInStage: {},
    },
    crm: { opportunities, activities },
  };
}
