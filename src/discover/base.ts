/**
 * A read-only checkout of another commit (the pull request's base) in a temporary git worktree,
 * so the base can be scanned without a second checkout from the user. Fetches the commit when the
 * clone is shallow (actions/checkout's default fetch-depth: 1). A pull request's base scan checks
 * out only the paths the pull request changed (see `planBaseScan`).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LITERAL_PATHSPECS = { GIT_LITERAL_PATHSPECS: '1' };

function git(cwd: string, args: string[], extraEnv: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-c', 'core.fsmonitor=false', ...args],
      {
        cwd,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...extraEnv },
      },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`git ${args[0]}: ${(stderr || error.message).trim().split('\n')[0]}`));
        else resolve(stdout);
      },
    );
  });
}

async function hasCommit(cwd: string, ref: string): Promise<boolean> {
  try {
    await git(cwd, ['cat-file', '-e', `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes sure the commit `ref` is in the clone (one shallow fetch from `origin` when it is not)
 * and returns its full SHA. Throws a clear error when it cannot be had.
 */
export async function ensureCommit(root: string, ref: string): Promise<string> {
  const top = (await git(root, ['rev-parse', '--show-toplevel'])).trim();
  if (!(await hasCommit(top, ref))) {
    try {
      await git(top, ['fetch', '--no-tags', '--no-recurse-submodules', '--depth=1', 'origin', ref]);
    } catch (error) {
      throw new Error(
        `cannot scan the base commit ${ref}: it is not in the clone and fetching it failed (${(error as Error).message}); use actions/checkout with fetch-depth: 0, or give the runner read access to the repository`,
      );
    }
    if (!(await hasCommit(top, ref)) && !(await hasCommit(top, 'FETCH_HEAD'))) {
      throw new Error(`cannot scan the base commit ${ref}: not found after fetching it`);
    }
  }
  const sha = (await hasCommit(top, ref)) ? ref : 'FETCH_HEAD';
  return (await git(top, ['rev-parse', '--verify', `${sha}^{commit}`])).trim();
}

export interface CheckoutOptions {
  /**
   * Check out only these paths (relative to `root`, `/` separators, each present in the commit)
   * instead of the whole tree: the base scan of a pull request needs only the files it changed.
   */
  paths?: readonly string[];
}

/**
 * Runs `fn` with the directory that corresponds to `root` inside a worktree of `ref` (the whole
 * tree, or only `options.paths`). Throws a clear error when the commit cannot be had (no such
 * ref, fetch refused).
 */
export async function withCheckout<T>(
  root: string,
  ref: string,
  fn: (dir: string) => Promise<T>,
  options: CheckoutOptions = {},
): Promise<T> {
  const top = (await git(root, ['rev-parse', '--show-toplevel'])).trim();
  const prefix = (await git(root, ['rev-parse', '--show-prefix'])).trim();
  const sha = await ensureCommit(root, ref);
  const dir = await mkdtemp(join(tmpdir(), 'smtp-preflight-base-'));
  const tree = join(dir, 'tree');
  try {
    if (options.paths === undefined) {
      await git(top, ['worktree', 'add', '--detach', '--quiet', tree, sha]);
    } else {
      await git(top, ['worktree', 'add', '--detach', '--quiet', '--no-checkout', tree, sha]);
      if (options.paths.length > 0) {
        // Literal pathspecs (a name may contain `*` or `:`), NUL-separated from a file (no argv limit).
        const list = join(dir, 'paths');
        await writeFile(list, options.paths.map((p) => `${prefix}${p}\0`).join(''));
        await git(
          tree,
          ['checkout', sha, '--pathspec-from-file', list, '--pathspec-file-nul'],
          LITERAL_PATHSPECS,
        );
      }
    }
    return await fn(join(tree, prefix));
  } finally {
    await git(top, ['worktree', 'remove', '--force', tree]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    await git(top, ['worktree', 'prune']).catch(() => undefined);
  }
}

/** The full SHA of a ref. */
export async function resolveCommit(root: string, ref: string): Promise<string> {
  return (await git(root, ['rev-parse', '--verify', `${ref}^{commit}`])).trim();
}
