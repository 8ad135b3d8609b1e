/**
 * @module TLS for real, without leaving the machine: a grpc-js server on 127.0.0.1 with a
 * certificate from a throw-away CA, and a client told to use TLS even on loopback (`forceTls`, the
 * same credentials path every non-loopback endpoint takes). The client refuses the server without
 * the CA (system store only), accepts it with `caFile`, and never falls back to plaintext. Skips,
 * saying why, without openssl.
 */
import { Server, ServerCredentials, type ServerUnaryCall } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareFromCore } from '../../src/wire/convert/instrument.ts';
import {
  InstrumentsServiceService,
  type InstrumentRequest,
  type ShareResponse,
} from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/instruments.ts';
import { cliHint } from '../../src/cli/hints.ts';
import { createTinvestClient, type TinkoffApiError } from '../../src/live/index.ts';
import { failure } from './helpers.ts';
import { hasOpenssl, makeTestCa, type TestCa } from './test-ca.ts';

const ip = '127.0.0.1';
const skip = !hasOpenssl;
const title = skip ? 'TLS (skipped: needs openssl to make a test CA)' : 'TLS with a private CA';

const spec = {
  uid: 'u-tls',
  figi: 'F',
  ticker: 'T',
  classCode: 'C',
  isin: 'I',
  name: 'N',
  kind: 'share' as const,
  lot: 1,
  minPriceIncrement: 0.5,
  currency: 'rub',
  shortEnabled: false,
  exchange: 'MOEX',
};

async function serve(creds: ServerCredentials): Promise<{ server: Server; endpoint: string }> {
  const server = new Server();
  server.addService(InstrumentsServiceService, {
    shareBy(
      _call: ServerUnaryCall<InstrumentRequest, ShareResponse>,
      cb: (e: unknown, r?: ShareResponse) => void,
    ) {
      cb(null, { instrument: shareFromCore(spec) });
    },
  } as never);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${ip}:0`, creds, (e, p) => (e ? reject(e) : resolve(p))),
  );
  return { server, endpoint: `${ip}:${port}` };
}

describe.skipIf(skip)(title, () => {
  let ca: TestCa;
  let tls: { server: Server; endpoint: string };
  let plain: { server: Server; endpoint: string };
  beforeAll(async () => {
    ca = makeTestCa();
    const { key, cert } = ca.issue('srv', `IP:${ip}`);
    tls = await serve(ServerCredentials.createSsl(null, [{ private_key: key, cert_chain: cert }]));
    plain = await serve(ServerCredentials.createInsecure());
  });
  afterAll(() => {
    tls?.server.forceShutdown();
    plain?.server.forceShutdown();
  });

  const lookup = { idType: 'uid', id: 'u-tls' } as const;
  const opts = {
    token: 'tok',
    retry: { maxRetries: 0 },
    deadlines: { defaultMs: 3000 },
    channel: { forceTls: true },
  };

  it('trusts an extra CA file on top of the system store', async () => {
    const c = createTinvestClient({ ...opts, endpoint: tls.endpoint, caFile: ca.caFile });
    expect(await c.shareBy(lookup)).toEqual(spec);
    await c.close();
  });

  it('refuses a certificate the trust store does not vouch for', async () => {
    const c = createTinvestClient({ ...opts, endpoint: tls.endpoint });
    const e = (await failure(c.shareBy(lookup))) as TinkoffApiError;
    await c.close();
    expect(e.grpcName).toBe('UNAVAILABLE');
    expect(e.fix).toBe('trust-ca');
    expect(e.hint).toMatch(/TINVEST_CA_FILE/);
    expect(cliHint(e)).toMatch(/--ca-file/);
  });

  it('never falls back to plaintext when TLS is required', async () => {
    const c = createTinvestClient({
      ...opts,
      endpoint: plain.endpoint,
      caFile: ca.caFile,
    });
    const e = (await failure(c.shareBy(lookup))) as TinkoffApiError;
    await c.close();
    expect(['UNAVAILABLE', 'DEADLINE_EXCEEDED']).toContain(e.grpcName);
  });
});
