/**
 * Settings: the optional Google Calendar connection. The panel runs the Google sign-in window
 * (launchWebAuthFlow needs the rep's click); the worker alone redeems the code and holds the
 * tokens. Everything shown is text from the worker's status, never markup.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { GOOGLE_ORIGINS } from '@/lib/auth/google';
import { sendToWorker } from '@/lib/messaging';
import { formatDateTime } from '@/lib/format';
import type { GoogleCalendarStatus } from '@/lib/protocol/google';
import { ErrorNote } from './ErrorNote';

const STATUS_KEY = ['google-calendar'] as const;

async function connect(): Promise<GoogleCalendarStatus> {
  // Asked while the click still counts as a user gesture.
  if (!(await browser.permissions.request({ origins: GOOGLE_ORIGINS }))) {
    throw new Error('Dealside needs access to Google Calendar to read your meetings.');
  }
  const { authorizeUrl } = await sendToWorker('google.begin', {});
  const redirectUrl = await browser.identity.launchWebAuthFlow({ url: authorizeUrl, interactive: true });
  if (!redirectUrl) throw new Error('The Google window was closed before it finished.');
  return sendToWorker('google.complete', { redirectUrl });
}

const at = (ms: number | null) => (ms === null ? null : formatDateTime(new Date(ms).toISOString()));

function Details({ status }: { status: GoogleCalendarStatus }) {
  const checked = at(status.lastPollAt);
  return (
    <>
      <p>
        Connected{status.connectedAt ? ` since ${formatDateTime(status.connectedAt)}` : ''}. Dealside reads
        your events every 15 minutes and captures each meeting with people from outside once it has ended.
      </p>
      <p aria-label="Last check">
        {checked ? `Last checked ${checked}` : 'Not checked yet'}
        {status.lastSuccessAt !== null && status.lastPollAt === status.lastSuccessAt
          ? `: ${status.lastCaptured} ${status.lastCaptured === 1 ? 'meeting' : 'meetings'} captured, ${status.waiting} still to come.`
          : '.'}
      </p>
      {status.lastError && (
        <p className="warn" role="status">
          {status.lastError}
        </p>
      )}
      {status.unreadable > 0 && (
        <p className="muted" role="status">
          {status.unreadable} {status.unreadable === 1 ? 'event' : 'events'} could not be read and were left
          out.
        </p>
      )}
    </>
  );
}

export function GoogleCalendarConnection() {
  const client = useQueryClient();
  const status = useQuery({ queryKey: STATUS_KEY, queryFn: () => sendToWorker('google.status', {}) });
  const done = (next: GoogleCalendarStatus) => {
    client.setQueryData(STATUS_KEY, next);
    // Captured meetings show in the panel's lists.
    void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== STATUS_KEY[0] });
  };
  const link = useMutation({ mutationFn: connect, onSuccess: done });
  const check = useMutation({ mutationFn: () => sendToWorker('google.poll', {}), onSuccess: done });
  const unlink = useMutation({ mutationFn: () => sendToWorker('google.signOut', {}), onSuccess: done });
  const data = status.data;
  if (!data) return <ErrorNote error={status.error} onRetry={() => void status.refetch()} />;
  const busy = link.isPending || check.isPending || unlink.isPending;

  return (
    <section className="card" aria-labelledby="google-calendar-title">
      <h2 id="google-calendar-title">Google Calendar</h2>
      {data.state === 'off' && <p className="muted">{data.problem}</p>}
      {data.state === 'signed-out' && (
        <p className="muted">
          Optional: let Dealside read your calendar (read-only) so meetings you never open in Calendar are
          still captured.
        </p>
      )}
      {data.state === 'expired' && (
        <p className="warn">
          Your Google Calendar connection has ended. Connect again to keep capturing meetings.
        </p>
      )}
      {data.state === 'connected' && <Details status={data} />}
      {data.state !== 'off' && data.problem && <p className="warn">{data.problem}</p>}
      <div className="row">
        {(data.state === 'signed-out' ||
          data.state === 'expired' ||
          (data.state === 'connected' && data.problem)) && (
          <button type="button" className="primary" disabled={busy} onClick={() => link.mutate()}>
            {link.isPending
              ? 'Connecting…'
              : data.state === 'signed-out'
                ? 'Connect Google Calendar'
                : 'Connect Google Calendar again'}
          </button>
        )}
        {data.state === 'connected' && !data.problem && (
          <button type="button" disabled={busy} onClick={() => check.mutate()}>
            {check.isPending ? 'Checking…' : 'Check now'}
          </button>
        )}
        {(data.state === 'connected' || data.state === 'expired') && (
          <button type="button" disabled={busy} onClick={() => unlink.mutate()}>
            Disconnect
          </button>
        )}
      </div>
      <ErrorNote error={link.error ?? check.error ?? unlink.error} />
    </section>
  );
}
