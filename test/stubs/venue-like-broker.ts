/**
 * @module A broker that behaves like one at a real venue, for kernel tests: `submit` returns a
 * pending acknowledgement, and the venue's answers (accepted, then executions in the planned
 * slices) arrive later, one per market step or from outside any kernel step (`emitLater`), as a
 * stream would deliver them.
 */
import type {
  Broker,
  OpenOrder,
  OrderRequest,
  OrderUpdate,
} from '../../src/engine/ports/broker.ts';

interface Live {
  orderId: string;
  request: OrderRequest;
  createdAt: number;
  filled: number;
  accepted: boolean;
}

/** Options of {@link VenueLikeBroker}. */
export interface VenueLikeOptions {
  /** Lots executed per market step once accepted, e.g. [1, 2] fills 3 lots over two steps. */
  slices: number[];
  price: number;
  /** Commission per execution. */
  commission?: number;
  now: () => number;
}

/** Pending acks, partial fills, events between steps. */
export class VenueLikeBroker implements Broker {
  private listener: (u: OrderUpdate) => void = () => {};
  private readonly orders: Live[] = [];
  private seq = 0;

  constructor(private readonly o: VenueLikeOptions) {}

  setUpdateListener(listener: (u: OrderUpdate) => void): void {
    this.listener = listener;
  }

  submit(request: OrderRequest) {
    const orderId = `venue-${++this.seq}`;
    this.orders.push({ orderId, request, createdAt: this.o.now(), filled: 0, accepted: false });
    return { orderId, accepted: true, pending: true };
  }

  cancel(orderId: string): boolean {
    const k = this.orders.findIndex((x) => x.orderId === orderId);
    if (k < 0) return false;
    const [x] = this.orders.splice(k, 1);
    this.listener({
      orderId,
      status: 'cancelled',
      request: x.request,
      time: this.o.now(),
      reason: 'cancelled by the strategy',
      filledLots: x.filled,
    });
    return true;
  }

  openOrders(instrumentUid?: string): readonly OpenOrder[] {
    return this.orders
      .filter((x) => instrumentUid === undefined || x.request.instrumentUid === instrumentUid)
      .map((x) => ({
        orderId: x.orderId,
        request: x.request,
        createdAt: x.createdAt,
        remainingLots: x.request.lots - x.filled,
      }));
  }

  /** The venue's next message for every open order: its acceptance, else its next slice. */
  onCandle(): void {
    for (const x of [...this.orders]) this.advance(x);
  }

  /** Delivers the acceptance of every new order on a later macrotask, outside any kernel step. */
  emitLater(): void {
    setTimeout(() => {
      for (const x of this.orders) if (!x.accepted) this.advance(x);
    }, 0);
  }

  private advance(x: Live): void {
    const time = this.o.now();
    if (!x.accepted) {
      x.accepted = true;
      this.listener({ orderId: x.orderId, status: 'accepted', request: x.request, time });
      return;
    }
    const slice = Math.min(this.o.slices[0] ?? x.request.lots, x.request.lots - x.filled);
    this.o.slices.shift();
    x.filled += slice;
    const remainingLots = x.request.lots - x.filled;
    const base = { orderId: x.orderId, request: x.request, time, price: this.o.price };
    const fill = {
      lots: slice,
      commission: this.o.commission ?? 0,
      filledLots: x.filled,
      remainingLots,
    };
    if (remainingLots > 0) {
      this.listener({ ...base, ...fill, status: 'partially-filled' });
      return;
    }
    this.orders.splice(this.orders.indexOf(x), 1);
    this.listener({ ...base, ...fill, status: 'filled' });
  }
}
