/**
 * @module API configuration shared by every command that talks to T-Invest: endpoint, archive URL,
 * sandbox switch, extra CA file and the token. Tokens come only from the environment or a file named
 * there, never from a command-line argument (argv is visible to every user of the machine).
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../../core/errors.ts';
import {
  PRODUCTION_ARCHIVE_URL,
  PRODUCTION_ENDPOINT,
  SANDBOX_ENDPOINT,
  checkArchiveUrl,
  isLoopbackHost,
  parseEndpoint,
} from './endpoint.ts';

/** Token used against loopback endpoints (the local emulator) when no token is configured. */
export const DEV_TOKEN = 'tlab-emulator-dev-token';

/** What a command was given (flags) on top of the environment. */
export interface ApiConfigInput {
  /** `--endpoint HOST:PORT`. */
  endpoint?: string;
  /** `--archive-url URL`. */
  archiveUrl?: string;
  /** `--sandbox`: sandbox host and SANDBOX_TOKEN_STRING. */
  sandbox?: boolean;
  /** `--ca-file PATH`: extra trusted CA certificates (PEM). */
  caFile?: string;
}

/** Resolved configuration; `token` must never be printed. */
export interface ApiConfig {
  endpoint: string;
  archiveUrl: string;
  sandbox: boolean;
  caFile?: string;
  token: string;
  /** Where the token came from, for messages (e.g. `TINKOFF_TOKEN_STRING`, `dev token`). */
  tokenSource: string;
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

function readTokenFile(path: string, variable: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(
      `cannot read the token file named by ${variable}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
      `point ${variable} at a readable file that holds only the token`,
    );
  }
  const token = text.trim();
  if (!token || /\s/.test(token)) {
    throw new UsageError(
      `the token file named by ${variable} is empty or malformed`,
      'put only the token in that file',
    );
  }
  return token;
}

/**
 * Resolves endpoint, archive URL and token: flags first, then `TINVEST_ENDPOINT`,
 * `TINVEST_ARCHIVE_URL`, `TINVEST_CA_FILE`, then the production (or, with `sandbox`, sandbox)
 * defaults. The token comes from `TINKOFF_TOKEN_STRING` / `TINKOFF_TOKEN_FILE` (production) or
 * `SANDBOX_TOKEN_STRING` / `SANDBOX_TOKEN_FILE` (sandbox). For a loopback endpoint (the emulator)
 * a missing token defaults to {@link DEV_TOKEN}; anywhere else it is a UsageError.
 */
export function resolveApiConfig(
  input: ApiConfigInput = {},
  env: NodeJS.ProcessEnv = process.env,
): ApiConfig {
  const sandbox = input.sandbox ?? false;
  const endpoint =
    nonEmpty(input.endpoint) ??
    nonEmpty(env.TINVEST_ENDPOINT) ??
    (sandbox ? SANDBOX_ENDPOINT : PRODUCTION_ENDPOINT);
  const parsed = parseEndpoint(endpoint);
  const archiveUrl =
    nonEmpty(input.archiveUrl) ?? nonEmpty(env.TINVEST_ARCHIVE_URL) ?? PRODUCTION_ARCHIVE_URL;
  checkArchiveUrl(archiveUrl);
  const caFile = nonEmpty(input.caFile) ?? nonEmpty(env.TINVEST_CA_FILE);
  const [stringVar, fileVar] = sandbox
    ? ['SANDBOX_TOKEN_STRING', 'SANDBOX_TOKEN_FILE']
    : ['TINKOFF_TOKEN_STRING', 'TINKOFF_TOKEN_FILE'];
  let token = nonEmpty(env[stringVar]);
  let tokenSource = stringVar;
  if (!token && nonEmpty(env[fileVar])) {
    token = readTokenFile(env[fileVar]!.trim(), fileVar);
    tokenSource = fileVar;
  }
  if (!token && isLoopbackHost(parsed.host)) {
    token = DEV_TOKEN;
    tokenSource = 'dev token';
  }
  if (
    !token &&
    !sandbox &&
    (nonEmpty(env.SANDBOX_TOKEN_STRING) || nonEmpty(env.SANDBOX_TOKEN_FILE))
  ) {
    // Only a sandbox token is set: the user most likely forgot --sandbox.
    throw new UsageError(
      `no production API token for ${endpoint}, only a sandbox token (SANDBOX_TOKEN_*)`,
      'add --sandbox to use the sandbox host, or set TINKOFF_TOKEN_STRING for production',
    );
  }
  if (!token) {
    throw new UsageError(
      `no ${sandbox ? 'sandbox ' : ''}API token for ${endpoint}`,
      `set ${stringVar} (or ${fileVar} to a file holding it); tokens are never read from the command line`,
    );
  }
  const out: ApiConfig = { endpoint, archiveUrl, sandbox, token, tokenSource };
  if (caFile) out.caFile = caFile;
  return out;
}
