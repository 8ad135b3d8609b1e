/**
 * @module Runs one benchmark suite in this process and prints its results as one JSON line, so
 * the runner can isolate suites from each other (memory, JIT state).
 */
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './types.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: run-suite.ts <suite file>');
const suite = (await import(pathToFileURL(file).href)) as { run: () => Promise<BenchResult[]> };
const results = await suite.run();
process.stdout.write(`\n${JSON.stringify(results)}\n`);
