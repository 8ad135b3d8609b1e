import { describe, expect, it } from 'vitest';
import { metricsTableHtml } from '../../../src/report/html/tables.ts';
import { formatResultJson } from '../../../src/report/json.ts';
import { renderTerminalReport } from '../../../src/report/terminal.ts';
import { instrument } from '../../stubs/candles.ts';
import { DAY, H, flat, hourly, runScript } from './fixtures.ts';

const WED = Date.UTC(2024, 6, 10, 7);
const sber = instrument({ ticker: 'SBER', lot: 10 });
const series = [
  ...hourly(WED, flat(Array(10).fill(300))),
  ...hourly(WED + DAY, flat(Array(10).fill(267))),
];
const range = { from: WED, to: WED + DAY + 10 * H };
const dividend = {
  instrumentUid: sber.uid,
  recordDate: Date.UTC(2024, 6, 11),
  perShare: 33.3,
  currency: 'rub',
};

describe('the report names a total-return benchmark', () => {
  it('says so in the terminal, the HTML and the JSON when the run had economics', async () => {
    const buy = (k: number, _c: unknown, ctx: { buy(l: number): unknown }) => {
      if (k === 0) ctx.buy(1);
    };
    const { result } = await runScript([{ inst: sber, candles: series }], buy, {
      range,
      economics: { dividends: [dividend] },
    });
    const text = renderTerminalReport(result);
    expect(text).toContain('Buy & hold (total return)');
    expect(text).toContain(
      'Buy & hold is total return: dividends (net of 13% tax) and coupons are credited as cash; equity and metrics in RUB.',
    );
    expect(metricsTableHtml(result)).toContain('id="benchmark-note"');
    const json = JSON.parse(formatResultJson(result));
    expect(json.economics.instruments[0]).toMatchObject({ dividends: 333, dividendTax: 43.29 });

    const plain = await runScript([{ inst: sber, candles: series }], buy, { range });
    const plainText = renderTerminalReport(plain.result);
    expect(plainText).not.toContain('total return');
    expect(metricsTableHtml(plain.result)).not.toContain('benchmark-note');
    expect(JSON.parse(formatResultJson(plain.result)).economics).toBeUndefined();
  });
});
