/**
 * @module `tlab ui`: the local web dashboard over the candle cache and the run journal (the live
 * run, every run, the cache), until SIGINT/SIGTERM. Loopback by default. `--host` anything else
 * needs `--cert` and `--key` (TLS) and prints, once, the address with a fresh access token; the
 * token is never logged or written anywhere else. The dashboard only reads; its one action is
 * the kill switch of a live run on this machine. `--studies DIR` (default `reports`) is where it
 * looks for the pages the research commands write.
 */
import os from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../core/errors.ts';
import { startUiServer } from '../../ui/server/ui-server.ts';
import { dbOption, resolveDbPath } from '../options/db.ts';
import { journalOption, resolveJournalPath } from '../options/journal.ts';

interface Args {
  host: string;
  port: number;
  cert?: string;
  key?: string;
  db?: string;
  journal?: string;
  studies: string;
}

/** The address to open: a wildcard bind (0.0.0.0, ::) is reached by this machine's name. */
function shownUrl(url: string, host: string): string {
  if (host !== '0.0.0.0' && host !== '::') return url;
  const u = new URL(url);
  return `${u.protocol}//${os.hostname()}:${u.port}`;
}

/** The `ui` command. */
export const uiCommand: CommandModule<object, Args> = {
  command: 'ui',
  describe: 'Open the local web dashboard: the live run, every run, the cache',
  builder: (yargs: Argv) =>
    yargs
      .options({
        host: {
          type: 'string',
          default: '127.0.0.1',
          requiresArg: true,
          describe: 'Address to bind; anything but loopback needs --cert and --key',
        },
        port: {
          type: 'number',
          default: 8765,
          requiresArg: true,
          describe: 'Port (0 picks a free one)',
        },
        cert: {
          type: 'string',
          requiresArg: true,
          describe: 'TLS certificate (PEM) for a non-loopback --host',
        },
        key: {
          type: 'string',
          requiresArg: true,
          describe: 'TLS private key (PEM) for a non-loopback --host',
        },
        studies: {
          type: 'string',
          default: 'reports',
          requiresArg: true,
          describe: 'Folder searched for study pages (optimize, walk-forward, robustness, reports)',
        },
        ...dbOption,
        ...journalOption,
      })
      .example('$0 ui', 'http://127.0.0.1:8765 over data/tlab.sqlite and data/runs.sqlite')
      .example(
        '$0 ui --host 0.0.0.0 --cert cert.pem --key key.pem',
        'reachable from the network: TLS and an access token',
      ) as unknown as Argv<Args>,
  handler: async (args) => {
    if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535)
      throw new UsageError(`--port ${args.port} is not a port`, 'use 0-65535 (0 picks a free one)');
    if ((args.cert === undefined) !== (args.key === undefined))
      throw new UsageError('--cert and --key go together', 'pass both PEM files, or neither');
    const server = await startUiServer({
      host: args.host,
      port: args.port,
      ...(args.cert && args.key ? { tls: { certFile: args.cert, keyFile: args.key } } : {}),
      cacheFile: resolveDbPath(args.db),
      journalFile: resolveJournalPath(args.journal, args.db),
      studiesDir: args.studies,
    });
    // The one place the token appears: this line, once. The fragment (#) never reaches a server log.
    const base = shownUrl(server.url, args.host);
    const open = server.token === undefined ? base : `${base}/#token=${server.token}`;
    process.stdout.write(`dashboard: ${open}\n`);
    if (server.token !== undefined)
      process.stdout.write('(the token above is the only way in; it changes at every start)\n');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
  },
};
