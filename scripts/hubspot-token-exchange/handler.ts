/**
 * Dealside's HubSpot token exchange: the one piece of server an organisation runs, because
 * HubSpot requires the app's client secret to turn a code (or refresh token) into tokens and an
 * extension cannot keep a secret. It is stateless and holds nothing but the secret: it accepts
 * the two grant types, a revoke and an introspect (HubSpot's v3 token metadata, which replaces
 * the OAuth v1 token-info endpoint retired on 2027-02-16), adds client_id +
 * client_secret, forwards to HubSpot and returns HubSpot's answer unchanged. It never logs
 * bodies or tokens.
 *
 * Web-standard Request → Response, so the same handler runs on Node 20 (server.ts), Cloudflare
 * Workers, Deno, Vercel/Netlify edge functions and AWS Lambda (through a Request adapter).
 */

export interface TokenExchangeOptions {
  clientId: string;
  clientSecret: string;
  /** Origins allowed to call from a browser, e.g. `chrome-extension://<extension id>`. */
  allowedOrigins: string[];
  /**
   * Exact redirect URIs a code may have been issued for. Default: any path on
   * `https://<id>.chromiumapp.org/` for each allowed `chrome-extension://<id>` origin.
   */
  allowedRedirectUris?: string[];
  tokenUrl?: string;
  /** Defaults to `<tokenUrl>/revoke` (HubSpot: POST /oauth/v3/token/revoke). */
  revokeUrl?: string;
  /** Defaults to `<tokenUrl>/introspect` (HubSpot: POST /oauth/v3/token/introspect). */
  introspectUrl?: string;
  fetch?: typeof fetch;
  /** Upstream timeout (ms). */
  timeoutMs?: number;
  /** Metadata only (never bodies, codes or tokens), for access logs and metrics. */
  onRequest?: (event: { method: string; status: number; action: string; durationMs: number }) => void;
}

const DEFAULT_TOKEN_URL = 'https://api.hubapi.com/oauth/v3/token';
/** HubSpot tokens are ~300 characters; anything near this size is not a token request. */
export const MAX_BODY_BYTES = 8 * 1024;
const FORWARDED_FIELDS = ['grant_type', 'code', 'redirect_uri', 'code_verifier', 'refresh_token'];

type Action = 'authorization_code' | 'refresh_token' | 'revoke' | 'introspect';

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

function extensionRedirectPrefixes(origins: string[]): string[] {
  return origins.flatMap((origin) => {
    const id = /^chrome-extension:\/\/([a-p]{32})$/.exec(origin)?.[1];
    return id ? [`https://${id}.chromiumapp.org/`] : [];
  });
}

async function readLimited(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new Refusal(413, 'invalid_request', 'Request body too large.');
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new Refusal(413, 'invalid_request', 'Request body too large.');
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

async function fieldsOf(request: Request): Promise<Record<string, string>> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  const raw = await readLimited(request);
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new Refusal(400, 'invalid_request', 'The body is not valid JSON.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Refusal(400, 'invalid_request', 'The body must be a JSON object.');
    }
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') fields[key] = value;
    return fields;
  }
  throw new Refusal(415, 'invalid_request', 'Send application/x-www-form-urlencoded or application/json.');
}

