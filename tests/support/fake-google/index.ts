/**
 * A fake Google for the Calendar connection, in the fake CRM's style: real HTTP (or HTTPS, for
 * Chromium with the Google hosts mapped here), the documented shapes, and switches for what a
 * test needs. One port serves the three hosts Dealside talks to:
 *
 *   accounts.google.com    GET  /o/oauth2/v2/auth   → 302 to the redirect URI with a code
 *   oauth2.googleapis.com  POST /token               (client_secret required, PKCE checked)
 *                          POST /revoke
 *   www.googleapis.com     GET  /calendar/v3/calendars/primary/events   (events.list)
 *
 * Docs followed: https://developers.google.com/identity/protocols/oauth2/web-server,
 * https://developers.google.com/workspace/calendar/api/v3/reference/events/list and
 * https://developers.google.com/workspace/calendar/api/guides/sync.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  emptyReply,
  htmlReply,
  jsonReply,
  parseBody,
  readBody,
  redirectReply,
  writeReply,
  type Reply,
} from '../fake-crm/http';
import { formBody, isExtensionRedirectUri, withQuery } from '../fake-crm/oauth-shared';
import { FakeCalendar, type FakeEventInput } from './calendar';

export const GOOGLE_CLIENT_ID = '1234567890-dealside.apps.googleusercontent.com';
export const GOOGLE_CLIENT_SECRET = 'GOCSPX-dealside-fake-secret';
export const GOOGLE_HOSTS = ['accounts.google.com', 'oauth2.googleapis.com', 'www.googleapis.com'];
export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar.events.readonly';
const READ_SCOPES = [CALENDAR_SCOPE, 'https://www.googleapis.com/auth/calendar.readonly'];

export interface GoogleRequest {
  method: string;
  host: string;
  path: string;
  query: Record<string, string>;
  /** Form fields with secrets and tokens replaced by their presence. */
  form: Record<string, string> | null;
  status: number;
}

export interface FakeGoogleOptions {
  port?: number;
  tls?: { key: string; cert: string };
  /** The calendar owner (the rep); default sam@ourco.com. */
  owner?: string;
  /** Items per page at most, whatever maxResults asks (small, so tests see paging). */
  pageSize?: number;
  accessTokenSeconds?: number;
}

export interface FakeGoogle {
  url: string;
  port: number;
  calendar: FakeCalendar;
  requests(): GoogleRequest[];
  clearRequests(): void;
  /** Every sync token issued so far answers 410 Gone from now on. */
  expireSyncTokens(): void;
  /** Every access token answers 401 from now on (refresh still works). */
  expireAccessTokens(): void;
  /** Refresh tokens stop working (revoked in the Google account). */
  revokeAll(): void;
  /** Access and refresh tokens revoked through /revoke. */
  revoked(): string[];
  setPageSize(size: number): void;
  close(): Promise<void>;
}

interface Code {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
}

const googleError = (code: number, status: string, message: string, reason: string, domain = 'global') =>
  jsonReply(code, { error: { code, message, errors: [{ domain, reason, message }], status } });

const oauthError = (status: number, error: string, description: string) =>
  jsonReply(status, { error, error_description: description });

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

const SECRET_FIELDS = new Set(['client_secret', 'code', 'refresh_token', 'token', 'code_verifier']);

