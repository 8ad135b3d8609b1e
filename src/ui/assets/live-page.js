/* global document, location, EventSource */
// The live page: one running run as its journal records it, pushed by the server (server-sent
// events): equity and drawdown marked to the last candle, positions, open orders, fills (newest
// first; each row notes when the page received it), stream, rate-limit and guard state from the
// run's live events, its last errors, and the kill switch (SIGINT to the run, after a confirm).
import { api, card, el, instant, page, pill, row, table } from './core.js';
import { liveLine } from './charts.js';

const FILL_COLS = [
  ['Time (UTC)', (f) => f.text.time],
  ['Instrument', (f) => f.ticker],
  ['Side', (f) => el('span', { class: f.side }, f.side)],
  ['Lots', (f) => String(f.lots), true],
  ['Price', (f) => f.text.price, true],
  ['Commission', (f) => f.text.commission, true],
];
const POSITION_COLS = [
  ['Instrument', (p) => p.ticker],
  ['Lots', (p) => String(p.lots), true],
  ['Last close', (p) => p.text.lastClose, true],
  ['Value', (p) => p.text.value, true],
];
const ORDER_COLS = [
  ['Placed (UTC)', (o) => o.text.createdAt],
  ['Instrument', (o) => o.ticker],
  ['Side', (o) => el('span', { class: o.side }, o.side)],
  ['Type', (o) => o.type],
  ['Lots', (o) => `${o.remainingLots} of ${o.lots}`, true],
  ['Price', (o) => (o.text.price === undefined ? 'market' : String(o.text.price)), true],
];
const EVENT_COLS = [
  ['Time (UTC)', (e) => e.text.time],
  ['Kind', (e) => e.kind],
  ['Detail', (e) => e.detail],
];

function limitsText(limits) {
  if (limits === undefined || limits === null) return 'not recorded';
  const set = Object.entries(limits).filter(([, v]) => v !== undefined && v !== null);
  return set.length === 0 ? 'none set' : set.map(([k, v]) => `${k}=${v}`).join(' ');
}

/** A lag as seconds, or (a replay, a stalled stream) as days, hours and minutes. */
function lag(ms) {
  const s = Math.round(ms / 1000);
  if (Math.abs(s) < 120) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m} min`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h} h ${m % 60} min` : `${Math.floor(h / 24)} d ${h % 24} h`;
}

async function pickRun() {
  const { runs } = await api('/api/live');
  if (runs.length === 1) {
    location.hash = `#/live/${encodeURIComponent(runs[0].runId)}`;
    return;
  }
  const cols = [
    ['Run', (r) => el('a', { href: `#/live/${encodeURIComponent(r.runId)}` }, r.runId)],
    ['Mode', (r) => r.mode],
    ['Strategy', (r) => r.strategy],
    ['Process', (r) => pill(r.process)],
  ];
  page(
    'Live',
    runs.length === 0
      ? el(
          'p',
          { id: 'no-live' },
          'No run is going. tlab paper, tlab sandbox and tlab live runs show here while they run.',
        )
      : table('live-runs', cols, runs),
  );
}

function killSwitch(id, result) {
  const dialog = document.getElementById('confirm-kill');
  return el(
    'button',
    {
      id: 'kill',
      disabled: true,
      class: 'danger',
      onclick: () => {
        document.getElementById('kill-run-id').textContent = id;
        document.getElementById('kill-pid').textContent =
          document.getElementById('process').dataset.pid || '?';
        dialog.returnValue = '';
        dialog.onclose = async () => {
          if (dialog.returnValue !== 'confirm') return;
          try {
            const r = await api(`/api/live/${encodeURIComponent(id)}/kill`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ confirm: id }),
            });
            result.textContent = `SIGINT sent to pid ${r.pid}; the run is stopping.`;
          } catch (err) {
            result.textContent = err.message;
            result.className = 'error';
          }
        };
        dialog.showModal();
      },
    },
    'Kill switch: stop this run',
  );
}

