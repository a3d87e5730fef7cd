/**
 * .pre-commit-hooks.yaml: the hook pre-commit users add with `repo: …smtp-preflight`, `id:
 * smtp-preflight`. pre-commit's node language installs the repository as a package (`npm install`,
 * `npm pack`, `npm install -g <tarball>`; pre_commit/languages/node.py) and runs `entry` from the
 * environment's bin directory, so the entry's first word must be a `bin` of package.json whose file
 * is in the packed tarball. Checked by hand with pre-commit 4.6.2 (`pre-commit try-repo`): it fails
 * on examples/insecure-app and passes on examples/secure-app.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main, type CliIO } from '../src/cli.js';

const REPO = resolve(import.meta.dirname, '..');

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  pass_filenames?: boolean;
  always_run?: boolean;
  files?: string;
  args?: string[];
  [key: string]: unknown;
}

const hooks = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  scripts?: Record<string, string>;
};

/** Keys pre-commit's manifest schema knows (pre_commit/clientlib.py MANIFEST_HOOK_DICT). */
const MANIFEST_KEYS = new Set([
  'id',
  'name',
  'entry',
  'language',
  'alias',
  'files',
  'exclude',
  'types',
  'types_or',
  'exclude_types',
  'additional_dependencies',
  'args',
  'always_run',
  'fail_fast',
  'pass_filenames',
  'description',
  'language_version',
  'log_file',
  'require_serial',
  'stages',
  'verbose',
  'minimum_pre_commit_version',
]);

describe('.pre-commit-hooks.yaml', () => {
  const [hook] = hooks;

  it('declares one node hook, smtp-preflight, with only keys pre-commit knows', () => {
    expect(hooks).toHaveLength(1);
    expect(hook).toMatchObject({ id: 'smtp-preflight', name: 'smtp-preflight', language: 'node' });
    for (const key of Object.keys(hook)) expect(MANIFEST_KEYS).toContain(key);
  });

  it('runs the package bin (the bundled CLI) with the scan command', () => {
    const [command, ...rest] = hook.entry.split(/\s+/);
    expect(pkg.bin[command]).toBe('dist/cli.js');
    expect(rest).toEqual(['scan']);
    const cli = join(REPO, pkg.bin[command]);
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(cli).mode & 0o111).not.toBe(0);
  });

  it('scans the repository, not the staged file names (the CLI takes one directory)', () => {
    expect(hook.pass_filenames).toBe(false);
    // No file filter: settings spread over several files are judged together.
    expect(hook.files).toBeUndefined();
  });

  it("the entry with pre-commit's working directory (the repository root) scans it", async () => {
    // What pre-commit runs: `smtp-preflight scan` in the repository, no file names appended.
    const out: string[] = [];
    const io: CliIO = {
      stdout: (t) => void out.push(t),
      stderr: (t) => void out.push(t),
      color: false,
      cwd: join(REPO, 'examples/insecure-app'),
    };
    const args = hook.entry.split(/\s+/).slice(1);
    expect(await main(args, io)).toBe(1);
    expect(out.join('')).toContain('7 errors, 2 warnings, 1 note in 4 files (4 endpoints)');
    io.cwd = join(REPO, 'examples/secure-app');
    expect(await main(args, io)).toBe(0);
  });

  it('needs no build step: npm pack (which pre-commit runs) rebuilds nothing', () => {
    // pre-commit installs with `npm install` + `npm pack`: the committed dist/ is what runs.
    for (const script of [
      'prepare',
      'prepack',
      'postpack',
      'preinstall',
      'install',
      'postinstall',
    ]) {
      expect(pkg.scripts?.[script], script).toBeUndefined();
    }
    expect(existsSync(join(REPO, 'dist/cli.js'))).toBe(true);
  });
});
