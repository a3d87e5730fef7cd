/**
 * Which files changed, through git: between a commit and the working tree (committed, staged and
 * unstaged changes, plus untracked files that are not ignored). Paths are relative to the scanned
 * root, `/`-separated, exactly as the lister shows them (`git -z` output, never quoted), so they
 * can restrict what discover reads. Renames count as a deletion plus an addition (`--no-renames`).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../options.js';
import { listWithGit } from './git.js';
import { displayPath } from './paths.js';
import { isCandidateName } from './prefilter.js';

const MAX_BUFFER = 512 * 1024 * 1024;
const SYMLINK_MODE = '120000';

/** One path in `git diff --raw` between a commit and the working tree. */
export interface ChangedEntry {
  /** Relative to the scanned root, `/` separators. */
  path: string;
  /** `A` added, `D` deleted, `M` modified, `T` type changed, `U` unmerged. */
  status: string;
  /** File mode in the commit (`000000` when absent there). */
  baseMode: string;
  /** File mode in the working tree side (`000000` when deleted). */
  headMode: string;
}

export interface WorktreeChanges {
  /** Tracked paths whose commit and working-tree versions differ. */
  entries: ChangedEntry[];
  /** Untracked files that are not ignored (absent from the commit). */
  untracked: string[];
}

export class GitCommandError extends Error {
  override name = 'GitCommandError';
  /** git's first non-empty stderr line ('' when it printed nothing, e.g. merge-base exit 1). */
  constructor(
    readonly stderrLine: string,
    fallback: string,
  ) {
    super(stderrLine || fallback);
  }
}

/** Runs git in `cwd` (the scanned root decides the repository, not GIT_DIR & co.); raw stdout. */
function git(cwd: string, args: string[]): Promise<Buffer> {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0' };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR']) {
    delete env[name];
  }
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-c', 'core.fsmonitor=false', ...args],
      { cwd, env, encoding: 'buffer', maxBuffer: MAX_BUFFER, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const first = stderr
          .toString('utf8')
          .split('\n')
          .find((l) => l.trim() !== '');
        reject(new GitCommandError((first ?? '').trim(), `git ${args[0]} failed`));
      },
    );
  });
}

