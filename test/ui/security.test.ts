// Who may use the dashboard. On loopback it answers only requests addressed to loopback (a page
// elsewhere cannot reach it by DNS rebinding) and takes the kill switch only from its own origin.
// Bound to any other address it refuses to start without TLS, and with TLS refuses every data
// route (the JSON API, the live stream, the reports, the kill switch) without the bearer token made
// at start, and the kill switch from another origin even with it. No response carries the token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.ts';
import type { UiServer } from '../../src/ui/server/ui-server.ts';
import { send } from './http-client.ts';
import { selfSigned } from './tls.ts';
import { startUi, uiFiles, type UiFiles } from './ui-rig.ts';

/** Every data route of the dashboard for the fixture's runs. */
function dataRoutes(files: UiFiles): { method: string; path: string }[] {
  const [a, b] = files.runIds;
  return [
    { method: 'GET', path: '/api/cache/series' },
    { method: 'GET', path: '/api/cache/candles?uid=uid-sber&interval=1m' },
    { method: 'GET', path: '/api/runs' },
    { method: 'GET', path: `/api/runs/${a}` },
    { method: 'GET', path: `/api/parity/${a}/${b}` },
    { method: 'GET', path: '/api/live' },
    { method: 'GET', path: `/api/live/${a}/stream` },
    { method: 'POST', path: `/api/live/${a}/kill` },
    { method: 'POST', path: '/api/login' },
    { method: 'GET', path: `/runs/${a}/report` },
    { method: 'GET', path: `/parity/${a}/${b}` },
    { method: 'GET', path: '/api/studies' },
    { method: 'GET', path: '/studies/page?dir=sma-grid&file=optimize.html' },
  ];
}

describe('dashboard access', () => {
  let files: UiFiles;
  beforeAll(async () => {
    files = await uiFiles();
  }, 60_000);
  afterAll(() => files?.remove());

  it('will not bind a non-loopback address without TLS', async () => {
    const err = await startUi(files, { host: '0.0.0.0' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toMatch(
      /^--host 0\.0\.0\.0 is not a loopback address.*must use TLS$/,
    );
    expect((err as UsageError).hint).toBe(
      'pass --cert FILE --key FILE (PEM), or leave --host at 127.0.0.1',
    );
  });

  describe('on loopback', () => {
    let server: UiServer;
    beforeAll(async () => {
      server = await startUi(files);
    });
    afterAll(() => server?.close());

    it('needs no token and answers its own address only', async () => {
      expect(server.loopback).toBe(true);
      expect(server.token).toBeUndefined();
      expect((await send(`${server.url}/api/runs`)).status).toBe(200);
      const port = new URL(server.url).port;
      const rebound = await send(`${server.url}/api/runs`, {
        headers: { host: `evil.example:${port}` },
      });
      expect(rebound.status).toBe(421);
      expect(
        (await send(`${server.url}/api/runs`, { headers: { host: `localhost:${port}` } })).status,
      ).toBe(200);
    });

    it('takes the kill switch only from its own origin', async () => {
      const kill = `${server.url}/api/live/${files.runIds[0]}/kill`;
      const body = JSON.stringify({ confirm: files.runIds[0] });
      const json = { 'content-type': 'application/json' };
      expect((await send(kill, { method: 'POST', headers: json, body })).status).toBe(403);
      const foreign = await send(kill, {
        method: 'POST',
        headers: { ...json, origin: 'http://evil.example' },
        body,
      });
      expect(foreign.status).toBe(403);
      // From its own origin it gets past the check, to the run's own refusal: a backtest is not running.
      const own = await send(kill, {
        method: 'POST',
        headers: { ...json, origin: server.url },
        body,
      });
      expect(own.status).toBe(409);
      expect(JSON.parse(own.body).error).toMatch(/is completed, not running/);
    });
  });

  describe('on a non-loopback address', () => {
    let server: UiServer;
    let cert: string;
    let base: string;
    beforeAll(async () => {
      const tls = selfSigned(files.dir);
      cert = tls.cert;
      server = await startUi(files, { host: '0.0.0.0', tls });
      base = `https://127.0.0.1:${new URL(server.url).port}`;
    });
    afterAll(() => server?.close());

    it('serves TLS with a fresh token', () => {
      expect(server.loopback).toBe(false);
      expect(server.url).toMatch(/^https:\/\/0\.0\.0\.0:\d+$/);
      expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('refuses every data route without the token, or with a wrong one', async () => {
      const routes = dataRoutes(files);
      for (const r of routes) {
        const wrong: Record<string, string>[] = [
          {},
          { authorization: 'Bearer not-the-token' },
          { cookie: 'tlab_ui=nope' },
        ];
        for (const headers of wrong) {
          const res = await send(`${base}${r.path}`, {
            method: r.method,
            headers: { ...headers, origin: base },
            ca: cert,
          });
          expect(res.status, `${r.method} ${r.path}`).toBe(401);
          expect(JSON.parse(res.body).error).toMatch(/needs its access token/);
        }
      }
    });

    it('answers with the token, by header or by the cookie login sets, and never sends the token back in a body', async () => {
      const auth = { authorization: `Bearer ${server.token}`, origin: base };
      const login = await send(`${base}/api/login`, { method: 'POST', headers: auth, ca: cert });
      expect(login.status).toBe(200);
      const cookie = String(login.headers['set-cookie']);
      expect(cookie).toMatch(/^tlab_ui=[^;]+; HttpOnly; Secure; SameSite=Strict; Path=\/$/);
      const viaCookie = { cookie: cookie.split(';')[0] };
      for (const r of dataRoutes(files).filter((x) => x.method === 'GET')) {
        for (const headers of [auth, viaCookie]) {
          const res = await send(`${base}${r.path}`, { headers, ca: cert, streamMs: 300 });
          expect(res.status, r.path).toBe(200);
          expect(res.body).not.toContain(server.token);
        }
      }
      // The shell carries no data and loads before the page has presented the token.
      const shell = await send(`${base}/`, { ca: cert });
      expect(shell.status).toBe(200);
      expect(shell.body).not.toContain(server.token);
    });

    it('refuses the kill switch from another origin even with the token', async () => {
      const kill = `${base}/api/live/${files.runIds[0]}/kill`;
      const body = JSON.stringify({ confirm: files.runIds[0] });
      const headers = {
        authorization: `Bearer ${server.token}`,
        'content-type': 'application/json',
      };
      const foreign = await send(kill, {
        method: 'POST',
        headers: { ...headers, origin: 'https://evil.example' },
        body,
        ca: cert,
      });
      expect(foreign.status).toBe(403);
      const own = await send(kill, {
        method: 'POST',
        headers: { ...headers, origin: base },
        body,
        ca: cert,
      });
      expect(own.status).toBe(409);
    });
  });
});
