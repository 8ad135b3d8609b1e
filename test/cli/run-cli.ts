/**
 * @module Running the real `tlab` binary from tests: a child process with its own environment,
 * capturing stdout, stderr and the exit code.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What a finished CLI run printed. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How to run the CLI. */
export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Another `bin/tlab.mjs` to run (e.g. a package laid out as npm installs it). */
  bin?: string;
  /** Kills the run after this many ms (the result then has `code: null`), so a hang fails a test. */
  timeoutMs?: number;
  /** Runs as another user (e.g. {@link UNPRIVILEGED}), so permission checks apply even to root. */
  user?: { uid: number; gid: number };
}

/** `nobody` when the tests run as root (root reads any file), else the current user. */
export const UNPRIVILEGED: { uid: number; gid: number } | undefined =
  process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

/** Runs `tlab ...args` in `cwd` with `env` added to a token-free copy of the environment. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const k of [
    'TINKOFF_TOKEN_STRING',
    'SANDBOX_TOKEN_STRING',
    'TINKOFF_TOKEN_FILE',
    'SANDBOX_TOKEN_FILE',
  ]) {
    if (!options.env?.[k]) delete env[k];
  }
  return new Promise((resolve, reject) => {
    const bin = options.bin ?? path.join(ROOT, 'bin/tlab.mjs');
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.timeoutMs ? { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const } : {}),
      ...options.user,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** True when stderr is exactly one `tlab:` line with no stack frames. */
export function isOneLineError(stderr: string): boolean {
  const lines = stderr.trim().split('\n');
  return lines.length === 1 && lines[0].startsWith('tlab: ') && !/\n\s+at /.test(stderr);
}
