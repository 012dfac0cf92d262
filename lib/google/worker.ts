/**
 * The Calendar connection inside the worker: sign-in, the poll alarm, the handlers the panel
 * calls, and today's meetings for "My day". Built per worker start from the worker's services;
 * everything that must survive is in storage (connection.ts, calendar/state.ts).
 */
import { browser } from 'wxt/browser';
import { GOOGLE_ORIGINS } from '../auth/google';
import { singleFlight } from '../auth/single-flight';
import { captureTouch, type CaptureServices } from '../capture/pipeline';
import type { Config } from '../config/schema';
import type { Connection } from '../auth/tokens';
import type { Handlers } from '../messaging';
import type { GoogleCalendarStatus, googleProtocol } from '../protocol/google';
import { createCalendarClient } from './calendar/client';
import type { HeldRules } from './calendar/held';
import { pollCalendar, type PollResult } from './calendar/poll';
import { calendarSync, emptySyncState } from './calendar/state';
import { listTodaysMeetings, type TodaysMeeting } from './calendar/today';
import { createGoogleAuth } from './session';

export const GOOGLE_POLL_ALARM = 'google-calendar.poll';
export const POLL_EVERY_MINUTES = 15;

export interface GoogleWorkerDeps extends CaptureServices {
  config(): Promise<Config>;
  auth: { connection(): Promise<Connection | null> };
}

export function createGoogleCalendar(services: GoogleWorkerDeps, runOutbox: () => void) {
  const auth = createGoogleAuth({
    loadConfig: () => services.config(),
    redirectUri: () => browser.identity.getRedirectURL('google'),
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
  });
  const client = createCalendarClient({
    fetch: (input, init) => fetch(input, init),
    accessToken: () => auth.accessToken(),
    refreshAccessToken: () => auth.forceRefresh(),
  });

  async function rules(): Promise<Omit<HeldRules, 'now'>> {
    const [config, crm] = await Promise.all([services.config(), services.auth.connection()]);
    return {
      repEmail: crm?.userEmail ?? null,
      internalDomains: config.internalDomains,
      personalDomains: config.personalDomains,
    };
  }

  const allowed = () => browser.permissions.contains({ origins: GOOGLE_ORIGINS }).catch(() => false);

  async function status(): Promise<GoogleCalendarStatus> {
    const [signIn, sync, permitted] = await Promise.all([auth.state(), calendarSync.read(), allowed()]);
    const state = sync ?? emptySyncState();
    const problem =
      signIn.problem ??
      (signIn.state === 'connected' && !permitted
        ? 'Dealside is not allowed to reach Google Calendar: connect again to grant it.'
        : null);
    return {
      state: signIn.state,
      problem,
      connectedAt: signIn.connectedAt,
      lastPollAt: state.lastPollAt,
      lastSuccessAt: state.lastSuccessAt,
      lastError: state.lastError,
      lastCaptured: state.lastCaptured,
      waiting: Object.keys(state.pending).length,
      unreadable: state.unreadable,
    };
  }

  const poll = singleFlight(async (): Promise<PollResult | null> => {
    if ((await auth.state()).state !== 'connected' || !(await allowed())) return null;
    return pollCalendar({
      client,
      rules,
      async capture(meeting) {
        const outcome = await captureTouch(services, meeting, {
          kind: 'meeting',
          source: 'calendar-sync',
          runOutbox,
        });
        // Not signed in to the CRM: keep the meeting for the next check.
        if (outcome.status === 'signed-out') throw new Error('Sign in to your CRM to capture meetings.');
        return outcome;
      },
      load: async () => (await calendarSync.read()) ?? emptySyncState(),
      save: (state) => calendarSync.write(state),
      now: () => Date.now(),
    });
  });

  /** A poll whose failure is already recorded in the sync state (shown in Settings). */
  const pollQuietly = () => poll().catch(() => null);

  async function ensureAlarm(): Promise<void> {
    if ((await auth.state()).state !== 'connected') return;
    if (await browser.alarms.get(GOOGLE_POLL_ALARM)) return;
    await browser.alarms.create(GOOGLE_POLL_ALARM, {
      delayInMinutes: 1,
      periodInMinutes: POLL_EVERY_MINUTES,
    });
  }

  const handlers: Handlers<typeof googleProtocol> = {
    'google.status': () => status(),
    'google.begin': () => auth.begin(),
    async 'google.complete'({ redirectUrl }) {
      await auth.complete(redirectUrl);
      await calendarSync.write(emptySyncState());
      await ensureAlarm();
      // At sign-in: the first look at the calendar now, not in 15 minutes.
      await pollQuietly();
      return status();
    },
    async 'google.poll'() {
      await pollQuietly();
      return status();
    },
    async 'google.signOut'() {
      await auth.signOut();
      await browser.alarms.clear(GOOGLE_POLL_ALARM);
      await calendarSync.remove();
      return status();
    },
  };

  return {
    auth,
    handlers,
    poll: pollQuietly,
    ensureAlarm,
    /** Today's meetings from the connection, or null when it is not connected ("My day"). */
    async today(now = new Date()): Promise<TodaysMeeting[] | null> {
      if ((await auth.state()).state !== 'connected') return null;
      return listTodaysMeetings({ client, rules: await rules(), now });
    },
  };
}
export type GoogleCalendar = ReturnType<typeof createGoogleCalendar>;