/** NUL-separated fields of `-z` output. */
function fields(out: Buffer): string[] {
  const text = out.toString('utf8');
  const parts = text.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/**
 * Parses `git diff --raw -z` output: `:srcmode dstmode srcsha dstsha status\0path\0` per entry
 * (one path each with `--no-renames`).
 */
export function parseRawDiff(out: Buffer): ChangedEntry[] {
  const parts = fields(out);
  const entries: ChangedEntry[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const meta = parts[i].replace(/^:/, '').split(' ');
    const status = (meta[4] ?? '').charAt(0);
    entries.push({
      path: displayPath(parts[i + 1]),
      status,
      baseMode: meta[0] ?? '',
      headMode: meta[1] ?? '',
    });
  }
  return entries;
}

/**
 * Differences between `commit` and the working tree under `root` (paths relative to `root`),
 * plus the untracked files there. `commit` must be a full SHA or a ref git can resolve.
 */
export async function worktreeChanges(root: string, commit: string): Promise<WorktreeChanges> {
  const [diff, others] = await Promise.all([
    git(root, [
      'diff',
      '--raw',
      '-z',
      '--no-renames',
      '--no-ext-diff',
      '--ignore-submodules=none',
      '--relative',
      commit,
      '--',
    ]),
    git(root, ['ls-files', '-z', '--others', '--exclude-standard']),
  ]);
  return { entries: parseRawDiff(diff), untracked: fields(others).map((p) => displayPath(p)) };
}

/** True for a path the base-scan shortcut cannot treat as a plain file (a symlink on either side). */
export function involvesSymlink(entry: ChangedEntry): boolean {
  return entry.baseMode === SYMLINK_MODE || entry.headMode === SYMLINK_MODE;
}

/** Tracked symlinks under `root` (their target may change while the link itself does not). */
export async function trackedSymlinks(root: string): Promise<string[]> {
  const out = fields(await git(root, ['ls-files', '-z', '--stage']));
  // `mode sha stage\tpath`
  return out
    .filter((line) => line.startsWith(`${SYMLINK_MODE} `))
    .map((line) => displayPath(line.slice(line.indexOf('\t') + 1)));
}

/** Tracked files under `root`, relative to it. */
export async function trackedFiles(root: string): Promise<string[]> {
  return fields(await git(root, ['ls-files', '-z', '--cached'])).map((p) => displayPath(p));
}

/** The files `--changed-since REF` scans. */
export interface ChangedSince {
  /** The ref as given. */
  ref: string;
  /** The merge base of `ref` and HEAD: the commit the working tree is compared with. */
  commit: string;
  /** Paths that exist in the working tree and differ from `commit` (or are untracked). */
  paths: Set<string>;
}

/**
 * `--changed-since REF`: the files under `root` that differ between the merge base of REF and
 * HEAD and the working tree (like `git diff REF...HEAD`, plus uncommitted and untracked changes).
 * Deleted files are left out. Throws a UsageError outside a git work tree, for an unknown REF,
 * and when REF and HEAD have no common ancestor.
 */
export async function changedSince(root: string, ref: string): Promise<ChangedSince> {
  if (ref.startsWith('-')) throw new UsageError(`invalid --changed-since value '${ref}'`);
  try {
    await git(root, ['rev-parse', '--show-toplevel']);
  } catch (error) {
    throw new UsageError(
      `--changed-since needs a git work tree, and ${root} is not in one (${(error as Error).message})`,
    );
  }
  let commit: string;
  try {
    commit = (await git(root, ['merge-base', ref, 'HEAD'])).toString('utf8').trim();
  } catch (error) {
    const line = error instanceof GitCommandError ? error.stderrLine : String(error);
    throw new UsageError(
      line === ''
        ? `--changed-since ${ref}: no common ancestor with HEAD`
        : `--changed-since ${ref}: ${line}`,
    );
  }
  if (commit === '') throw new UsageError(`--changed-since ${ref}: no common ancestor with HEAD`);
  const changes = await worktreeChanges(root, commit);
  const paths = new Set<string>(changes.untracked);
  for (const e of changes.entries) if (e.status !== 'D') paths.add(e.path);
  return { ref, commit, paths };
}

/** How a pull request's base commit can be scanned without reading every file again. */
export interface BaseScanPlan {
  /**
   * Paths under the root (relative to it) whose base and head versions may differ: the base scan
   * reads only these. Every other file the head scan read is identical in the base commit, so its
   * findings there are the head's.
   */
  changed: Set<string>;
  /** The paths of `changed` that exist in the base commit and may be read: the only ones to check out. */
  present: string[];
}

/**
 * Plans the base scan of a comparison, or returns undefined when only a full base scan gives the
 * same answer: git does not list the root (the head scan walked the directory), a candidate file
 * is a symlink (its target may change while the link does not), a changed name is not valid
 * UTF-8, or one of `carried` (the baseline file, which both sides must read alike) changed or
 * exists without being tracked. The tracked ones are checked out too. `commit` must be in the
 * clone.
 */
export async function planBaseScan(
  root: string,
  commit: string,
  carried: readonly string[] = [],
): Promise<BaseScanPlan | undefined> {
  const [listing, changes, symlinks] = await Promise.all([
    listWithGit(root),
    worktreeChanges(root, commit),
    trackedSymlinks(root),
  ]);
  if (!listing.ok || listing.entries.length === 0) return undefined;
  if (symlinks.some((p) => isCandidateName(p))) return undefined;
  const changed = new Set<string>(changes.untracked);
  const present: string[] = [];
  for (const e of changes.entries) {
    if (involvesSymlink(e) && isCandidateName(e.path)) return undefined;
    changed.add(e.path);
    // Only candidate names are ever read, so only they need checking out.
    if (!/^0+$/.test(e.baseMode) && isCandidateName(e.path)) present.push(e.path);
  }
  for (const p of changed) if (p.includes('\uFFFD')) return undefined;
  const listed = new Set(listing.entries.map((e) => e.path));
  for (const p of carried) {
    if (changed.has(p)) return undefined;
    if (listed.has(p)) present.push(p);
    else if (existsSync(join(root, p))) return undefined;
  }
  return { changed, present };
}
