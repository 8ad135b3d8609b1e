/**
 * @module guardsFromConfig turns a live config's `guards` object into limits (the trading day's
 * start in ms after midnight, ISO warm-up time in epoch ms) and refuses bad input with one line
 * naming the key; armed() is true only with every required guard set.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import { ReplayClock } from '../../../src/engine/index.ts';
import { guardsFromConfig } from '../../../src/live/guards/guard-config.ts';
import { GuardedBroker } from '../../../src/live/guards/guarded-broker.ts';
import { KillSwitch } from '../../../src/live/guards/kill-switch.ts';
import { VenueLikeBroker } from '../../stubs/venue-like-broker.ts';

describe('guardsFromConfig', () => {
  it('reads every limit, with defaults for the rest', () => {
    expect(
      guardsFromConfig({
        maxOrderValue: 50_000,
        maxPositionLots: 10,
        maxDailyLoss: 2_500.5,
        flattenOnDailyLoss: true,
        dayStartUtc: '07:30',
        tradableStatuses: ['normal_trading', 'SECURITY_TRADING_STATUS_CLOSING_AUCTION'],
        tradeFrom: '2024-03-04T10:00:00+03:00',
        accountCurrency: 'RUB',
      }),
    ).toEqual({
      maxOrderValue: 50_000,
      maxPositionLots: 10,
      maxDailyLoss: 2_500.5,
      flattenOnDailyLoss: true,
      dayStartOffsetMs: 7.5 * 3_600_000,
      tradableStatuses: ['normal_trading', 'closing_auction'],
      tradeFrom: Date.UTC(2024, 2, 4, 7),
      accountCurrency: 'rub',
    });
    expect(guardsFromConfig(undefined)).toEqual({
      flattenOnDailyLoss: false,
      dayStartOffsetMs: 0,
      accountCurrency: 'rub',
    });
  });

  it.each([
    [
      { maxDailyLoss: -5 },
      'bad guards.maxDailyLoss in the live config: maxDailyLoss must be > 0 (account currency)',
    ],
    [
      { maxPositionLots: 1.5 },
      'bad guards.maxPositionLots in the live config: maxPositionLots must be a whole number of lots',
    ],
    [
      { dayStartUtc: '7:00' },
      'bad guards.dayStartUtc in the live config: dayStartUtc must be HH:MM (UTC), e.g. 07:00',
    ],
    [
      { tradableStatuses: ['open'] },
      'bad guards.tradableStatuses.0 in the live config: use SecurityTradingStatus names such as normal_trading',
    ],
    [
      { tradeFrom: 'tomorrow' },
      'bad guards.tradeFrom in the live config: tradeFrom must be an ISO time, e.g. 2024-03-04T07:00:00Z',
    ],
    [{ maxLoss: 5 }, 'bad guards in the live config: unknown key maxLoss'],
  ])('refuses %j with one line naming the key', (raw, line) => {
    let err: unknown;
    try {
      guardsFromConfig(raw);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).oneLine()).toBe(line);
    expect((err as UsageError).exitCode).toBe(2);
  });
});

describe('GuardedBroker.armed', () => {
  const clock = new ReplayClock(0);
  const inner = () => new VenueLikeBroker({ slices: [1], price: 100, commission: 0, now: () => 0 });
  const instruments = [{ uid: 'u', lot: 1, currency: 'rub' }];

  it('names every required guard left unset', () => {
    const g = new GuardedBroker(inner(), { clock, instruments, maxDailyLoss: 100 });
    expect(g.armed()).toBe(false);
    expect(g.missingGuards()).toEqual([
      'max-order-value',
      'max-position',
      'equity-source',
      'trading-status',
      'kill-switch',
    ]);
  });

  it('is armed from a full config plus its sources', () => {
    const g = new GuardedBroker(inner(), {
      ...guardsFromConfig({ maxOrderValue: 1e5, maxPositionLots: 5, maxDailyLoss: 1e3 }),
      clock,
      instruments,
      equity: () => 1e6,
      tradingStatus: () => 'normal_trading',
      killSwitch: new KillSwitch(clock),
    });
    expect(g.missingGuards()).toEqual([]);
    expect(g.armed()).toBe(true);
  });
});
