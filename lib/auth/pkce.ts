/** PKCE (RFC 7636) with WebCrypto: a 64-character verifier and its S256 challenge. */

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 48 random bytes → 64 base64url characters, inside RFC 7636's 43–128. */
export function createVerifier(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(48)));
}

export async function challengeFor(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** An opaque value tying an OAuth redirect to the request that started it. */
export function createState(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(24)));
}
