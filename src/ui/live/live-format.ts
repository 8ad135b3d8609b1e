/**
 * @module The live page's numbers as text, written by the formatters the report and the CLI use
 * (money with two decimals and grouped thousands, prices as given, times `YYYY-MM-DD HH:MM` UTC),
 * so the page and `tlab runs show` never disagree on a digit.
 */
import { formatInstant, formatMoney, formatPrice } from '../../report/format.ts';
import type { LiveMessage } from './live-hub.ts';

/** A value already in percent, two decimals, no negative zero. */
function pct(x: number): string {
  const fixed = x.toFixed(2);
  return `${fixed === '-0.00' ? '0.00' : fixed}%`;
}

/** The message with a `text` object beside each number the page shows. */
export function withText(m: LiveMessage): LiveMessage {
  const d = m.data;
  const h = d.head;
  return {
    type: m.type,
    data: {
      ...d,
      head: {
        ...h,
        positions: h.positions.map((p) => ({
          ...p,
          text: {
            lastClose: p.lastClose === undefined ? '—' : formatPrice(p.lastClose),
            value: p.value === undefined ? '—' : formatMoney(p.value),
          },
        })),
        openOrders: h.openOrders.map((o) => ({
          ...o,
          text: {
            createdAt: formatInstant(o.createdAt),
            price: o.limitPrice ?? o.stopPrice ?? undefined,
          },
        })),
        text: {
          cash: formatMoney(h.cash),
          equity: h.equity === undefined ? '—' : formatMoney(h.equity),
          drawdown: h.drawdown === undefined ? '—' : pct(h.drawdown),
          lastCandleTime: h.lastCandleTime === undefined ? '—' : formatInstant(h.lastCandleTime),
        },
      },
      fills: d.fills.map((f) => ({
        ...f,
        text: {
          time: formatInstant(f.time),
          price: formatPrice(f.price),
          commission: formatMoney(f.commission),
        },
      })),
      errors: d.errors.map((e) => ({ ...e, text: { time: formatInstant(e.time) } })),
      events: d.events.map((e) => ({ ...e, text: { time: formatInstant(e.time) } })),
    } as LiveMessage['data'],
  };
}
