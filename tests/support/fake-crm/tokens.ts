/**
 * Issued OAuth artefacts (authorization codes, access and refresh tokens) for both providers.
 * Tokens are random opaque strings, as in reality; nothing about them is derivable, so adapters
 * cannot accidentally depend on their format.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';

export type Provider = 'hubspot' | 'salesforce';

export interface AccessToken {
  token: string;
  provider: Provider;
  kind: 'access' | 'refresh';
  clientId: string;
  /** Signed-in user's email (HubSpot `user`, Salesforce username/email). */
  user: string;
  scopes: string[];
  issuedAt: number;
  /** Epoch ms; null = never expires (refresh tokens, private-app tokens). */
  expiresAt: number | null;
  revoked: boolean;
  /** For access tokens issued from a refresh token: revoking the parent kills them. */
  parent: string | null;
}

export interface AuthCode {
  code: string;
  provider: Provider;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  user: string;
  codeChallenge: string | null;
  expiresAt: number;
  used: boolean;
}

export type TokenCheck =
  | { status: 'valid'; token: AccessToken }
  | { status: 'expired'; token: AccessToken; expiredForMs: number }
  | { status: 'revoked'; token: AccessToken }
  | { status: 'unknown' };

const b64 = (bytes: number) => randomBytes(bytes).toString('base64url');

export function newTokenString(
  provider: Provider,
  kind: 'access' | 'refresh' | 'code',
  orgId: string,
): string {
  if (provider === 'salesforce') {
    // Salesforce session ids start with the 15-char org id and a '!'.
    if (kind === 'access') return `${orgId.slice(0, 15)}!AR${b64(72).replace(/[-_]/g, 'x')}`;
    if (kind === 'refresh') return `5Aep${b64(60).replace(/[-_]/g, 'q')}`;
    return `aPrx${b64(48)}`;
  }
  if (kind === 'refresh') {
    const hex = randomBytes(16).toString('hex');
    return `na1-${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16)}`;
  }
  if (kind === 'access') return `CO${b64(180)}`;
  return `na1-${randomBytes(16).toString('hex')}`;
}

export class TokenRegistry {
  private readonly tokens = new Map<string, AccessToken>();
  private readonly codes = new Map<string, AuthCode>();

  constructor(private readonly clock: Clock) {}

  add(token: AccessToken): AccessToken {
    this.tokens.set(token.token, token);
    return token;
  }

  issue(input: Omit<AccessToken, 'issuedAt' | 'revoked' | 'expiresAt'> & { lifetimeSeconds: number | null }) {
    const now = this.clock.nowMs();
    const { lifetimeSeconds, ...rest } = input;
    return this.add({
      ...rest,
      issuedAt: now,
      expiresAt: lifetimeSeconds === null ? null : now + lifetimeSeconds * 1000,
      revoked: false,
    });
  }

  get(token: string): AccessToken | undefined {
    return this.tokens.get(token);
  }

  check(token: string, provider: Provider, kind: 'access' | 'refresh'): TokenCheck {
    const found = this.tokens.get(token);
    if (!found || found.provider !== provider || found.kind !== kind) return { status: 'unknown' };
    if (found.revoked) return { status: 'revoked', token: found };
    const now = this.clock.nowMs();
    if (found.expiresAt !== null && found.expiresAt <= now) {
      return { status: 'expired', token: found, expiredForMs: now - found.expiresAt };
    }
    return { status: 'valid', token: found };
  }

  /** Revokes a token; revoking a refresh token also revokes the access tokens it minted. */
  revoke(token: string): boolean {
    const found = this.tokens.get(token);
    if (!found) return false;
    found.revoked = true;
    if (found.kind === 'refresh') {
      for (const t of this.tokens.values()) if (t.parent === token) t.revoked = true;
    }
    return true;
  }

  /** Makes every live access token expire now (refresh tokens stay valid). */
  expireAccessTokens(provider?: Provider): number {
    const now = this.clock.nowMs();
    let count = 0;
    for (const t of this.tokens.values()) {
      if (t.kind !== 'access' || t.expiresAt === null) continue;
      if (provider && t.provider !== provider) continue;
      if (t.expiresAt > now) {
        t.expiresAt = now - 1;
        count += 1;
      }
    }
    return count;
  }

  createCode(input: Omit<AuthCode, 'code' | 'expiresAt' | 'used'>, orgId: string): AuthCode {
    const code: AuthCode = {
      ...input,
      code: newTokenString(input.provider, 'code', orgId),
      // Both providers expire unused codes within minutes.
      expiresAt: this.clock.nowMs() + 10 * 60 * 1000,
      used: false,
    };
    this.codes.set(code.code, code);
    return code;
  }

  getCode(code: string): AuthCode | undefined {
    return this.codes.get(code);
  }

  isCodeExpired(code: AuthCode): boolean {
    return code.expiresAt <= this.clock.nowMs();
  }
}
