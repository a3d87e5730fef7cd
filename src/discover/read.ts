/**
 * Safe reading of one listed file: never outside the scanned tree, never a FIFO or a device, never
 * more than the size limit, and never a throw — every problem becomes a diagnostic.
 */
// `fs.openSync` and friends through the module object, so tests can spy on them.
import fs, { constants, type Stats } from 'node:fs';
import { decode } from './decode.js';
import { isInside } from './paths.js';
import type { Diagnostic, ListedEntry } from './types.js';

export type ReadOutcome =
  | { kind: 'text'; text: string }
  /** Not read, with the reason; counted in `skipped`. */
  | { kind: 'skipped'; diagnostic: Diagnostic }
  /** A directory (a directory symlink, a submodule): silently not a candidate. */
  | { kind: 'not-a-file' };

export interface ReadContext {
  /** realpath of the scanned root, as bytes. */
  rootReal: Buffer;
  maxFileBytes: number;
  /**
   * Real paths of the directories of the last file read. Files read in path order share their
   * directories, so each directory is resolved once; the cache holds one directory chain, never
   * the whole tree. None on Windows (see `readContext`).
   */
  dirs: DirCache | undefined;
  /** Where files are read to before they are decoded. */
  buffer: ReadBuffer;
}

/** The directories of the last file read, each the parent of the next, with their real paths. */
export interface DirCache {
  chain: { dir: string; real: string }[];
}

/**
 * The context for the reads of one scan. No directory cache on Windows (drive-relative `C:` paths,
 * two separators): there every file is resolved on its own.
 */
export function readContext(rootReal: Buffer, maxFileBytes: number): ReadContext {
  const dirs = process.platform === 'win32' ? undefined : { chain: [] };
  return { rootReal, maxFileBytes, dirs, buffer: { bytes: Buffer.alloc(0) } };
}

const CHUNK = 64 * 1024;
const SEP = '/';
// Opening a FIFO for reading would block until a writer appears; O_NONBLOCK makes it return at once.
// O_NOFOLLOW: the path opened is already resolved, so a symlink there now was swapped in since.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** `52.4 MiB`, `1 MiB`, `300 B`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1).replace(/\.0$/, '')} ${units[unit]}`;
}

function skipped(file: string, level: Diagnostic['level'], message: string): ReadOutcome {
  return { kind: 'skipped', diagnostic: { level, file, message: `skipped: ${message}` } };
}

function outside(file: string): ReadOutcome {
  return skipped(file, 'info', 'symlink points outside the scanned directory');
}

/** The diagnostic for an fs error while reaching or reading a file. */
export function errorOutcome(file: string, error: unknown, wasSymlink = false): ReadOutcome {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return wasSymlink
        ? skipped(file, 'info', 'broken symlink')
        : skipped(file, 'info', 'the file disappeared before it could be read');
    case 'EACCES':
    case 'EPERM':
      return skipped(file, 'warning', 'permission denied');
    case 'ELOOP':
      return skipped(file, 'info', 'symlink loop');
    case 'ENOTDIR':
      return skipped(file, 'info', 'the file disappeared before it could be read');
    default:
      return skipped(file, 'warning', `could not be read (${code ?? String(error)})`);
  }
}

/**
 * What to do with something that is not a regular file: a directory is silently not a candidate;
 * a FIFO, socket or device under a config file's name (a tracked file replaced by one, a symlink
 * to one) is reported, never opened for reading.
 */
function notRegular(file: string, stat: Stats): ReadOutcome {
  if (stat.isDirectory()) return { kind: 'not-a-file' };
  const what = stat.isFIFO()
    ? 'a FIFO'
    : stat.isSocket()
      ? 'a socket'
      : stat.isCharacterDevice() || stat.isBlockDevice()
        ? 'a device'
        : 'a special file';
  return skipped(file, 'info', `not a regular file (${what}), nothing to read`);
}

function tooLarge(file: string, size: number, max: number): ReadOutcome {
  return skipped(
    file,
    'warning',
    `${formatBytes(size)} is over the ${formatBytes(max)} limit (--max-file-size)`,
  );
}

/** True when directory `dir` is `outer` or lies below it (both latin1 path strings). */
function isDirAtOrBelow(outer: string, dir: string): boolean {
  return (
    dir === outer ||
    (dir.startsWith(outer) && (outer.endsWith(SEP) || dir.charAt(outer.length) === SEP))
  );
}

/**
 * The real path of directory `dir` (a latin1 string: one character per byte, lossless for any
 * name). A directory that is not a symlink is its parent's real path plus its name, so a run of
 * files costs one `lstat` per new directory instead of a `realpath` per file. Anything else (a
 * symlink, a first component, `.` or `..`) is resolved in full.
 */
function realDir(dir: string, cache: DirCache): string {
  const chain = cache.chain;
  while (chain.length > 0 && !isDirAtOrBelow(chain[chain.length - 1].dir, dir)) chain.pop();
  const top = chain[chain.length - 1];
  if (top?.dir === dir) return top.real;
  const slash = dir.lastIndexOf(SEP);
  const name = dir.slice(slash + 1);
  const real =
    slash > 0 &&
    name !== '' &&
    name !== '.' &&
    name !== '..' &&
    !fs.lstatSync(Buffer.from(dir, 'latin1')).isSymbolicLink()
      ? joinLatin1(realDir(dir.slice(0, slash), cache), name)
      : fs.realpathSync
          .native(Buffer.from(dir, 'latin1'), { encoding: 'buffer' })
          .toString('latin1');
  chain.push({ dir, real });
  return real;
}

