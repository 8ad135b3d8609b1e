/**
 * @module Opt-in checks against the real T-Invest API (`npm run test:live`). They read the token
 * from TINKOFF_TOKEN_STRING (or TINKOFF_TOKEN_FILE) and skip, saying why, when none is set.
 */
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import {
  TinkoffApiError,
  clientFromConfig,
  createTinvestClient,
  resolveApiConfig,
} from '../../src/live/index.ts';
import type { TinvestClient } from '../../src/live/index.ts';

const hasToken = Boolean(
  process.env.TINKOFF_TOKEN_STRING?.trim() || process.env.TINKOFF_TOKEN_FILE?.trim(),
);
const title = hasToken
  ? 'real T-Invest API'
  : 'real T-Invest API (skipped: set TINKOFF_TOKEN_STRING to run these tests)';

describe.skipIf(!hasToken)(title, () => {
  const config = hasToken ? resolveApiConfig({}) : undefined;
  const lines: string[] = [];
  const client: TinvestClient | undefined = config
    ? clientFromConfig(config, {
        logger: { debug: (m) => lines.push(m), warn: (m) => lines.push(m) },
      })
    : undefined;
  afterAll(() => client?.close());

  it('resolves SBER@TQBR and reads a day of hourly candles', async () => {
    const sber = await client!.shareBy({ idType: 'ticker', id: 'SBER', classCode: 'TQBR' });
    expect(sber).toMatchObject({
      ticker: 'SBER',
      classCode: 'TQBR',
      kind: 'share',
      currency: 'rub',
    });
    expect(sber.minPriceIncrement).toBeGreaterThan(0);
    const to = Date.UTC(2024, 9, 3);
    const candles = await client!.getCandles({
      instrumentId: sber.uid,
      interval: '1h',
      from: to - 86_400_000,
      to,
    });
    expect(candles.length).toBeGreaterThan(5);
    for (const c of candles) expect(c.high).toBeGreaterThanOrEqual(Math.max(c.open, c.close));
  });

  it('finds instruments, lists accounts and last prices', async () => {
    const hits = await client!.findInstrument('SBER');
    expect(hits.some((h) => h.ticker === 'SBER')).toBe(true);
    expect(Array.isArray(await client!.getAccounts())).toBe(true);
    const sber = hits.find((h) => h.ticker === 'SBER' && h.classCode === 'TQBR')!;
    const [p] = await client!.getLastPrices([sber.uid]);
    expect(p.price).toBeGreaterThan(0);
  });

  it('downloads a yearly archive', async () => {
    const sber = await client!.shareBy({ idType: 'ticker', id: 'SBER', classCode: 'TQBR' });
    const zip = await client!.archive.fetchYear(sber.uid, 2023);
    expect(Object.keys(unzipSync(zip!)).length).toBeGreaterThan(200);
  });

  it('answers a bad token with 40003 and never prints either token', async () => {
    const bad = createTinvestClient({
      endpoint: config!.endpoint,
      token: 't.invalid-token-for-test',
    });
    let err: unknown;
    try {
      await bad.getAccounts();
    } catch (e) {
      err = e;
    }
    await bad.close();
    expect(err).toBeInstanceOf(TinkoffApiError);
    expect((err as TinkoffApiError).apiCode).toBe(40003);
    const text = [JSON.stringify(err), (err as Error).message, (err as Error).stack, ...lines].join(
      '\n',
    );
    expect(text).not.toContain('t.invalid-token-for-test');
    expect(text).not.toContain(config!.token);
  });
});
