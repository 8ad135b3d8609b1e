// A valid promoted live config for tests, with any field overridden.
import { registeredSourceHash } from '../../src/app/live-preflight.ts';
import { LIVE_CONFIG_KIND, type LiveConfig } from '../../src/app/promotion/live-config.ts';
import { SBER } from './run-fixture.ts';

/** A live config as tlab promote writes it. */
export function liveConfig(over: Partial<LiveConfig> = {}): LiveConfig {
  return {
    kind: LIVE_CONFIG_KIND,
    version: 1,
    strategy: 'sma-cross',
    params: { fast: 10, slow: 30 },
    strategySourceHash: registeredSourceHash('sma-cross'),
    instruments: [SBER],
    interval: '1m',
    guards: { maxOrderValue: 50_000, maxPositionLots: 10, maxDailyLoss: 5_000 },
    accountId: '2000123456',
    promotedFrom: {
      sandboxRunId: 'run-sandbox-1',
      backtestRunId: 'run-backtest-1',
      period: { from: '2024-01-09T07:00:00Z', to: '2024-01-10T07:00:00Z' },
      parity: { withinTolerance: true, priceTicks: 0, slippageCost: 0 },
      promotedAt: '2024-01-10T08:00:00Z',
    },
    ...over,
  };
}
