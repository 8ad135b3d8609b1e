/**
 * @module A tiny HTTP(S) client for the dashboard tests: any method, any headers (Host and Origin
 * included, which fetch will not let a test forge), and a CA to trust for the test's self-signed
 * certificate. Returns the status, headers and body text.
 */
import http from 'node:http';
import https from 'node:https';

/** A response as the tests inspect it. */
export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Sends one request; for an event stream, resolves with what arrived within `streamMs`. */
export function send(
  url: string,
  o: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    ca?: string;
    streamMs?: number;
  } = {},
): Promise<Reply> {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      { method: o.method ?? 'GET', headers: o.headers ?? {}, ...(o.ca ? { ca: o.ca } : {}) },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        res.on('end', done);
        if (
          o.streamMs !== undefined &&
          String(res.headers['content-type']).startsWith('text/event-stream')
        )
          setTimeout(() => {
            req.destroy();
            done();
          }, o.streamMs);
      },
    );
    req.on('error', reject);
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}
