import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, it, expect } from 'vitest';
import { discover, type DiscoverResult } from '../../src/discover/index.js';
import {
  makeTree,
  removeTrees,
  writeFiles,
  git,
  gitCommitAll,
  isPosix,
  isLinux,
  isRoot,
} from './helpers.js';

afterAll(removeTrees);

const paths = (r: DiscoverResult): string[] => r.files.map((f) => f.path);

describe('discover: git mode', () => {
  it('lists tracked and untracked-not-ignored files, skips ignored and deleted ones', async () => {
    const root = makeTree({
      '.gitignore': 'secret.env\nbuild/\n',
      'config/mail.yml': 'smtp:\n  host: mail.example.com\n',
      'README.md': 'Configure SMTP in config/mail.yml',
      'src/app.ts': 'export const x = 1;\n',
      'deleted.yml': 'smtp: gone\n',
    });
    gitCommitAll(root);
    fs.rmSync(path.join(root, 'deleted.yml'));
    writeFiles(root, {
      '.env': 'MAIL_HOST=smtp.example.com\n',
      'secret.env': 'MAIL_PASSWORD=hunter2\n',
      'build/out.yml': 'smtp: built\n',
      'node_modules/pkg/index.js': 'smtp',
    });

    const result = await discover(root);
    expect(result).toEqual({
      files: [
        { path: '.env', text: 'MAIL_HOST=smtp.example.com\n' },
        { path: 'config/mail.yml', text: 'smtp:\n  host: mail.example.com\n' },
      ],
      diagnostics: [],
      // .gitignore, config/mail.yml, README.md, src/app.ts, .env, node_modules/pkg/index.js
      listed: 6,
      skipped: 0,
    });
  });

  it('lists paths relative to a root below the top of the work tree', async () => {
    const top = makeTree({
      'outside.yml': 'smtp: 1\n',
      'svc/api/mail.yml': 'smtp: 2\n',
      'svc/api/.env': 'MAIL_HOST=x\n',
    });
    gitCommitAll(top);
    const result = await discover(path.join(top, 'svc'));
    expect(paths(result)).toEqual(['api/.env', 'api/mail.yml']);
    expect(result.listed).toBe(2);
  });

  it('walks a root that git ignores entirely, with an info diagnostic', async () => {
    const top = makeTree({ '.gitignore': 'generated/\n', 'generated/mail.yml': 'smtp: 1\n' });
    gitCommitAll(top);
    const result = await discover(path.join(top, 'generated'));
    expect(result).toEqual({
      files: [{ path: 'mail.yml', text: 'smtp: 1\n' }],
      diagnostics: [
        {
          level: 'info',
          message:
            'git lists no files in this directory (it is ignored); walked it and honoured its own .gitignore files instead',
        },
      ],
      listed: 1,
      skipped: 0,
    });
  });

  it('falls back to walking (and skips .git/) when git is not on PATH', async () => {
    const root = makeTree({
      '.gitignore': 'ignored.yml\nforced.yml\n',
      'mail.yml': 'smtp: 1\n',
      'ignored.yml': 'smtp: 2\n',
    });
    gitCommitAll(root);
    writeFiles(root, {
      'forced.yml': 'smtp: tracked although ignored\n',
      '.git/mail.yml': 'smtp: in .git\n',
    });
    git(root, 'add', '-f', 'forced.yml');
    git(root, 'commit', '-q', '-m', 'forced');
    // With git, the tracked forced.yml is listed; the walk only knows .gitignore says no.
    expect(paths(await discover(root))).toEqual(['forced.yml', 'mail.yml']);

    const saved = process.env.PATH;
    process.env.PATH = path.join(root, 'no-such-bin');
    let result: DiscoverResult;
    try {
      result = await discover(root);
    } finally {
      process.env.PATH = saved;
    }
    expect(paths(result)).toEqual(['mail.yml']);
    expect(result.listed).toBe(2);
    expect(result.diagnostics).toEqual([]);
  });
});

