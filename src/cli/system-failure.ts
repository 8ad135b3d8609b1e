/**
 * @module Operating-system and SQLite failures as one line naming the cause and the fix. Node's
 * errno errors (`EACCES: permission denied, scandir '/x'`) and better-sqlite3's codes
 * (`SQLITE_CORRUPT`, `SQLITE_READONLY`) reach the CLI from many places; reading them here, once,
 * keeps every command's messages the same and spares the data layer from knowing about the CLI.
 */
import path from 'node:path';
import { TlabError } from '../core/errors.ts';

/** What the failing command was working on, for messages that would otherwise name no file. */
export interface FailureContext {
  /** The candle cache the command opened (absolute path), when it has one. */
  cacheFile?: string;
}

interface ErrnoLike {
  code?: unknown;
  syscall?: unknown;
  path?: unknown;
  message?: unknown;
}

const VERB: Record<string, string> = {
  scandir: 'list the folder',
  opendir: 'list the folder',
  mkdir: 'create the folder',
  open: 'open',
  read: 'read',
  write: 'write',
  unlink: 'remove',
  rename: 'rename',
  rmdir: 'remove the folder',
  stat: 'look at',
  lstat: 'look at',
  access: 'look at',
  copyfile: 'copy',
};

/** The first part of `file` that exists and is not a folder (for ENOTDIR and EEXIST on mkdir). */
function blockingFile(file: string, isFile: (p: string) => boolean): string {
  let p = path.dirname(file);
  const parts: string[] = [];
  while (p !== path.dirname(p)) {
    parts.unshift(p);
    p = path.dirname(p);
  }
  return parts.find(isFile) ?? path.dirname(file);
}

function errnoFailure(e: ErrnoLike, isFile: (p: string) => boolean): TlabError | undefined {
  const code = String(e.code);
  const where = typeof e.path === 'string' ? e.path : undefined;
  if (!where) return undefined;
  const verb = VERB[String(e.syscall)] ?? 'use';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      if (/^(l?stat|access)$/.test(String(e.syscall)))
        return new TlabError(
          `permission denied: cannot reach ${where}: a folder on its path does not let this user in`,
          `give this user access to the folders above it (ls -ld ${path.dirname(where)}), or use another path`,
        );
      return new TlabError(
        `permission denied: cannot ${verb} ${where}`,
        `give this user access to it (ls -ld ${path.dirname(where)} ${where}), or use another path`,
      );
    case 'ENOTDIR':
      return new TlabError(
        `${blockingFile(where, isFile)} is a file, not a folder (in ${where})`,
        'fix the path, or move that file out of the way',
      );
    case 'EEXIST':
      if (e.syscall !== 'mkdir') return undefined;
      return new TlabError(
        `cannot ${verb} ${where}: ${isFile(where) ? `${where} is a file` : `${blockingFile(where, isFile)} is a file`}`,
        'fix the path, or move that file out of the way',
      );
    case 'EISDIR':
      return new TlabError(`${where} is a folder, not a file`, 'name a file inside it instead');
    case 'ENOENT':
      return new TlabError(`no such file or folder: ${where}`, 'check the path');
    case 'EROFS':
      return new TlabError(
        `cannot ${verb} ${where}: the file system is read-only`,
        'use a path on a writable file system',
      );
    case 'ENOSPC':
      return new TlabError(
        `cannot ${verb} ${where}: no space left on the device`,
        'free some disk space, or use a path on another device',
      );
    default:
      return undefined;
  }
}

function sqliteFailure(code: string, message: string, file: string): TlabError | undefined {
  const cache = `the candle cache ${file}`;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return new TlabError(
      `${cache} is damaged (${message})`,
      path.basename(file) === 'demo.sqlite'
        ? 'delete it and rerun tlab demo, which rebuilds it (or point --db at a new file)'
        : 'move it aside and refill a new cache with tlab download / tlab data import (or point --db at a new file)',
    );
  if (code.startsWith('SQLITE_READONLY'))
    return new TlabError(
      `${cache} is read-only (${message})`,
      'make the file and its folder writable for this user, or point --db at a writable copy',
    );
  if (code.startsWith('SQLITE_CANTOPEN'))
    return new TlabError(
      `cannot open ${cache} (${message})`,
      'check that its folder exists and this user may write there, or point --db elsewhere',
    );
  if (code === 'SQLITE_FULL')
    return new TlabError(`${cache} cannot grow: the disk is full`, 'free some disk space');
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new TlabError(
      `${cache} is locked by another process (${message})`,
      'wait for the other tlab command to finish, or point --db at another file',
    );
  if (code.startsWith('SQLITE_IOERR'))
    return new TlabError(
      `cannot read or write ${cache} (${message})`,
      'check the disk and the file system it is on',
    );
  return undefined;
}

/**
 * A TlabError naming the cause and the fix for an operating-system or SQLite failure, or
 * undefined when `err` is neither (the caller then reports it as unexpected).
 */
export function describeSystemFailure(
  err: unknown,
  context: FailureContext,
  isFile: (p: string) => boolean,
): TlabError | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as ErrnoLike;
  if (typeof e.code !== 'string') return undefined;
  const message = String(e.message ?? e.code).split('\n')[0];
  const found = e.code.startsWith('SQLITE_')
    ? sqliteFailure(e.code, message, context.cacheFile ?? '(--db / TLAB_DB)')
    : errnoFailure(e, isFile);
  if (found) Object.defineProperty(found, 'cause', { value: err });
  return found;
}
