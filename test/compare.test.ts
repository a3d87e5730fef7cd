/**
 * New vs fixed vs pre-existing against a base commit, in a real git repository: findings are
 * matched by rule, file and line content, so a finding whose line moved is not new.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitByStatus } from '../src/report/compare.js';
import { runCompared } from '../src/run.js';

const repo = mkdtempSync(join(tmpdir(), 'smtp-preflight-compare-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
    cwd: repo,
    encoding: 'utf8',
  }).trim();

describe('runCompared', () => {
  it('splits findings into new, fixed and pre-existing, ignoring moved lines', async () => {
    git('init', '-q', '-b', 'main');
    mkdirSync(join(repo, 'app'), { recursive: true });
    // Base: a Laravel .env with opportunistic STARTTLS (SP003) and a Grafana ini with verification off (SP005).
    writeFileSync(
      join(repo, 'app/.env'),
      'MAIL_MAILER=smtp\nMAIL_HOST=smtp.mailgun.org\nMAIL_PORT=587\nMAIL_USERNAME=postmaster\n',
    );
    writeFileSync(
      join(repo, 'grafana.ini'),
      '[smtp]\nenabled = true\nhost = smtp.mailgun.org:465\nskip_verify = true\n',
    );
    git('add', '-A');
    git('commit', '-qm', 'base');
    const base = git('rev-parse', 'HEAD');
    // Head: two comment lines push the .env finding down (moved, not new); the Grafana problem is
    // fixed; a new docker-compose adds port 25 with a password (new SP001 and SP007).
    writeFileSync(
      join(repo, 'app/.env'),
      '# mail\n# (transactional)\nMAIL_MAILER=smtp\nMAIL_HOST=smtp.mailgun.org\nMAIL_PORT=587\nMAIL_USERNAME=postmaster\n',
    );
    writeFileSync(
      join(repo, 'grafana.ini'),
      '[smtp]\nenabled = true\nhost = smtp.mailgun.org:465\n',
    );
    writeFileSync(
      join(repo, 'docker-compose.yml'),
      'services:\n  app:\n    environment:\n      MAIL_MAILER: smtp\n      MAIL_HOST: smtp.example.net\n      MAIL_PORT: 25\n      MAIL_USERNAME: app\n      MAIL_PASSWORD: K9vq2Lr7Wz4Pn8\n',
    );
    git('add', '-A');
    git('commit', '-qm', 'head');

    const report = await runCompared({ root: repo, base });
    const split = splitByStatus(report);
    const show = (fs: { ruleId: string; at: { file: string; line: number } }[]) =>
      fs.map((f) => `${f.ruleId} ${f.at.file}:${f.at.line}`).sort();
    expect(report.comparison?.baseSha).toBe(base);
    expect(show(split.new)).toEqual([
      'SP001 docker-compose.yml:6',
      'SP003 docker-compose.yml:5',
      'SP007 docker-compose.yml:8',
    ]);
    expect(show(split.existing)).toEqual(['SP003 app/.env:4', 'SP008 grafana.ini:3']);
    expect(show(split.fixed)).toEqual(['SP005 grafana.ini:4']);
    // The worktree is gone afterwards.
    expect(git('worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('reports a clear error for a base that does not exist', async () => {
    await expect(
      runCompared({ root: repo, base: '0000000000000000000000000000000000000001' }),
    ).rejects.toThrow(/cannot scan the base commit/);
  });
});
