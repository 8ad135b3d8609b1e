/**
 * @module `startUiServer`: the dashboard's HTTP(S) server (fastify). It binds loopback unless
 * told otherwise; any other address needs a certificate and key (TLS) and gets a fresh bearer
 * token, which the caller prints once. It reads the journal and the cache read-only; its one
 * action is the kill switch. Errors come back as `{ error }` with the one-line message, no stack.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { NotFoundError, TlabError, UsageError } from '../../core/errors.ts';
import { registerCacheRoutes } from '../cache/cache-routes.ts';
import { LiveHub } from '../live/live-hub.ts';
import { registerLiveRoutes } from '../live/live-routes.ts';
import { registerRunRoutes } from '../runs/run-routes.ts';
import { registerStudyRoutes } from '../studies/study-routes.ts';
import {
  accessHook,
  isLoopbackHost,
  newToken,
  SHELL_CSP,
  TOKEN_COOKIE,
  type AccessPolicy,
} from './ui-security.ts';
import { UiSources } from './ui-sources.ts';
import { registerStaticRoutes } from './static-routes.ts';

/** Options of {@link startUiServer}. */
export interface UiServerOptions {
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: any free one). */
  port?: number;
  /** PEM files; required for a non-loopback host. */
  tls?: { certFile: string; keyFile: string };
  cacheFile: string;
  journalFile: string;
  /** Folder searched for study outputs (optimize, walk-forward, robustness, reports); default `reports`. */
  studiesDir?: string;
  /** How often the live page's poller asks the journal whether anything was committed (ms). */
  pollMs?: number;
}

/** A running dashboard. */
export interface UiServer {
  /** Base URL, e.g. `http://127.0.0.1:8765`. */
  url: string;
  /** The bearer token of a non-loopback dashboard (print it once; never log it). */
  token?: string;
  /** Whether it is bound to loopback. */
  loopback: boolean;
  app: FastifyInstance;
  close(): Promise<void>;
}

function checkBind(host: string, tls: UiServerOptions['tls']): boolean {
  const loopback = isLoopbackHost(host);
  if (!loopback && tls === undefined)
    throw new UsageError(
      `--host ${host} is not a loopback address, and a dashboard reachable from the network must use TLS`,
      'pass --cert FILE --key FILE (PEM), or leave --host at 127.0.0.1',
    );
  return loopback;
}

function statusOf(err: unknown): number {
  if (err instanceof NotFoundError) return 404;
  if (err instanceof UsageError) return 400;
  if (err instanceof TlabError) return 409;
  const code = (err as { statusCode?: number }).statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 ? code : 500;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts the dashboard; resolves once it listens. */
export async function startUiServer(o: UiServerOptions): Promise<UiServer> {
  const host = o.host ?? '127.0.0.1';
  const loopback = checkBind(host, o.tls);
  const https =
    o.tls === undefined
      ? undefined
      : { cert: readFileSync(o.tls.certFile), key: readFileSync(o.tls.keyFile) };
  // No request logging: a URL or header could carry the token.
  const app = Fastify({ logger: false, ...(https ? { https } : {}) }) as unknown as FastifyInstance;
  const sources = new UiSources(o.cacheFile, o.journalFile);
  const hub = new LiveHub(sources, o.pollMs ?? 200);
  const token = loopback ? undefined : newToken();
  const policy: AccessPolicy = {
    scheme: https ? 'https' : 'http',
    ...(token === undefined ? {} : { token }),
  };
  app.addHook('onRequest', accessHook(policy));
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('content-security-policy'))
      reply.header('content-security-policy', SHELL_CSP);
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  app.setErrorHandler(async (err, _req, reply) => {
    const status = statusOf(err);
    const hint = err instanceof TlabError && err.hint ? ` (${err.hint})` : '';
    const message =
      status === 500 && !(err instanceof TlabError) ? 'internal error' : (err as Error).message;
    await reply.code(status).send({ error: `${message}${hint}` });
  });
  // The page presents the token once (the access hook has checked it) and gets it back as an
  // HttpOnly cookie, so the live stream and the report pages carry it without the page holding it.
  app.post('/api/login', async (_req, reply) => {
    if (token !== undefined)
      reply.header(
        'set-cookie',
        `${TOKEN_COOKIE}=${token}; HttpOnly; Secure; SameSite=Strict; Path=/`,
      );
    return { ok: true, tokenRequired: token !== undefined };
  });
  await registerStaticRoutes(app);
  registerCacheRoutes(app, sources);
  registerRunRoutes(app, sources);
  registerStudyRoutes(app, path.resolve(o.studiesDir ?? 'reports'));
  registerLiveRoutes(app, { sources, hub, policy });
  await app.listen({ host, port: o.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (o.port ?? 0);
  const url = `${https ? 'https' : 'http'}://${urlHost(host)}:${port}`;
  if (loopback) {
    const names = [urlHost(host), 'localhost', '127.0.0.1', '[::1]'];
    policy.hosts = new Set(names.map((n) => `${n}:${port}`.toLowerCase()));
  }
  return {
    url,
    ...(token === undefined ? {} : { token }),
    loopback,
    app,
    async close() {
      hub.close();
      await app.close();
      sources.close();
    },
  };
}
