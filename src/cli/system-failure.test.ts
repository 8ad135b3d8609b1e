/**
 * @module The cause-and-fix lines for operating-system and SQLite failures, from the error shapes
 * Node and better-sqlite3 produce (the CLI tests produce the common ones for real; these cover the
 * ones a test machine cannot easily cause: a read-only file system, a full disk, a locked cache).
 */
import { describe, expect, it } from 'vitest';
import { describeSystemFailure } from './system-failure.ts';

const errno = (code: string, syscall: string, path: string) =>
  Object.assign(new Error(`${code}: ..., ${syscall} '${path}'`), { code, syscall, path });
const sqlite = (code: string, message: string) => Object.assign(new Error(message), { code });
const line = (err: unknown, cacheFile?: string, files: string[] = []) =>
  describeSystemFailure(err, { cacheFile }, (p) => files.includes(p))?.oneLine();

describe('describeSystemFailure', () => {
  it('names permission problems by what could not be done', () => {
    expect(line(errno('EACCES', 'scandir', '/a/b'))).toMatch(
      /^permission denied: cannot list the folder \/a\/b: give this user access/,
    );
    expect(line(errno('EACCES', 'mkdir', '/a/b'))).toMatch(/cannot create the folder \/a\/b/);
    expect(line(errno('EACCES', 'stat', '/a/b/c.zip'))).toMatch(
      /cannot reach \/a\/b\/c\.zip: a folder on its path/,
    );
  });

  it('names the file that sits where a folder should be', () => {
    expect(line(errno('ENOTDIR', 'stat', '/a/f/x.zip'), undefined, ['/a/f'])).toMatch(
      /^\/a\/f is a file, not a folder \(in \/a\/f\/x\.zip\)/,
    );
    expect(line(errno('EEXIST', 'mkdir', '/a/f'), undefined, ['/a/f'])).toMatch(
      /cannot create the folder \/a\/f: \/a\/f is a file/,
    );
  });

  it('names read-only file systems and full disks', () => {
    expect(line(errno('EROFS', 'open', '/ro/x'))).toMatch(/the file system is read-only/);
    expect(line(errno('ENOSPC', 'write', '/x'))).toMatch(/no space left on the device/);
  });

  it('names the cache for SQLite failures, with the fix', () => {
    const corrupt = sqlite('SQLITE_CORRUPT', 'database disk image is malformed');
    expect(line(corrupt, '/d/c.sqlite')).toMatch(
      /^the candle cache \/d\/c\.sqlite is damaged \(database disk image is malformed\): move it aside/,
    );
    expect(line(corrupt, '/d/demo.sqlite')).toMatch(/rerun tlab demo/);
    expect(line(sqlite('SQLITE_READONLY', 'attempt to write a readonly database'), '/c')).toMatch(
      /is read-only .*writable/,
    );
    expect(line(sqlite('SQLITE_BUSY', 'database is locked'), '/c')).toMatch(
      /locked by another process/,
    );
  });

  it('leaves other errors alone', () => {
    expect(line(new Error('plain'))).toBeUndefined();
    expect(line(sqlite('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed'), '/c')).toBe(
      undefined,
    );
    expect(line(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBeUndefined();
  });
});
