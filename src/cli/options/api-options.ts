/**
 * @module The yargs options every API command shares (`--endpoint`, `--archive-url`, `--sandbox`,
 * `--ca-file`), so each command reads them the same way and passes them to resolveApiConfig.
 * There is deliberately no token option: tokens come from the environment only.
 */
import type { Options } from 'yargs';

/** Option definitions keyed by flag name; spread them into a command's builder. */
export const API_CLI_OPTIONS = {
  endpoint: {
    type: 'string',
    describe:
      'gRPC endpoint HOST:PORT (env TINVEST_ENDPOINT; default the production or sandbox host)',
  },
  'archive-url': {
    type: 'string',
    describe:
      'yearly history archive URL (env TINVEST_ARCHIVE_URL; default the production /history-data)',
  },
  sandbox: {
    type: 'boolean',
    describe: 'use the sandbox host and SANDBOX_TOKEN_STRING',
  },
  'ca-file': {
    type: 'string',
    describe: 'PEM file with extra CA certificates to trust (env TINVEST_CA_FILE)',
  },
} as const satisfies Record<string, Options>;
