/**
 * Discover, the first pipeline stage: which files to read. List the tree (git's view, or a
 * `.gitignore`-aware walk), keep the names worth reading, read them safely, and keep the texts that
 * mention SMTP or mail. Never throws for a bad tree member; only for a root that is not a directory.
 */
import { promises as fs } from 'node:fs';
import { listFiles } from './list.js';
import { isCandidateName, mentionsMail } from './prefilter.js';
import { readCandidate, readContext } from './read.js';
import type { Diagnostic } from './types.js';

export { isCandidateName } from './prefilter.js';

export interface DiscoveredFile {
  /** Relative to root, `/` separators. */
  path: string;
  text: string;
}

export interface DiscoverResult {
  /** Candidate files, read and decoded, sorted by path. */
  files: DiscoveredFile[];
  diagnostics: Diagnostic[];
  /** Files listed before the prefilter. */
  listed: number;
  /** Files skipped (too large, binary, bad encoding, unreadable, vanished, outside the tree). */
  skipped: number;
}

export interface DiscoverOptions {
  /** Files larger than this are skipped with a warning. Default 1 MiB. */
  maxFileBytes?: number;
  /**
   * Read only these paths (relative to root, `/` separators, as listed): changed-files mode. Other
   * files are not listed, read or counted.
   */
  only?: ReadonlySet<string>;
  /** Called after each candidate file is read, with the count so far and the total to read. */
  onProgress?: (read: number, total: number) => void;
}

/** @internal Test seams. */
export interface DiscoverHooks {
  /** Called for each name-prefiltered file just before it is read. */
  beforeRead?: (path: string) => void | Promise<void>;
}

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function checkRoot(root: string): Promise<Buffer> {
  let stat;
  try {
    stat = await fs.stat(root);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new Error(`path not found: ${root}`);
    throw new Error(`cannot scan ${root}: ${(error as Error).message}`);
  }
  if (!stat.isDirectory()) throw new Error(`not a directory: ${root}`);
  return fs.realpath(root, { encoding: 'buffer' });
}

export async function discover(
  root: string,
  options: DiscoverOptions = {},
  hooks: DiscoverHooks = {},
): Promise<DiscoverResult> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const rootReal = await checkRoot(root);

  const listing = await listFiles(root);
  const only = options.only;
  const listed = only ? listing.entries.filter((e) => only.has(e.path)) : listing.entries;
  const candidates = listed
    .filter((e) => isCandidateName(e.path))
    .sort((a, b) => byPath(a.path, b.path));

  // One loop, synchronous reads (see readCandidate): no promise per file unless a test hook asks.
  const ctx = readContext(rootReal, maxFileBytes);
  const files: DiscoveredFile[] = [];
  const diagnostics: Diagnostic[] = [...listing.diagnostics];
  let skipped = 0;
  for (const [i, entry] of candidates.entries()) {
    if (hooks.beforeRead) await hooks.beforeRead(entry.path);
    const outcome = readCandidate(entry, ctx);
    if (outcome.kind === 'skipped') {
      skipped++;
      diagnostics.push(outcome.diagnostic);
    } else if (outcome.kind === 'text' && mentionsMail(outcome.text)) {
      // A text that does not mention mail is dropped at once: holding every candidate's text
      // until the end would make memory grow with the tree.
      files.push({ path: entry.path, text: outcome.text });
    }
    options.onProgress?.(i + 1, candidates.length);
  }

  return { files, diagnostics, listed: listed.length, skipped };
}
