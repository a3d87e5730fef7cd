/**
 * docs/example-comment.md is the pull request comment for examples/insecure-app, rendered from a
 * real comparison: a git repository whose base commit is the app before a pull request, whose
 * head is examples/insecure-app as committed. The pull request
 * - adds the release-mail workflow (two new errors),
 * - removes `mail.smtp.ssl.trust=*` from the Spring properties (one fixed error),
 * - adds a comment line to `.env.example` (its findings move down a line: still pre-existing).
 *
 * This test fails when the file is stale; `UPDATE_EXAMPLES=1 npx vitest run
 * test/report/example-comment.test.ts` rewrites it.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { REPOSITORY_URL } from '../../src/policy/rules.js';
import { renderComment } from '../../src/report/comment.js';
import { runCompared } from '../../src/run.js';

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const example = join(root, 'examples', 'insecure-app');
const docFile = join(root, 'docs', 'example-comment.md');
const scratch = mkdtempSync(join(tmpdir(), 'smtp-preflight-example-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=dev@example.com', '-c', 'user.name=dev', ...args], {
    cwd,
    encoding: 'utf8',
    // Fixed dates: the same commits, and so the same base SHA, on every machine.
    env: {
      ...process.env,
      GIT_AUTHOR_DATE: '2026-01-05T10:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-05T10:00:00Z',
    },
  }).trim();
}

/** Renders the comment for examples/insecure-app against its pull request's base. */
export async function renderExampleComment(): Promise<string> {
  const repo = join(scratch, 'insecure-app');
  cpSync(example, repo, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');

  // The base: before the pull request.
  const head = {
    env: readFileSync(join(repo, '.env.example'), 'utf8'),
    props: readFileSync(join(repo, 'src/main/resources/application.properties'), 'utf8'),
    workflow: readFileSync(join(repo, '.github/workflows/release-mail.yml'), 'utf8'),
  };
  writeFileSync(
    join(repo, '.env.example'),
    head.env.replace("# Transactional mail through the company's Microsoft 365 tenant\n", ''),
  );
  writeFileSync(
    join(repo, 'src/main/resources/application.properties'),
    `${head.props}spring.mail.properties.mail.smtp.ssl.trust=*\n`,
  );
  rmSync(join(repo, '.github'), { recursive: true });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'base');
  const base = git(repo, 'rev-parse', 'HEAD');

  // The head: examples/insecure-app as committed.
  writeFileSync(join(repo, '.env.example'), head.env);
  writeFileSync(join(repo, 'src/main/resources/application.properties'), head.props);
  cpSync(join(example, '.github'), join(repo, '.github'), { recursive: true });
  expect(readFileSync(join(repo, '.github/workflows/release-mail.yml'), 'utf8')).toBe(
    head.workflow,
  );
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'Announce releases by mail; trust only the real certificate');

  const report = await runCompared({ root: repo, base });
  // Links go to the files in this repository (the example's base commit exists only here).
  return renderComment(report, {
    repository: new URL(REPOSITORY_URL).pathname.slice(1),
    headSha: 'main',
    filePrefix: 'examples/insecure-app',
    failOn: 'error',
  });
}

describe('docs/example-comment.md', () => {
  it('is the current rendering of the example pull request', async () => {
    const body = await renderExampleComment();
    expect(body).toContain('#### 🆕 New in this pull request (2)');
    expect(body).toContain('#### ✅ Fixed (1)');
    expect(body).toContain('#### Already present (8)');
    expect(body).not.toContain('Tr0ub4dor');
    if (process.env.UPDATE_EXAMPLES) writeFileSync(docFile, body);
    expect(readFileSync(docFile, 'utf8')).toBe(body);
  });
});