/** Draws the live page of `id` (or the list of running runs); returns the stopper. */
export async function livePage(id) {
  if (id === undefined) return pickRun();
  const head = el('div', { class: 'cards', id: 'head' });
  const status = el('div', { class: 'cards', id: 'live-status' });
  const killResult = el('span', { id: 'kill-result' });
  const kill = killSwitch(id, killResult);
  const equityBox = el('div', { class: 'chart', id: 'equity-chart' });
  const ddBox = el('div', { class: 'chart small', id: 'drawdown-chart' });
  const positions = el('div', {});
  const orders = el('div', {});
  const fills = table('fills', FILL_COLS, []);
  const events = table('events', EVENT_COLS, []);
  const errors = el('div', { id: 'errors' });
  page(
    `Live: ${id}`,
    el(
      'p',
      {},
      el('span', { id: 'process', class: 'pill' }, 'process …'),
      ' ',
      kill,
      ' ',
      killResult,
    ),
    head,
    status,
    el(
      'div',
      { class: 'grid' },
      el('div', {}, el('h2', {}, 'Equity (marked to the last close)'), equityBox),
      el('div', {}, el('h2', {}, 'Drawdown, %'), ddBox),
    ),
    el(
      'div',
      { class: 'grid' },
      el('div', {}, el('h2', {}, 'Positions'), positions),
      el('div', {}, el('h2', {}, 'Open orders'), orders),
    ),
    el('h2', {}, 'Fills, newest first'),
    el('div', { class: 'scroll' }, fills),
    el('h2', {}, 'Live events (stream, rate limits, guards), newest first'),
    el('div', { class: 'scroll' }, events),
    el('h2', {}, 'Last errors'),
    errors,
  );
  const equity = liveLine(equityBox, '#0969da', 2);
  const drawdown = liveLine(ddBox, '#cf222e', 2, '%');
  let errorList = [];
  let processState = 'unknown';

  const drawHead = (h, st) => {
    head.replaceChildren(
      card('Outcome', pill(h.outcome), 'outcome'),
      card('Equity', h.text.equity, 'equity'),
      card('Cash', h.text.cash, 'cash'),
      card('Drawdown', h.text.drawdown, 'drawdown'),
      card('Decisions', String(h.decisions), 'decisions'),
      card('Rejected', String(h.rejected), 'rejected'),
      card('Candles', String(h.candles), 'candles'),
      card('Last candle (UTC)', h.text.lastCandleTime, 'last-candle'),
      card(
        'Stream lag (wall clock − last close)',
        h.lastCandleClose === undefined ? '—' : lag(Date.now() - h.lastCandleClose),
        'lag',
      ),
    );
    kill.disabled = h.outcome !== 'running' || processState !== 'alive';
    if (st === undefined) return;
    const n = (k) => String(st.counts[k] ?? 0);
    status.replaceChildren(
      card('Stream', st.recorded ? pill(st.stream) : 'not recorded', 'stream'),
      card('Reconnects', n('stream-reconnect'), 'reconnects'),
      card('Stream deaths', n('stream-dead'), 'stream-deaths'),
      card('Rate-limit waits', n('rate-limit-wait'), 'rate-limit-waits'),
      card('Call retries', n('call-retry'), 'call-retries'),
      card('Guard limits', limitsText(st.limits), 'guard-limits'),
      card(
        'Guard trips',
        st.guards.length === 0
          ? 'none tripped'
          : st.guards.map((g) => `${g.guard}: ${g.reason}`).join('; '),
        'guards',
      ),
      card(
        'Kill switch',
        st.killed ? `engaged ${instant(st.killed.time)}: ${st.killed.reason}` : 'not engaged',
        'killed',
      ),
    );
    positions.replaceChildren(table('positions', POSITION_COLS, h.positions));
    orders.replaceChildren(table('orders', ORDER_COLS, h.openOrders));
  };

  const apply = (d, reset) => {
    const fillBody = fills.tBodies[0];
    const eventBody = events.tBodies[0];
    if (reset) {
      fillBody.replaceChildren();
      eventBody.replaceChildren();
      errorList = [];
      equity.set(d.equity.map((p) => [p[0], p[1]]));
      drawdown.set(d.equity.map((p) => [p[0], p[2]]));
    } else {
      equity.update(d.equity.map((p) => [p[0], p[1]]));
      drawdown.update(d.equity.map((p) => [p[0], p[2]]));
    }
    const seen = Date.now();
    for (const f of d.fills)
      fillBody.prepend(
        row(FILL_COLS, f, () => ({
          'data-seq': f.seq,
          'data-seen': seen,
          'data-from': reset ? 'snapshot' : 'change',
        })),
      );
    for (const e of d.events)
      eventBody.prepend(row(EVENT_COLS, e, () => ({ 'data-kind': e.kind })));
    // The newest rows stay; older ones are in the run's page and report.
    while (fillBody.rows.length > 500) fillBody.deleteRow(-1);
    while (eventBody.rows.length > 200) eventBody.deleteRow(-1);
    errorList = [...errorList, ...d.errors].slice(-20);
    errors.replaceChildren(
      errorList.length === 0
        ? el('p', { class: 'muted' }, 'none')
        : table(
            'error-list',
            [
              ['Time (UTC)', (e) => e.text.time],
              ['Message', (e) => e.message],
            ],
            [...errorList].reverse(),
          ),
    );
    drawHead(d.head, d.status);
    document.body.dataset.live = 'true';
  };

  const source = new EventSource(`/api/live/${encodeURIComponent(id)}/stream`);
  source.addEventListener('snapshot', (e) => apply(JSON.parse(e.data), true));
  source.addEventListener('change', (e) => apply(JSON.parse(e.data), false));
  source.addEventListener('process', (e) => {
    const p = document.getElementById('process');
    const { state, pid } = JSON.parse(e.data);
    p.textContent = `process ${pid ?? ''} ${state}`;
    p.dataset.pid = pid ?? '';
    p.className = `pill ${state}`;
    processState = state;
    kill.disabled =
      state !== 'alive' || document.getElementById('outcome')?.textContent !== 'running';
  });
  await new Promise((resolve) => {
    source.addEventListener('snapshot', resolve, { once: true });
    source.addEventListener('error', resolve, { once: true });
  });
  return () => source.close();
}
