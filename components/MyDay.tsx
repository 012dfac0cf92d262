/**
 * My day: the panel's home when no thread or meeting is open. Activity today and this week
 * against the rep's targets (the one furthest behind highlighted), today's meetings, the deals
 * that need something, each with why and a link into the CRM, and the next calls.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { sendToWorker } from '@/lib/messaging';
import type { MyDayView } from '@/lib/reports/my-day';
import { AuditFigure } from './audit/AuditSection';
import { AuditReview } from './audit/AuditReview';
import { useAuditView } from './audit/use-audit';
import { useConfigView } from './hooks/use-worker';
import { MyDayMeetings } from './MyDayMeetings';
import { Notice } from './Notice';
import './reports/reports.css';

export const myDayKey = ['my-day'] as const;

const KINDS = [
  ['calls', 'Calls'],
  ['emails', 'Emails sent'],
  ['meetings', 'Meetings'],
] as const;

function Targets({ view }: { view: MyDayView }) {
  const { activity } = view;
  return (
    <table className="day-targets" aria-label="Activity against your targets">
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">Today</th>
          <th scope="col">This week</th>
        </tr>
      </thead>
      <tbody>
        {KINDS.map(([key, label]) => (
          <tr key={key}>
            <th scope="row">{label}</th>
            <td className={activity.lowestToday === key ? 'lowest' : undefined}>
              {activity.today ? activity.today[key] : '–'} / {activity.dailyTarget[key]}
              {activity.lowestToday === key && <span className="muted"> (furthest behind)</span>}
            </td>
            <td className={activity.lowestWeek === key ? 'lowest' : undefined}>
              {activity.week[key]} / {activity.weeklyTarget[key]}
              {activity.lowestWeek === key && <span className="muted"> (furthest behind)</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DealList({ deals }: { deals: MyDayView['nextCalls'] }) {
  return (
    <ul className="stack">
      {deals.map((d) => (
        <li key={d.opportunityId}>
          <a href={d.url} target="_blank" rel="noreferrer">
            {d.name}
          </a>
          <div className="muted">{d.reason}</div>
        </li>
      ))}
    </ul>
  );
}

/** The attach audit's review list, when the audit runs and has something to review. */
function MyDayAudit() {
  const audit = useAuditView();
  const data = audit.data;
  if (!data?.available || data.lines.length === 0) return null;
  return (
    <section aria-labelledby="my-day-audit">
      <h2 id="my-day-audit">Activities on no deal</h2>
      <AuditFigure figure={data.figure} />
      <AuditReview limit={5} />
    </section>
  );
}

function Reminder() {
  const config = useConfigView();
  const [saved, setSaved] = useState<string | null>(null);
  if (!config.data) return null;
  const locked = config.data.locked.includes('myDayReminderTime');
  const value = saved ?? config.data.config.myDayReminderTime;
  return (
    <label className="row">
      Daily reminder at{' '}
      <input
        type="time"
        value={value}
        disabled={locked}
        aria-describedby={locked ? 'reminder-locked' : undefined}
        onChange={(event) => {
          const time = event.target.value;
          setSaved(time);
          void sendToWorker('config.save', { edits: { myDayReminderTime: time } });
        }}
      />
      {locked && (
        <span id="reminder-locked" className="muted">
          set by your administrator
        </span>
      )}
    </label>
  );
}

/**
 * `audit`: show the attach audit's review list here. The side panel shows the audit's own card
 * on every view, so its My day leaves the list to that card instead of showing it twice.
 */
export function MyDay({ audit = true }: { audit?: boolean } = {}) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: myDayKey,
    queryFn: () => sendToWorker('myday.get', {}),
    // Figures from earlier today show at once; while a fresh read runs, ask again shortly.
    refetchInterval: (q) => (q.state.data?.state === 'ready' && q.state.data.refreshing ? 3_000 : false),
  });
  if (query.isPending) return <Notice busy title="Loading your day…" />;
  if (query.isError) return <Notice title="My day could not load">{query.error.message}</Notice>;
  const view = query.data;
  if (view.state !== 'ready') return <Notice title="My day">{view.message}</Notice>;
  const attention = view.attention.filter((group) => group.deals.length > 0);
  return (
    <section className="stack my-day" aria-labelledby="my-day-title">
      <div className="row spread">
        <h1 id="my-day-title">My day{view.ownerName ? ` — ${view.ownerName}` : ''}</h1>
        <button
          type="button"
          className="link"
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/reports.html') })}
        >
          Weekly reports
        </button>
      </div>
      <Targets view={view} />
      <MyDayMeetings meetings={view.meetings} />
      {audit && <MyDayAudit />}
      <section aria-labelledby="my-day-calls">
        <h2 id="my-day-calls">Next calls</h2>
        {view.nextCalls.length === 0 ? (
          <p className="muted">Nothing urgent.</p>
        ) : (
          <DealList deals={view.nextCalls} />
        )}
      </section>
      {attention.map((group) => (
        <section key={group.kind} aria-labelledby={`my-day-${group.kind}`}>
          <h2 id={`my-day-${group.kind}`}>
            {group.title} ({group.deals.length})
          </h2>
          <DealList deals={group.deals} />
        </section>
      ))}
      {view.notes.length > 0 && (
        <ul className="notes">
          {view.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <Reminder />
      <p className="muted">
        As of {new Date(view.asOf).toLocaleTimeString()}
        {view.refreshing ? ' — refreshing…' : ''}{' '}
        <button
          type="button"
          className="link"
          onClick={() =>
            void sendToWorker('myday.get', { refresh: true }).then((data) =>
              client.setQueryData(myDayKey, data),
            )
          }
        >
          Refresh
        </button>
      </p>
    </section>
  );
}
