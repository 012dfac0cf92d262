/**
 * Shared helpers for the fake CRM integration tests: a fixed clock, authenticated fetch
 * wrappers, and the OAuth dances.
 */
import { createHash, randomBytes } from 'node:crypto';
import { startFakeCrm, type FakeCrm, type FakeCrmOptions } from '../../support/fake-crm';

export const NOW = new Date('2026-11-20T12:00:00.000Z');
export const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/hubspot';
export const SF_REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/salesforce';
export const HS_SCOPES =
  'oauth crm.objects.contacts.read crm.objects.contacts.write crm.objects.companies.read crm.objects.deals.read crm.objects.deals.write crm.objects.owners.read sales-email-read';

export function start(options: FakeCrmOptions = {}): Promise<FakeCrm> {
  return startFakeCrm({ now: NOW, ...options });
}

/** Response bodies are inspected ad hoc in assertions; typing every shape would only restate them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Json = any;

export interface JsonResponse<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = Json>(
  crm: FakeCrm,
  method: string,
  path: string,
  options: {
    token?: string;
    json?: unknown;
    form?: Record<string, string>;
    headers?: Record<string, string>;
  } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  const res = await fetch(`${crm.url}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // keep text (HTML error pages, empty bodies)
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

export function soql(crm: FakeCrm, token: string, query: string, version = '62.0') {
  return call(crm, 'GET', `/services/data/v${version}/query?q=${encodeURIComponent(query)}`, { token });
}

export function pkcePair() {
  const verifier = randomBytes(48).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

export async function hubspotLogin(crm: FakeCrm, user?: string) {
  const params = new URLSearchParams({
    client_id: 'dealside-demo-hubspot',
    scope: HS_SCOPES,
    redirect_uri: REDIRECT,
    state: 's1',
  });
  if (user) params.set('user', user);
  const auth = await fetch(`${crm.url}/oauth/authorize?${params}`, { redirect: 'manual' });
  const location = new URL(auth.headers.get('location') ?? '');
  const code = location.searchParams.get('code') ?? '';
  const token = await call(crm, 'POST', '/oauth/v3/token', {
    form: {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      client_id: 'dealside-demo-hubspot',
      client_secret: 'dealside-demo-hubspot-secret',
    },
  });
  return token.body as {
    access_token: string;
    refresh_token: string;
    expires_in: number;
    hub_id: number;
    scopes: string[];
  };
}

export async function salesforceLogin(crm: FakeCrm, user?: string) {
  const { verifier, challenge } = pkcePair();
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: 'dealside-demo-salesforce',
    redirect_uri: SF_REDIRECT,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    scope: 'api refresh_token id',
    state: 'xyz',
  });
  if (user) params.set('user', user);
  const auth = await fetch(`${crm.url}/services/oauth2/authorize?${params}`, { redirect: 'manual' });
  const code = new URL(auth.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const token = await call(crm, 'POST', '/services/oauth2/token', {
    form: {
      grant_type: 'authorization_code',
      code,
      client_id: 'dealside-demo-salesforce',
      redirect_uri: SF_REDIRECT,
      code_verifier: verifier,
    },
  });
  return token.body as {
    access_token: string;
    refresh_token: string;
    instance_url: string;
    id: string;
    issued_at: string;
  };
}
