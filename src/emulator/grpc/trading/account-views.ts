/**
 * @module An account's books as the contract reports them: positions (free and blocked money and
 * pieces), the portfolio valued at the venue's last prices, withdraw limits and margin attributes.
 */
import {
  msToTimestamp,
  nanosToMoneyValue,
  nanosToQuotation,
  quotationToNanos,
} from '../../../wire/convert/index.ts';
import type {
  PortfolioPosition,
  PortfolioResponse,
  PositionData,
  PositionsResponse,
  PositionsSecurities,
  WithdrawLimitsResponse,
} from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/operations.ts';
import type { GetMarginAttributesResponse } from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/users.ts';
import { NANO } from '../../trading/amounts.ts';
import type { AccountRec } from '../../trading/records.ts';
import type { TradingVenue } from '../../trading/venue.ts';

const RUB_FIGI = 'RUB000UTSTOM';

function moneyLists(venue: TradingVenue, acc: AccountRec) {
  const book = venue.ledger.book(acc.id);
  const currencies = Object.keys(book.money).sort();
  if (!currencies.includes('rub')) currencies.unshift('rub');
  const of = (c: string) => book.money[c] ?? { balance: 0n, blocked: 0n };
  return {
    free: currencies.map((c) => nanosToMoneyValue(of(c).balance - of(c).blocked, c)),
    blocked: currencies
      .filter((c) => of(c).blocked !== 0n)
      .map((c) => nanosToMoneyValue(of(c).blocked, c)),
  };
}

function securities(venue: TradingVenue, acc: AccountRec): PositionsSecurities[] {
  const book = venue.ledger.book(acc.id);
  return Object.entries(book.securities)
    .filter(([, s]) => s.balance !== 0 || s.blocked !== 0)
    .map(([uid, s]) => {
      const inst = venue.deps.directory.uid(uid);
      return {
        figi: inst?.figi ?? '',
        blocked: s.blocked,
        balance: s.balance - s.blocked,
        positionUid: uid,
        instrumentUid: uid,
        ticker: inst?.ticker ?? '',
        classCode: inst?.classCode ?? '',
        exchangeBlocked: false,
        instrumentType: inst?.kind ?? '',
      };
    });
}

/** GetPositions. */
export function positions(venue: TradingVenue, acc: AccountRec): PositionsResponse {
  const money = moneyLists(venue, acc);
  return {
    money: money.free,
    blocked: money.blocked,
    securities: securities(venue, acc),
    limitsLoadingInProgress: false,
    futures: [],
    options: [],
    accountId: acc.id,
  };
}

/** A PositionsStream change. */
export function positionData(venue: TradingVenue, acc: AccountRec, at: number): PositionData {
  const p = positions(venue, acc);
  const book = venue.ledger.book(acc.id);
  return {
    accountId: acc.id,
    money: p.money.map((m) => ({
      availableValue: m,
      blockedValue: nanosToMoneyValue(book.money[m.currency]?.blocked ?? 0n, m.currency),
    })),
    securities: p.securities,
    futures: [],
    options: [],
    date: msToTimestamp(at),
  };
}

/** GetWithdrawLimits. */
export function withdrawLimits(venue: TradingVenue, acc: AccountRec): WithdrawLimitsResponse {
  const money = moneyLists(venue, acc);
  return { money: money.free, blocked: money.blocked, blockedGuarantee: [] };
}

