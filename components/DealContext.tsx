import type { Config } from '@/lib/config/schema';
import type { ActivitySummary, OpportunityContext } from '@/lib/domain/types';
import { computeFlags } from '@/lib/deals/flags';
import { activityWho } from '@/lib/panel/brief';
import { briefWarnings } from '@/lib/deals/warnings';
import { formatDate, formatMoney, relativeDays } from '@/lib/format';

const KIND_LABEL: Record<ActivitySummary['kind'], string> = {
  email: 'Email',
  call: 'Call',
  meeting: 'Meeting',
  note: 'Note',
  task: 'Task',
};

function Activity({ activity, now }: { activity: ActivitySummary; now: Date }) {
  const who = activityWho(activity);
  return (
    <li className="activity">
      <span className="activity-kind">{KIND_LABEL[activity.kind]}</span>
      <span className="activity-line">
        {activity.summary}
        {/* CRM text as text: React escapes it, nothing is parsed or stripped as markup. */}
        {who && <span className="muted"> {who}</span>}
      </span>
      <span className="muted activity-when">{relativeDays(activity.at, now) ?? ''}</span>
    </li>
  );
}

/** The pre-call brief: where the deal stands, what happened last, who is involved, what is wrong. */
export function DealContext({
  context,
  config,
  now,
}: {
  context: OpportunityContext;
  config: Pick<Config, 'stageAgeTargets' | 'noTouchDays'>;
  now: Date;
}) {
  const { opportunity } = context;
  const flags = computeFlags(context, config, now);
  const warnings = briefWarnings(context, flags);

  return (
    <section className="card context" aria-labelledby="context-title">
      <h2 id="context-title">Before you talk</h2>
      {warnings.length > 0 && (
        <ul className="flags" aria-label="Warnings">
          {warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <dl className="facts">
        <dt>Stage</dt>
        <dd className={flags.stageAge?.overdue ? 'overdue' : undefined}>
          {opportunity.stage.label}
          {flags.stageAge && (
            <span className="muted">
              {' '}
              · {flags.stageAge.days} of {flags.stageAge.expectedDays} days
            </span>
          )}
        </dd>
        <dt>Amount</dt>
        <dd>{formatMoney(opportunity.amount, opportunity.currency) ?? '—'}</dd>
        <dt>Close date</dt>
        <dd className={flags.closeDatePassed ? 'overdue' : undefined}>
          {formatDate(opportunity.closeDate) ?? '—'}
          {flags.closeDatePassed && <span> · past due</span>}
        </dd>
        <dt>Owner</dt>
        <dd>{context.ownerName ?? '—'}</dd>
        <dt>Last touch</dt>
        <dd>
          {context.lastTouch
            ? `${KIND_LABEL[context.lastTouch.kind]} ${relativeDays(context.lastTouch.at, now) ?? ''}`
            : '—'}
        </dd>
        <dt>Last reply</dt>
        <dd>
          {context.lastReply
            ? `${context.lastReply.who ?? 'Them'}, ${relativeDays(context.lastReply.at, now) ?? ''}`
            : 'No reply logged'}
        </dd>
        <dt>Next step</dt>
        <dd className={flags.nextStepOverdue ? 'overdue' : undefined}>
          {context.nextStep
            ? `${context.nextStep.subject}${context.nextStep.dueDate ? ` (${flags.nextStepOverdue ? 'was due' : 'due'} ${formatDate(context.nextStep.dueDate)})` : ''}`
            : 'None set'}
        </dd>
      </dl>
      {context.contacts.length > 0 && (
        <>
          <h3>People on this deal</h3>
          <ul className="deal-people" aria-label="People on this deal">
            {context.contacts.map((contact) => (
              <li key={contact.id}>
                <span>{contact.name}</span>{' '}
                <span className="muted">
                  {contact.touchedAt
                    ? `touched ${relativeDays(contact.touchedAt, now)}`
                    : 'not touched in 14 days'}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {context.recentActivities.length > 0 && (
        <>
          <h3>Recent activity</h3>
          <ol className="timeline" aria-label="Recent activity">
            {context.recentActivities.map((activity) => (
              <Activity key={activity.id} activity={activity} now={now} />
            ))}
          </ol>
        </>
      )}
      {context.notes.length > 0 && (
        <ul className="notes" aria-label="Notes about this data">
          {context.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
