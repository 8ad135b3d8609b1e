/**
 * @module The live page's API: the runs still going (with whether this machine can stop them),
 * one run's server-sent event stream (the whole state, then every change as the journal records
 * it, and a heartbeat), and the kill switch (POST, the access hook has already checked the token
 * and the origin; the body must repeat the run id, which is what the page's confirmation sends).
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { UsageError } from '../../core/errors.ts';
import { processState, readRunProcess } from '../../data/journal/run-process.ts';
import { SHELL_CSP, type AccessPolicy } from '../server/ui-security.ts';
import type { UiSources } from '../server/ui-sources.ts';
import { killRun, type SignalSender } from './kill-run.ts';
import type { LiveHub, LiveMessage } from './live-hub.ts';
import { withText } from './live-format.ts';

/** What the live routes use. */
export interface LiveRouteDeps {
  sources: UiSources;
  hub: LiveHub;
  policy: AccessPolicy;
  /** How the kill switch signals (default process.kill). */
  send?: SignalSender;
}

const HEARTBEAT_MS = 15_000;

function sse(m: LiveMessage | { type: string; data: unknown }): string {
  return `event: ${m.type}\ndata: ${JSON.stringify(m.data)}\n\n`;
}

/** Registers `/api/live`, `/api/live/:id/stream` and `POST /api/live/:id/kill`. */
export function registerLiveRoutes(app: FastifyInstance, d: LiveRouteDeps): void {
  // Open streams end when the server closes (they would otherwise keep it open).
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });
  app.get('/api/live', async () => {
    if (!d.sources.hasJournal()) return { runs: [] };
    const j = d.sources.journal();
    const runs = j.listRuns({ outcome: 'running' }).filter((r) => r.mode !== 'backtest');
    return {
      runs: runs.map((r) => {
        const proc = readRunProcess(j, r.runId);
        return { ...r, process: proc === undefined ? 'unrecorded' : processState(proc) };
      }),
    };
  });

  app.get<{ Params: { id: string } }>('/api/live/:id/stream', async (req, reply) => {
    const j = d.sources.journal();
    const id = j.requireRun(req.params.id);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': SHELL_CSP,
      connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    open.add(res);
    const process = () => {
      const proc = readRunProcess(j, id);
      const data =
        proc === undefined ? { state: 'unrecorded' } : { state: processState(proc), ...proc };
      res.write(sse({ type: 'process', data }));
    };
    // The process's state rides with every change too: a stopped run's page must not offer the kill.
    const stop = d.hub.subscribe(id, (m) => {
      res.write(sse(withText(m)));
      if (m.type === 'change') process();
    });
    process();
    const beat = setInterval(process, HEARTBEAT_MS);
    beat.unref();
    res.on('close', () => {
      open.delete(res);
      clearInterval(beat);
      stop();
    });
  });

  app.post<{ Params: { id: string }; Body: unknown }>('/api/live/:id/kill', async (req) => {
    const body = req.body as { confirm?: unknown } | undefined;
    const j = d.sources.journal();
    const id = j.requireRun(req.params.id);
    if (body?.confirm !== id)
      throw new UsageError('the kill switch needs its confirmation', `send {"confirm": "${id}"}`);
    const { pid } = killRun(j, id, d.send);
    return { sent: 'SIGINT', runId: id, pid };
  });
}
