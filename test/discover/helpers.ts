import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Keep git from finding a repository above the temporary trees (if TMPDIR sits inside one).
process.env.GIT_CEILING_DIRECTORIES = fs.realpathSync(os.tmpdir());

const created: string[] = [];

/** Creates a temporary directory holding `files` (relative path → content). */
export function makeTree(files: Record<string, string | Buffer> = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-discover-'));
  created.push(root);
  writeFiles(root, files);
  return root;
}

/** Removes every tree `makeTree` created (call from `afterAll`). */
export function removeTrees(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

export function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=a@b', '-c', 'user.name=a', ...args], {
    cwd: root,
    stdio: 'ignore',
  });
}

/** `git init` + add everything + commit. */
export function gitCommitAll(root: string): void {
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'init');
}

export const isPosix = process.platform !== 'win32';
export const isLinux = process.platform === 'linux';
export const isRoot = process.getuid?.() === 0;
