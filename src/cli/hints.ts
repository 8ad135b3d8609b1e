/**
 * @module The CLI's wording of fixes. Lower layers raise typed errors that carry what went wrong as
 * data (an ApiFix, the unknown reference) and a hint in their own terms; here the CLI names its
 * flags and commands instead (`--ca-file`, `--sandbox`, `--endpoint`, `tlab instruments find`).
 */
import type { TlabError } from '../core/errors.ts';
import { UnknownInstrumentError } from '../core/instrument-ref.ts';
import type { ApiFix, TinkoffApiError } from '../live/client/api-error.ts';

type ApiHint = (err: TinkoffApiError) => string;

const API_HINTS: Partial<Record<ApiFix, ApiHint>> = {
  'trust-ca': () =>
    "the server's TLS certificate is not trusted here: add its CA with --ca-file / TINVEST_CA_FILE",
  token: (err) =>
    err.sandbox
      ? 'set SANDBOX_TOKEN_STRING to a valid sandbox token; a production token does not work with --sandbox'
      : 'set TINKOFF_TOKEN_STRING to a valid token; a sandbox token only works with --sandbox',
  'check-instrument': () =>
    'check the instrument (ticker@class_code, FIGI or uid); `tlab instruments find <text>` lists matches',
  'check-endpoint': () =>
    'check the network and the endpoint (--endpoint / TINVEST_ENDPOINT); the service may be down',
  unimplemented: () => 'this endpoint does not serve the method: check --endpoint',
};

// Checked by shape, not instanceof, so `tlab --help` need not load the gRPC client's modules.
function isApiError(err: TlabError): err is TinkoffApiError {
  return err.name === 'TinkoffApiError' && typeof (err as TinkoffApiError).fix === 'string';
}

/** The hint the CLI prints for `err`: its own wording where it has one, else the error's. */
export function cliHint(err: TlabError): string | undefined {
  if (err instanceof UnknownInstrumentError) {
    const ref = err.ref;
    return `look it up with: tlab instruments find ${ref.kind === 'ticker' ? ref.ticker : ref.id}`;
  }
  if (isApiError(err)) return API_HINTS[err.fix]?.(err) ?? err.hint;
  return err.hint;
}

/** `message: hint` on one line, with the CLI's hint. */
export function cliLine(err: TlabError): string {
  const hint = cliHint(err);
  return hint ? `${err.message}: ${hint}` : err.message;
}
