/**
 * Salesforce routing: OAuth and identity endpoints, then versioned REST data endpoints
 * (authenticated, counted against the daily API allocation, one count per HTTP request).
 */
import { jsonReply, type Reply } from '../http';
import { matchRoute, route, type Params, type Route } from '../router';
import type { RequestContext } from '../state';
import { authenticate, instanceUrl, takeApiCall } from './auth';
import type { SfCall } from './call';
import { collection, composite } from './composite';
import { jsonParserError, notFound, sfError } from './errors';
import * as oauth from './oauth';
import { query, queryMore } from './query';
import * as sobjects from './sobjects';

const MIN_VERSION = 50;
const VERSION_LABELS: Record<string, string> = {
  '60.0': "Spring '24",
  '61.0': "Summer '24",
  '62.0': "Winter '25",
  '63.0': "Spring '25",
  '64.0': "Summer '25",
  '65.0': "Winter '26",
  '66.0': "Spring '26",
};

const p = (params: Params, key: string) => params[key] ?? '';

const dataRoutes: Route<SfCall, Reply>[] = [
  route('GET', '/limits', (call) => {
    const { store } = call.ctx.state;
    const max = store.settings.salesforceDailyApiLimit;
    return jsonReply(200, {
      DailyApiRequests: { Max: max, Remaining: Math.max(0, max - store.salesforce.apiUsage) },
      ConcurrentPerOrgLongTxn: { Max: 25, Remaining: 25 },
    });
  }),
  route('GET', '/query', (call) => query(call)),
  route('GET', '/query/:locator', (call, params) => queryMore(call, p(params, 'locator'))),
  route('GET', '/sobjects', (call) => sobjects.describeGlobal(call)),
  route('GET', '/sobjects/:object/describe', (call, params) => sobjects.describe(call, p(params, 'object'))),
  route('POST', '/sobjects/:object', (call, params) => sobjects.create(call, p(params, 'object'))),
  route('GET', '/sobjects/:object/:id', (call, params) =>
    sobjects.read(call, p(params, 'object'), p(params, 'id')),
  ),
  route('PATCH', '/sobjects/:object/:id', (call, params) =>
    sobjects.update(call, p(params, 'object'), p(params, 'id')),
  ),
  route('DELETE', '/sobjects/:object/:id', (call, params) =>
    sobjects.remove(call, p(params, 'object'), p(params, 'id')),
  ),
  route('GET', '/sobjects/:object/:field/:value', (call, params) =>
    sobjects.readByExternalId(call, p(params, 'object'), p(params, 'field'), p(params, 'value')),
  ),
  route('PATCH', '/sobjects/:object/:field/:value', (call, params) =>
    sobjects.upsert(call, p(params, 'object'), p(params, 'field'), p(params, 'value')),
  ),
  route('POST', '/composite', (call) => composite(call, dispatchData)),
  route('POST', '/composite/sobjects', (call) => collection(call, 'create')),
  route('PATCH', '/composite/sobjects', (call) => collection(call, 'update')),
];

/** Runs an authenticated data call (also used for composite subrequests). */
export function dispatchData(call: SfCall): Reply {
  if (call.path === '/' || call.path === '') {
    const base = `/services/data/v${call.version}`;
    return jsonReply(200, {
      sobjects: `${base}/sobjects`,
      query: `${base}/query`,
      composite: `${base}/composite`,
      limits: `${base}/limits`,
    });
  }
  if (call.body.kind === 'invalid-json') return jsonParserError(call.body.error);
  const found = matchRoute(dataRoutes, call.method, call.path);
  if (found.kind === 'found') return found.route.handler(call, found.params) as Reply;
  if (found.kind === 'method-not-allowed') {
    return sfError(
      405,
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${call.method}' not allowed. Allowed are DELETE,GET,PATCH,POST`,
    );
  }
  return notFound();
}

function versions(): Reply {
  const list = [];
  for (let v = MIN_VERSION; v <= 66; v++) {
    const version = `${v}.0`;
    list.push({
      label: VERSION_LABELS[version] ?? `API ${version}`,
      url: `/services/data/v${version}`,
      version,
    });
  }
  return jsonReply(200, list);
}

function userinfo(ctx: RequestContext): Reply {
  const auth = authenticate(ctx);
  if (!auth.ok) return auth.reply;
  const u = auth.principal.user;
  const org = ctx.state.store.salesforce.orgId;
  return jsonReply(200, {
    sub: `https://login.salesforce.com/id/${org}/${u.Id}`,
    user_id: u.Id,
    organization_id: org,
    preferred_username: u.Username,
    name: u.Name,
    given_name: u.FirstName,
    family_name: u.LastName,
    email: u.Email,
    email_verified: true,
    zoneinfo: 'Etc/UTC',
    urls: { rest: `${instanceUrl(ctx.state)}/services/data/v{version}/` },
  });
}

const topRoutes: Route<RequestContext, Reply>[] = [
  route('GET', '/services/oauth2/authorize', (ctx) => oauth.authorize(ctx)),
  route('POST', '/services/oauth2/token', (ctx) => oauth.token(ctx)),
  route('POST', '/services/oauth2/revoke', (ctx) => oauth.revoke(ctx)),
  route('GET', '/services/oauth2/revoke', (ctx) => oauth.revoke(ctx)),
  route('GET', '/services/oauth2/userinfo', (ctx) => userinfo(ctx)),
  route('GET', '/id/:org/:user', (ctx, params) => oauth.identity(ctx, p(params, 'org'), p(params, 'user'))),
  route('GET', '/services/data', () => versions()),
];

export function isSalesforcePath(path: string): boolean {
  return path.startsWith('/services/') || path.startsWith('/id/');
}

export function handleSalesforce(ctx: RequestContext): Reply {
  const top = matchRoute(topRoutes, ctx.method, ctx.path);
  if (top.kind === 'found') return top.route.handler(ctx, top.params) as Reply;
  const m = /^\/services\/data\/v(\d+\.\d+)(\/.*)?$/.exec(ctx.path);
  if (!m) return notFound();
  const version = m[1] ?? '0';
  if (Number(version) < MIN_VERSION) return notFound();
  const auth = authenticate(ctx);
  if (!auth.ok) return auth.reply;
  const limited = takeApiCall(ctx.state);
  if (limited) return limited;
  return dispatchData({
    ctx,
    principal: auth.principal,
    version,
    method: ctx.method,
    path: (m[2] ?? '/').replace(/\/$/, '') || '/',
    query: ctx.query,
    body: ctx.body,
  });
}
