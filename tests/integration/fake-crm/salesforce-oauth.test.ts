import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeCrm } from '../../support/fake-crm';
import { SF_REDIRECT, call, pkcePair, salesforceLogin, start } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await start();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

async function authorize(params: Record<string, string>) {
  const res = await fetch(`${crm.url}/services/oauth2/authorize?${new URLSearchParams(params)}`, {
    redirect: 'manual',
  });
  return {
    status: res.status,
    location: res.headers.get('location') ? new URL(res.headers.get('location') ?? '') : null,
  };
}

const base = (challenge: string) => ({
  response_type: 'code',
  client_id: 'dealside-demo-salesforce',
  redirect_uri: SF_REDIRECT,
  code_challenge: challenge,
  code_challenge_method: 'S256',
  scope: 'api refresh_token id',
  state: 'st',
});

function exchange(code: string, verifier: string | undefined) {
  return call(crm, 'POST', '/services/oauth2/token', {
    form: {
      grant_type: 'authorization_code',
      code,
      client_id: 'dealside-demo-salesforce',
      redirect_uri: SF_REDIRECT,
      ...(verifier !== undefined ? { code_verifier: verifier } : {}),
    },
  });
}

describe('Salesforce OAuth (web-server flow + PKCE, public client)', () => {
  it('issues tokens without a client secret when the verifier matches', async () => {
    const { verifier, challenge } = pkcePair();
    const auth = await authorize(base(challenge));
    expect(auth.status).toBe(302);
    expect(auth.location?.searchParams.get('state')).toBe('st');
    const res = await exchange(auth.location?.searchParams.get('code') ?? '', verifier);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      scope: 'api refresh_token id',
      instance_url: 'https://acme.my.salesforce.com',
      token_type: 'Bearer',
    });
    expect(res.body.issued_at).toMatch(/^\d{13}$/);
    expect(res.body.access_token).toMatch(/^00D[A-Za-z0-9]{12}!/);
    expect(res.body.refresh_token).toEqual(expect.any(String));
    expect(res.body.signature).toEqual(expect.any(String));
    expect(res.body.id).toMatch(/^https:\/\/login\.salesforce\.com\/id\/00D\w{15}\/005\w{15}$/);
    expect(res.body).not.toHaveProperty('expires_in');

    const identity = await call(crm, 'GET', new URL(res.body.id).pathname, { token: res.body.access_token });
    expect(identity.status).toBe(200);
    expect(identity.body).toMatchObject({
      email: 'sam@ourco.com',
      display_name: 'Sam Rep',
      user_id: crm.store.bookIds.salesforce.u1,
    });
    expect(identity.body.urls.rest).toBe('https://acme.my.salesforce.com/services/data/v{version}/');
  });

  it('fails the exchange when the PKCE verifier does not match or is missing', async () => {
    const { challenge } = pkcePair();
    const other = pkcePair();
    const auth = await authorize(base(challenge));
    const code = auth.location?.searchParams.get('code') ?? '';
    const wrong = await exchange(code, other.verifier);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({ error: 'invalid_grant', error_description: 'invalid code verifier' });
    const auth2 = await authorize(base(challenge));
    const missing = await exchange(auth2.location?.searchParams.get('code') ?? '', undefined);
    expect(missing.body.error).toBe('invalid_grant');
    const auth3 = await authorize(base(challenge));
    const short = await exchange(auth3.location?.searchParams.get('code') ?? '', 'too-short');
    expect(short.body.error).toBe('invalid_grant');
  });

  it('redirects with error=invalid_request for a missing or invalid code challenge', async () => {
    const { challenge } = pkcePair();
    const { code_challenge: _omit, ...noChallenge } = base(challenge);
    const missing = await authorize(noChallenge);
    expect(missing.status).toBe(302);
    expect(missing.location?.searchParams.get('error')).toBe('invalid_request');
    expect(missing.location?.searchParams.get('state')).toBe('st');
    const plain = await authorize({ ...base(challenge), code_challenge_method: 'plain' });
    expect(plain.location?.searchParams.get('error')).toBe('invalid_request');
    const unknownClient = await authorize({ ...base(challenge), client_id: 'x' });
    expect(unknownClient.status).toBe(400);
  });

  it('refreshes with client_id only; no refresh_token in the response unless rotation is on', async () => {
    const first = await salesforceLogin(crm);
    const refreshed = await call(crm, 'POST', '/services/oauth2/token', {
      form: {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
        client_id: 'dealside-demo-salesforce',
      },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(first.access_token);
    expect(refreshed.body).not.toHaveProperty('refresh_token');

    crm.store.settings.salesforceRefreshTokenRotation = true;
    const rotated = await call(crm, 'POST', '/services/oauth2/token', {
      form: {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
        client_id: 'dealside-demo-salesforce',
      },
    });
    expect(rotated.body.refresh_token).toEqual(expect.any(String));
    const old = await call(crm, 'POST', '/services/oauth2/token', {
      form: {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
        client_id: 'dealside-demo-salesforce',
      },
    });
    expect(old.status).toBe(400);
    expect(old.body).toEqual({ error: 'invalid_grant', error_description: 'expired access/refresh token' });
  });

  it('expires sessions (401 INVALID_SESSION_ID) and revokes tokens', async () => {
    const t = await salesforceLogin(crm);
    const ok = await call(crm, 'GET', '/services/data/v62.0/limits', { token: t.access_token });
    expect(ok.status).toBe(200);
    crm.clock.advance(7201 * 1000);
    const expired = await call(crm, 'GET', '/services/data/v62.0/limits', { token: t.access_token });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);

    const t2 = await salesforceLogin(crm);
    expect(
      (await call(crm, 'POST', '/services/oauth2/revoke', { form: { token: t2.refresh_token } })).status,
    ).toBe(200);
    expect((await call(crm, 'GET', '/services/data/v62.0/limits', { token: t2.access_token })).status).toBe(
      401,
    );
    const unknown = await call(crm, 'POST', '/services/oauth2/revoke', { form: { token: 'nope' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('invalid_token');
  });

  it('signs in as the colleague and can point instance_url at itself', async () => {
    const self = await start({ salesforceInstanceUrl: 'self' });
    try {
      const t = await salesforceLogin(self, 'lea@ourco.com');
      expect(t.instance_url).toBe(self.url);
      const me = await call(self, 'GET', '/services/oauth2/userinfo', { token: t.access_token });
      expect(me.body.email).toBe('lea@ourco.com');
    } finally {
      await self.close();
    }
  });
});
