/** Changed paths through git: renames, deletions, odd names, untracked and ignored files, merge bases. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  changedSince,
  parseRawDiff,
  planBaseScan,
  worktreeChanges,
} from '../../src/discover/changed.js';
import { discover } from '../../src/discover/index.js';
import { UsageError } from '../../src/options.js';
import { git, gitCommitAll, isPosix, makeTree, removeTrees, writeFiles } from './helpers.js';

afterAll(removeTrees);

function sha(root: string, ref = 'HEAD'): string {
  return execFileSync('git', ['rev-parse', ref], { cwd: root, encoding: 'utf8' }).trim();
}

describe('parseRawDiff', () => {
  it('reads modes, status and the NUL-separated path (never quoted)', () => {
    const out = Buffer.from(
      ':100644 100644 aaaa bbbb M\0a b/"quoted"\tname.env\0' +
        ':000000 100644 0000 cccc A\0new.env\0' +
        ':100644 000000 dddd 0000 D\0gone.ini\0' +
        ':100644 120000 eeee ffff T\0link.env\0',
    );
    expect(parseRawDiff(out)).toEqual([
      { path: 'a b/"quoted"\tname.env', status: 'M', baseMode: '100644', headMode: '100644' },
      { path: 'new.env', status: 'A', baseMode: '000000', headMode: '100644' },
      { path: 'gone.ini', status: 'D', baseMode: '100644', headMode: '000000' },
      { path: 'link.env', status: 'T', baseMode: '100644', headMode: '120000' },
    ]);
    expect(parseRawDiff(Buffer.alloc(0))).toEqual([]);
  });
});

describe('worktreeChanges', () => {
  it('lists committed, staged, unstaged and untracked changes; renames as delete + add', async () => {
    const root = makeTree({
      'keep.env': 'MAIL_PORT=587\n',
      'edit.env': 'MAIL_PORT=587\n',
      'gone.env': 'MAIL_PORT=25\n',
      'old/name.env': 'MAIL_PORT=465\n',
      '.gitignore': 'ignored.env\n',
    });
    gitCommitAll(root);
    const base = sha(root);
    fs.writeFileSync(path.join(root, 'edit.env'), 'MAIL_PORT=2525\n');
    fs.rmSync(path.join(root, 'gone.env'));
    fs.mkdirSync(path.join(root, 'new'));
    git(root, 'mv', 'old/name.env', 'new/name.env');
    writeFiles(root, {
      'untracked.env': 'MAIL_PORT=25\n',
      'ignored.env': 'MAIL_PORT=25\n',
      'sp ace/"q"\u00e9.env': 'MAIL_PORT=25\n',
    });
    const changes = await worktreeChanges(root, base);
    const byPath = Object.fromEntries(changes.entries.map((e) => [e.path, e.status]));
    expect(byPath).toEqual({
      'edit.env': 'M',
      'gone.env': 'D',
      'old/name.env': 'D',
      'new/name.env': 'A',
    });
    expect(changes.untracked.sort()).toEqual(['sp ace/"q"\u00e9.env', 'untracked.env']);
  });

  it('lists paths relative to a scan root below the top level, and only under it', async () => {
    const root = makeTree({ 'app/a.env': 'X=1\n', 'other/b.env': 'X=1\n' });
    gitCommitAll(root);
    const base = sha(root);
    writeFiles(root, { 'app/a.env': 'X=2\n', 'other/b.env': 'X=2\n', 'app/new.env': 'X=3\n' });
    const changes = await worktreeChanges(path.join(root, 'app'), base);
    expect(changes.entries.map((e) => e.path)).toEqual(['a.env']);
    expect(changes.untracked).toEqual(['new.env']);
  });
});

describe('changedSince', () => {
  it('compares the working tree with the merge base of REF and HEAD, without deleted files', async () => {
    const root = makeTree({ 'a.env': 'A=1\n', 'b.env': 'B=1\n', 'c.env': 'C=1\n' });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, '-c', 'user.email=a@b', '-c', 'user.name=a', 'commit', '-qm', 'start');
    const fork = sha(root);
    git(root, 'checkout', '-q', '-b', 'feature');
    writeFiles(root, { 'a.env': 'A=2\n' });
    git(root, 'rm', '-q', 'c.env');
    git(root, '-c', 'user.email=a@b', '-c', 'user.name=a', 'commit', '-qam', 'feature');
    // main moves on after the fork: its changes are not the feature branch's.
    git(root, 'checkout', '-q', 'main');
    writeFiles(root, { 'b.env': 'B=2\n' });
    git(root, '-c', 'user.email=a@b', '-c', 'user.name=a', 'commit', '-qam', 'main moves');
    git(root, 'checkout', '-q', 'feature');
    writeFiles(root, { 'wip.env': 'W=1\n' }); // untracked
    const result = await changedSince(root, 'main');
    expect(result.commit).toBe(fork);
    expect(result.ref).toBe('main');
    expect([...result.paths].sort()).toEqual(['a.env', 'wip.env']);
  });

  it('throws usage errors: unknown ref, option-like ref, no common ancestor, not a repository', async () => {
    const root = makeTree({ 'a.env': 'A=1\n' });
    gitCommitAll(root);
    await expect(changedSince(root, 'no-such-ref')).rejects.toThrow(
      /--changed-since no-such-ref: fatal: Not a valid object name no-such-ref/,
    );
    await expect(changedSince(root, '--output=x')).rejects.toBeInstanceOf(UsageError);
    const start = sha(root);
    expect((await changedSince(root, 'HEAD')).commit).toBe(start);
    git(root, 'checkout', '-q', '--orphan', 'other');
    git(root, '-c', 'user.email=a@b', '-c', 'user.name=a', 'commit', '-qm', 'orphan');
    await expect(changedSince(root, start)).rejects.toThrow(
      `--changed-since ${start}: no common ancestor with HEAD`,
    );
    const plain = makeTree({ 'a.env': 'A=1\n' });
    await expect(changedSince(plain, 'HEAD')).rejects.toThrow(/needs a git work tree/);
    await expect(changedSince(plain, 'HEAD')).rejects.toBeInstanceOf(UsageError);
  });

  it('restricts discover to the changed paths', async () => {
    const root = makeTree({ 'a/.env': 'MAIL_PORT=25\n', 'b/.env': 'MAIL_PORT=25\n' });
    gitCommitAll(root);
    writeFiles(root, { 'b/.env': 'MAIL_PORT=465\n' });
    const { paths } = await changedSince(root, 'HEAD');
    const found = await discover(root, { only: paths });
    expect(found.files.map((f) => f.path)).toEqual(['b/.env']);
    expect(found.listed).toBe(1);
  });
});

describe('planBaseScan', () => {
  it('checks out only candidate names that exist at the base', async () => {
    const root = makeTree({ 'a.env': 'MAIL_PORT=25\n', 'src/main.c': 'int x;\n' });
    gitCommitAll(root);
    const base = sha(root);
    writeFiles(root, { 'a.env': 'MAIL_PORT=587\n', 'src/main.c': 'int y;\n', 'n.env': 'X=1\n' });
    const plan = await planBaseScan(root, base);
    expect(plan && [...plan.changed].sort()).toEqual(['a.env', 'n.env', 'src/main.c']);
    expect(plan?.present).toEqual(['a.env']);
  });

  it.skipIf(!isPosix)(
    'ignores symlinks that are never read, falls back for ones that are',
    async () => {
      const root = makeTree({ 'a.env': 'MAIL_PORT=25\n', 'docs/readme.md': 'x\n' });
      fs.symlinkSync('docs/readme.md', path.join(root, 'README.md'));
      gitCommitAll(root);
      const base = sha(root);
      expect(await planBaseScan(root, base)).toEqual({ changed: new Set(), present: [] });
      fs.symlinkSync('a.env', path.join(root, 'b.env'));
      git(root, 'add', 'b.env');
      expect(await planBaseScan(root, base)).toBeUndefined();
    },
  );

  it('falls back when git does not list the root (the head scan walked it)', async () => {
    const root = makeTree({ '.gitignore': 'build/\n', 'a.env': 'X=1\n' });
    gitCommitAll(root);
    writeFiles(root, { 'build/.env': 'MAIL_PORT=25\n' });
    expect(await planBaseScan(path.join(root, 'build'), sha(root))).toBeUndefined();
  });
});
