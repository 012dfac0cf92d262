/**
 * Dealside's fake CRM: the subset of HubSpot CRM v3/v4 and Salesforce REST that Dealside uses,
 * served from one port, with a seeded book of business and switchable faults. Used by
 * integration tests, e2e runs (Chromium maps the CRM hosts here) and the demo.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createClock, type Clock } from './clock';
import { FaultEngine, type Faults } from './faults';
import { PRIVATE_APP_TOKEN, HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET } from './hubspot/auth';
import { Recorder, type RecordedRequest } from './recorder';
import { SALESFORCE_CLIENT_ID } from './salesforce/auth';
import { createStore } from './seed';
import { SERVER_MAX_HEADER_SIZE, createHandler } from './server';
import type { ServerState } from './state';
import { activitiesFor, type ActivityView } from './store/inspect';
import type { Store, StoreSettings } from './store/types';
import { answerAs, TenantPatch } from './tenant';
import { TokenRegistry, newTokenString, type Provider } from './tokens';
import type { WaveGate } from './waves';

export { makeCertificate, DEFAULT_CERT_HOSTS } from './cert';
export type { Faults } from './faults';
export type { RecordedRequest } from './recorder';
export type { ActivityView } from './store/inspect';
export type { TenantPatch } from './tenant';
export type * from './store/types';
export { HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET, PRIVATE_APP_TOKEN, SALESFORCE_CLIENT_ID };
export { BOOK } from './seed/book';

export interface FakeCrmOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  tls?: { key: string; cert: string };
  /** The instant the book is seeded against (default: now). The clock then runs in real time. */
  now?: Date;
  seed?: 'book' | 'empty';
  /** Seed of the PRNG behind fault probabilities (default 42). */
  rngSeed?: number;
  /** Salesforce `instance_url` (default https://acme.my.salesforce.com; 'self' = this server). */
  salesforceInstanceUrl?: string;
  settings?: Partial<StoreSettings>;
}

export interface IssuedToken {
  accessToken: string;
  refreshToken: string;
}

export interface FakeCrm {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Live data; after reset() read it again (the provider objects are replaced). */
  readonly store: Store;
  requests(): RecordedRequest[];
  clearRequests(): void;
  setFaults(faults: Faults): void;
  /** Reseeds the store and clears faults, recorded requests and rate-limit windows (tokens stay valid). */
  reset(): void;
  clock: Clock;
  /** Mints tokens without the OAuth dance (user: an owner/user email; default sam@ourco.com). */
  issueToken(
    provider: Provider,
    options?: { user?: string; lifetimeSeconds?: number | null; scopes?: string[] },
  ): IssuedToken;
  expireTokens(provider?: Provider): number;
  activitiesFor(provider: Provider, dealId: string): ActivityView[];
  /** `slowCommitMs` writes still waiting to commit, and those committed so far (tests await these). */
  slowCommits(): { pending: number; committed: number };
  /** Answers as another HubSpot portal / Salesforce org from now on (reset() restores the seed's). */
  answerAs(tenant: TenantPatch): void;
  /** Holds CRM answers in waves to count round trips (null: answer at once again). */
  setWaveGate(gate: WaveGate | null): void;
}

const ALL_HUBSPOT_SCOPES = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.owners.read',
  'sales-email-read',
];

export async function startFakeCrm(options: FakeCrmOptions = {}): Promise<FakeCrm> {
  const clock = createClock(options.now ?? new Date());
  const seed = options.seed ?? 'book';
  const rngSeed = options.rngSeed ?? 42;
  const instanceUrl = options.salesforceInstanceUrl ?? 'https://acme.my.salesforce.com';
  const build = () =>
    createStore({
      seed,
      now: clock.base,
      instanceUrl,
      ...(options.settings ? { settings: options.settings } : {}),
    });
  const state: ServerState = {
    options: { seed, rngSeed, salesforceInstanceUrl: instanceUrl },
    clock,
    store: build(),
    tokens: new TokenRegistry(clock),
    faults: new FaultEngine(rngSeed),
    recorder: new Recorder(),
    baseUrl: '',
    hubspotLimits: { burst: new Map(), search: [], daily: 0 },
    queryCursors: new Map(),
    slowCommits: { pending: 0, committed: 0 },
  };

  const reset = () => {
    Object.assign(state.store, build());
    state.faults.set({});
    state.recorder.clear();
    state.hubspotLimits = { burst: new Map(), search: [], daily: 0 };
    state.queryCursors.clear();
    // Writes still waiting keep their count: they will commit into the new store.
    state.slowCommits.committed = 0;
  };

  const issueToken: FakeCrm['issueToken'] = (provider, opts = {}) => {
    const user = opts.user ?? 'sam@ourco.com';
    const clientId = provider === 'hubspot' ? HUBSPOT_CLIENT_ID : SALESFORCE_CLIENT_ID;
    const scopes =
      opts.scopes ?? (provider === 'hubspot' ? ALL_HUBSPOT_SCOPES : ['api', 'refresh_token', 'id']);
    const orgId = state.store.salesforce.orgId;
    const refresh = state.tokens.issue({
      token: newTokenString(provider, 'refresh', orgId),
      provider,
      kind: 'refresh',
      clientId,
      user,
      scopes,
      parent: null,
      lifetimeSeconds: null,
    });
    const lifetime =
      opts.lifetimeSeconds !== undefined ? opts.lifetimeSeconds : provider === 'hubspot' ? 1800 : 7200;
    const access = state.tokens.issue({
      token: newTokenString(provider, 'access', orgId),
      provider,
      kind: 'access',
      clientId,
      user,
      scopes,
      parent: refresh.token,
      lifetimeSeconds: lifetime,
    });
    return { accessToken: access.token, refreshToken: refresh.token };
  };

  const handler = createHandler(state, {
    reset,
    issueToken: (provider, user) => issueToken(provider, user ? { user } : {}),
  });
  const serverOptions = { maxHeaderSize: SERVER_MAX_HEADER_SIZE };
  const server = options.tls
    ? https.createServer(
        { ...serverOptions, key: options.tls.key, cert: options.tls.cert },
        (req, res) => void handler(req, res),
      )
    : http.createServer(serverOptions, (req, res) => void handler(req, res));

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  state.baseUrl = url;

  return {
    url,
    port,
    get store() {
      return state.store;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    requests: () => state.recorder.all(),
    clearRequests: () => state.recorder.clear(),
    setFaults: (faults) => state.faults.set(faults),
    reset,
    clock,
    issueToken,
    expireTokens: (provider) => state.tokens.expireAccessTokens(provider),
    activitiesFor: (provider, dealId) => activitiesFor(state.store, provider, dealId),
    slowCommits: () => ({ ...state.slowCommits }),
    answerAs: (tenant) => void answerAs(state.store, TenantPatch.parse(tenant)),
    setWaveGate: (gate) => {
      state.waveGate = gate;
    },
  };
}
