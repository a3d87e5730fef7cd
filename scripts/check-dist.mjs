#!/usr/bin/env node
// Rebuilds the bundle into a temporary directory with the same rollup config and compares it
// byte for byte with dist/. Exit 0 when identical, 1 when dist/ is stale, 2 when the build fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, 'dist');

/** Files under `dir`, relative and `/`-separated, sorted. */
function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      relative(dir, join(entry.parentPath ?? entry.path, entry.name))
        .split('\\')
        .join('/'),
    )
    .sort();
}

/** Builds into `fresh` and compares; returns the exit status. */
function check(fresh) {
  const build = spawnSync('npm', ['run', '--silent', 'bundle'], {
    cwd: root,
    env: { ...process.env, SMTP_PREFLIGHT_DIST_DIR: fresh },
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
    const why = build.error?.message ?? `exit ${build.status}`;
    console.error(`check-dist: the bundle failed to build (${why})`);
    return 2;
  }

  const expected = listFiles(fresh);
  const committed = listFiles(dist);
  const problems = [];
  for (const file of expected) {
    if (!committed.includes(file)) problems.push(`dist/${file} is missing`);
    else if (!readFileSync(join(fresh, file)).equals(readFileSync(join(dist, file)))) {
      problems.push(`dist/${file} differs from a fresh bundle`);
    }
  }
  for (const file of committed) {
    if (!expected.includes(file)) problems.push(`dist/${file} is not produced by the bundle`);
  }

  if (problems.length > 0) {
    for (const problem of problems) console.error(`check-dist: ${problem}`);
    console.error('check-dist: dist/ is stale: run `npm run bundle` and commit dist/.');
    return 1;
  }
  console.log(`check-dist: dist/ matches a fresh bundle (${expected.join(', ')}).`);
  return 0;
}

const fresh = mkdtempSync(join(tmpdir(), 'smtp-preflight-dist-'));
try {
  process.exitCode = check(fresh);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