/** GetPortfolio: money as a currency position plus every security at the last price. */
export function portfolio(venue: TradingVenue, acc: AccountRec): PortfolioResponse {
  const book = venue.ledger.book(acc.id);
  const now = venue.now;
  const totals: Record<string, bigint> = {};
  const rows: PortfolioPosition[] = [];
  let yieldSum = 0n;
  let costSum = 0n;
  const rub = book.money['rub']?.balance ?? 0n;
  totals['currency'] = rub;
  rows.push(
    position({
      figi: RUB_FIGI,
      kind: 'currency',
      uid: '',
      quantity: rub,
      avg: NANO,
      current: NANO,
      gain: 0n,
    }),
  );
  for (const [uid, s] of Object.entries(book.securities)) {
    if (s.balance === 0) continue;
    const inst = venue.deps.directory.uid(uid);
    const kind = inst?.kind ?? 'share';
    const current = venue.market.lastPrice(uid, now) ?? s.avgPrice;
    const qty = BigInt(s.balance);
    totals[kind] = (totals[kind] ?? 0n) + current * qty;
    const gain = (current - s.avgPrice) * qty;
    yieldSum += gain;
    costSum += s.avgPrice * (qty < 0n ? -qty : qty);
    const row = position({
      figi: inst?.figi ?? '',
      kind,
      uid,
      quantity: qty * NANO,
      avg: s.avgPrice,
      current,
      gain,
    });
    rows.push({
      ...row,
      quantityLots: nanosToQuotation((qty * NANO) / BigInt(inst?.lot ?? 1)),
      blockedLots: nanosToQuotation((BigInt(s.blocked) * NANO) / BigInt(inst?.lot ?? 1)),
      ticker: inst?.ticker ?? '',
      classCode: inst?.classCode ?? '',
    });
  }
  const total = Object.values(totals).reduce((a, b) => a + b, 0n);
  const rubMoney = (n: bigint) => nanosToMoneyValue(n, 'rub');
  return {
    totalAmountShares: rubMoney(totals['share'] ?? 0n),
    totalAmountBonds: rubMoney(totals['bond'] ?? 0n),
    totalAmountEtf: rubMoney(totals['etf'] ?? 0n),
    totalAmountCurrencies: rubMoney(totals['currency'] ?? 0n),
    totalAmountFutures: rubMoney(totals['futures'] ?? 0n),
    expectedYield: nanosToQuotation(costSum === 0n ? 0n : (yieldSum * 100n * NANO) / costSum),
    positions: rows,
    accountId: acc.id,
    totalAmountOptions: rubMoney(0n),
    totalAmountSp: rubMoney(0n),
    totalAmountPortfolio: rubMoney(total),
    virtualPositions: [],
    dailyYield: rubMoney(0n),
    dailyYieldRelative: nanosToQuotation(0n),
  };
}

interface PositionFacts {
  figi: string;
  kind: string;
  uid: string;
  /** Pieces in nanos. */
  quantity: bigint;
  avg: bigint;
  current: bigint;
  gain: bigint;
}

function position({
  figi,
  kind,
  uid,
  quantity,
  avg,
  current,
  gain,
}: PositionFacts): PortfolioPosition {
  const rub = (n: bigint) => nanosToMoneyValue(n, 'rub');
  return {
    figi,
    instrumentType: kind,
    quantity: nanosToQuotation(quantity),
    averagePositionPrice: rub(avg),
    expectedYield: nanosToQuotation(gain),
    currentNkd: rub(0n),
    currentPrice: rub(current),
    averagePositionPriceFifo: rub(avg),
    quantityLots: nanosToQuotation(quantity),
    blocked: false,
    blockedLots: nanosToQuotation(0n),
    positionUid: uid,
    instrumentUid: uid,
    expectedYieldFifo: nanosToQuotation(gain),
    ticker: '',
    classCode: '',
  };
}

/** GetMarginAttributes, simplified as the sandbox documents it (margin figures 0, level 2). */
export function marginAttributes(
  venue: TradingVenue,
  acc: AccountRec,
): GetMarginAttributesResponse {
  const liquid = portfolio(venue, acc).totalAmountPortfolio!;
  const rub = (n: bigint) => nanosToMoneyValue(n, 'rub');
  const liquidNanos = quotationToNanos(liquid);
  return {
    liquidPortfolio: liquid,
    startingMargin: rub(0n),
    minimalMargin: rub(0n),
    fundsSufficiencyLevel: nanosToQuotation(2n * NANO),
    amountOfMissingFunds: rub(-liquidNanos),
    correctedMargin: rub(0n),
  };
}
