/** What a rep reads when a token endpoint or the organisation's token exchange refuses sign-in. */
import { describe, expect, it } from 'vitest';
import { oauthErrorReader } from '@/lib/auth/oauth-errors';

const reader = oauthErrorReader({
  expired: 'the Google sign-in has expired or was revoked. Connect again.',
  clientRefused: "Google refused the organisation's OAuth client. Tell your admin.",
  upstream: 'Google',
});
const read = (status: number, body: unknown) => reader(status, body) ?? { message: '(no answer)' };

describe('OAuth refusals', () => {
  it('a dead refresh token asks the rep to connect again', () => {
    expect(read(400, { error: 'invalid_grant' })).toMatchObject({
      message: 'the Google sign-in has expired or was revoked. Connect again.',
      kind: 'auth',
    });
  });

  it("the organisation's client being refused goes to the admin", () => {
    expect(read(401, { error: 'invalid_client' })).toMatchObject({ kind: 'config' });
    expect(read(400, { error: 'unauthorized_client' }).message).toContain('Tell your admin');
  });

  it('an exchange that is not there or refuses this extension is a config problem', () => {
    for (const status of [403, 404, 405, 415]) {
      expect(read(status, 'Not Found')).toMatchObject({
        message: `the token exchange refused the request (${status}). Tell your admin.`,
        kind: 'config',
      });
    }
  });

  it('a server fault names who may be at fault and is not blamed on the rep', () => {
    const answer = read(502, null);
    expect(answer.message).toBe('the token exchange or Google had a problem (502).');
    expect(answer.kind).toBeUndefined();
  });

  it("anything else passes the provider's own words through, or the status", () => {
    expect(read(400, { error: 'invalid_request', error_description: 'code_verifier missing' }).message).toBe(
      'sign-in failed: code_verifier missing',
    );
    expect(read(400, { message: 'Bad redirect' }).message).toBe('sign-in failed: Bad redirect');
    expect(read(400, 'garbage').message).toBe('sign-in failed (400).');
  });
});
