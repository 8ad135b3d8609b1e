/* global location */
// The runs pages: every run in the journal as `tlab runs` lists it (pick two to compare), one
// run's fingerprint, parameters, models, metrics, fills, errors and its HTML report, and two runs
// side by side with their parity report.
import { api, el, page, pill, table } from './core.js';

function runLink(id) {
  return el('a', { href: `#/run/${encodeURIComponent(id)}` }, id);
}

/** Draws the run list. */
export async function runsPage() {
  const data = await api('/api/runs');
  if (!data.exists) {
    page(
      'Runs',
      el(
        'p',
        { id: 'no-journal' },
        `No run journal at ${data.file} yet: tlab backtest --save or tlab paper writes one.`,
      ),
    );
    return;
  }
  const picked = [];
  const compare = el(
    'button',
    {
      id: 'compare',
      disabled: true,
      onclick: () => (location.hash = `#/compare/${picked[0]}/${picked[1]}`),
    },
    'Compare the two picked',
  );
  const pick = (r) =>
    el('input', {
      type: 'checkbox',
      class: 'pick',
      'data-run': r.runId,
      onchange: (e) => {
        if (e.target.checked) picked.push(r.runId);
        else picked.splice(picked.indexOf(r.runId), 1);
        compare.disabled = picked.length !== 2;
      },
    });
  const cols = [
    ['', pick],
    ['Run', (r) => runLink(r.runId)],
    ['Mode', (r) => r.mode],
    ['Strategy', (r) => r.strategy],
    ['Params', (r) => r.paramsText],
    ['Period', (r) => r.period],
    ['Outcome', (r) => pill(r.outcome)],
    ['Trades', (r) => (r.trades === undefined ? '-' : String(r.trades)), true],
    ['Final equity', (r) => r.finalEquityText, true],
    [
      '',
      (r) =>
        r.outcome === 'running' && r.mode !== 'backtest'
          ? el('a', { href: `#/live/${encodeURIComponent(r.runId)}` }, 'watch live')
          : '',
    ],
  ];
  page(
    'Runs',
    el(
      'p',
      { class: 'muted' },
      `${data.runs.length} runs in ${data.file}, newest first. `,
      compare,
    ),
    el(
      'div',
      { class: 'scroll' },
      table('runs', cols, data.runs, (r) => ({ 'data-run': r.runId })),
    ),
  );
}

function facts(r) {
  const rows = [
    ['Mode', r.mode],
    ['Outcome', r.outcome],
    ['Strategy', `${r.strategy} (source sha256 ${r.fingerprint.strategySourceHash})`],
    ['Parameters', r.paramsText || '—'],
    ['Models', JSON.stringify(r.fingerprint.models)],
    ['Instruments', r.instruments.map((i) => i.ticker).join(', ')],
    ['Intervals', r.intervals.join(', ')],
    ['Period', r.period],
    ['Starting cash', r.startingCash],
    ['Account', r.accountId ?? '—'],
    ['Started', r.startedAt],
    ['Ended', r.endedAt ?? '—'],
    ['Decisions / events / fills', `${r.decisions} / ${r.events} / ${r.fillCount}`],
  ];
  if (r.counters)
    rows.push([
      'Counters',
      Object.entries(r.counters)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
    ]);
  return el(
    'table',
    { id: 'facts' },
    el(
      'tbody',
      {},
      rows.map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, v))),
    ),
  );
}

function metrics(r, id = 'metrics') {
  if (r.metrics === null)
    return el('p', { class: 'muted', id }, 'No metrics: the run has not finished.');
  return table(
    id,
    [
      ['Metric', (m) => m.label],
      ['Value', (m) => m.value, true],
    ],
    r.metrics,
    (m) => ({ 'data-metric': m.key }),
  );
}

const FILL_COLS = [
  ['Time (UTC)', (f) => f.time],
  ['Instrument', (f) => f.ticker],
  ['Side', (f) => el('span', { class: f.side }, f.side)],
  ['Lots', (f) => String(f.lots), true],
  ['Price', (f) => String(f.price), true],
  ['Commission', (f) => f.commission, true],
];

/** Draws one run. */
export async function runPage(id) {
  const r = await api(`/api/runs/${encodeURIComponent(id)}`);
  const report = el('div', { id: 'report-holder' });
  const showReport = () =>
    report.replaceChildren(
      el('iframe', {
        class: 'report',
        id: 'report',
        src: `/runs/${encodeURIComponent(id)}/report`,
        title: 'HTML report',
      }),
    );
  page(
    `Run ${r.runId}`,
    r.outcome === 'running' && r.mode !== 'backtest'
      ? el('p', {}, el('a', { href: `#/live/${encodeURIComponent(id)}` }, 'Watch it live'))
      : '',
    el(
      'div',
      { class: 'grid' },
      el('div', {}, el('h2', {}, 'Fingerprint'), facts(r)),
      el('div', {}, el('h2', {}, 'Metrics'), metrics(r)),
    ),
    el(
      'h2',
      {},
      `Fills (${r.fillCount}${r.fillCount > r.fills.length ? `, the last ${r.fills.length}` : ''})`,
    ),
    el('div', { class: 'scroll' }, table('fills', FILL_COLS, r.fills)),
    r.errors.length ? el('h2', {}, 'Errors') : '',
    r.errors.length
      ? table(
          'errors',
          [
            ['Time', (e) => e.time],
            ['Message', (e) => e.message],
          ],
          r.errors,
        )
      : '',
    el('h2', {}, 'Report'),
    el(
      'p',
      {},
      el('button', { id: 'show-report', onclick: showReport }, 'Show the HTML report'),
      ' ',
      el(
        'a',
        { href: `/runs/${encodeURIComponent(id)}/report`, target: '_blank' },
        'open in a new tab',
      ),
      el('span', { class: 'muted' }, ' (the run replayed through the same kernel)'),
    ),
    report,
  );
}

/** Draws two runs side by side with their parity report. */
export async function comparePage(a, b) {
  const [ra, rb, parity] = await Promise.all([
    api(`/api/runs/${encodeURIComponent(a)}`),
    api(`/api/runs/${encodeURIComponent(b)}`),
    api(`/api/parity/${encodeURIComponent(a)}/${encodeURIComponent(b)}`),
  ]);
  const side = (label, r) =>
    el(
      'div',
      { class: 'side' },
      el('h2', {}, `${label}: `, runLink(r.runId)),
      facts(r),
      metrics(r, `metrics-${label}`),
    );
  page(
    `Compare ${a} with ${b}`,
    el(
      'p',
      { id: 'parity-verdict', class: parity.summary.withinTolerance ? '' : 'error' },
      parity.summary.withinTolerance ? 'Within tolerance' : 'Not within tolerance',
      ` — ${parity.differences.length} differences, matched by ${parity.matchedBy}`,
    ),
    el('div', { class: 'grid' }, side('A', ra), side('B', rb)),
    el('h2', {}, 'Parity report'),
    el('iframe', {
      class: 'report',
      id: 'parity',
      src: `/parity/${encodeURIComponent(a)}/${encodeURIComponent(b)}`,
      title: 'Parity report',
    }),
  );
}
