/**
 * @module The venue's books: accounts, their money and securities, and the operations that changed
 * them. Every change goes through here and is written to the state store; amounts are exact nanos.
 */
import type {
  AccountRec,
  BookRec,
  FillRec,
  Host,
  MoneyRec,
  OperationRec,
  OrderRec,
  SecurityRec,
} from './records.ts';
import type { StateStore } from './state-store.ts';

interface Counters {
  account: number;
  order: number;
  trade: number;
  operation: number;
  stop: number;
}

/** Accounts, balances and operations of one venue process. */
export class Ledger {
  readonly accounts = new Map<string, AccountRec>();
  private readonly books = new Map<string, BookRec>();
  private readonly ops = new Map<string, OperationRec[]>();
  private readonly opOfOrder = new Map<string, OperationRec>();
  private readonly feeOfOrder = new Map<string, OperationRec>();
  private counters: Counters = { account: 0, order: 0, trade: 0, operation: 0, stop: 0 };

  constructor(readonly store: StateStore) {
    for (const a of store.all<AccountRec>('account')) this.accounts.set(a.id, a);
    for (const b of store.all<BookRec>('book')) this.books.set(b.accountId, b);
    for (const op of store.all<OperationRec>('operation')) this.index(op);
    const meta = store.all<Counters>('meta')[0];
    if (meta) this.counters = meta;
  }

  private index(op: OperationRec): void {
    const list = this.ops.get(op.accountId) ?? [];
    const at = list.findIndex((o) => o.id === op.id);
    if (at >= 0) list[at] = op;
    else list.push(op);
    this.ops.set(op.accountId, list);
    if (op.orderId && op.kind === 'broker-fee') this.feeOfOrder.set(op.orderId, op);
    else if (op.orderId) this.opOfOrder.set(op.orderId, op);
  }

