/**
 * Today's meetings in My day: when, the deal each is about with what is wrong with it, and the
 * pre-call brief one click away (inline, or the Calendar tab the meeting is open in).
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { sendToWorker } from '@/lib/messaging';
import type { MyDayView } from '@/lib/reports/my-day';
import { DealContext } from './DealContext';
import { useConfigView } from './hooks/use-worker';

type TodayMeeting = MyDayView['meetings'][number];

function time(iso: string | null): string {
  if (!iso) return '';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? '' : at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function Brief({ opportunityId }: { opportunityId: string }) {
  const config = useConfigView();
  const context = useQuery({
    queryKey: ['deal-context', opportunityId],
    queryFn: () => sendToWorker('deal.context', { opportunityId }),
  });
  if (context.isPending || !config.data) return <p className="muted">Loading the brief…</p>;
  if (context.isError) return <p className="muted">The brief could not load: {context.error.message}</p>;
  return <DealContext context={context.data} config={config.data.config} now={new Date()} />;
}

function MeetingItem({ meeting }: { meeting: TodayMeeting }) {
  const [open, setOpen] = useState(false);
  const deal = meeting.deal ?? null;
  const title =
    meeting.tabId !== null ? (
      <button
        type="button"
        className="link"
        onClick={() => void browser.tabs.update(meeting.tabId!, { active: true })}
      >
        {meeting.title}
      </button>
    ) : (
      <strong>{meeting.title}</strong>
    );
  return (
    <li className="meeting">
      <div className="row">
        <span className="muted">{time(meeting.start)}</span> {title}
        {meeting.over && <span className="muted"> (over)</span>}
      </div>
      {deal ? (
        <div className="meeting-deal">
          <a href={deal.url} target="_blank" rel="noreferrer">
            {deal.name}
          </a>
          {!deal.certain && <span className="muted"> (likeliest deal)</span>}{' '}
          <button
            type="button"
            className="link"
            aria-expanded={open}
            onClick={() => setOpen((was) => !was)}
            aria-label={`${open ? 'Hide' : 'Show'} the pre-call brief for ${deal.name}`}
          >
            {open ? 'Hide brief' : 'Pre-call brief'}
          </button>
          {deal.flags.length > 0 && (
            <ul className="flags" aria-label="Deal flags">
              {deal.flags.map((flag) => (
                <li key={flag}>{flag}</li>
              ))}
            </ul>
          )}
          {open && <Brief opportunityId={deal.opportunityId} />}
        </div>
      ) : meeting.external === false ? (
        <div className="muted">Internal meeting</div>
      ) : meeting.deal === null ? (
        <div className="muted">No open deal found for these people.</div>
      ) : null}
    </li>
  );
}

export function MyDayMeetings({ meetings }: { meetings: MyDayView['meetings'] }) {
  const connected = meetings.some((m) => m.source === 'google-calendar');
  return (
    <section aria-labelledby="my-day-meetings">
      <h2 id="my-day-meetings">Today’s meetings</h2>
      {meetings.length === 0 ? (
        <p className="muted">No meeting open in a Calendar tab today.</p>
      ) : (
        <ul className="stack">
          {meetings.map((m, i) => (
            <MeetingItem key={m.eventId ?? i} meeting={m} />
          ))}
        </ul>
      )}
      {connected && <p className="muted">From your Google Calendar.</p>}
    </section>
  );
}
