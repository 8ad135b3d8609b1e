/**
 * @module Errors that name the cause, through the real `tlab` binary: bare `tlab`, `--help`
 * examples, `tlab serve` on a busy port or an empty `--data` file, and endpoints that refuse the
 * connection or present a certificate from an unknown CA (by IP address, with no DEP0123 warning).
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { hasOpenssl, makeTestCa } from '../client/test-ca.ts';
import { isOneLineError, runCli } from './run-cli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tlab-usage-errors-'));
const HANG = 40_000;

describe('bare tlab and --help', () => {
  it('bare tlab prints the help', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Commands:/);
    expect(r.stdout).toMatch(/tlab demo/);
  });

  const leaves = [
    ['instruments'],
    ['data'],
    ['demo'],
    ['download'],
    ['backtest'],
    ['instruments', 'find'],
    ['instruments', 'show'],
    ['data', 'import'],
    ['data', 'ls'],
    ['data', 'verify'],
    ['data', 'export'],
    ['data', 'resample'],
    ['serve'],
  ];
  it.each(leaves.map((c) => [c.join(' '), c]))(
    'tlab %s --help has runnable examples',
    async (_name, cmd) => {
      const r = await runCli([...cmd, '--help']);
      expect(r.code).toBe(0);
      const examples = r.stdout.split('Examples:')[1];
      expect(examples, r.stdout).toBeDefined();
      expect(examples).toMatch(new RegExp(`tlab ${cmd.join(' ')}`));
    },
  );
});

describe('tlab serve on a busy port', () => {
  it.each(['--port', '--http-port'])('says %s is in use, in one line', async (flag) => {
    const busy = net.createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    const port = (busy.address() as net.AddressInfo).port;
    const other = flag === '--port' ? '--http-port' : '--port';
    const r = await runCli(['serve', flag, String(port), other, '0'], { timeoutMs: HANG });
    busy.close();
    expect(r.code).toBe(1);
    expect(isOneLineError(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(new RegExp(`port ${port} .*already in use`));
    expect(r.stderr).toContain(`another ${flag}`);
  });
  it('serve --data on an empty file refuses and writes nothing into it', async () => {
    const empty = path.join(dir, 'empty-serve.sqlite');
    writeFileSync(empty, '');
    const r = await runCli(['serve', '--port', '0', '--http-port', '0', '--data', empty], {
      timeoutMs: HANG,
    });
    expect(r.code).toBe(2);
    expect(isOneLineError(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/is empty \(0 bytes\)/);
    expect(statSync(empty).size).toBe(0);
  });
});

describe('connection failures through the CLI', () => {
  it('a closed port: connection refused, on one line', async () => {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    const port = (s.address() as net.AddressInfo).port;
    await new Promise((r) => s.close(r));
    const r = await runCli(['instruments', 'find', 'SBER', '--endpoint', `127.0.0.1:${port}`], {
      timeoutMs: HANG,
    });
    expect(r.code).toBe(1);
    expect(isOneLineError(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(new RegExp(`connection refused by 127\\.0\\.0\\.1:${port}`));
  });
});

/** A non-loopback IPv4 address of this machine (the CLI uses TLS for it), if it has one. */
const outerIp = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
const tlsSkip = !hasOpenssl
  ? 'needs openssl'
  : !outerIp
    ? 'needs a non-loopback IPv4 address'
    : undefined;

describe.skipIf(tlsSkip !== undefined)(
  `TLS to an IP address through the CLI${tlsSkip ? ` (skipped: ${tlsSkip})` : ''}`,
  () => {
    it('names an unknown CA on one line, with no DEP0123 warning', async () => {
      const ca = makeTestCa();
      const { key, cert } = ca.issue('outer', `IP:${outerIp}`);
      const server = new Server();
      const creds = ServerCredentials.createSsl(null, [{ private_key: key, cert_chain: cert }]);
      const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync(`${outerIp}:0`, creds, (e, p) => (e ? reject(e) : resolve(p))),
      );
      try {
        const r = await runCli(
          ['instruments', 'find', 'SBER', '--endpoint', `${outerIp}:${port}`],
          {
            env: { TINKOFF_TOKEN_STRING: 't.not-a-real-token' },
            timeoutMs: HANG,
          },
        );
        expect(r.code).toBe(1);
        expect(isOneLineError(r.stderr), r.stderr).toBe(true);
        expect(r.stderr).toMatch(/is signed by an unknown CA.*--ca-file/);
        expect(r.stderr).not.toMatch(/DEP0123|DeprecationWarning/);
      } finally {
        server.forceShutdown();
      }
    });
  },
);
