/**
 * @module The gate a resumed venue run waits at before its first live candle: the broker at the
 * venue must have reconciled the run's orders and positions (the `broker-reconciled` event), so no
 * decision reaches the venue before the run's earlier orders are adopted; a failed reconciliation
 * fails the run there instead of trading on a view of the account nobody checked.
 */
import type { CandleBatch } from '../../core/candle.ts';
import { UsageError } from '../../core/errors.ts';
import type { TimeRange } from '../../core/time.ts';
import type { MarketDataFeed, SeriesKey } from '../../engine/ports/market-data-feed.ts';
import type { LiveEvent } from '../../live/index.ts';
import { BROKER_RECONCILED } from './tinvest-venue.ts';

/** Opens on `broker-reconciled`, fails on `reconcile-failed`; give `sink` every live event. */
export class ReconcileGate {
  readonly opened: Promise<void>;
  private open!: () => void;
  private fail!: (err: Error) => void;

  constructor() {
    this.opened = new Promise<void>((resolve, reject) => {
      this.open = resolve;
      this.fail = reject;
    });
    // Awaited only by a resumed run's feed; never an unhandled rejection otherwise.
    this.opened.catch(() => undefined);
  }

  readonly sink = (e: LiveEvent): void => {
    if (e.kind === BROKER_RECONCILED) this.open();
    else if (e.kind === 'reconcile-failed') {
      this.fail(
        new UsageError(
          `the venue could not be reconciled with the run's journal: ${String(e.error)}`,
          'check the connection and the account, then resume again',
        ),
      );
    }
  };
}

/** `inner`, whose reads start once `gate` has opened. */
export class GatedFeed implements MarketDataFeed {
  constructor(
    private readonly inner: MarketDataFeed,
    private readonly gate: Promise<void>,
  ) {}

  read(series: SeriesKey, range: TimeRange): AsyncIterable<CandleBatch> {
    const { inner, gate } = this;
    return (async function* () {
      await gate;
      yield* inner.read(series, range);
    })();
  }

  missing(series: SeriesKey, range: TimeRange): TimeRange[] {
    return this.inner.missing(series, range);
  }

  sources(series: SeriesKey, range: TimeRange): string[] {
    return this.inner.sources?.(series, range) ?? [];
  }
}
