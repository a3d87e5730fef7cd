/**
 * Listing through git: tracked files plus untracked files that are not ignored, exactly what
 * `git ls-files -z --cached --others --exclude-standard` prints when run inside `root`.
 */
import { execFile } from 'node:child_process';
import { joinBytes, displayPath } from './paths.js';
import type { ListedEntry } from './types.js';

/** Enough for well over 100k paths. */
const MAX_BUFFER = 512 * 1024 * 1024;

export type GitListing =
  | { ok: true; entries: ListedEntry[] }
  /** `reason` is set when git exists and the tree looks like a repository but listing failed. */
  | { ok: false; reason?: string };

interface GitRun {
  code: number | string | null;
  stdout: Buffer;
  stderr: string;
}

function git(root: string, args: string[]): Promise<GitRun> {
  // The scanned root decides the repository, not the caller's environment.
  const env = { ...process.env };
  for (const name of [
    'GIT_DIR',
    'GIT_WORK_TREE',
    'GIT_INDEX_FILE',
    'GIT_OBJECT_DIRECTORY',
    'GIT_COMMON_DIR',
  ]) {
    delete env[name];
  }
  return new Promise((resolve) => {
    execFile(
      'git',
      // No fsmonitor: a repository's own config must not make us run its hook.
      ['-c', 'core.fsmonitor=false', ...args],
      { cwd: root, env, encoding: 'buffer', maxBuffer: MAX_BUFFER, windowsHide: true },
      (error, stdout, stderr) => {
        const code = error ? ((error as NodeJS.ErrnoException).code ?? 1) : 0;
        resolve({ code, stdout, stderr: stderr.toString('utf8') });
      },
    );
  });
}

/**
 * The raw path byte strings in NUL-terminated `-z` output, as latin1 strings (one character per
 * byte: lossless, and far lighter than a Buffer per path on a tree of 100k files).
 */
function splitZ(out: Buffer): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = out.indexOf(0, start); i !== -1; i = out.indexOf(0, start)) {
    if (i > start) parts.push(out.toString('latin1', start, i));
    start = i + 1;
  }
  if (start < out.length) parts.push(out.toString('latin1', start));
  return parts;
}

const NON_ASCII = /[\x80-\xff]/;

/** A listed file. Its absolute path is built when it is read: most listed files never are. */
class GitEntry implements ListedEntry {
  readonly path: string;
  constructor(
    /** The path's raw bytes as a latin1 string. */
    private readonly raw: string,
    private readonly root: Buffer,
  ) {
    // An ASCII name reads the same in latin1 and UTF-8: no second string.
    this.path = displayPath(NON_ASCII.test(raw) ? Buffer.from(raw, 'latin1') : raw);
  }

  get abs(): Buffer {
    return joinBytes(this.root, Buffer.from(this.raw, 'latin1'));
  }
}

export async function listWithGit(root: string): Promise<GitListing> {
  const [listed, deleted] = await Promise.all([
    git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']),
    git(root, ['ls-files', '-z', '--deleted']),
  ]);
  if (listed.code !== 0) {
    // git missing, or not a work tree: the caller walks the directory instead.
    if (
      listed.code === 'ENOENT' ||
      /not a git repository|must be run in a work tree/i.test(listed.stderr)
    ) {
      return { ok: false };
    }
    const first =
      listed.stderr.split('\n').find((l) => l.trim() !== '') ?? `exit ${String(listed.code)}`;
    return { ok: false, reason: first.trim() };
  }
  // Tracked files deleted from the work tree are not there to read: drop them silently.
  const gone = new Set(deleted.code === 0 ? splitZ(deleted.stdout) : []);
  const rootBytes = Buffer.from(root);
  const seen = new Set<string>();
  const entries: ListedEntry[] = [];
  for (const raw of splitZ(listed.stdout)) {
    // De-duplicate on the raw bytes: unmerged paths repeat.
    if (gone.has(raw) || seen.has(raw)) continue;
    seen.add(raw);
    entries.push(new GitEntry(raw, rootBytes));
  }
  return { ok: true, entries };
}
