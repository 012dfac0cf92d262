/**
 * Checks shared by both providers' OAuth endpoints.
 */

/** chrome.identity.getRedirectURL(): https://<32 letters a-p>.chromiumapp.org/<path>. */
export function isExtensionRedirectUri(uri: string): boolean {
  return /^https:\/\/[a-p]{32}\.chromiumapp\.org\/[^\s#]*$/.test(uri);
}

/** Appends query parameters to a redirect URI that may already carry some. */
export function withQuery(uri: string, params: Record<string, string>): string {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

export function formBody(body: { kind: string; value?: unknown }): Record<string, string> | undefined {
  return body.kind === 'form' ? (body.value as Record<string, string>) : undefined;
}
