/**
 * Runs the HubSpot token exchange on plain Node 20 (node:http, or node:https with TLS_KEY and
 * TLS_CERT files): `npx tsx scripts/hubspot-token-exchange/server.ts`. Configuration comes from
 * the environment (see docs/hubspot-token-exchange.md). Logs one metadata line per request:
 * never bodies, codes or tokens.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createTokenExchange, MAX_BODY_BYTES, type TokenExchangeOptions } from './handler';

export interface ServerOptions extends TokenExchangeOptions {
  port?: number;
  host?: string;
  tls?: { key: string; cert: string };
  log?: (line: string) => void;
}

function toRequest(req: http.IncomingMessage, body: Buffer, base: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = req.method ?? 'GET';
  return new Request(new URL(req.url ?? '/', base), {
    method,
    headers,
    ...(method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? {} : { body: new Uint8Array(body) }),
  });
}

async function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Stop reading early: the handler would refuse it anyway.
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startTokenExchangeServer(
  options: ServerOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const handle = createTokenExchange({
    ...options,
    onRequest: (event) =>
      options.log?.(`${event.method} ${event.action} → ${event.status} in ${event.durationMs} ms`),
  });
  const scheme = options.tls ? 'https' : 'http';
  const listener = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      if (req.method === 'GET' && req.url === '/healthz') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const body = await readBody(req);
      if (body === null) {
        res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify({ error: 'invalid_request', error_description: 'Request body too large.' }));
        return;
      }
      const response = await handle(toRequest(req, body, `${scheme}://${req.headers.host ?? 'localhost'}`));
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      res.writeHead(response.status, headers);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'server_error' }));
    }
  };
  const server = options.tls
    ? https.createServer(
        { key: options.tls.key, cert: options.tls.cert },
        (req, res) => void listener(req, res),
      )
    : http.createServer((req, res) => void listener(req, res));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Reads the environment; throws with a readable message when something required is missing. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): ServerOptions {
  const clientId = env.HUBSPOT_CLIENT_ID ?? '';
  const clientSecret = env.HUBSPOT_CLIENT_SECRET ?? '';
  const allowedOrigins = list(env.ALLOWED_ORIGINS);
  const missing = [
    !clientId && 'HUBSPOT_CLIENT_ID',
    !clientSecret && 'HUBSPOT_CLIENT_SECRET',
    allowedOrigins.length === 0 && 'ALLOWED_ORIGINS',
  ].filter(Boolean);
  if (missing.length) throw new Error(`Set ${missing.join(', ')} (see docs/hubspot-token-exchange.md).`);
  const redirects = list(env.ALLOWED_REDIRECT_URIS);
  const tls =
    env.TLS_KEY && env.TLS_CERT
      ? { key: readFileSync(env.TLS_KEY, 'utf8'), cert: readFileSync(env.TLS_CERT, 'utf8') }
      : undefined;
  return {
    clientId,
    clientSecret,
    allowedOrigins,
    ...(redirects.length ? { allowedRedirectUris: redirects } : {}),
    ...(env.HUBSPOT_TOKEN_URL ? { tokenUrl: env.HUBSPOT_TOKEN_URL } : {}),
    port: Number(env.PORT ?? '8788'),
    host: env.HOST ?? '127.0.0.1',
    ...(tls ? { tls } : {}),
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  try {
    const options = optionsFromEnv(process.env);
    const server = await startTokenExchangeServer({
      ...options,
      log: (line) => console.log(`[token-exchange] ${line}`),
    });
    console.log(`[token-exchange] listening on ${server.url}`);
    const stop = () => void server.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    console.error(`[token-exchange] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