  /** A fresh id of `kind` (counters persist, so ids never repeat across restarts). */
  nextId(kind: keyof Counters): string {
    const n = ++this.counters[kind];
    this.store.put('meta', 'counters', this.counters);
    switch (kind) {
      case 'account':
        return `${2_000_000_000 + n}`;
      case 'order':
        return `${7_000_000_000 + n}`;
      case 'stop':
        return `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
      default:
        return `${kind[0].toUpperCase()}${n}`;
    }
  }

  /** Opens an account on `host`. */
  openAccount(host: Host, name: string, now: number): AccountRec {
    const acc: AccountRec = {
      id: this.nextId('account'),
      host,
      name,
      status: 'open',
      openedAt: now,
      closedAt: null,
    };
    this.accounts.set(acc.id, acc);
    this.store.put('account', acc.id, acc);
    this.saveBook(this.book(acc.id));
    return acc;
  }

  closeAccount(acc: AccountRec, now: number): void {
    acc.status = 'closed';
    acc.closedAt = now;
    this.store.put('account', acc.id, acc);
  }

  /** The book of an account (created empty on first use). */
  book(accountId: string): BookRec {
    let b = this.books.get(accountId);
    if (!b) {
      b = { accountId, money: {}, securities: {} };
      this.books.set(accountId, b);
    }
    return b;
  }

  money(accountId: string, currency: string): MoneyRec {
    const b = this.book(accountId);
    return (b.money[currency] ??= { balance: 0n, blocked: 0n });
  }

  security(accountId: string, uid: string): SecurityRec {
    const b = this.book(accountId);
    return (b.securities[uid] ??= { balance: 0, blocked: 0, avgPrice: 0n });
  }

  saveBook(b: BookRec): void {
    this.store.put('book', b.accountId, b);
  }

  /** Operations of an account, oldest first. */
  operations(accountId: string): readonly OperationRec[] {
    return this.ops.get(accountId) ?? [];
  }

  private saveOp(op: OperationRec): void {
    this.index(op);
    this.store.put('operation', op.id, op);
  }

  private newOp(base: Omit<OperationRec, 'id' | 'seq'>): OperationRec {
    const id = this.nextId('operation');
    return { ...base, id, seq: Number(id.slice(1)) };
  }

  /** Adds money (a pay-in) and records the INPUT operation. */
  payIn(accountId: string, amount: bigint, currency: string, now: number): MoneyRec {
    const m = this.money(accountId, currency);
    m.balance += amount;
    this.saveBook(this.book(accountId));
    this.saveOp(
      this.newOp({
        ...MONEY_OP,
        accountId,
        kind: 'input',
        currency,
        payment: amount,
        time: now,
      }),
    );
    return m;
  }

  /**
   * Books one fill of `order`: releases the matching share of what the order blocked, moves money
   * and pieces, and updates the order's execution and fee operations (operations appear only on
   * execution).
   */
  applyFill(order: OrderRec, fill: FillRec, commission: bigint): void {
    const pieces = fill.lots * order.lot;
    const value = fill.price * BigInt(pieces);
    const remaining = order.lotsRequested - order.lotsExecuted + fill.lots;
    const m = this.money(order.accountId, order.currency);
    const s = this.security(order.accountId, order.uid);
    if (order.direction === 'buy') {
      const release = (order.blockedMoney * BigInt(fill.lots)) / BigInt(remaining);
      order.blockedMoney -= release;
      m.blocked -= release;
      m.balance -= value + commission;
    } else {
      const release = Math.floor((order.blockedPieces * fill.lots) / remaining);
      order.blockedPieces -= release;
      s.blocked -= release;
      m.balance += value - commission;
    }
    movePosition(s, order.direction === 'buy' ? pieces : -pieces, fill.price);
    this.saveBook(this.book(order.accountId));
    this.recordExecution(order, fill, value, commission);
  }

  private recordExecution(order: OrderRec, fill: FillRec, value: bigint, fee: bigint): void {
    const sign = order.direction === 'buy' ? -1n : 1n;
    const base = {
      accountId: order.accountId,
      currency: order.currency,
      uid: order.uid,
      figi: order.figi,
      instrumentKind: order.kind,
      orderId: order.id,
      quantity: order.lotsRequested * order.lot,
      time: fill.time,
    };
    let op = this.opOfOrder.get(order.id);
    op ??= this.newOp({
      ...base,
      parentId: '',
      kind: order.direction,
      payment: 0n,
      price: 0n,
      quantityRest: base.quantity,
      trades: [],
    });
    op.payment += sign * value;
    op.trades = [...op.trades, fill];
    const done = op.trades.reduce((n, t) => n + t.lots, 0) * order.lot;
    op.quantityRest = op.quantity - done;
    op.price = (op.payment < 0n ? -op.payment : op.payment) / BigInt(done);
    this.saveOp(op);
    if (fee === 0n) return;
    const feeOp =
      this.feeOfOrder.get(order.id) ??
      this.newOp({
        ...base,
        parentId: op.id,
        kind: 'broker-fee',
        payment: 0n,
        price: 0n,
        quantity: 0,
        quantityRest: 0,
        trades: [],
      });
    feeOp.payment -= fee;
    this.saveOp(feeOp);
  }
}

const MONEY_OP = {
  parentId: '',
  price: 0n,
  quantity: 0,
  quantityRest: 0,
  uid: '',
  figi: '',
  instrumentKind: '',
  trades: [] as FillRec[],
  orderId: '',
  payment: 0n,
};

/** Moves a position by `delta` pieces at `price`, keeping the average price of what stays open. */
function movePosition(s: SecurityRec, delta: number, price: bigint): void {
  const before = s.balance;
  const after = before + delta;
  if (after === 0) s.avgPrice = 0n;
  else if (before === 0 || Math.sign(before) !== Math.sign(after)) s.avgPrice = price;
  else if (Math.abs(after) > Math.abs(before)) {
    const total = s.avgPrice * BigInt(Math.abs(before)) + price * BigInt(Math.abs(delta));
    s.avgPrice = total / BigInt(Math.abs(after));
  }
  s.balance = after;
}
