/**
 * `fetch` for Node-side helpers talking to the local fake CRM over HTTPS: its certificate is
 * self-signed, which Node's fetch rightly refuses. Only ever pointed at 127.0.0.1.
 */
import { request } from 'node:https';

export const localHttpsFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
    throw new Error(`localHttpsFetch only talks to this machine, not ${url.hostname}`);
  }
  const headers = new Headers(init?.headers);
  const body = init?.body === undefined || init.body === null ? undefined : String(init.body);
  return new Promise<Response>((resolve, reject) => {
    const req = request(
      url,
      { method: init?.method ?? 'GET', headers: Object.fromEntries(headers), rejectUnauthorized: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') responseHeaders.set(name, value);
          }
          const status = res.statusCode ?? 500;
          // A 204 (HubSpot's answer to a revoke) or 304 must not carry a body, even an empty one.
          const noBody = status === 204 || status === 205 || status === 304;
          resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    init?.signal?.addEventListener('abort', () => req.destroy(new Error('aborted')));
    req.end(body);
  });
};
