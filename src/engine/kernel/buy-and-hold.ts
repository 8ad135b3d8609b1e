/**
 * @module The benchmark every run is compared with: buy-and-hold of the run's instruments. The
 * starting cash is split equally between the instruments; each share buys units of its instrument at
 * the open of that instrument's first execution candle in the run (fractional units, no commission,
 * no lots), and is held to the end. Before that candle the share stays cash. Its equity is marked at
 * the same instants as the strategy's, at the instruments' last closes.
 */

/** Buy-and-hold book of one run. */
export class BuyAndHold {
  readonly units: Float64Array;
  protected readonly bought: Uint8Array;
  protected readonly share: number;
  cash: number;
  boughtCount = 0;

  constructor(
    slots: number,
    readonly startingCash: number,
  ) {
    this.units = new Float64Array(slots);
    this.bought = new Uint8Array(slots);
    this.share = startingCash / slots;
    this.cash = startingCash;
  }

  /** Buys the slot's share at `open` unless already bought. */
  enter(slot: number, open: number): void {
    if (this.bought[slot] !== 0) return;
    this.bought[slot] = 1;
    this.boughtCount++;
    this.units[slot] = this.share / open;
    this.cash -= this.share;
    // The last share takes what rounding left over, so an all-bought book holds no stray cash.
    if (this.boughtCount === this.units.length) this.cash = 0;
  }

  /** Value of the book at the last prices. */
  equity(last: Float64Array): number {
    let e = this.cash;
    for (let s = 0; s < this.units.length; s++) {
      if (this.units[s] !== 0) e += this.units[s] * last[s];
    }
    return e;
  }

  /** Value bought so far (the benchmark's traded value). */
  tradedValue(): number {
    return this.share * this.boughtCount;
  }
}
