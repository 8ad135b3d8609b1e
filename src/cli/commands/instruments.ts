/**
 * @module `tlab instruments find <text> [--kind K]` and `tlab instruments show <id>`: look
 * instruments of every kind up through InstrumentsService (FindInstrument; GetInstrumentBy and the
 * kind's own lookup) and print them, `show` with the kind's spec (a future's GO as of now, a
 * bond's next coupon).
 */
import type { Argv, CommandModule } from 'yargs';
import type { Instrument, InstrumentKind, InstrumentSummary } from '../../core/instrument.ts';
import type { Coupon } from '../../core/instrument-economics.ts';
import { isoUtc } from '../../core/time.ts';
import { parseInstrumentRef } from '../../core/instrument-ref.ts';
import { API_CLI_OPTIONS } from '../options/api-options.ts';
import { jsonOption } from '../options/output.ts';
import type { ApiArgs } from '../options/api.ts';
import { specLines } from './instrument-spec-text.ts';

/** The gRPC stack loads only when a command talks to the API (keeps `tlab --help` quick). */
const loadApi = async () => ({
  ...(await import('../options/api.ts')),
  ...(await import('../../live/history-api.ts')),
});

interface FindArgs extends ApiArgs {
  text: string;
  kind?: string;
  json: boolean;
}

const KINDS = [
  'share',
  'etf',
  'bond',
  'futures',
  'currency',
] as const satisfies readonly InstrumentKind[];
interface ShowArgs extends ApiArgs {
  id: string;
  json: boolean;
}

function table(rows: InstrumentSummary[]): string {
  const head = ['ticker', 'class', 'kind', 'lot', 'figi', 'uid', 'name'];
  const cells = rows.map((r) => [
    r.ticker,
    r.classCode,
    r.kind,
    String(r.lot),
    r.figi,
    r.uid,
    r.name,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c.map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i]))).join('  ');
  return [line(head), ...cells.map(line)].join('\n');
}

function describeInstrument(i: Instrument, nextCoupon?: Coupon): string {
  const date = (t?: number) => (t === undefined ? '—' : isoUtc(t));
  return [
    `${i.ticker}@${i.classCode}  ${i.name}`,
    `  uid                ${i.uid}`,
    `  figi / isin        ${i.figi} / ${i.isin || '—'}`,
    `  kind / exchange    ${i.kind} / ${i.exchange || '—'}`,
    `  lot                ${i.lot}`,
    `  price step         ${i.minPriceIncrement} ${i.currency}`,
    `  short enabled      ${i.shortEnabled ? 'yes' : 'no'}`,
    `  first 1m / 1d      ${date(i.first1minCandleDate)} / ${date(i.first1dayCandleDate)}`,
    ...specLines(i, nextCoupon),
  ].join('\n');
}

const findCommand: CommandModule<object, FindArgs> = {
  command: 'find <text>',
  describe: 'Search instruments by ticker, name, FIGI or ISIN',
  builder: (y: Argv) =>
    y
      .options({
        kind: {
          type: 'string',
          choices: KINDS,
          requiresArg: true,
          describe: 'Only instruments of this kind',
        },
        ...jsonOption(),
        ...API_CLI_OPTIONS,
      })
      .example('$0 instruments find SBER', '')
      .example(
        '$0 instruments find Si --kind futures',
        'the Si contracts',
      ) as unknown as Argv<FindArgs>,
  handler: async (args) => {
    const { openApiClient } = await loadApi();
    const client = openApiClient(args);
    try {
      const kind = args.kind as InstrumentKind | undefined;
      const hits = await client.findInstrument(args.text, kind ? { kind } : {});
      if (args.json) process.stdout.write(`${JSON.stringify(hits)}\n`);
      else
        process.stdout.write(
          hits.length ? `${table(hits)}\n` : `no instrument matches '${args.text}'\n`,
        );
    } finally {
      await client.close();
    }
  },
};

const showCommand: CommandModule<object, ShowArgs> = {
  command: 'show <id>',
  describe: 'Show one instrument (ticker, TICKER@CLASS, FIGI or uid)',
  builder: (y: Argv) =>
    y
      .options({ ...jsonOption(), ...API_CLI_OPTIONS })
      .example('$0 instruments show SBER@TQBR', '') as unknown as Argv<ShowArgs>,
  handler: async (args) => {
    const ref = parseInstrumentRef(args.id);
    const { openApiClient, historyApiFromClient } = await loadApi();
    const client = openApiClient(args);
    try {
      const instrument = await historyApiFromClient(client).resolveInstrument(ref);
      const now = Date.now();
      if (instrument.futures)
        instrument.futures.margin = await client.getFuturesMargin(instrument.uid, now);
      const nextCoupon = instrument.bond
        ? (await client.getBondCoupons(instrument.uid, { from: now })).find(
            (c) => c.couponDate >= now,
          )
        : undefined;
      process.stdout.write(
        args.json
          ? `${JSON.stringify(instrument)}\n`
          : `${describeInstrument(instrument, nextCoupon)}\n`,
      );
    } finally {
      await client.close();
    }
  },
};

/** The `instruments` command group. */
export const instrumentsCommand: CommandModule = {
  command: 'instruments <command>',
  describe: 'Look up instruments through the API',
  builder: (y: Argv) =>
    y
      .command(findCommand)
      .command(showCommand)
      .example('$0 instruments find SBER', 'instruments whose ticker or name matches')
      .example('$0 instruments show SBER@TQBR', 'one instrument with its lot and tick')
      .example('$0 instruments show SiZ4@SPBFUT', "a future's spec, point value and GO")
      .demandCommand(1),
  handler: () => {},
};
