/**
 * Safe reading of one listed file: never outside the scanned tree, never a FIFO or a device, never
 * more than the size limit, and never a throw — every problem becomes a diagnostic.
 */
import { constants, promises as fs } from 'node:fs';
import { decode } from './decode.js';
import { isInside } from './paths.js';
import type { Diagnostic, ListedEntry } from './types.js';

export type ReadOutcome =
  | { kind: 'text'; text: string }
  /** Not read, with the reason; counted in `skipped`. */
  | { kind: 'skipped'; diagnostic: Diagnostic }
  /** Not a regular file (a directory symlink, a submodule, a FIFO): silently not a candidate. */
  | { kind: 'not-a-file' };

export interface ReadContext {
  /** realpath of the scanned root, as bytes. */
  rootReal: Buffer;
  maxFileBytes: number;
}

const CHUNK = 64 * 1024;
// Opening a FIFO for reading would block until a writer appears; O_NONBLOCK makes it return at once.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

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

function tooLarge(file: string, size: number, max: number): ReadOutcome {
  return skipped(
    file,
    'warning',
    `${formatBytes(size)} is over the ${formatBytes(max)} limit (--max-file-size)`,
  );
}

export async function readCandidate(entry: ListedEntry, ctx: ReadContext): Promise<ReadOutcome> {
  const file = entry.path;
  let wasSymlink = false;
  let real: Buffer;
  try {
    const link = await fs.lstat(entry.abs);
    wasSymlink = link.isSymbolicLink();
    if (!wasSymlink && !link.isFile()) return { kind: 'not-a-file' };
    // Also catches a path that reaches outside through a symlinked parent directory.
    real = await fs.realpath(entry.abs, { encoding: 'buffer' });
    // A symlink to a directory is not descended, and not read (opening one fails on Windows).
    if (wasSymlink && !(await fs.stat(real)).isFile()) return { kind: 'not-a-file' };
  } catch (error) {
    return errorOutcome(file, error, wasSymlink);
  }
  if (!isInside(ctx.rootReal, real)) {
    return skipped(
      file,
      'info',
      wasSymlink
        ? 'symlink points outside the scanned directory'
        : 'resolves outside the scanned directory',
    );
  }

  let handle: fs.FileHandle;
  try {
    handle = await fs.open(real, OPEN_FLAGS);
  } catch (error) {
    return errorOutcome(file, error, wasSymlink);
  }
  let bytes: Buffer;
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { kind: 'not-a-file' };
    if (stat.size > ctx.maxFileBytes) return tooLarge(file, stat.size, ctx.maxFileBytes);
    // Read to EOF but never past the limit: the file may have grown since the stat.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // First read: the whole file plus one byte to see EOF; later reads only if it grew.
      const want = chunks.length === 0 ? stat.size + 1 : CHUNK;
      const chunk = Buffer.alloc(Math.min(want, ctx.maxFileBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > ctx.maxFileBytes) return tooLarge(file, total, ctx.maxFileBytes);
    }
    bytes = Buffer.concat(chunks, total);
  } catch (error) {
    return errorOutcome(file, error, wasSymlink);
  } finally {
    await handle.close().catch(() => undefined);
  }

  const decoded = decode(bytes);
  if (!decoded.ok)
    return skipped(file, decoded.reason.startsWith('binary') ? 'info' : 'warning', decoded.reason);
  return { kind: 'text', text: decoded.text };
}