describe('discover: walk mode', () => {
  it('honours .gitignore files at every level and skips .git/ and node_modules/', async () => {
    const root = makeTree({
      '.gitignore': '*.local.yml\nignored-dir/\n/top.yml\n',
      'keep.yml': 'smtp: keep\n',
      'app.local.yml': 'smtp: ignored by pattern\n',
      'ignored-dir/mail.yml': 'smtp: ignored dir\n',
      'top.yml': 'smtp: anchored, ignored\n',
      'sub/top.yml': 'smtp: anchored pattern does not reach here\n',
      'sub/.gitignore': 'secret.yml\n!keep.local.yml\n',
      'sub/secret.yml': 'smtp: ignored by the nested .gitignore\n',
      'sub/keep.local.yml': 'smtp: re-included by the nested .gitignore\n',
      'sub/mail.ini': '[mail]\nhost = x\n',
      'other/secret.yml': 'smtp: the nested .gitignore does not apply here\n',
      'node_modules/x/mail.yml': 'smtp: dependency\n',
      '.git/mail.yml': 'smtp: git internals\n',
      'plain.yml': 'name: no match here\n',
    });
    const result = await discover(root);
    expect(paths(result)).toEqual([
      'keep.yml',
      'other/secret.yml',
      'sub/keep.local.yml',
      'sub/mail.ini',
      'sub/top.yml',
    ]);
    expect(result.files[0]).toEqual({ path: 'keep.yml', text: 'smtp: keep\n' });
    // .gitignore, keep.yml, sub/top.yml, sub/.gitignore, sub/keep.local.yml, sub/mail.ini, other/secret.yml, plain.yml
    expect(result.listed).toBe(8);
    expect(result.skipped).toBe(0);
    expect(result.diagnostics).toEqual([]);
  });

  it.runIf(isLinux)('lists no FIFOs (and never blocks on one)', async () => {
    const root = makeTree({ 'mail.yml': 'smtp: 1\n' });
    execFileSync('mkfifo', [path.join(root, 'pipe.yml')]);
    const result = await discover(root);
    expect(paths(result)).toEqual(['mail.yml']);
    expect(result.skipped).toBe(0);
  });
});

describe('discover: reading', () => {
  for (const mode of ['walk', 'git'] as const) {
    it(`skips, decodes and prefilters content (${mode} mode)`, async () => {
      const root = makeTree({
        'small.yml': 'smtp: ok\n',
        'big.yml': `smtp: ${'x'.repeat(144)}`, // 150 bytes
        'bin.json': Buffer.from('{"mail": "\0\x01\x02"}'),
        'bad.yml': Buffer.from([...Buffer.from('smtp: '), 0xc3, 0x28, 0x0a]),
        'utf16.env': Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from('MAIL_HOST=smtp.example.com\n', 'utf16le'),
        ]),
        'bom.env': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('MAIL_PORT=587\n')]),
        'nomail.yml': 'name: demo\n',
        'nomail.py': 'print("hello")\n',
        'notes.txt': 'smtp: not a candidate name\n',
      });
      if (mode === 'git') gitCommitAll(root);
      const result = await discover(root, { maxFileBytes: 100 });
      expect(result).toEqual({
        files: [
          { path: 'bom.env', text: 'MAIL_PORT=587\n' },
          { path: 'small.yml', text: 'smtp: ok\n' },
          { path: 'utf16.env', text: 'MAIL_HOST=smtp.example.com\n' },
        ],
        diagnostics: [
          { level: 'warning', file: 'bad.yml', message: 'skipped: not valid UTF-8' },
          {
            level: 'warning',
            file: 'big.yml',
            message: 'skipped: 150 B is over the 100 B limit (--max-file-size)',
          },
          {
            level: 'info',
            file: 'bin.json',
            message: 'skipped: binary file (NUL byte in the first 8 KiB)',
          },
        ],
        listed: 9,
        skipped: 3,
      });
    });
  }

  it('uses a 1 MiB limit by default', async () => {
    const root = makeTree({
      'huge.yml': `smtp: ${'x'.repeat(1024 * 1024)}`,
      'exact.yml': `smtp:${'x'.repeat(1024 * 1024 - 5)}`,
    });
    const result = await discover(root);
    expect(paths(result)).toEqual(['exact.yml']);
    expect(result.diagnostics).toEqual([
      {
        level: 'warning',
        file: 'huge.yml',
        message: 'skipped: 1 MiB is over the 1 MiB limit (--max-file-size)',
      },
    ]);
  });

  it('reports a file that vanishes between listing and reading', async () => {
    const root = makeTree({ 'a.yml': 'smtp: a\n', 'b.yml': 'smtp: b\n' });
    const result = await discover(
      root,
      {},
      { beforeRead: (p) => (p === 'a.yml' ? fs.rmSync(path.join(root, p)) : undefined) },
    );
    expect(result).toEqual({
      files: [{ path: 'b.yml', text: 'smtp: b\n' }],
      diagnostics: [
        {
          level: 'info',
          file: 'a.yml',
          message: 'skipped: the file disappeared before it could be read',
        },
      ],
      listed: 2,
      skipped: 1,
    });
  });

  it('reports a file replaced by a directory before reading as not a file, silently', async () => {
    const root = makeTree({ 'a.yml': 'smtp: a\n' });
    const result = await discover(
      root,
      {},
      {
        beforeRead: (p) => {
          fs.rmSync(path.join(root, p));
          fs.mkdirSync(path.join(root, p));
        },
      },
    );
    expect(result).toEqual({ files: [], diagnostics: [], listed: 1, skipped: 0 });
  });

  // As root, chmod 000 does not stop reading; errorOutcome's EACCES mapping is unit-tested in read.test.ts.
  it.runIf(isPosix && !isRoot)('reports an unreadable file', async () => {
    const root = makeTree({ 'locked.yml': 'smtp: secret\n', 'open.yml': 'smtp: open\n' });
    fs.chmodSync(path.join(root, 'locked.yml'), 0o000);
    try {
      const result = await discover(root);
      expect(paths(result)).toEqual(['open.yml']);
      expect(result.diagnostics).toEqual([
        { level: 'warning', file: 'locked.yml', message: 'skipped: permission denied' },
      ]);
      expect(result.skipped).toBe(1);
    } finally {
      fs.chmodSync(path.join(root, 'locked.yml'), 0o644);
    }
  });
});

