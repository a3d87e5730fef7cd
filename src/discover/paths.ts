/**
 * Path helpers that work on raw bytes: file names on POSIX are bytes, not text, and a name that is
 * not valid UTF-8 must still be openable (and must never crash the scan).
 */
import path from 'node:path';

const SEP = Buffer.from(path.sep);

/** `dir` + separator + `name`, as bytes. */
export function joinBytes(dir: Buffer, name: Buffer): Buffer {
  if (dir.length > 0 && dir[dir.length - 1] === SEP[0]) return Buffer.concat([dir, name]);
  return Buffer.concat([dir, SEP, name]);
}

/** True when `inner` is `outer` itself or lies below it (both real paths, as bytes). */
export function isInside(outer: Buffer, inner: Buffer): boolean {
  if (inner.equals(outer)) return true;
  if (inner.length <= outer.length) return false;
  if (!inner.subarray(0, outer.length).equals(outer)) return false;
  // `outer` may already end with a separator (the filesystem root).
  return outer[outer.length - 1] === SEP[0] || inner[outer.length] === SEP[0];
}

/** A relative path for reports: `/` separators, undecodable bytes shown as U+FFFD. */
export function displayPath(rel: Buffer | string): string {
  const text = typeof rel === 'string' ? rel : rel.toString('utf8');
  return path.sep === '\\' ? text.replace(/\\/g, '/') : text;
}
