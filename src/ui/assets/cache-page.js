/* global document, URLSearchParams */
// The cache page: every cached series as `tlab data ls` lists it (candles, first and last
// candle, covered ranges, the gaps by kind, the sources and what kind they are), a candle chart
// of any series over any range, and per never-fetched gap the `tlab download` command that fills it,
// shown for the user to copy (the dashboard runs nothing).
import { api, el, page, table } from './core.js';
import { candleChart } from './charts.js';

function ranges(list) {
  if (list.length === 0) return '—';
  return list.map((r) => `${r.fromIso} → ${r.toIso}`).join(', ');
}

function sources(list) {
  if (list.length === 0) return '—';
  return list
    .map(
      (s) =>
        `${s.source} (${s.kind}${s.lastFetched ? `, fetched ${s.lastFetched.slice(0, 10)}` : ''})`,
    )
    .join(' + ');
}

function gapText(s) {
  const count = (kind) => s.gaps.filter((g) => g.kind === kind).length;
  const parts = [
    [count('never fetched'), 'never fetched'],
    [count('never fetched, weekend only'), 'never fetched (weekend only)'],
    [
      s.gaps
        .filter((g) => g.kind === 'fetched, no candles on weekdays')
        .reduce((n, g) => n + g.weekdays, 0),
      'weekdays fetched empty',
    ],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(', ');
}

function gapCell(s, commands) {
  if (s.gaps.length === 0) return 'none';
  const fillable = s.gaps.filter((g) => g.command !== undefined);
  return el(
    'span',
    {},
    `${gapText(s)} `,
    el(
      'button',
      {
        class: 'show-commands',
        onclick: () => {
          commands.replaceChildren(
            el('h2', {}, `Gaps of ${s.instrument} ${s.interval}`),
            table(
              'gap-list',
              [
                ['From', (g) => g.fromIso],
                ['To', (g) => g.toIso],
                ['Kind', (g) => g.kind],
                ['Weekdays', (g) => String(g.weekdays), true],
              ],
              s.gaps,
            ),
            fillable.length === 0
              ? el(
                  'p',
                  { class: 'muted' },
                  'Nothing to download: the cache fetched every day it covers.',
                )
              : el(
                  'p',
                  { class: 'muted' },
                  'To fill the never-fetched gaps, run these yourself (the dashboard only reads):',
                ),
            ...fillable.map((g) => el('code', { class: 'cmd' }, g.command)),
          );
        },
      },
      'gaps',
    ),
  );
}

function toMs(input) {
  return input.value === '' ? undefined : Date.parse(`${input.value}:00Z`);
}

function toInput(ms) {
  return new Date(ms).toISOString().slice(0, 16);
}

async function drawChart(holder, s, from, to) {
  const q = new URLSearchParams({ uid: s.uid, interval: s.interval });
  if (from !== undefined) q.set('from', String(from));
  if (to !== undefined) q.set('to', String(to));
  const data = await api(`/api/cache/candles?${q}`);
  const bucket = data.bucketMs === null ? s.interval : `${data.bucketMs / 60000}m (aggregated)`;
  const fromIn = el('input', {
    type: 'datetime-local',
    id: 'chart-from',
    value: toInput(data.from),
  });
  const toIn = el('input', { type: 'datetime-local', id: 'chart-to', value: toInput(data.to) });
  const box = el('div', { class: 'chart', id: 'candle-chart' });
  holder.replaceChildren(
    el(
      'h2',
      { id: 'chart-title' },
      `${s.instrument} ${s.interval}: ${data.count} candles, shown as ${bucket}`,
    ),
    el(
      'p',
      {},
      el('label', {}, 'From (UTC) ', fromIn),
      el('label', {}, 'To ', toIn),
      el(
        'button',
        { id: 'chart-apply', onclick: () => drawChart(holder, s, toMs(fromIn), toMs(toIn)) },
        'Show',
      ),
    ),
    box,
  );
  const digits = Math.max(0, Math.min(6, -Math.floor(Math.log10(s.step || 0.01))));
  candleChart(box, data.candles, digits);
  document.body.dataset.chart = String(data.candles.length);
}

/** Draws the cache page. */
export async function cachePage() {
  const data = await api('/api/cache/series');
  if (!data.exists) {
    page(
      'Cache',
      el('p', { id: 'no-cache' }, `No candle cache at ${data.file} yet: tlab download fills one.`),
    );
    return;
  }
  const commands = el('div', { id: 'gap-commands' });
  const chart = el('div', { id: 'chart-holder' });
  const cols = [
    ['Instrument', (s) => s.instrument],
    ['Interval', (s) => s.interval],
    ['Candles', (s) => s.candlesText, true],
    ['First', (s) => s.firstIso ?? '—'],
    ['Last', (s) => s.lastIso ?? '—'],
    ['Covered', (s) => ranges(s.covered)],
    ['Gaps', (s) => gapCell(s, commands)],
    ['Sources', (s) => sources(s.sources)],
    ['', (s) => el('button', { class: 'show-chart', onclick: () => drawChart(chart, s) }, 'chart')],
  ];
  page(
    'Cache',
    el(
      'p',
      { class: 'muted' },
      `${data.series.length} series in ${data.file}; ranges are [from, to) UTC.`,
    ),
    el(
      'div',
      { class: 'scroll' },
      table('series', cols, data.series, (s) => ({ 'data-series': `${s.uid}|${s.interval}` })),
    ),
    commands,
    chart,
  );
  if (data.series.length > 0) await drawChart(chart, data.series[0]);
}
