/**
 * @module Rejected orders are never silent: after a run the CLI says on stderr how many orders the
 * broker refused and why, and when the run has no trades, that the rejections are the reason.
 */
import type { BacktestResult, RejectionSummary } from '../engine/index.ts';

/** The run's rejections by reason (the kernel's summary; the bare count when a result lacks it). */
function rejectionsOf(result: BacktestResult): RejectionSummary {
  return result.rejections ?? { total: result.rejectedOrders ?? 0, byReason: {} };
}

/** The stderr lines about a run's rejected orders (none when nothing was rejected). */
export function rejectionNotice(result: BacktestResult): string[] {
  const { total, byReason } = rejectionsOf(result);
  if (total === 0) return [];
  const reasons = Object.entries(byReason)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  const lines = [
    `tlab: note: ${total} ${total === 1 ? 'order' : 'orders'} rejected${reasons ? ` (${reasons})` : ''}`,
  ];
  if (result.trades.length === 0)
    lines.push(
      result.fills.length === 0
        ? 'tlab: note: no trades: every order was rejected (see the reasons above)'
        : 'tlab: note: no closed trades, and some orders were rejected (see the reasons above)',
    );
  return lines;
}
