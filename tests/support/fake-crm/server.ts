/**
 * The request pipeline: admin routes bypass everything; API requests are recorded, pass
 * through the fault engine (latency, drops, rate limits, 5xx), then the provider's router.
 * Connections are destroyed (no response at all) for `down` and the drop faults.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleAdmin, type AdminHooks } from './admin';
import type { FaultAction } from './faults';
import { htmlReply, jsonReply, parseBody, readBody, writeReply, type ParsedBody, type Reply } from './http';
import { hsError } from './hubspot/errors';
import { rateLimitReply } from './hubspot/auth';
import { handleHubSpot, isHubSpotPath } from './hubspot/routes';
import { queryObject, redactForm, redactHeaders, type RecordedRequest } from './recorder';
import { limitExceeded, limitInfo } from './salesforce/auth';
import { sfError } from './salesforce/errors';
import { handleSalesforce, isSalesforcePath } from './salesforce/routes';
import type { RequestContext, ServerState } from './state';

type Provider = RecordedRequest['provider'];

/** Salesforce answers URIs over 16,384 bytes with 414; Node's own header limit is raised above that. */
export const MAX_URI_BYTES = 16_384;
export const SERVER_MAX_HEADER_SIZE = 64 * 1024;

const JSON_TYPES: Record<Provider, string> = {
  hubspot: 'application/json;charset=utf-8',
  salesforce: 'application/json;charset=UTF-8',
  other: 'application/json; charset=utf-8',
};

function recordedBody(body: ParsedBody): unknown {
  switch (body.kind) {
    case 'json':
      return body.value;
    case 'form':
      return redactForm(body.value);
    case 'text':
      return body.value;
    case 'invalid-json':
      return { invalidJson: body.error };
    default:
      return undefined;
  }
}

