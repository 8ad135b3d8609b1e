/**
 * @module Test helpers for the emulator suites: a started emulator with raw generated grpc-js
 * clients, and a promise wrapper for unary calls that also captures the response headers.
 */
import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { unzipSync } from 'fflate';
import type { Candle } from '../../src/core/candle.ts';
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../src/emulator/index.ts';
import { InstrumentsServiceClient } from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/instruments.ts';
import { MarketDataServiceClient } from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import type { Timestamp } from '../../src/wire/generated/google/protobuf/timestamp.ts';

export const TOKEN = 'test-token';
export const SBER = {
  figi: 'BBG004730N88',
  uid: 'e6123145-9665-43e0-8413-cd61b8aa9b13',
};
/** A Wednesday noon: the market clock most tests freeze. */
export const NOW = Date.UTC(2024, 9, 2, 12, 0, 0);

/** A running emulator with one client per service. */
export interface Harness {
  emu: RunningEmulator;
  md: MarketDataServiceClient;
  inst: InstrumentsServiceClient;
  close(): Promise<void>;
}

/** Starts an emulator (token TOKEN, clock NOW unless overridden) and connects clients. */
export async function harness(options: EmulatorOptions = {}): Promise<Harness> {
  const emu = await startEmulator({ tokens: [TOKEN], now: () => NOW, ...options });
  const md = new MarketDataServiceClient(emu.grpcAddress, credentials.createInsecure());
  const inst = new InstrumentsServiceClient(emu.grpcAddress, credentials.createInsecure());
  return {
    emu,
    md,
    inst,
    close: async () => {
      md.close();
      inst.close();
      await emu.stop();
    },
  };
}

/** Call metadata with a bearer token (null: no authorization header at all). */
export function auth(token: string | null = TOKEN): Metadata {
  const md = new Metadata();
  if (token !== null) md.set('authorization', `Bearer ${token}`);
  return md;
}

/** Outcome of one unary call. */
export interface Outcome<Res> {
  res?: Res;
  err?: ServiceError;
  headers: Record<string, string>;
}

type UnaryFn<Req, Res> = (
  req: Req,
  md: Metadata,
  cb: (err: ServiceError | null, res: Res) => void,
) => { on(event: 'metadata', fn: (m: Metadata) => void): unknown };

/** Calls a unary method; never rejects (errors come back in `err`). */
export function call<Req, Res>(
  client: object,
  method: string,
  req: Req,
  md: Metadata = auth(),
): Promise<Outcome<Res>> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {};
    const fn = (client as Record<string, UnaryFn<Req, Res>>)[method].bind(client);
    const c = fn(req, md, (err, res) => resolve(err ? { err, headers } : { res, headers }));
    c.on('metadata', (m) => {
      for (const [k, v] of Object.entries(m.getMap())) headers[k] = String(v);
    });
  });
}

/** Epoch ms as a protobuf Timestamp. */
export function ts(ms: number): Timestamp {
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
}

/** Parses an archive zip back into candles per file name (a test-side reader of the format). */
export function parseArchive(zip: Uint8Array): Map<string, { uid: string; candles: Candle[] }> {
  const out = new Map<string, { uid: string; candles: Candle[] }>();
  for (const [name, bytes] of Object.entries(unzipSync(zip))) {
    const text = new TextDecoder().decode(bytes);
    let uid = '';
    const candles = text
      .split('\n')
      .filter((l) => l.length > 0)
      .map((line) => {
        const f = line.split(';');
        if (f.length !== 8 || f[7] !== '') throw new Error(`bad archive line: ${line}`);
        uid = f[0];
        return {
          time: Date.parse(f[1]),
          open: Number(f[2]),
          close: Number(f[3]),
          high: Number(f[4]),
          low: Number(f[5]),
          volume: Number(f[6]),
        };
      });
    out.set(name, { uid, candles });
  }
  return out;
}