describe.runIf(isPosix)('discover: symlinks', () => {
  for (const mode of ['walk', 'git'] as const) {
    it(
      `reads links inside the tree, never outside, and survives loops (${mode} mode)`,
      { timeout: 10_000 },
      async () => {
        const outside = makeTree({
          'secret.yml': 'smtp: outside\n',
          'dir/mail.yml': 'smtp: outside dir\n',
        });
        const root = makeTree({ 'real.yml': 'smtp: real\n', 'realdir/x.txt': 'x' });
        const link = (target: string, name: string) =>
          fs.symlinkSync(target, path.join(root, name));
        link(path.join(outside, 'secret.yml'), 'linked.yml'); // out of the tree
        link('real.yml', 'alias.yml'); // inside: read
        link('b.yml', 'a.yml'); // loop
        link('a.yml', 'b.yml');
        link('.', 'loop'); // directory loop: not descended
        link('realdir', 'dir.yml'); // directory symlink with a candidate name: silently not a file
        link(path.join(outside, 'dir'), 'outdir'); // directory out of the tree: not descended
        link('missing.yml', 'dangling.yml');
        if (mode === 'git') gitCommitAll(root);

        const result = await discover(root);
        expect(result).toEqual({
          files: [
            { path: 'alias.yml', text: 'smtp: real\n' },
            { path: 'real.yml', text: 'smtp: real\n' },
          ],
          diagnostics: [
            { level: 'info', file: 'a.yml', message: 'skipped: symlink loop' },
            { level: 'info', file: 'b.yml', message: 'skipped: symlink loop' },
            { level: 'info', file: 'dangling.yml', message: 'skipped: broken symlink' },
            {
              level: 'info',
              file: 'linked.yml',
              message: 'skipped: symlink points outside the scanned directory',
            },
          ],
          // real.yml, realdir/x.txt and the 8 links
          listed: 10,
          skipped: 4,
        });
      },
    );
  }

  it('never reads through a tracked directory later replaced by a symlink out of the tree', async () => {
    const outside = makeTree({ 'mail.yml': 'smtp: outside\n' });
    const root = makeTree({ 'cfg/mail.yml': 'smtp: inside\n' });
    gitCommitAll(root);
    fs.rmSync(path.join(root, 'cfg'), { recursive: true });
    fs.symlinkSync(outside, path.join(root, 'cfg'));
    const result = await discover(root);
    expect(result.files).toEqual([]);
  });

  it('accepts a root that is itself a symlink', async () => {
    const real = makeTree({ 'mail.yml': 'smtp: 1\n' });
    const linkRoot = path.join(makeTree(), 'link');
    fs.symlinkSync(real, linkRoot);
    expect(paths(await discover(linkRoot))).toEqual(['mail.yml']);
  });
});

describe.runIf(isLinux)('discover: odd file names', () => {
  for (const mode of ['walk', 'git'] as const) {
    it(`reads names with spaces, newlines, non-ASCII and invalid UTF-8 (${mode} mode)`, async () => {
      const root = makeTree({
        'with space.yml': 'smtp: 1\n',
        'new\nline.yml': 'smtp: 2\n',
        'ünï "q".yml': 'smtp: 3\n',
      });
      fs.writeFileSync(
        Buffer.concat([Buffer.from(root + '/bad'), Buffer.from([0xff]), Buffer.from('.yml')]),
        'smtp: 4\n',
      );
      if (mode === 'git') gitCommitAll(root);
      const result = await discover(root);
      expect(result.files).toEqual([
        { path: 'bad\uFFFD.yml', text: 'smtp: 4\n' },
        { path: 'new\nline.yml', text: 'smtp: 2\n' },
        { path: 'with space.yml', text: 'smtp: 1\n' },
        { path: 'ünï "q".yml', text: 'smtp: 3\n' },
      ]);
      expect(result.diagnostics).toEqual([]);
    });
  }
});

describe('discover: root', () => {
  it('throws for a missing root', async () => {
    const missing = path.join(os.tmpdir(), 'sp-discover-does-not-exist', 'x');
    await expect(discover(missing)).rejects.toThrow(`path not found: ${missing}`);
  });

  it('throws for a root that is a file', async () => {
    const file = path.join(makeTree({ 'a.yml': 'smtp' }), 'a.yml');
    await expect(discover(file)).rejects.toThrow(`not a directory: ${file}`);
  });

  it('returns nothing for an empty directory', async () => {
    expect(await discover(makeTree())).toEqual({
      files: [],
      diagnostics: [],
      listed: 0,
      skipped: 0,
    });
  });
});
