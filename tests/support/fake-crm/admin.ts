/**
 * /__admin/* control endpoints, for out-of-process users (e2e runs, the demo). Faults never
 * apply here and these requests are not recorded.
 */
import * as z from 'zod';
import { isRecord, jsonReply, type Reply } from './http';
import { matchRoute, route, type Route } from './router';
import type { RequestContext } from './state';
import { activitiesFor } from './store/inspect';
import { answerAs, TenantPatch } from './tenant';

export interface AdminHooks {
  reset(): void;
  issueToken(
    provider: 'hubspot' | 'salesforce',
    user?: string,
  ): { accessToken: string; refreshToken: string };
}

const SettingsPatch = z.strictObject({
  hubspotUniqueLogKey: z.boolean().optional(),
  hubspotBurstLimit: z.boolean().optional(),
  hubspotSearchLimit: z.boolean().optional(),
  hubspotIntrospection: z.enum(['full', 'active-only']).optional(),
  hubspotDispositionsEndpoint: z.boolean().optional(),
  salesforceExternalIdField: z.boolean().optional(),
  salesforceRefreshTokenRotation: z.boolean().optional(),
  salesforceDailyApiLimit: z.number().int().positive().optional(),
});

const Provider = z.enum(['hubspot', 'salesforce']);

function body(ctx: RequestContext): unknown {
  return ctx.body.kind === 'json' ? ctx.body.value : {};
}

function routes(hooks: AdminHooks): Route<RequestContext, Reply>[] {
  return [
    route('GET', '/__admin/health', () => jsonReply(200, { ok: true })),
    route('GET', '/__admin/requests', (ctx) => jsonReply(200, ctx.state.recorder.all())),
    route('POST', '/__admin/clear-requests', (ctx) => {
      ctx.state.recorder.clear();
      return { status: 204 };
    }),
    route('GET', '/__admin/faults', (ctx) => jsonReply(200, ctx.state.faults.get())),
    route('POST', '/__admin/faults', (ctx) => {
      try {
        ctx.state.faults.set(body(ctx) as never);
      } catch (error) {
        return jsonReply(400, { error: error instanceof Error ? error.message : String(error) });
      }
      return jsonReply(200, ctx.state.faults.get());
    }),
    route('POST', '/__admin/reset', () => {
      hooks.reset();
      return { status: 204 };
    }),
    route('GET', '/__admin/state', (ctx) => {
      const store = ctx.state.store;
      const dealId = ctx.query.get('deal');
      const provider = Provider.safeParse(ctx.query.get('provider'));
      return jsonReply(200, {
        now: ctx.state.clock.now().toISOString(),
        settings: store.settings,
        bookIds: store.bookIds,
        writes: store.writes,
        ...(dealId && provider.success ? { activities: activitiesFor(store, provider.data, dealId) } : {}),
        hubspot: store.hubspot,
        salesforce: store.salesforce,
      });
    }),
    route('POST', '/__admin/expire-tokens', (ctx) => {
      const b = body(ctx);
      const provider = isRecord(b) ? Provider.safeParse(b.provider) : undefined;
      return jsonReply(200, {
        expired: ctx.state.tokens.expireAccessTokens(provider?.success ? provider.data : undefined),
      });
    }),
    route('POST', '/__admin/settings', (ctx) => {
      const parsed = SettingsPatch.safeParse(body(ctx));
      if (!parsed.success) return jsonReply(400, { error: parsed.error.message });
      Object.assign(ctx.state.store.settings, parsed.data);
      return jsonReply(200, ctx.state.store.settings);
    }),
    route('POST', '/__admin/tenant', (ctx) => {
      const parsed = TenantPatch.safeParse(body(ctx));
      if (!parsed.success) return jsonReply(400, { error: parsed.error.message });
      return jsonReply(200, answerAs(ctx.state.store, parsed.data));
    }),
    route('POST', '/__admin/advance-clock', (ctx) => {
      const b = body(ctx);
      const ms = isRecord(b) && typeof b.ms === 'number' ? b.ms : NaN;
      if (!Number.isFinite(ms)) return jsonReply(400, { error: 'ms (number) is required' });
      ctx.state.clock.advance(ms);
      return jsonReply(200, { now: ctx.state.clock.now().toISOString() });
    }),
    route('POST', '/__admin/tokens', (ctx) => {
      const b = body(ctx);
      const provider = isRecord(b) ? Provider.safeParse(b.provider) : undefined;
      if (!provider?.success) return jsonReply(400, { error: 'provider must be hubspot or salesforce' });
      const user = isRecord(b) && typeof b.user === 'string' ? b.user : undefined;
      return jsonReply(200, hooks.issueToken(provider.data, user));
    }),
  ];
}

export function handleAdmin(ctx: RequestContext, hooks: AdminHooks): Reply {
  const found = matchRoute(routes(hooks), ctx.method, ctx.path);
  if (found.kind === 'found') return found.route.handler(ctx, found.params) as Reply;
  return jsonReply(found.kind === 'method-not-allowed' ? 405 : 404, {
    error: `no admin route ${ctx.method} ${ctx.path}`,
  });
}
