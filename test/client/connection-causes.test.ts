/**
 * @module Connection failures name their cause on the one error line, against real things on
 * loopback: a closed port, an unresolvable `.invalid` host, TLS servers whose certificate comes
 * from an unknown CA or names another host, and a server that accepts and never answers. The
 * circuit-breaker state follows the cause instead of replacing it, and no Node deprecation
 * warning (DEP0123, TLS to an IP address) is emitted.
 */
import net from 'node:net';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTinvestClient, type TinkoffApiError } from '../../src/live/index.ts';
import { TOKEN, emulator, failure } from './helpers.ts';
import { hasOpenssl, makeTestCa, type TestCa } from './test-ca.ts';

const lookup = { idType: 'uid', id: 'u-x' } as const;
const base = { token: 'tok', retry: { maxRetries: 0 }, deadlines: { defaultMs: 2000 } };

async function oneLine(options: Parameters<typeof createTinvestClient>[0]): Promise<string> {
  const c = createTinvestClient(options);
  const e = (await failure(c.shareBy(lookup))) as TinkoffApiError;
  await c.close();
  return e.oneLine();
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  );
}

async function closedPort(): Promise<number> {
  const s = net.createServer();
  const port = await listen(s);
  await new Promise((r) => s.close(r));
  return port;
}

describe('connection failures name the cause', () => {
  it('a closed port: connection refused', async () => {
    const port = await closedPort();
    const line = await oneLine({ ...base, endpoint: `127.0.0.1:${port}` });
    expect(line).toMatch(new RegExp(`connection refused by 127\\.0\\.0\\.1:${port}`));
    expect(line).toMatch(/start the server/);
    expect(line).not.toMatch(/\n/);
  });

  it('an unresolvable host: DNS name not found', async () => {
    const line = await oneLine({ ...base, endpoint: 'no-such-host.invalid:443' });
    expect(line).toMatch(/DNS name not found: no-such-host\.invalid does not resolve/);
    expect(line).toMatch(/check the host name/);
  });

  it('a server that accepts and never answers: timed out', async () => {
    const silent = net.createServer(() => {});
    const port = await listen(silent);
    const line = await oneLine({ ...base, endpoint: `127.0.0.1:${port}` });
    silent.close();
    expect(line).toMatch(new RegExp(`timed out connecting to 127\\.0\\.0\\.1:${port}`));
  });

  it('a server that takes the call and answers too late: timed out, named as such', async () => {
    const emu = await emulator();
    emu.faults.latencyMs = 600;
    try {
      const line = await oneLine({
        ...base,
        endpoint: emu.grpcAddress,
        token: TOKEN,
        deadlines: { defaultMs: 200 },
      });
      expect(line).toMatch(/timed out: 127\.0\.0\.1:\d+ accepted the call but sent no answer/);
    } finally {
      emu.faults.latencyMs = 0;
      await emu.stop();
    }
  });

  it('the archive over HTTP: connection refused', async () => {
    const port = await closedPort();
    const c = createTinvestClient({
      ...base,
      endpoint: '127.0.0.1:1',
      archiveUrl: `http://127.0.0.1:${port}/history-data`,
    });
    const e = (await failure(c.archive.fetchYear('BBG004730N88', 2024))) as TinkoffApiError;
    await c.close();
    expect(e.oneLine()).toMatch(new RegExp(`connection refused by 127\\.0\\.0\\.1:${port}`));
  });

  it('the circuit-breaker state comes after the cause', async () => {
    const port = await closedPort();
    const c = createTinvestClient({
      ...base,
      endpoint: `127.0.0.1:${port}`,
      breaker: { threshold: 1, halfOpenAfterMs: 60_000 },
    });
    await failure(c.shareBy(lookup));
    const e = (await failure(c.shareBy(lookup))) as TinkoffApiError;
    await c.close();
    expect(e.circuitOpen).toBe(true);
    expect(e.oneLine()).toMatch(/connection refused by 127\.0\.0\.1:\d+ .*circuit open/);
  });
});

describe.skipIf(!hasOpenssl)(
  hasOpenssl ? 'TLS failures name the cause' : 'TLS failures (skipped: needs openssl)',
  () => {
    let ca: TestCa;
    const servers: Server[] = [];
    const warnings: string[] = [];
    const onWarning = (w: Error & { code?: string }) => warnings.push(`${w.code} ${w.message}`);

    async function tlsServer(name: string, san: string): Promise<number> {
      const { key, cert } = ca.issue(name, san);
      const s = new Server();
      servers.push(s);
      const creds = ServerCredentials.createSsl(null, [{ private_key: key, cert_chain: cert }]);
      return new Promise((resolve, reject) =>
        s.bindAsync('127.0.0.1:0', creds, (e, p) => (e ? reject(e) : resolve(p))),
      );
    }

    beforeAll(() => {
      ca = makeTestCa();
      process.on('warning', onWarning);
    });
    afterAll(() => {
      process.off('warning', onWarning);
      servers.forEach((s) => s.forceShutdown());
    });

    const tls = { ...base, channel: { forceTls: true } };

    it('a certificate from an unknown CA', async () => {
      const port = await tlsServer('good', 'IP:127.0.0.1');
      const line = await oneLine({ ...tls, endpoint: `127.0.0.1:${port}` });
      expect(line).toMatch(/TLS certificate of 127\.0\.0\.1:\d+ is signed by an unknown CA/);
      expect(line).toMatch(/--ca-file/);
    });

    it('a certificate for another name', async () => {
      const port = await tlsServer('other', 'DNS:other.test');
      const line = await oneLine({ ...tls, endpoint: `127.0.0.1:${port}`, caFile: ca.caFile });
      expect(line).toMatch(/is not issued for that name \(name mismatch\)/);
      expect(line).not.toMatch(/--ca-file/);
    });

    it('emits no DEP0123 deprecation warning for a TLS endpoint given as an IP', async () => {
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.startsWith('DEP0123'))).toEqual([]);
    });
  },
);
