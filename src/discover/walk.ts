/**
 * Listing without git: walk the directory, honouring `.gitignore` files at every level and always
 * skipping `.git/` and `node_modules/`. Symlinks are listed (the reader decides whether they may be
 * read) but never descended, so a symlink loop cannot trap the walk.
 */
import { promises as fs } from 'node:fs';
import ignore, { type Ignore } from 'ignore';
import { joinBytes, displayPath } from './paths.js';
import { semaphore } from './pool.js';
import type { Diagnostic, ListedEntry } from './types.js';

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);
const MAX_GITIGNORE_BYTES = 1024 * 1024;

/** One `.gitignore`, with the directory (relative, `a/b/` or '') its patterns are relative to. */
interface Rules {
  base: string;
  ig: Ignore;
}

/** Git's rule: the deepest `.gitignore` with a matching pattern decides. */
export function isIgnored(stack: readonly Rules[], rel: string, isDir: boolean): boolean {
  for (let i = stack.length - 1; i >= 0; i--) {
    const { base, ig } = stack[i];
    const sub = rel.slice(base.length) + (isDir ? '/' : '');
    try {
      const result = ig.test(sub);
      if (result.ignored) return true;
      if (result.unignored) return false;
    } catch {
      // A name the ignore package cannot parse as a path: no rule applies.
    }
  }
  return false;
}

export function parseGitignore(text: string): Ignore {
  // Git matches case-sensitively except on the case-insensitive filesystems it detects.
  const ignorecase = process.platform === 'win32' || process.platform === 'darwin';
  return ignore({ ignorecase }).add(text);
}

export async function listByWalking(
  root: string,
  concurrency = 32,
): Promise<{ entries: ListedEntry[]; diagnostics: Diagnostic[] }> {
  const entries: ListedEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const limit = semaphore(concurrency);

  const walk = async (abs: Buffer, rel: string, inherited: readonly Rules[]): Promise<void> => {
    let dirents;
    try {
      dirents = await limit(() => fs.readdir(abs, { withFileTypes: true, encoding: 'buffer' }));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        diagnostics.push({
          level: 'warning',
          file: rel.replace(/\/$/, '') || '.',
          message: `directory not listed (${code})`,
        });
      }
      return;
    }

    let stack = inherited;
    const gitignore = dirents.find((d) => d.isFile() && d.name.toString('latin1') === '.gitignore');
    if (gitignore) {
      const text = await limit(() => readSmallText(joinBytes(abs, gitignore.name)));
      if (text !== undefined) stack = [...inherited, { base: rel, ig: parseGitignore(text) }];
    }

    const subdirs: Promise<void>[] = [];
    for (const d of dirents) {
      const name = displayPath(d.name);
      if (ALWAYS_SKIPPED.has(name)) continue;
      const childRel = rel + name;
      const childAbs = joinBytes(abs, d.name);
      if (d.isDirectory()) {
        if (!isIgnored(stack, childRel, true)) subdirs.push(walk(childAbs, childRel + '/', stack));
      } else if (d.isFile() || d.isSymbolicLink()) {
        if (!isIgnored(stack, childRel, false)) entries.push({ path: childRel, abs: childAbs });
      }
      // Sockets, FIFOs, devices: nothing to read.
    }
    await Promise.all(subdirs);
  };

  await walk(Buffer.from(root), '', []);
  return { entries, diagnostics };
}

async function readSmallText(abs: Buffer): Promise<string | undefined> {
  try {
    const stat = await fs.stat(abs);
    if (!stat.isFile() || stat.size > MAX_GITIGNORE_BYTES) return undefined;
    return await fs.readFile(abs, 'utf8');
  } catch {
    return undefined;
  }
}
