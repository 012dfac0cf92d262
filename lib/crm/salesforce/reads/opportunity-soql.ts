/**
 * The one Opportunity SELECT used for matching and for context: the deal's fields plus child
 * subqueries for contact roles, stage history, recent Tasks/Events and (with Enhanced Email)
 * EmailMessages, so a single query row holds everything the pre-call brief needs.
 */
import type { OrgFacts } from './metadata';

/** Activity window: long enough for "last touch", short enough to keep answers small. */
export const ACTIVITY_DAYS = 60;
const CHILD_LIMIT = 20;

/**
 * Until the describe facts are known, fields that some orgs lack stay out (they would fail the
 * whole query) and `Emails` goes in: Enhanced Email is on in most orgs, and a failure is retried
 * once without it.
 */
export interface SelectShape {
  lastStageChangeDate: boolean;
  currencyIsoCode: boolean;
  emails: boolean;
}

export function selectShape(facts: OrgFacts | null): SelectShape {
  return facts
    ? {
        lastStageChangeDate: facts.lastStageChangeDate,
        currencyIsoCode: facts.currencyIsoCode,
        emails: facts.emails,
      }
    : { lastStageChangeDate: false, currencyIsoCode: false, emails: true };
}

export function opportunitySelect(shape: SelectShape): string {
  const fields = [
    'Id',
    'Name',
    'AccountId',
    'Account.Name',
    'Account.Website',
    'StageName',
    'Amount',
    ...(shape.currencyIsoCode ? ['CurrencyIsoCode'] : []),
    'CloseDate',
    'IsClosed',
    'IsWon',
    'Probability',
    'NextStep',
    'LastActivityDate',
    ...(shape.lastStageChangeDate ? ['LastStageChangeDate'] : []),
    'OwnerId',
    'Owner.Name',
  ];
  const days = `LAST_N_DAYS:${ACTIVITY_DAYS}`;
  const children = [
    '(SELECT ContactId, Contact.Name, Contact.Email, Role, IsPrimary FROM OpportunityContactRoles)',
    `(SELECT StageName, CreatedDate FROM OpportunityHistories ORDER BY CreatedDate DESC LIMIT ${CHILD_LIMIT})`,
    '(SELECT Id, Subject, Description, TaskSubtype, Status, IsClosed, ActivityDate, CompletedDateTime, CreatedDate, ' +
      `WhoId, Who.Name, Who.Email, Owner.Name, CallType FROM Tasks WHERE IsClosed = false OR ActivityDate = ${days} ` +
      `OR CreatedDate = ${days} ORDER BY ActivityDate DESC NULLS LAST LIMIT ${CHILD_LIMIT})`,
    '(SELECT Id, Subject, Description, StartDateTime, EndDateTime, WhoId, Who.Name, Who.Email FROM Events ' +
      `WHERE StartDateTime >= ${days} AND StartDateTime <= NEXT_N_DAYS:30 ORDER BY StartDateTime DESC LIMIT ${CHILD_LIMIT})`,
    ...(shape.emails
      ? [
          '(SELECT Id, Subject, MessageDate, FromAddress, FromName, Incoming, ActivityId FROM Emails ' +
            `WHERE MessageDate = ${days} ORDER BY MessageDate DESC LIMIT ${CHILD_LIMIT})`,
        ]
      : []),
  ];
  return `SELECT ${[...fields, ...children].join(', ')} FROM Opportunity`;
}

/** Did a query fail only because of the optimistic `Emails` subquery? */
export function failedOnEmails(shape: SelectShape, facts: OrgFacts | null): boolean {
  return shape.emails && facts !== null && !facts.emails;
}
