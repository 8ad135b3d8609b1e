/**
 * @module Who may talk to the dashboard. Bound to loopback (the default) it serves only requests
 * whose Host names that loopback address (so a web page elsewhere cannot reach it through DNS
 * rebinding). Bound to any other address it needs TLS and a bearer token made at start: every
 * data route (the JSON API, the reports, the live stream) refuses a request without it, given as
 * `Authorization: Bearer` or as the HttpOnly cookie the page gets by presenting it once. Anything
 * that changes something (the kill switch) must also come from the dashboard's own origin.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The cookie that carries the token after the page has presented it once. */
export const TOKEN_COOKIE = 'tlab_ui';

/** True for 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/** A fresh bearer token: 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** What the access checks need to know about the server. */
export interface AccessPolicy {
  /** `https` when serving TLS. */
  scheme: 'http' | 'https';
  /** Host header values accepted (loopback only; undefined accepts any). */
  hosts?: ReadonlySet<string>;
  /** Required on data routes when set (non-loopback binds). */
  token?: string;
}

/** The token a request carries, from the Authorization header or the cookie. */
function presented(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    return m?.[1];
  }
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return v.join('=');
  }
  return undefined;
}

/** True when the request carries `token` (compared in constant time). */
export function hasToken(req: FastifyRequest, token: string): boolean {
  const given = presented(req);
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/** Paths that carry no data: the page shell, its script, styles and the charting library. */
function isShell(url: string): boolean {
  const p = url.split('?')[0];
  return p === '/' || p === '/favicon.ico' || p.startsWith('/assets/');
}

/**
 * True when the request's Origin (or, failing that, Referer) is the page's own: the scheme and
 * the Host it was sent to. A page elsewhere sends its own origin, which differs.
 */
export function sameOrigin(req: FastifyRequest, scheme: string): boolean {
  const host = req.headers.host;
  if (host === undefined) return false;
  const origin = `${scheme}://${host.toLowerCase()}`;
  const o = req.headers.origin;
  if (o !== undefined) return o === origin;
  const ref = req.headers.referer;
  if (ref === undefined) return false;
  try {
    return new URL(ref).origin === origin;
  } catch {
    return false;
  }
}

/** The onRequest hook enforcing {@link AccessPolicy}; replies and stops on a refusal. */
export function accessHook(policy: AccessPolicy) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (policy.hosts !== undefined && !policy.hosts.has((req.headers.host ?? '').toLowerCase())) {
      await reply.code(421).send({ error: 'this dashboard answers only on its loopback address' });
      return;
    }
    const writes = req.method !== 'GET' && req.method !== 'HEAD';
    if (!isShell(req.url) && policy.token !== undefined && !hasToken(req, policy.token)) {
      await reply.code(401).header('www-authenticate', 'Bearer').send({
        error: 'this dashboard needs its access token: open the address tlab ui printed at start',
      });
      return;
    }
    if (writes && !sameOrigin(req, policy.scheme)) {
      await reply
        .code(403)
        .send({ error: 'refused: the request did not come from this dashboard' });
    }
  };
}

/**
 * The shell's Content-Security-Policy: scripts, styles, images and connections only from the
 * dashboard itself. Inline style attributes are allowed because the charting library sizes its
 * canvases with them; inline scripts are not.
 */
export const SHELL_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