export function createTokenExchange(options: TokenExchangeOptions): (request: Request) => Promise<Response> {
  const tokenUrl = options.tokenUrl ?? DEFAULT_TOKEN_URL;
  const revokeUrl = options.revokeUrl ?? `${tokenUrl.replace(/\/+$/, '')}/revoke`;
  const introspectUrl = options.introspectUrl ?? `${tokenUrl.replace(/\/+$/, '')}/introspect`;
  const fetchImpl = options.fetch ?? fetch;
  const allowedOrigins = new Set(options.allowedOrigins);
  const redirectExact = new Set(options.allowedRedirectUris ?? []);
  const redirectPrefixes = options.allowedRedirectUris
    ? []
    : extensionRedirectPrefixes(options.allowedOrigins);
  if (!options.clientId || !options.clientSecret) throw new Error('clientId and clientSecret are required');

  const redirectAllowed = (uri: string) =>
    redirectExact.has(uri) || redirectPrefixes.some((prefix) => uri.startsWith(prefix) && !/[\s#]/.test(uri));

  function corsHeaders(origin: string | null): Record<string, string> {
    if (!origin || !allowedOrigins.has(origin)) return { vary: 'Origin' };
    return { 'access-control-allow-origin': origin, vary: 'Origin' };
  }

  function json(
    status: number,
    body: unknown,
    origin: string | null,
    extra: Record<string, string> = {},
  ): Response {
    return new Response(JSON.stringify(body), {
      status,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        ...corsHeaders(origin),
        ...extra,
      },
    });
  }

  /** What HubSpot gets: only known fields, plus the app credentials. */
  function upstreamForm(
    action: Action,
    fields: Record<string, string>,
  ): { url: string; body: URLSearchParams } {
    const body = new URLSearchParams();
    if (action === 'revoke' || action === 'introspect') {
      const token = fields.token;
      if (!token) throw new Refusal(400, 'invalid_request', 'token is required.');
      body.set('token', token);
      // The extension revokes its refresh token and asks who an access token belongs to;
      // nothing else, so the hint is fixed here rather than taken from the caller.
      body.set('token_type_hint', action === 'revoke' ? 'refresh_token' : 'access_token');
    } else {
      for (const name of FORWARDED_FIELDS) {
        const value = fields[name];
        if (value) body.set(name, value);
      }
      if (action === 'authorization_code' && !fields.code) {
        throw new Refusal(400, 'invalid_request', 'code is required.');
      }
      if (action === 'refresh_token' && !fields.refresh_token) {
        throw new Refusal(400, 'invalid_request', 'refresh_token is required.');
      }
      const redirect = fields.redirect_uri;
      if (action === 'authorization_code' && !redirect) {
        throw new Refusal(400, 'invalid_request', 'redirect_uri is required.');
      }
      if (redirect && !redirectAllowed(redirect)) {
        throw new Refusal(400, 'invalid_request', 'redirect_uri is not allowed by this token exchange.');
      }
    }
    body.set('client_id', options.clientId);
    body.set('client_secret', options.clientSecret);
    const url = action === 'revoke' ? revokeUrl : action === 'introspect' ? introspectUrl : tokenUrl;
    return { url, body };
  }

  function actionOf(fields: Record<string, string>): Action {
    if (fields.action === 'revoke' || fields.action === 'introspect') return fields.action;
    if (fields.grant_type === 'authorization_code' || fields.grant_type === 'refresh_token')
      return fields.grant_type;
    throw new Refusal(
      400,
      'unsupported_grant_type',
      'Only authorization_code and refresh_token (or action=revoke|introspect) are accepted.',
    );
  }

  async function forward(url: string, body: URLSearchParams, origin: string | null): Promise<Response> {
    let upstream: Response;
    let text: string;
    try {
      upstream = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: body.toString(),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      text = await upstream.text();
    } catch {
      throw new Refusal(502, 'temporarily_unavailable', 'HubSpot could not be reached.');
    }
    // HubSpot never echoes the secret; if anything upstream ever did, it would stop here.
    const safe = text.split(options.clientSecret).join('[redacted]');
    return new Response(safe.length ? safe : null, {
      status: upstream.status,
      headers: {
        'content-type': upstream.headers.get('content-type') ?? 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        ...corsHeaders(origin),
      },
    });
  }

  return async function handle(request: Request): Promise<Response> {
    const started = Date.now();
    const origin = request.headers.get('origin');
    let action = 'none';
    const done = (response: Response) => {
      options.onRequest?.({
        method: request.method,
        status: response.status,
        action,
        durationMs: Date.now() - started,
      });
      return response;
    };
    // A browser sends Origin; a disallowed one is refused outright, not just denied CORS.
    if (origin !== null && !allowedOrigins.has(origin)) {
      return done(json(403, { error: 'access_denied', error_description: 'Origin not allowed.' }, origin));
    }
    if (request.method === 'OPTIONS') {
      action = 'preflight';
      return done(
        new Response(null, {
          status: 204,
          headers: {
            ...corsHeaders(origin),
            'access-control-allow-methods': 'POST, OPTIONS',
            'access-control-allow-headers': 'content-type',
            'access-control-max-age': '600',
          },
        }),
      );
    }
    if (request.method !== 'POST') {
      return done(
        json(405, { error: 'invalid_request', error_description: 'Use POST.' }, origin, {
          allow: 'POST, OPTIONS',
        }),
      );
    }
    try {
      const fields = await fieldsOf(request);
      const chosen = actionOf(fields);
      action = chosen;
      const { url, body } = upstreamForm(chosen, fields);
      return done(await forward(url, body, origin));
    } catch (error) {
      if (error instanceof Refusal) {
        return done(json(error.status, { error: error.error, error_description: error.description }, origin));
      }
      return done(json(500, { error: 'server_error', error_description: 'Unexpected error.' }, origin));
    }
  };
}
