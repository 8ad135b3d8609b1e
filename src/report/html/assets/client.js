/* global window, document, requestAnimationFrame */
// The report page's own script (runs in the browser, inlined after lightweight-charts): reads the
// embedded chart data and draws the price chart (candles, volume, trade markers, the strategy's
// indicators and the position), equity and drawdown. It needs no network. Every time on the page
// reads YYYY-MM-DD HH:MM UTC, and every number groups its thousands with commas, like the tables.
(function () {
  'use strict';
  const LC = window.LightweightCharts;
  const data = JSON.parse(document.getElementById('tlab-data').textContent);

  const UP = '#1a7f37';
  const DOWN = '#cf222e';
  const MARKERS = [
    { position: 'belowBar', shape: 'arrowUp', color: UP, text: 'Buy' },
    { position: 'aboveBar', shape: 'arrowDown', color: DOWN, text: 'Sell' },
    { position: 'aboveBar', shape: 'arrowDown', color: DOWN, text: 'Short' },
    { position: 'belowBar', shape: 'arrowUp', color: UP, text: 'Cover' },
    { position: 'belowBar', shape: 'arrowUp', color: UP, text: '' },
    { position: 'aboveBar', shape: 'arrowDown', color: DOWN, text: '' },
  ];

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }
  function day(sec) {
    const d = new Date(sec * 1000);
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
  }
  function instant(sec) {
    const d = new Date(sec * 1000);
    return day(sec) + ' ' + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes());
  }
  /** Fixed decimals with comma-grouped thousands, as the page's tables write numbers. */
  function grouped(v, digits) {
    const fixed = Math.abs(v).toFixed(digits);
    const dot = fixed.indexOf('.');
    const int = dot < 0 ? fixed : fixed.slice(0, dot);
    const rest = dot < 0 ? '' : fixed.slice(dot);
    const sign = v < 0 && Number(fixed) !== 0 ? '-' : '';
    return sign + int.replace(/\B(?=(\d{3})+$)/g, ',') + rest;
  }
  function tickMark(time, type) {
    // Day-level ticks show the whole date; time ticks the date and time, never a bare day number.
    return type <= 2 ? day(time) : instant(time);
  }

  function chartIn(id) {
    return LC.createChart(document.getElementById(id), {
      autoSize: true,
      layout: { background: { color: '#ffffff' }, textColor: '#24292f', fontSize: 12 },
      grid: { vertLines: { color: '#eef0f3' }, horzLines: { color: '#eef0f3' } },
      // Prices are formatted per series (custom formats below), times here.
      localization: { timeFormatter: instant },
      // A tiny minimum bar spacing lets fitContent show the whole run, however long.
      timeScale: {
        timeVisible: true,
        secondsVisible: false,
        borderColor: '#d0d7de',
        minBarSpacing: 0.001,
        tickMarkFormatter: tickMark,
        tickMarkMaxCharacterLength: 16,
      },
      rightPriceScale: { borderColor: '#d0d7de' },
      crosshair: { mode: 0 },
    });
  }

  function points(list) {
    return list.map((p) => ({ time: p[0], value: p[1] }));
  }

  function markersOf(chart) {
    const sparse = chart.markers.length <= 60;
    return chart.markers.map((m) => {
      const style = MARKERS[m[1]];
      const merged = m[1] >= 4;
      return {
        time: m[0],
        position: style.position,
        shape: style.shape,
        color: style.color,
        text: merged ? '×' + m[2] : sparse ? style.text : '',
        size: merged ? 1 : sparse ? 1 : 0.6,
      };
    });
  }

  /** A series price format: `digits` decimals, thousands grouped. */
  function numberFormat(digits) {
    return { type: 'custom', minMove: Math.pow(10, -digits), formatter: (v) => grouped(v, digits) };
  }
  function percent(v) {
    return grouped(v, 2) + '%';
  }
  function percentFormat() {
    return { type: 'custom', minMove: 0.0001, formatter: percent };
  }
  function span(list) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of list) {
      lo = Math.min(lo, p[1]);
      hi = Math.max(hi, p[1]);
    }
    return hi > lo ? hi - lo : 0;
  }
  /**
   * When the strategy moves less than a fifth of buy-and-hold (a small position in a large
   * account), buy-and-hold goes on a left scale of its own so the strategy's curve is not flat.
   */
  function benchScale(chart, strategy, bench, note) {
    const own = span(strategy) * 5 < span(bench);
    if (own) chart.applyOptions({ leftPriceScale: { visible: true, borderColor: '#d0d7de' } });
    document.getElementById(note).textContent = own
      ? '(on its own scale, left: it moves far more than the strategy)'
      : '';
    return own ? 'left' : 'right';
  }

  function drawPrice() {
    if (data.price.length === 0) return null;
    const label = document.getElementById('price-label');
    const legend = document.getElementById('indicator-legend');
    const select = document.getElementById('instrument');
    let chart = null;
    function show(i) {
      const p = data.price[i];
      // Each instrument has its own panes and indicators: rebuild the chart for it.
      if (chart !== null) chart.remove();
      chart = chartIn('price-chart');
      const price = numberFormat(p.precision);
      const candles = chart.addSeries(LC.CandlestickSeries, {
        upColor: UP,
        downColor: DOWN,
        borderVisible: false,
        wickUpColor: UP,
        wickDownColor: DOWN,
        priceFormat: price,
      });
      candles.setData(
        p.candles.map((c) => ({ time: c[0], open: c[1], high: c[2], low: c[3], close: c[4] })),
      );
      const volume = chart.addSeries(LC.HistogramSeries, {
        priceScaleId: 'volume',
        priceFormat: numberFormat(0),
        lastValueVisible: false,
        priceLineVisible: false,
      });
      chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
      volume.setData(
        p.candles.map((c) => ({
          time: c[0],
          value: c[5],
          color: c[4] >= c[1] ? 'rgba(26,127,55,0.35)' : 'rgba(207,34,46,0.35)',
        })),
      );
      const names = [];
      for (const o of p.overlays) {
        const s = chart.addSeries(LC.LineSeries, {
          color: o.colour,
          lineWidth: 1,
          priceFormat: price,
          lastValueVisible: false,
          priceLineVisible: false,
        });
        s.setData(points(o.points));
        names.push([o.colour, o.label]);
      }
      let pane = 1;
      for (const ip of p.panes) {
        for (const l of ip.lines) {
          const s = chart.addSeries(
            LC.LineSeries,
            {
              color: l.colour,
              lineWidth: 1,
              title: l.label,
              priceLineVisible: false,
              priceFormat: numberFormat(2),
            },
            pane,
          );
          s.setData(points(l.points));
          for (const lv of ip.levels) {
            s.createPriceLine({
              price: lv.value,
              color: '#8c959f',
              lineWidth: 1,
              lineStyle: 2,
              title: lv.label,
            });
          }
          names.push([l.colour, l.label + ' (own pane)']);
        }
        pane++;
      }
      const pos = chart.addSeries(
        LC.LineSeries,
        {
          color: '#57606a',
          lineWidth: 1,
          lineType: 1,
          title: 'Position, lots',
          priceLineVisible: false,
          priceFormat: { type: 'price', precision: 0, minMove: 1 },
        },
        pane,
      );
      pos.setData(points(p.position));
      if (p.exposure.length > 0) {
        pane++;
        const exp = chart.addSeries(
          LC.BaselineSeries,
          {
            baseValue: { type: 'price', price: 0 },
            topLineColor: '#0969da',
            topFillColor1: 'rgba(9, 105, 218, 0.25)',
            topFillColor2: 'rgba(9, 105, 218, 0.05)',
            bottomLineColor: '#bf8700',
            bottomFillColor1: 'rgba(191, 135, 0, 0.05)',
            bottomFillColor2: 'rgba(191, 135, 0, 0.25)',
            lineWidth: 1,
            title: 'Exposure, % of equity',
            priceLineVisible: false,
            priceFormat: percentFormat(),
          },
          pane,
        );
        exp.setData(points(p.exposure));
      }
      const panes = chart.panes();
      panes[0].setStretchFactor(3);
      // Indicator panes get a full share, the position and exposure panes a smaller one.
      for (let k = 1; k < panes.length; k++)
        panes[k].setStretchFactor(k <= p.panes.length ? 1 : 0.6);
      LC.createSeriesMarkers(candles, markersOf(p));
      label.textContent = p.instrument + ', ' + p.candleLabel + ' candles';
      legend.textContent = '';
      for (const [colour, text] of names) {
        const swatch = document.createElement('span');
        swatch.className = 'swatch';
        swatch.style.background = colour;
        legend.append(swatch, document.createTextNode(text));
      }
      chart.timeScale().fitContent();
    }
    data.price.forEach((p, i) => select.add(new window.Option(p.instrument, String(i))));
    select.hidden = data.price.length < 2;
    select.addEventListener('change', () => show(Number(select.value)));
    show(0);
    return chart;
  }

  function drawEquity() {
    const chart = chartIn('equity-chart');
    const bench = chart.addSeries(LC.LineSeries, {
      color: '#8c959f',
      lineWidth: 1,
      title: 'Buy & hold',
      priceFormat: percentFormat(),
      priceScaleId: benchScale(chart, data.equity, data.benchmark, 'equity-scale'),
    });
    bench.setData(points(data.benchmark));
    const eq = chart.addSeries(LC.LineSeries, {
      color: '#0969da',
      lineWidth: 2,
      title: 'Strategy',
      priceFormat: percentFormat(),
    });
    eq.setData(points(data.equity));
    chart.timeScale().fitContent();
    return chart;
  }

  function drawDrawdown() {
    const chart = chartIn('drawdown-chart');
    const bench = chart.addSeries(LC.LineSeries, {
      color: '#8c959f',
      lineWidth: 1,
      title: 'Buy & hold',
      priceFormat: percentFormat(),
      priceScaleId: benchScale(chart, data.drawdown, data.benchmarkDrawdown, 'drawdown-scale'),
    });
    bench.setData(points(data.benchmarkDrawdown));
    // A baseline at 0 fills only the space between the curve and the peak level.
    const dd = chart.addSeries(LC.BaselineSeries, {
      baseValue: { type: 'price', price: 0 },
      topLineColor: DOWN,
      topFillColor1: 'rgba(207, 34, 46, 0)',
      topFillColor2: 'rgba(207, 34, 46, 0)',
      bottomLineColor: DOWN,
      bottomFillColor1: 'rgba(207, 34, 46, 0.05)',
      bottomFillColor2: 'rgba(207, 34, 46, 0.35)',
      lineWidth: 1,
      title: 'Strategy',
      priceFormat: percentFormat(),
    });
    dd.setData(points(data.drawdown));
    chart.timeScale().fitContent();
    return chart;
  }

  // The page's formatters, for readers' consoles and the browser test.
  window.tlabReport = { instant, day, grouped, tickMark };
  try {
    drawPrice();
    drawEquity();
    drawDrawdown();
    // Charts paint on the next animation frames; tests and readers wait for this flag.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => (document.body.dataset.ready = 'true')),
    );
  } catch (err) {
    document.getElementById('chart-error').textContent = 'Charts failed: ' + err.message;
    throw err;
  }
})();