function faultReply(provider: Provider, action: FaultAction): Reply | undefined {
  switch (action.kind) {
    case 'rate-limit': {
      if (provider === 'salesforce') {
        // Salesforce has no 429: an overloaded org answers 503 SERVER_UNAVAILABLE.
        const reply = sfError(503, 'SERVER_UNAVAILABLE', 'Server is busy');
        if (action.retryAfterSeconds !== null)
          reply.headers = { 'retry-after': String(action.retryAfterSeconds) };
        return reply;
      }
      return rateLimitReply('TEN_SECONDLY_ROLLING', action.retryAfterSeconds, {
        'x-hubspot-ratelimit-interval-milliseconds': '10000',
        'x-hubspot-ratelimit-max': '110',
        'x-hubspot-ratelimit-remaining': '0',
      });
    }
    case 'salesforce-limit':
      return limitExceeded();
    case 'server-error':
      if (action.status === 502)
        return htmlReply(502, '502 Bad Gateway', 'The upstream server returned an invalid response.');
      if (provider === 'salesforce') {
        return action.status === 503
          ? sfError(503, 'SERVER_UNAVAILABLE', 'Server is busy')
          : sfError(
              500,
              'UNKNOWN_EXCEPTION',
              'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-42 (-1234567890)',
            );
      }
      return action.status === 503
        ? hsError(503, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable.')
        : hsError(500, 'INTERNAL_ERROR', 'internal error');
    default:
      return undefined;
  }
}

function uriTooLong(provider: Provider): Reply {
  const message = `URI length exceeds the maximum of ${MAX_URI_BYTES} bytes`;
  if (provider === 'salesforce') return sfError(414, 'URI_TOO_LONG', message);
  if (provider === 'hubspot') return hsError(414, 'VALIDATION_ERROR', message);
  return jsonReply(414, { error: message });
}

function info(state: ServerState): Reply {
  return jsonReply(200, {
    name: 'Dealside fake CRM',
    hubspot: {
      api: state.baseUrl,
      authorize: `${state.baseUrl}/oauth/authorize`,
      privateAppToken: 'pat-na1-demo-private-app',
    },
    salesforce: {
      login: `${state.baseUrl}/services/oauth2/authorize`,
      data: `${state.baseUrl}/services/data/`,
    },
    admin: `${state.baseUrl}/__admin/state`,
  });
}

export function createHandler(state: ServerState, hooks: AdminHooks) {
  // Requests served so far per connection: a keep-alive connection is "reused" from its second request on.
  const served = new WeakMap<Socket, number>();
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const earlier = served.get(req.socket) ?? 0;
    served.set(req.socket, earlier + 1);
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, 'http://fake-crm.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const raw = await readBody(req);
    const body = parseBody(raw, req.headers['content-type']);
    const ctx: RequestContext = {
      state,
      method,
      path,
      query: url.searchParams,
      headers: req.headers,
      host: req.headers.host ?? '',
      body,
    };
    if (path.startsWith('/__admin/')) {
      writeReply(res, handleAdmin(ctx, hooks), JSON_TYPES.other);
      return;
    }

    const provider: Provider = isHubSpotPath(path)
      ? 'hubspot'
      : isSalesforcePath(path)
        ? 'salesforce'
        : 'other';
    const entry: RecordedRequest = {
      method,
      host: ctx.host,
      path,
      query: queryObject(url.searchParams),
      headers: redactHeaders(req.headers),
      body: recordedBody(body),
      provider,
      status: null,
      fault: null,
      at: state.clock.now().toISOString(),
      durationMs: 0,
    };
    const finish = (status: number | null, fault: string | null) => {
      entry.status = status;
      entry.fault = fault;
      entry.durationMs = Math.round(performance.now() - started);
      state.recorder.add(entry);
    };
    const deliver = (reply: Reply, fault: string | null) => {
      if (provider === 'salesforce')
        reply.headers = { ...reply.headers, 'sforce-limit-info': limitInfo(state) };
      writeReply(res, reply, JSON_TYPES[provider]);
      finish(reply.status, fault);
    };
    const drop = (fault: string) => {
      req.socket.destroy();
      finish(null, fault);
    };

    if (Buffer.byteLength(rawUrl) > MAX_URI_BYTES) return deliver(uriTooLong(provider), null);

    if (state.waveGate && provider !== 'other') entry.wave = await state.waveGate.enter();
    const decision = state.faults.decide(provider, path, { method, reusedSocket: earlier > 0 });
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    const action = decision.action;
    if (action.kind === 'down') return drop('down');
    if (action.kind === 'drop-before') return drop('dropBeforeCommit');
    const faulted = faultReply(provider, action);
    if (faulted) return deliver(faulted, action.kind);
    if (decision.slowCommitMs > 0) {
      // The commit happens whether or not the client is still there, as on a real server.
      state.slowCommits.pending++;
      try {
        await sleep(decision.slowCommitMs);
      } finally {
        state.slowCommits.pending--;
        state.slowCommits.committed++;
      }
    }

    let reply: Reply;
    try {
      if (provider === 'hubspot') reply = handleHubSpot(ctx);
      else if (provider === 'salesforce') reply = handleSalesforce(ctx);
      else reply = path === '/' ? info(state) : jsonReply(404, { error: `no route ${method} ${path}` });
    } catch (error) {
      console.error('[fake-crm] handler error', error);
      const message = error instanceof Error ? error.message : String(error);
      reply =
        provider === 'salesforce'
          ? sfError(500, 'UNKNOWN_EXCEPTION', message)
          : hsError(500, 'INTERNAL_ERROR', message);
    }
    if (action.kind === 'drop-after') return drop('dropAfterCommit');
    if (action.kind === 'drop-after-reused') return drop('dropAfterCommitOnReusedSocket');
    if (req.socket.destroyed)
      return finish(null, decision.slowCommitMs > 0 ? 'slowCommit (client gone)' : null);
    deliver(reply, decision.slowCommitMs > 0 ? 'slowCommit' : null);
  };
}
