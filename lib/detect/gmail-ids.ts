/**
 * Gmail's identifier forms and how they map to the legacy hex id the Gmail API and Dealside key
 * on: perm ids (`thread-f:<decimal>`), URL tokens (`FMfcg…`), and 16-hex ids.
 */

/** Gmail writes URL tokens in base 40 over consonants; the digits spell a base64 string. */
const TOKEN_DIGITS = 'BCDFGHJKLMNPQRSTVWXZbcdfghjklmnpqrstvwxz';
const BASE64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const HEX_ID = /^[0-9a-f]{16}$/i;

export function isLegacyHexId(value: string): boolean {
  return HEX_ID.test(value);
}

function decimalToHex(decimal: string): string | null {
  // Gmail ids are unsigned 64-bit numbers; anything longer is not one.
  if (!/^\d{1,20}$/.test(decimal)) return null;
  const value = BigInt(decimal);
  return value > 0n && value < 2n ** 64n ? value.toString(16) : null;
}

/**
 * `thread-f:<decimal>` / `msg-f:<decimal>` (with or without a leading `#`) → hex; null for
 * `thread-a:`/`msg-a:` ids, which have no hex until Gmail syncs them, and for the literal
 * `undefined` Gmail sometimes renders.
 */
export function permIdToHex(permId: string | null | undefined): string | null {
  const match = /^#?(?:thread|msg)-f:(\d+)$/.exec(permId?.trim() ?? '');
  return match ? decimalToHex(match[1]!) : null;
}

/** The text a URL token stands for (e.g. `f:1679955623977396370`), or null if it is not one. */
export function decodeGmailToken(token: string): string | null {
  if (token.length > 200) return null;
  let value = 0n;
  for (const char of token) {
    const digit = TOKEN_DIGITS.indexOf(char);
    if (digit < 0) return null;
    value = value * 40n + BigInt(digit);
  }
  let base64 = '';
  while (value > 0n) {
    base64 = BASE64_DIGITS[Number(value % 64n)] + base64;
    value /= 64n;
  }
  if (base64.length % 4 === 1) return null;
  try {
    const text = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
    return /^[\x20-\x7e]+$/.test(text) ? text : null;
  } catch {
    return null;
  }
}

/** A URL token or 16-hex id → the thread's hex id; null for route names, pages, drafts. */
export function threadHexFromUrlSegment(segment: string): string | null {
  if (isLegacyHexId(segment)) return segment.toLowerCase();
  const decoded = decodeGmailToken(segment);
  const match = decoded ? /^(?:thread-)?f:(\d+)$/.exec(decoded) : null;
  return match ? decimalToHex(match[1]!) : null;
}

/**
 * The thread a Gmail URL names: a pop-out's `th=` query (hex or perm id), else the last
 * segment of the hash route. The reading pane keeps the list route, so this is often null.
 */
export function threadHexFromUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const th = parsed.searchParams.get('th') ?? parsed.searchParams.get('permthid');
  if (th) {
    const fromQuery = isLegacyHexId(th) ? th.toLowerCase() : permIdToHex(th);
    if (fromQuery) return fromQuery;
  }
  const route = parsed.hash.replace(/^#/, '').split('?')[0] ?? '';
  const last = route.split('/').pop() ?? '';
  let segment = last;
  try {
    segment = decodeURIComponent(last);
  } catch {
    // A malformed escape is not a token either; the check below rejects it.
  }
  return threadHexFromUrlSegment(segment);
}

/**
 * The `thread-f:`/`msg-f:` perm id a `jslog` attribute carries, e.g.
 * `20277; u014N:xr6bB; 1:WyIjdGhyZWFkLWY6MTg0…`: one `;`-separated part holds base64 JSON
 * (`["#thread-f:<decimal>"]`). Undocumented Gmail logging data, so callers use it only when
 * every documented source is missing; anything that does not decode cleanly gives null.
 */
export function permIdFromJslog(jslog: string | null | undefined, kind: 'thread' | 'msg'): string | null {
  if (!jslog || jslog.length > 4000) return null;
  const pattern = kind === 'thread' ? /#?thread-f:(\d{1,20})(?!\d)/ : /#?msg-f:(\d{1,20})(?!\d)/;
  for (const part of jslog.split(';')) {
    const value = part.trim().replace(/^\w+:/, '');
    const found = pattern.exec(value) ?? pattern.exec(base64Text(value) ?? '');
    if (found && decimalToHex(found[1]!)) return `${kind}-f:${found[1]}`;
  }
  return null;
}

function base64Text(value: string): string | null {
  const standard = value.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (standard.length < 8 || standard.length % 4 === 1 || !/^[A-Za-z0-9+/]+$/.test(standard)) return null;
  try {
    return atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '='));
  } catch {
    return null;
  }
}