function joinLatin1(dir: string, name: string): string {
  return dir.endsWith(SEP) ? dir + name : dir + SEP + name;
}

/**
 * The real path of `abs`, which `lstat` found is not a symlink itself: its directory's real path
 * plus its name. A symlink in any parent directory is resolved there, so a path that reaches outside
 * the tree through one is still caught.
 */
function realOfNonLink(abs: Buffer, cache: DirCache | undefined): Buffer {
  const path = abs.toString('latin1');
  const slash = path.lastIndexOf(SEP);
  if (!cache || slash <= 0) return fs.realpathSync.native(abs, { encoding: 'buffer' });
  return Buffer.from(
    joinLatin1(realDir(path.slice(0, slash), cache), path.slice(slash + 1)),
    'latin1',
  );
}

/**
 * One buffer that every read of a scan reuses: a file's bytes live only until they are decoded into
 * a string, and a fresh allocation per file would leave the process's memory fragmented by tens of
 * thousands of short-lived buffers of every size.
 */
export interface ReadBuffer {
  bytes: Buffer;
}

/**
 * `buffer.bytes`, grown to at least `size` bytes (doubling, but never past `limit`) with its first
 * `keep` bytes kept.
 */
function ensure(buffer: ReadBuffer, size: number, keep: number, limit: number): Buffer {
  if (buffer.bytes.length >= size) return buffer.bytes;
  let length = Math.max(buffer.bytes.length, CHUNK);
  while (length < size) length *= 2;
  const grown = Buffer.allocUnsafeSlow(Math.max(size, Math.min(length, limit)));
  buffer.bytes.copy(grown, 0, 0, keep);
  buffer.bytes = grown;
  return grown;
}

/**
 * Reads an open regular file to EOF, never past the limit (it may have grown since the stat), into
 * `buffer`: the bytes returned are valid until the next read.
 */
function readOpenFile(
  fd: number,
  file: string,
  size: number,
  max: number,
  buffer: ReadBuffer,
): Buffer | ReadOutcome {
  let total = 0;
  for (let first = true; ; first = false) {
    // First read: the whole file plus one byte to see EOF; later reads only if it grew.
    const end = Math.min(total + (first ? size + 1 : CHUNK), max + 1);
    const bytes = ensure(buffer, end, total, max + 1);
    const bytesRead = fs.readSync(fd, bytes, total, end - total, null);
    if (bytesRead === 0) break;
    total += bytesRead;
    if (total > max) return tooLarge(file, total, max);
    // A regular file returns less than asked only at its end: no second call to see EOF.
    if (total < end) break;
  }
  return buffer.bytes.subarray(0, total);
}

/**
 * Reads one listed file. Synchronous on purpose: a scan reads tens of thousands of small files, and
 * six thread-pool round trips (and promises) per file cost three times the CPU of the reads
 * themselves. A FIFO is never opened (and `O_NONBLOCK` keeps a FIFO swapped in after the check from
 * blocking the open), so no call here can wait on anything but the disk.
 */
export function readCandidate(entry: ListedEntry, ctx: ReadContext): ReadOutcome {
  const file = entry.path;
  const abs = entry.abs; // may be built on demand (see git.ts): once
  let wasSymlink = false;
  let real: Buffer;
  try {
    const link = fs.lstatSync(abs);
    wasSymlink = link.isSymbolicLink();
    if (!wasSymlink && !link.isFile()) return notRegular(file, link);
    // Also catches a path that reaches outside through a symlinked parent directory.
    real = wasSymlink
      ? fs.realpathSync.native(abs, { encoding: 'buffer' })
      : realOfNonLink(abs, ctx.dirs);
    if (wasSymlink) {
      // A symlink to a directory is not descended, and not read (opening one fails on Windows).
      const target = fs.statSync(real);
      if (!target.isFile()) {
        if (!isInside(ctx.rootReal, real)) return outside(file);
        return notRegular(file, target);
      }
    }
  } catch (error) {
    return errorOutcome(file, error, wasSymlink);
  }
  if (!isInside(ctx.rootReal, real)) {
    return wasSymlink
      ? outside(file)
      : skipped(file, 'info', 'resolves outside the scanned directory');
  }

  let fd: number;
  try {
    fd = fs.openSync(real, OPEN_FLAGS);
  } catch (error) {
    return errorOutcome(file, error, wasSymlink);
  }
  let read: Buffer | ReadOutcome;
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return notRegular(file, stat);
    if (stat.size > ctx.maxFileBytes) return tooLarge(file, stat.size, ctx.maxFileBytes);
    read = readOpenFile(fd, file, stat.size, ctx.maxFileBytes, ctx.buffer);
  } catch (error) {
    return errorOutcome(file, error, wasSymlink);
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // Nothing to do: the file was read (or not) either way.
    }
  }
  if (!Buffer.isBuffer(read)) return read;

  const decoded = decode(read);
  if (!decoded.ok)
    return skipped(file, decoded.reason.startsWith('binary') ? 'info' : 'warning', decoded.reason);
  return { kind: 'text', text: decoded.text };
}
