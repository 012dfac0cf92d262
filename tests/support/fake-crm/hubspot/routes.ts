/**
 * HubSpot route table. Data routes go through `api()`: authentication, scopes, the burst or
 * search limit, then the handler, then the X-HubSpot-RateLimit-* headers.
 */
import type { Reply } from '../http';
import { matchRoute, route, type Params, type Route } from '../router';
import type { RequestContext } from '../state';
import * as activities from './activities';
import * as associations from './associations';
import { deleteBetween } from './association-delete';
import {
  ANY_OBJECT_READ,
  authenticate,
  checkScopes,
  rateLimitHeaders,
  readScope,
  takeBurst,
  takeSearch,
  writeScope,
  type HsPrincipal,
} from './auth';
import * as engagementsV1 from './engagements-v1';
import { hsError, invalidJson } from './errors';
import * as meta from './meta';
import * as oauth from './oauth';
import * as objects from './objects';
import * as pipelines from './pipelines';
import * as propertiesWrite from './properties-write';
import { parseObjectType } from './schema';
import { search } from './search';

type Handler = (ctx: RequestContext, params: Params, principal: HsPrincipal) => Reply;
type ScopeRule = string[] | ((p: Params) => string[]);

function typeScope(kind: 'read' | 'write', param = 'type'): ScopeRule {
  return (p) => {
    const type = parseObjectType(p[param] ?? '');
    return type ? (kind === 'read' ? readScope(type) : writeScope(type)) : [];
  };
}

function api(scopes: ScopeRule, handler: Handler, opts: { search?: boolean } = {}) {
  return (ctx: RequestContext, params: Params): Reply => {
    const auth = authenticate(ctx);
    if (!auth.ok) return auth.reply;
    const principal = auth.principal;
    const required = typeof scopes === 'function' ? scopes(params) : scopes;
    const denied = checkScopes(principal, required);
    if (denied) return denied;
    if (opts.search) {
      const limited = takeSearch(ctx);
      if (limited) return limited;
    } else {
      const limited = takeBurst(ctx, principal);
      if (limited) return limited;
    }
    if (ctx.body.kind === 'invalid-json') return invalidJson(ctx.body.error);
    const reply = handler(ctx, params, principal);
    // Search responses carry no rate-limit headers.
    if (opts.search) return reply;
    return { ...reply, headers: { ...rateLimitHeaders(ctx, principal), ...reply.headers } };
  };
}

const p = (params: Params, key: string) => params[key] ?? '';