export async function startFakeGoogle(options: FakeGoogleOptions = {}): Promise<FakeGoogle> {
  const calendar = new FakeCalendar(options.owner ?? 'sam@ourco.com', () => new Date());
  const codes = new Map<string, Code>();
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  const revoked: string[] = [];
  const listings = new Map<string, { items: unknown[]; syncToken: string }>();
  let pageSize = options.pageSize ?? 2;
  const log: GoogleRequest[] = [];

  function authorize(query: URLSearchParams): Reply {
    const clientId = query.get('client_id');
    const redirectUri = query.get('redirect_uri') ?? '';
    if (clientId !== GOOGLE_CLIENT_ID)
      return htmlReply(401, 'Error 401: invalid_client', 'The OAuth client was not found.');
    if (!isExtensionRedirectUri(redirectUri))
      return htmlReply(400, 'Error 400: redirect_uri_mismatch', redirectUri);
    const scope = query.get('scope') ?? '';
    const challenge = query.get('code_challenge') ?? '';
    if (query.get('response_type') !== 'code' || !scope.split(' ').some((s) => READ_SCOPES.includes(s))) {
      return redirectReply(
        withQuery(redirectUri, { error: 'invalid_request', state: query.get('state') ?? '' }),
      );
    }
    if (query.get('code_challenge_method') !== 'S256' || challenge.length < 43) {
      return redirectReply(
        withQuery(redirectUri, { error: 'invalid_request', state: query.get('state') ?? '' }),
      );
    }
    const code = token('4/0A');
    codes.set(code, { clientId, redirectUri, challenge, scope });
    return redirectReply(withQuery(redirectUri, { state: query.get('state') ?? '', code, scope }));
  }

  function grant(scope: string, withRefresh: boolean): Reply {
    const access = token('ya29.');
    accessTokens.add(access);
    const body: Record<string, unknown> = {
      access_token: access,
      expires_in: options.accessTokenSeconds ?? 3599,
      scope,
      token_type: 'Bearer',
    };
    if (withRefresh) {
      const refresh = token('1//0g');
      refreshTokens.add(refresh);
      body.refresh_token = refresh;
    }
    return {
      ...jsonReply(200, body),
      headers: { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate' },
    };
  }

  function tokenEndpoint(form: Record<string, string> | undefined): Reply {
    if (!form) return oauthError(400, 'invalid_request', 'Invalid request body.');
    if (form.client_id !== GOOGLE_CLIENT_ID)
      return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
    if (!form.client_secret) return oauthError(400, 'invalid_request', 'client_secret is missing.');
    if (form.client_secret !== GOOGLE_CLIENT_SECRET) return oauthError(401, 'invalid_client', 'Unauthorized');
    if (form.grant_type === 'authorization_code') {
      const code = codes.get(form.code ?? '');
      codes.delete(form.code ?? '');
      if (!code || code.redirectUri !== form.redirect_uri)
        return oauthError(400, 'invalid_grant', 'Bad Request');
      if (!form.code_verifier || s256(form.code_verifier) !== code.challenge) {
        return oauthError(400, 'invalid_grant', 'Invalid code verifier.');
      }
      return grant(code.scope, true);
    }
    if (form.grant_type === 'refresh_token') {
      if (!refreshTokens.has(form.refresh_token ?? ''))
        return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
      return grant(CALENDAR_SCOPE, false);
    }
    return oauthError(400, 'unsupported_grant_type', 'Invalid grant_type: ' + (form.grant_type ?? ''));
  }

  function revoke(form: Record<string, string> | undefined, query: URLSearchParams): Reply {
    const value = form?.token ?? query.get('token') ?? '';
    if (!refreshTokens.delete(value) && !accessTokens.delete(value)) {
      return oauthError(400, 'invalid_token', 'Token expired or revoked');
    }
    revoked.push(value);
    return jsonReply(200, {});
  }

  function eventsList(headers: http.IncomingHttpHeaders, query: URLSearchParams): Reply {
    const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
    if (!bearer || !accessTokens.has(bearer)) {
      return googleError(
        401,
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials.',
        'authError',
      );
    }
    const pageToken = query.get('pageToken');
    if (pageToken) {
      const listing = listings.get(pageToken);
      if (!listing) return googleError(400, 'INVALID_ARGUMENT', 'Invalid page token value.', 'invalid');
      listings.delete(pageToken);
      return page(listing.items, listing.syncToken);
    }
    const syncToken = query.get('syncToken');
    if (syncToken) {
      if (['timeMin', 'timeMax', 'orderBy', 'q', 'updatedMin'].some((p) => query.has(p))) {
        return googleError(
          400,
          'INVALID_ARGUMENT',
          'Some requested parameters are not compatible with syncToken.',
          'invalid',
        );
      }
      const since = calendar.readToken(syncToken);
      if (since === 'invalid')
        return googleError(400, 'INVALID_ARGUMENT', 'Invalid sync token value.', 'invalid');
      if (since === 'expired') {
        return googleError(
          410,
          'GONE',
          'Sync token is no longer valid, a full sync is required.',
          'fullSyncRequired',
        );
      }
      return page(
        calendar.changedSince(since).map((e) => calendar.resource(e)),
        calendar.syncToken(),
      );
    }
    if (query.get('orderBy') === 'startTime' && query.get('singleEvents') !== 'true') {
      return googleError(
        400,
        'INVALID_ARGUMENT',
        'The requested ordering is not available for the particular query.',
        'badRequest',
      );
    }
    const timeMin = query.get('timeMin');
    const timeMax = query.get('timeMax');
    const showDeleted = query.get('showDeleted') === 'true';
    let events = calendar
      .all()
      .filter((e) => showDeleted || e.status !== 'cancelled')
      .filter((e) => !timeMin || Date.parse(e.end) > Date.parse(timeMin))
      .filter((e) => !timeMax || Date.parse(e.start) < Date.parse(timeMax));
    if (query.get('orderBy') === 'startTime')
      events = events.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    return page(
      events.map((e) => calendar.resource(e)),
      calendar.syncToken(),
      Number(query.get('maxResults') ?? 250),
    );
  }

  function page(items: unknown[], syncToken: string, maxResults = pageSize): Reply {
    const size = Math.max(1, Math.min(pageSize, maxResults));
    const body: Record<string, unknown> = {
      kind: 'calendar#events',
      etag: `"p${Date.now()}"`,
      summary: calendar.owner,
      description: '',
      updated: new Date().toISOString(),
      timeZone: 'UTC',
      accessRole: 'owner',
      defaultReminders: [{ method: 'popup', minutes: 10 }],
      items: items.slice(0, size),
    };
    if (items.length > size) {
      const next = token('pt');
      listings.set(next, { items: items.slice(size), syncToken });
      body.nextPageToken = next;
    } else body.nextSyncToken = syncToken;
    return jsonReply(200, body);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-google.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const body = parseBody(await readBody(req), req.headers['content-type']);
    const form = formBody(body);
    let reply: Reply;
    if (method === 'GET' && url.pathname === '/o/oauth2/v2/auth') reply = authorize(url.searchParams);
    else if (method === 'POST' && url.pathname === '/token') reply = tokenEndpoint(form);
    else if (method === 'POST' && url.pathname === '/revoke') reply = revoke(form, url.searchParams);
    else if (method === 'GET' && url.pathname === '/calendar/v3/calendars/primary/events') {
      reply = eventsList(req.headers, url.searchParams);
    } else if (url.pathname.startsWith('/calendar/v3/')) {
      reply = googleError(404, 'NOT_FOUND', 'Not Found', 'notFound');
    } else reply = emptyReply(404);
    log.push({
      method,
      host: req.headers.host ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      form: form
        ? Object.fromEntries(Object.entries(form).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? `<${k}>` : v]))
        : null,
      status: reply.status,
    });
    writeReply(res, reply, 'application/json; charset=UTF-8');
  }

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[fake-google]', error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
  const server = options.tls ? https.createServer(options.tls, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    calendar,
    requests: () => [...log],
    clearRequests: () => void (log.length = 0),
    expireSyncTokens: () => void calendar.generation++,
    expireAccessTokens: () => accessTokens.clear(),
    revokeAll: () => refreshTokens.clear(),
    revoked: () => [...revoked],
    setPageSize: (size) => void (pageSize = size),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export type { FakeEventInput };
