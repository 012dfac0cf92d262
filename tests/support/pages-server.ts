/**
 * Serves saved Gmail and Calendar pages over HTTPS. Chromium's --host-resolver-rules send
 * mail.google.com and calendar.google.com here, so the real manifest's matches apply and the
 * real content scripts run. Each host serves whatever page a test last put there.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
/** A PEM key and certificate, e.g. from the fake CRM's `makeCertificate`. */
export interface Certificate {
  key: string;
  cert: string;
}

export interface PagesServer {
  port: number;
  /** Serve `html` for every path on `host` from now on. */
  serve(host: string, html: string): void;
  close(): Promise<void>;
}

export async function startPagesServer(certificate: Certificate, port = 0): Promise<PagesServer> {
  const pages = new Map<string, string>();
  const server: Server = createServer(certificate, (request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const html = pages.get(host);
    if (html === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(`No page served for ${host}`);
      return;
    }
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(html);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    serve: (host, html) => void pages.set(host, html),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
