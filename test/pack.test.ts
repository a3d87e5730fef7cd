/**
 * The npm package: what `npm pack` puts in the tarball (package.json `files`), and that the CLI runs
 * from the unpacked tarball alone. Uses the committed dist/ (never rebuilt here).
 *
 * Installing without the network: dist/cli.js and dist/index.js are self-contained bundles, so the
 * package needs none of its declared `dependencies` at run time. `npm install <tarball> --offline`
 * would still resolve those dependencies and succeed only when the npm cache happens to hold their
 * metadata (it does not after a plain `npm ci`). So the second test lays the tarball out the way
 * npm installs a package, `node_modules/smtp-preflight/` plus the `node_modules/.bin` link named
 * in `bin`, in a temporary directory outside this repository (no node_modules to fall back on),
 * and runs it with `npx --offline`: that proves the tarball is complete and needs nothing else.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../src/policy/rules.js';

const REPO = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
};
const tmp = mkdtempSync(join(tmpdir(), 'smtp-preflight-pack-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface PackResult {
  filename: string;
  files: { path: string; size: number; mode: number }[];
}

/** `npm pack --json` (scripts off: packing must not build anything). */
function npmPack(...args: string[]): PackResult {
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', ...args], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
  });
  const [result] = JSON.parse(out) as PackResult[];
  return result;
}

describe('npm pack', () => {
  const { files } = npmPack('--dry-run');
  const paths = files.map((f) => f.path).sort();

  it('ships the bundles, the action, the docs, the schema, README and LICENSE', () => {
    const required = [
      'package.json',
      'README.md',
      'LICENSE',
      'action.yml',
      'dist/index.js',
      'dist/cli.js',
      'schema/policy.schema.json',
      ...RULES.map((r) => `docs/rules/${r.id}.md`),
      // Every rule page (and the index), as `smtp-preflight explain` reads them.
      ...readdirSync(join(REPO, 'docs/rules'))
        .filter((name) => name.endsWith('.md'))
        .map((name) => `docs/rules/${name}`),
    ];
    for (const path of required) expect(paths, path).toContain(path);
  });

  it('ships nothing else: no sources, tests, fixtures, examples, scripts or configuration', () => {
    // src/ is left out on purpose: the bundles are what runs, and the repository has the sources.
    const allowed =
      /^(package\.json|README\.md|LICENSE|action\.yml|dist\/(chunks\/)?[^/]+\.js|docs\/.+\.md|schema\/[^/]+\.json)$/;
    expect(paths.filter((p) => !allowed.test(p))).toEqual([]);
    for (const prefix of [
      'src/',
      'test/',
      'examples/',
      'scripts/',
      'node_modules/',
      '.ci/',
      '.github/',
    ]) {
      expect(
        paths.filter((p) => p.startsWith(prefix)),
        prefix,
      ).toEqual([]);
    }
    expect(paths.filter((p) => /fixture|\.test\.|\.map$|\.ts$/.test(p))).toEqual([]);
  });

  it('makes the bin executable', () => {
    const cli = files.find((f) => f.path === pkg.bin['smtp-preflight']);
    expect(cli).toBeDefined();
    expect((cli?.mode ?? 0) & 0o111).not.toBe(0);
  });
});

describe('the packed CLI, unpacked alone in a temporary directory', () => {
  it('runs `npx smtp-preflight scan` offline, explains rules from the shipped docs, prints the version', () => {
    const packDir = join(tmp, 'pack');
    mkdirSync(packDir);
    const { filename } = npmPack('--pack-destination', packDir);

    // The layout npm gives an installed package and its bin (bin-links makes the target executable).
    const app = join(tmp, 'app');
    const installed = join(app, 'node_modules', pkg.name);
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', join(packDir, filename), '-C', installed, '--strip-components=1']);
    const binDir = join(app, 'node_modules', '.bin');
    mkdirSync(binDir);
    for (const [name, target] of Object.entries(pkg.bin)) {
      symlinkSync(relative(binDir, join(installed, target)), join(binDir, name));
      chmodSync(join(installed, target), 0o755);
    }

    const npx = (...args: string[]) =>
      spawnSync('npx', ['--offline', 'smtp-preflight', ...args], {
        cwd: app,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NO_COLOR: '1',
          npm_config_update_notifier: 'false',
        },
      });

    const scan = npx('scan', join(REPO, 'examples/insecure-app'));
    expect(scan.stderr).toBe('');
    expect(scan.status).toBe(1);
    expect(scan.stdout).toContain('L14  error  SP007');
    expect(scan.stdout.trimEnd().split('\n').at(-1)).toBe(
      '7 errors, 2 warnings, 1 note in 4 files (4 endpoints)',
    );

    const clean = npx('scan', join(REPO, 'examples/secure-app'));
    expect(clean.status).toBe(0);

    // docs/rules/ is read next to dist/ in the installed package.
    const explain = npx('explain', 'SP003');
    expect(explain.status).toBe(0);
    expect(explain.stdout).toBe(readFileSync(join(REPO, 'docs/rules/SP003.md'), 'utf8'));

    const version = npx('--version');
    expect(version.stdout).toBe(`${pkg.version}\n`);
  }, 120_000);
});
