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

/** Splits NUL-terminated `-z` output into raw path byte strings. */
function splitZ(out: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = out.indexOf(0, start); i !== -1; i = out.indexOf(0, start)) {
    if (i > start) parts.push(out.subarray(start, i));
    start = i + 1;
  }
  if (start < out.length) parts.push(out.subarray(start));
  return parts;
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
  const gone = new Set(
    deleted.code === 0 ? splitZ(deleted.stdout).map((b) => b.toString('latin1')) : [],
  );
  const rootBytes = Buffer.from(root);
  const seen = new Set<string>();
  const entries: ListedEntry[] = [];
  for (const rel of splitZ(listed.stdout)) {
    const key = rel.toString('latin1'); // lossless, for de-duplication (unmerged paths repeat)
    if (gone.has(key) || seen.has(key)) continue;
    seen.add(key);
    entries.push({ path: displayPath(rel), abs: joinBytes(rootBytes, rel) });
  }
  return { ok: true, entries };
}
