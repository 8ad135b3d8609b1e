/**
 * @module Opening the T-Invest client from the shared API options (`--endpoint`, `--archive-url`,
 * `--sandbox`, `--ca-file`; tokens from the environment only). With --verbose every call's
 * tracking id, retry and wait goes to stderr (already redacted by the client).
 */
import type { TinvestClient } from '../../live/index.ts';
import { clientFromConfig, resolveApiConfig } from '../../live/index.ts';

/** The parsed API options of a command. */
export interface ApiArgs {
  endpoint?: string;
  'archive-url'?: string;
  sandbox?: boolean;
  'ca-file'?: string;
  verbose?: boolean;
}

const stderrLogger = {
  debug: (message: string, fields?: Record<string, unknown>) =>
    process.stderr.write(`[tinvest] ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`),
  warn: (message: string, fields?: Record<string, unknown>) =>
    process.stderr.write(
      `[tinvest] warning: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`,
    ),
};

/** Resolves configuration and opens one client; the caller closes it. */
export function openApiClient(args: ApiArgs): TinvestClient {
  const config = resolveApiConfig({
    endpoint: args.endpoint,
    archiveUrl: args['archive-url'],
    sandbox: args.sandbox,
    caFile: args['ca-file'],
  });
  return clientFromConfig(config, args.verbose ? { logger: stderrLogger } : {});
}