const routes: Route<RequestContext, Reply>[] = [
  // OAuth (no bearer token)
  route('GET', '/oauth/authorize', (ctx) => oauth.authorize(ctx)),
  route('POST', '/oauth/v3/token', (ctx) => oauth.token(ctx)),
  route('POST', '/oauth/2026-03/token', (ctx) => oauth.token(ctx)),
  route('POST', '/oauth/v3/token/revoke', (ctx) => oauth.revokeV3(ctx)),
  route('POST', '/oauth/2026-03/token/revoke', (ctx) => oauth.revokeV3(ctx)),
  route('POST', '/oauth/v3/token/introspect', (ctx) => oauth.introspect(ctx)),
  route('POST', '/oauth/2026-03/token/introspect', (ctx) => oauth.introspect(ctx)),

  // Account
  route(
    'GET',
    '/account-info/v3/details',
    api([], (ctx) => meta.accountDetails(ctx)),
  ),

  // Metadata
  route(
    'GET',
    '/crm/v3/owners',
    api(['crm.objects.owners.read'], (ctx) => meta.listOwners(ctx)),
  ),
  route(
    'GET',
    '/crm/v3/owners/:id',
    api(['crm.objects.owners.read'], (ctx, params) => meta.getOwner(ctx, p(params, 'id'))),
  ),
  route(
    'GET',
    '/crm/v3/properties/:type',
    api([ANY_OBJECT_READ], (ctx, params) => meta.listProperties(ctx, p(params, 'type'))),
  ),
  route(
    'POST',
    '/crm/v3/properties/:type/groups',
    api(typeScope('write'), (ctx, params) => propertiesWrite.createGroup(ctx, p(params, 'type'))),
  ),
  route(
    'POST',
    '/crm/v3/properties/:type',
    api(typeScope('write'), (ctx, params) => propertiesWrite.createProperty(ctx, p(params, 'type'))),
  ),
  route(
    'GET',
    '/crm/v3/properties/:type/:name',
    api([ANY_OBJECT_READ], (ctx, params) => meta.getProperty(ctx, p(params, 'type'), p(params, 'name'))),
  ),
  route(
    'GET',
    '/calling/v1/dispositions',
    api(['crm.objects.contacts.read'], (ctx) => meta.listDispositions(ctx)),
  ),
  route(
    'GET',
    '/crm/v3/pipelines/:type',
    api(['crm.objects.deals.read|crm.schemas.deals.read'], (ctx, params) =>
      pipelines.listPipelines(ctx, p(params, 'type')),
    ),
  ),
  route(
    'GET',
    '/crm/v3/pipelines/:type/:id',
    api(['crm.objects.deals.read|crm.schemas.deals.read'], (ctx, params) =>
      pipelines.getPipeline(ctx, p(params, 'type'), p(params, 'id')),
    ),
  ),
  route(
    'GET',
    '/crm/v3/pipelines/:type/:id/stages',
    api(['crm.objects.deals.read|crm.schemas.deals.read'], (ctx, params) =>
      pipelines.listStages(ctx, p(params, 'type'), p(params, 'id')),
    ),
  ),

  // Engagements (all activity kinds of a record, with their associations, in one list)
  route(
    'GET',
    '/engagements/v1/engagements/associated/:type/:id/paged',
    api([ANY_OBJECT_READ], (ctx, params, principal) =>
      engagementsV1.associatedEngagements(ctx, p(params, 'type'), p(params, 'id'), principal),
    ),
  ),

  // Associations v4
  route(
    'POST',
    '/crm/v4/associations/:from/:to/batch/read',
    api([ANY_OBJECT_READ], (ctx, params) => associations.batchRead(ctx, p(params, 'from'), p(params, 'to'))),
  ),
  route(
    'GET',
    '/crm/v4/associations/:from/:to/labels',
    api([ANY_OBJECT_READ], (_ctx, params) => associations.labels(p(params, 'from'), p(params, 'to'))),
  ),
  route(
    'POST',
    '/crm/v4/associations/:from/:to/batch/create',
    api(typeScope('write', 'from'), (ctx, params) =>
      associations.batchCreate(ctx, p(params, 'from'), p(params, 'to')),
    ),
  ),
  route(
    'GET',
    '/crm/v4/objects/:from/:id/associations/:to',
    api([ANY_OBJECT_READ], (ctx, params) =>
      associations.listForObject(ctx, p(params, 'from'), p(params, 'id'), p(params, 'to')),
    ),
  ),
  route(
    'PUT',
    '/crm/v4/objects/:from/:id/associations/default/:to/:toId',
    api(typeScope('write', 'from'), (ctx, params) =>
      associations.putDefault(ctx, p(params, 'from'), p(params, 'id'), p(params, 'to'), p(params, 'toId')),
    ),
  ),
  route(
    'DELETE',
    '/crm/v4/objects/:from/:id/associations/:to/:toId',
    api(typeScope('write', 'from'), (ctx, params) =>
      deleteBetween(ctx, p(params, 'from'), p(params, 'id'), p(params, 'to'), p(params, 'toId')),
    ),
  ),

  // Objects
  route(
    'POST',
    '/crm/v3/objects/:type/search',
    api(typeScope('read'), (ctx, params) => search(ctx, p(params, 'type')), { search: true }),
  ),
  route(
    'POST',
    '/crm/v3/objects/:type/batch/read',
    api(typeScope('read'), (ctx, params) => objects.batchRead(ctx, p(params, 'type'))),
  ),
  route(
    'POST',
    '/crm/v3/objects/:type/batch/create',
    api(typeScope('write'), (ctx, params, principal) =>
      activities.batchCreate(ctx, p(params, 'type'), principal),
    ),
  ),
  route(
    'POST',
    '/crm/v3/objects/:type/batch/upsert',
    api(typeScope('write'), (ctx, params, principal) =>
      activities.batchUpsert(ctx, p(params, 'type'), principal),
    ),
  ),
  route(
    'GET',
    '/crm/v3/objects/:type',
    api(typeScope('read'), (ctx, params) => objects.list(ctx, p(params, 'type'))),
  ),
  route(
    'POST',
    '/crm/v3/objects/:type',
    api(typeScope('write'), (ctx, params, principal) => activities.create(ctx, p(params, 'type'), principal)),
  ),
  route(
    'GET',
    '/crm/v3/objects/:type/:id',
    api(typeScope('read'), (ctx, params) => objects.getOne(ctx, p(params, 'type'), p(params, 'id'))),
  ),
  route(
    'PATCH',
    '/crm/v3/objects/:type/:id',
    api(typeScope('write'), (ctx, params, principal) =>
      objects.patch(ctx, p(params, 'type'), p(params, 'id'), principal),
    ),
  ),
  route(
    'DELETE',
    '/crm/v3/objects/:type/:id',
    api(typeScope('write'), (ctx, params) => objects.archive(ctx, p(params, 'type'), p(params, 'id'))),
  ),
];

export function isHubSpotPath(path: string): boolean {
  return (
    path.startsWith('/oauth/') ||
    path.startsWith('/crm/') ||
    path.startsWith('/calling/') ||
    path.startsWith('/engagements/') ||
    path.startsWith('/account-info/')
  );
}

export function handleHubSpot(ctx: RequestContext): Reply {
  // HubSpot retired every OAuth v1 endpoint on 2027-02-16; the fake lives after that date.
  if (ctx.path.startsWith('/oauth/v1/')) return oauth.v1Gone(ctx);
  const found = matchRoute(routes, ctx.method, ctx.path);
  if (found.kind === 'found') return found.route.handler(ctx, found.params) as Reply;
  if (found.kind === 'method-not-allowed') {
    return hsError(405, 'VALIDATION_ERROR', `HTTP method ${ctx.method} is not supported by this resource`);
  }
  return hsError(404, 'OBJECT_NOT_FOUND', `No route for ${ctx.method} ${ctx.path}`);
}
