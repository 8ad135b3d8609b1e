/* global window */
// Charts of the dashboard (lightweight-charts, served by the dashboard itself): candles with
// volume for the cache page, and equity and drawdown lines for the live page, with times written
// YYYY-MM-DD HH:MM UTC and numbers with grouped thousands, like every table.
const LC = window.LightweightCharts;

function pad(n) {
  return String(n).padStart(2, '0');
}
function day(sec) {
  const d = new Date(sec * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
function instant(sec) {
  const d = new Date(sec * 1000);
  return `${day(sec)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Fixed decimals with comma-grouped thousands. */
export function grouped(v, digits) {
  const fixed = Math.abs(v).toFixed(digits);
  const dot = fixed.indexOf('.');
  const int = dot < 0 ? fixed : fixed.slice(0, dot);
  const rest = dot < 0 ? '' : fixed.slice(dot);
  const sign = v < 0 && Number(fixed) !== 0 ? '-' : '';
  return sign + int.replace(/\B(?=(\d{3})+$)/g, ',') + rest;
}

function numberFormat(digits, suffix = '') {
  return {
    type: 'custom',
    minMove: Math.pow(10, -digits),
    formatter: (v) => grouped(v, digits) + suffix,
  };
}

/** A chart in `container`, sized to it. */
export function chartIn(container) {
  return LC.createChart(container, {
    autoSize: true,
    layout: { background: { color: '#ffffff' }, textColor: '#24292f', fontSize: 12 },
    grid: { vertLines: { color: '#eef0f3' }, horzLines: { color: '#eef0f3' } },
    localization: { timeFormatter: instant },
    timeScale: {
      timeVisible: true,
      secondsVisible: false,
      borderColor: '#d0d7de',
      minBarSpacing: 0.001,
      tickMarkFormatter: (t, type) => (type <= 2 ? day(t) : instant(t)),
      tickMarkMaxCharacterLength: 16,
    },
    rightPriceScale: { borderColor: '#d0d7de' },
    crosshair: { mode: 0 },
  });
}

/** Candles `[sec, o, h, l, c, v]` with volume below. */
export function candleChart(container, candles, digits) {
  const chart = chartIn(container);
  const series = chart.addSeries(LC.CandlestickSeries, {
    upColor: '#1a7f37',
    downColor: '#cf222e',
    borderVisible: false,
    wickUpColor: '#1a7f37',
    wickDownColor: '#cf222e',
    priceFormat: numberFormat(digits),
  });
  series.setData(
    candles.map(([time, open, high, low, close]) => ({ time, open, high, low, close })),
  );
  const volume = chart.addSeries(LC.HistogramSeries, {
    priceScaleId: 'volume',
    color: '#8c959f',
    priceFormat: numberFormat(0),
  });
  chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
  volume.setData(candles.map(([time, , , , , v]) => ({ time, value: v })));
  chart.timeScale().fitContent();
  return chart;
}

/** A line that grows: `update([[sec, value], ...])` appends or replaces the last point. */
export function liveLine(container, colour, digits, suffix = '') {
  const chart = chartIn(container);
  const series = chart.addSeries(LC.LineSeries, {
    color: colour,
    lineWidth: 2,
    priceFormat: numberFormat(digits, suffix),
  });
  let fitted = false;
  return {
    chart,
    set(points) {
      series.setData(points.map(([time, value]) => ({ time, value })));
      chart.timeScale().fitContent();
      fitted = points.length > 0;
    },
    update(points) {
      for (const [time, value] of points) series.update({ time, value });
      if (!fitted && points.length > 0) {
        chart.timeScale().fitContent();
        fitted = true;
      }
    },
  };
}
