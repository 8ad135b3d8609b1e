/**
 * @module The runs' JSON API and pages: every run in the journal as `tlab runs` lists it, one
 * run's fingerprint, parameters, models, metrics (formatted as the report and the CLI write them),
 * fills and errors, its HTML report (replayed, see run-report.ts), and two runs' parity report as
 * JSON and as the page `tlab parity --out` writes.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { compareRuns } from '../../app/parity/compare-runs.ts';
import { instrumentSpecs } from '../../app/parity/load-run.ts';
import { parityJson } from '../../app/parity/parity-text.ts';
import type { RunRecord } from '../../app/run-record.ts';
import { isoUtc } from '../../core/time.ts';
import { paramsText, periodText } from '../../cli/commands/runs-format.ts';
import { formatMoney } from '../../report/format.ts';
import { REPORT_CSP } from '../../report/html/render.ts';
import { formatMetric, METRIC_ROWS } from '../../report/metric-rows.ts';
import { renderParityPage } from '../../report/parity/parity-page.ts';
import type { UiSources } from '../server/ui-sources.ts';
import { runReportHtml } from './run-report.ts';

/** Fills listed on a run's page (the newest; the report has them all). */
const SHOWN_FILLS = 500;

function runView(r: RunRecord, counters: Record<string, number> | undefined) {
  const tickers = new Map(r.instruments.map((i) => [i.uid, i.ticker]));
  return {
    runId: r.runId,
    mode: r.mode,
    outcome: r.outcome,
    strategy: r.strategy,
    fingerprint: { strategySourceHash: r.strategySourceHash, params: r.params, models: r.models },
    paramsText: paramsText(r.params),
    instruments: r.instruments,
    intervals: r.intervals,
    period: periodText(r.from, r.to),
    startingCash: formatMoney(r.startingCash),
    ...(r.accountId === undefined ? {} : { accountId: r.accountId }),
    startedAt: isoUtc(r.startedAt),
    ...(r.endedAt === undefined ? {} : { endedAt: isoUtc(r.endedAt) }),
    decisions: r.decisions.length,
    events: r.events.length,
    fillCount: r.fills.length,
    fills: r.fills.slice(-SHOWN_FILLS).map((f) => ({
      time: isoUtc(f.time),
      ticker: tickers.get(f.instrumentUid) ?? f.instrumentUid,
      side: f.side,
      lots: f.lots,
      price: f.price,
      commission: formatMoney(f.commission),
    })),
    errors: r.errors.map((e) => ({ time: isoUtc(e.time), message: e.message })),
    metrics:
      r.metrics === undefined
        ? null
        : METRIC_ROWS.map((m) => ({
            key: m.key,
            label: m.label,
            value: formatMetric(m.kind, r.metrics?.[m.key]),
          })),
    ...(counters === undefined ? {} : { counters }),
  };
}

/** Finished runs' report pages kept while the server runs (a replay costs a backtest). */
const KEEP_REPORTS = 8;

function sendPage(reply: FastifyReply, html: string, csp: string) {
  return reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', `${csp}; frame-ancestors 'self'`)
    .send(html);
}

/** Registers `/api/runs`, `/api/runs/:id`, `/api/parity/:a/:b`, `/runs/:id/report` and `/parity/:a/:b`. */
export function registerRunRoutes(app: FastifyInstance, sources: UiSources): void {
  const reports = new Map<string, string>();
  app.get('/api/runs', async () => {
    if (!sources.hasJournal()) return { file: sources.journalFile, exists: false, runs: [] };
    const runs = sources.journal().listRuns();
    return {
      file: sources.journalFile,
      exists: true,
      runs: runs.map((r) => ({
        ...r,
        paramsText: paramsText(r.params),
        period: periodText(r.from, r.to),
        finalEquityText: r.finalEquity === undefined ? '-' : r.finalEquity.toFixed(2),
      })),
    };
  });
  app.get<{ Params: { id: string } }>('/api/runs/:id', async (req) => {
    const j = sources.journal();
    const id = j.requireRun(req.params.id);
    return runView(j.readRun(id), j.readCounters(id));
  });
  const parity = (a: string, b: string) => {
    const j = sources.journal();
    const ra = j.readRun(j.requireRun(a));
    const rb = j.readRun(j.requireRun(b));
    const specs = sources.hasCache()
      ? instrumentSpecs([ra, rb], (uid) => sources.cache().getInstrument(uid))
      : new Map();
    return compareRuns(ra, rb, undefined, specs);
  };
  app.get<{ Params: { a: string; b: string } }>('/api/parity/:a/:b', async (req) =>
    parityJson(parity(req.params.a, req.params.b)),
  );
  app.get<{ Params: { a: string; b: string } }>('/parity/:a/:b', async (req, reply) =>
    sendPage(
      reply,
      renderParityPage(parity(req.params.a, req.params.b)),
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    ),
  );
  app.get<{ Params: { id: string } }>('/runs/:id/report', async (req, reply) => {
    const j = sources.journal();
    const id = j.requireRun(req.params.id);
    let html = reports.get(id);
    if (html === undefined) {
      html = await runReportHtml(j, id, () => sources.cache());
      const finished = j.outcome(id) !== 'running';
      if (finished) {
        if (reports.size >= KEEP_REPORTS) reports.delete(reports.keys().next().value as string);
        reports.set(id, html);
      }
    }
    return sendPage(reply, html, REPORT_CSP);
  });
}
