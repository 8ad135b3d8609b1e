/**
 * @module The order-side options of `tlab serve`: the `--state` file, the sandbox port, the answer
 * to a repeated order key, the production-like commission, and `--fault` switches for orders
 * (lost acknowledgement, 70002 after placement, late/doubled/swapped trade events, 80002 and
 * UNAVAILABLE on given calls). Parsed here so serve.ts stays about the server's lifecycle.
 */
import type { Argv } from 'yargs';
import { UsageError } from '../../core/errors.ts';
import { FAULT_KEYS } from '../../emulator/fault-spec.ts';
import type { EmulatorOptions, FaultOptions } from '../../emulator/index.ts';

/** The arguments these options add. */
export interface ServeTradingArgs {
  state?: string;
  'sandbox-port'?: number;
  'repeat-answer'?: string;
  commission?: string;
  fault?: string[];
}

/** Adds the order-side options to the serve command. */
export function tradingOptions<T>(y: Argv<T>): Argv<T & ServeTradingArgs> {
  return y
    .option('state', {
      type: 'string',
      describe:
        'Keep accounts, orders, positions and operations in this SQLite file across restarts',
    })
    .option('sandbox-port', {
      type: 'number',
      describe:
        'Also serve the sandbox host on this port (every token trades in the sandbox there)',
    })
    .option('repeat-answer', {
      type: 'string',
      choices: ['original', 'duplicate'],
      describe: 'Answer to a repeated order_id: the original order, or error 30057',
    })
    .option('commission', {
      type: 'string',
      describe:
        'Commission of the production-like venue as a fraction of trade value (default 0.0004)',
    })
    .option('fault', {
      type: 'string',
      array: true,
      describe:
        'Inject a fault (repeatable): lost-ack=N[,N] internal-error=N[,N] (order placements), ' +
        'trade-delay=MS, trade-duplicate, trade-reorder, exhausted=N[,N], unavailable=N[,N] (unary calls), ' +
        `or a stream fault: ${Object.keys(FAULT_KEYS).join(', ')} (KEY=VALUE)`,
    }) as Argv<T & ServeTradingArgs>;
}

function numbers(name: string, value: string | undefined): number[] {
  const list = (value ?? '').split(',').map((s) => Number(s.trim()));
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new UsageError(
      `--fault ${name}=${value ?? ''} needs call numbers`,
      `write e.g. --fault ${name}=1,3`,
    );
  }
  return list;
}

/** Parses the `--fault` switches. */
export function parseFaults(specs: readonly string[]): FaultOptions {
  const f: FaultOptions = {};
  for (const spec of specs) {
    const [name, value] = spec.split('=', 2);
    if (name.trim() in FAULT_KEYS) continue; // the emulator's own table parses these
    switch (name) {
      case 'lost-ack':
        f.lostAckOnOrders = numbers(name, value);
        break;
      case 'internal-error':
        f.internalErrorOnOrders = numbers(name, value);
        break;
      case 'exhausted':
        f.resourceExhaustedOnCalls = numbers(name, value);
        break;
      case 'unavailable':
        f.unavailableOnCalls = numbers(name, value);
        break;
      case 'trade-delay': {
        const ms = Number(value);
        if (!Number.isInteger(ms) || ms < 0) {
          throw new UsageError(
            `--fault trade-delay=${value ?? ''} is not a delay`,
            'give milliseconds, e.g. trade-delay=500',
          );
        }
        f.tradeEvents = { ...f.tradeEvents, delayMs: ms };
        break;
      }
      case 'trade-duplicate':
        f.tradeEvents = { ...f.tradeEvents, duplicate: true };
        break;
      case 'trade-reorder':
        f.tradeEvents = { ...f.tradeEvents, reorder: true };
        break;
      default:
        throw new UsageError(
          `--fault ${spec}: unknown fault '${name}'`,
          `use lost-ack, internal-error, exhausted, unavailable, trade-delay, trade-duplicate, trade-reorder or ${Object.keys(FAULT_KEYS).join(', ')}`,
        );
    }
  }
  return f;
}

/** The emulator options these arguments ask for. */
export function tradingFromArgs(args: ServeTradingArgs): Partial<EmulatorOptions> {
  const commission = args.commission;
  if (commission !== undefined && !/^\d+(\.\d+)?$/.test(commission.trim())) {
    throw new UsageError(
      `--commission ${commission} is not a fraction`,
      'write e.g. --commission 0.0004 for 0.04%',
    );
  }
  const port = args['sandbox-port'];
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new UsageError(
      `--sandbox-port ${port} is not a port`,
      'use 0-65535 (0 picks a free one)',
    );
  }
  return {
    faults: parseFaults(args.fault ?? []),
    sandboxPort: port,
    trading: {
      stateFile: args.state,
      repeatAnswer: args['repeat-answer'] as 'original' | 'duplicate' | undefined,
      commissionRate: commission,
    },
  };
}
