/**
 * @module The benchmark runner (`npm run bench [-- --json] [-- --only NAME]`): runs every
 * `bench/*.bench.ts` suite in its own child process (so peak RSS is per suite), prints a table, or
 * one JSON object `{"machine": ..., "results": [...]}` with --json.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;

const suites = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.startsWith(only))
  .sort();

const results: BenchResult[] = [];
for (const file of suites) {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', path.join(here, 'run-suite.ts'), path.join(here, file)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
  );
  if (child.status !== 0) {
    process.stderr.write(`bench: suite ${file} failed (exit ${child.status})\n`);
    process.exitCode = 1;
    continue;
  }
  const line = child.stdout.trim().split('\n').pop() ?? '[]';
  results.push(...(JSON.parse(line) as BenchResult[]));
}

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
};

if (json) {
  process.stdout.write(`${JSON.stringify({ machine, results })}\n`);
} else {
  process.stdout.write(
    `machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node}\n`,
  );
  if (suites.length === 0) process.stdout.write('no benchmarks yet\n');
  for (const r of results) {
    const rate =
      r.candlesPerSecond === undefined
        ? ''
        : `${Math.round(r.candlesPerSecond).toLocaleString('en-US')} candles/s`;
    const ratio = r.ratioToRawRead === undefined ? '' : ` ratio=${r.ratioToRawRead.toFixed(2)}`;
    const rss = r.peakRssMB === undefined ? '' : ` peakRSS=${r.peakRssMB.toFixed(0)} MB`;
    const extra = Object.entries(r)
      .filter(([k]) => !['name', 'candlesPerSecond', 'ratioToRawRead', 'peakRssMB'].includes(k))
      .map(([k, v]) => ` ${k}=${typeof v === 'number' ? +v.toFixed(3) : String(v)}`)
      .join('');
    process.stdout.write(`${r.name.padEnd(34)} ${rate}${ratio}${rss}${extra}\n`);
  }
}
