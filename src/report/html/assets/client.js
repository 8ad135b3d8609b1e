/* global window, document, requestAnimationFrame */
// The report page's own script (runs in the browser, inlined after lightweight-charts): reads the
// embedded chart data and draws the price, equity and drawdown charts. It needs no network.
(function () {
  'use strict';
  const LC = window.LightweightCharts;
  const data = JSON.parse(document.getElementById('tlab-data').textContent);

  const MARKERS = [
    { position: 'belowBar', shape: 'arrowUp', color: '#1a7f37', text: 'Buy' },
    { position: 'aboveBar', shape: 'arrowDown', color: '#cf222e', text: 'Sell' },
    { position: 'aboveBar', shape: 'arrowDown', color: '#cf222e', text: 'Short' },
    { position: 'belowBar', shape: 'arrowUp', color: '#1a7f37', text: 'Cover' },
  ];

  function chartIn(id) {
    return LC.createChart(document.getElementById(id), {
      autoSize: true,
      layout: { background: { color: '#ffffff' }, textColor: '#24292f', fontSize: 12 },
      grid: { vertLines: { color: '#eef0f3' }, horzLines: { color: '#eef0f3' } },
      // A tiny minimum bar spacing lets fitContent show the whole run, however long.
      timeScale: {
        timeVisible: true,
        secondsVisible: false,
        borderColor: '#d0d7de',
        minBarSpacing: 0.001,
      },
      rightPriceScale: { borderColor: '#d0d7de' },
      crosshair: { mode: 0 },
    });
  }

  function points(list) {
    return list.map((p) => ({ time: p[0], value: p[1] }));
  }

  function markersOf(chart) {
    // Dense runs get small, unlabelled markers so the candles stay readable.
    const sparse = chart.markers.length <= 200;
    return chart.markers.map((m) => {
      const style = MARKERS[m[1]];
      return {
        time: m[0],
        position: style.position,
        shape: style.shape,
        color: style.color,
        text: sparse ? style.text : '',
        size: sparse ? 1 : 0.5,
      };
    });
  }

  function drawPrice() {
    if (data.price.length === 0) return null;
    const chart = chartIn('price-chart');
    const series = chart.addSeries(LC.CandlestickSeries, {
      upColor: '#1a7f37',
      downColor: '#cf222e',
      borderVisible: false,
      wickUpColor: '#1a7f37',
      wickDownColor: '#cf222e',
    });
    const markers = LC.createSeriesMarkers(series, []);
    const label = document.getElementById('price-label');
    function show(i) {
      const p = data.price[i];
      const minMove = Math.pow(10, -p.precision);
      series.applyOptions({ priceFormat: { type: 'price', precision: p.precision, minMove } });
      series.setData(
        p.candles.map((c) => ({ time: c[0], open: c[1], high: c[2], low: c[3], close: c[4] })),
      );
      markers.setMarkers(markersOf(p));
      label.textContent = p.instrument + ', ' + p.candleLabel + ' candles';
      chart.timeScale().fitContent();
    }
    const select = document.getElementById('instrument');
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
    });
    bench.setData(points(data.benchmark));
    const eq = chart.addSeries(LC.LineSeries, {
      color: '#0969da',
      lineWidth: 2,
      title: 'Strategy',
    });
    eq.setData(points(data.equity));
    chart.timeScale().fitContent();
    return chart;
  }

  function drawDrawdown() {
    const chart = chartIn('drawdown-chart');
    const percent = { type: 'custom', minMove: 0.01, formatter: (v) => v.toFixed(2) + '%' };
    const bench = chart.addSeries(LC.LineSeries, {
      color: '#8c959f',
      lineWidth: 1,
      title: 'Buy & hold',
      priceFormat: percent,
    });
    bench.setData(points(data.benchmarkDrawdown));
    // A baseline at 0 fills only the space between the curve and the peak level.
    const dd = chart.addSeries(LC.BaselineSeries, {
      baseValue: { type: 'price', price: 0 },
      topLineColor: '#cf222e',
      topFillColor1: 'rgba(207, 34, 46, 0)',
      topFillColor2: 'rgba(207, 34, 46, 0)',
      bottomLineColor: '#cf222e',
      bottomFillColor1: 'rgba(207, 34, 46, 0.05)',
      bottomFillColor2: 'rgba(207, 34, 46, 0.35)',
      lineWidth: 1,
      title: 'Strategy',
      priceFormat: percent,
    });
    dd.setData(points(data.drawdown));
    chart.timeScale().fitContent();
    return chart;
  }

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
