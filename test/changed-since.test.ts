/**
 * `scan --changed-since REF` end to end through the CLI: only the files changed since the merge
 * base are read and reported, the report says so in every human format, and bad refs are usage
 * errors.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIO } from '../src/cli.js';
import type { Report } from '../src/model.js';
import { renderMarkdown } from '../src/report/markdown.js';

process.env.GIT_CEILING_DIRECTORIES = realpathSync(tmpdir());
const repo = mkdtempSync(join(tmpdir(), 'sp-changed-since-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const git = (...args: string[]): string =>
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
    cwd: repo,
    encoding: 'utf8',
  }).trim();
const write = (files: Record<string, string>): void => {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, rel)), { recursive: true });
    writeFileSync(join(repo, rel), text);
  }
};
const PORT_25 = 'MAIL_HOST=smtp.example.net\nMAIL_PORT=25\nMAIL_USERNAME=app\n';
const GRAFANA = '[smtp]\nenabled = true\nhost = smtp.mailgun.org:465\nskip_verify = true\n';

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    color: false,
    cwd: repo,
  };
  const code = await main(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

// main: two old problems. feature: one file edited, one added, one renamed, one deleted, plus an
// uncommitted file; main moves on after the fork with a change that is not the feature's.
git('init', '-q', '-b', 'main');
write({
  'old/.env': PORT_25,
  'svc/grafana.ini': GRAFANA,
  'svc/move-me.ini': GRAFANA,
  'svc/delete-me.env': PORT_25,
});
git('add', '-A');
git('commit', '-qm', 'start');
git('checkout', '-q', '-b', 'feature');
write({ 'svc/grafana.ini': `${GRAFANA}# edited\n`, 'svc/new.env': PORT_25 });
git('mv', 'svc/move-me.ini', 'svc/moved.ini');
git('rm', '-q', 'svc/delete-me.env');
git('add', '-A');
git('commit', '-qm', 'feature');
git('checkout', '-q', 'main');
write({ 'main-only/.env': PORT_25 });
git('add', '-A');
git('commit', '-qm', 'main moves on');
git('checkout', '-q', 'feature');
write({ 'wip/.env': PORT_25 });

describe('scan --changed-since', () => {
  it('reports only the files changed since the merge base, with the scope in the JSON stats', async () => {
    const result = await cli(['scan', '.', '--changed-since', 'main', '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    const files = [...new Set(report.findings.map((f) => f.at.file))].sort();
    expect(files).toEqual(['svc/grafana.ini', 'svc/moved.ini', 'svc/new.env', 'wip/.env']);
    expect(report.stats.changedSince).toEqual({
      ref: 'main',
      commit: git('merge-base', 'main', 'HEAD'),
      files: 4,
    });
    expect(report.stats.filesListed).toBe(4);
    expect(report.diagnostics).toContainEqual({
      level: 'info',
      message: expect.stringMatching(
        /^changed files only: 4 files changed since main \(merge base [0-9a-f]{12}\) were considered/,
      ) as string,
    });
  });

  it('says so at the top of the text report, and in the markdown summary', async () => {
    const result = await cli(['scan', '.', '--changed-since', 'main']);
    expect(result.stdout.split('\n')[0]).toBe(
      'Changed files only: 4 files changed since main were considered; findings in other files are not reported.',
    );
    expect(result.stdout).not.toContain('old/.env');
    expect(result.stdout).not.toContain('main-only/.env');
    const json = await cli(['scan', '.', '--changed-since', 'main', '--format', 'json']);
    const md = renderMarkdown(JSON.parse(json.stdout) as Report);
    expect(md).toContain(
      '_Changed files only: 4 files changed since `main` were considered; findings in other files are not reported._',
    );
    // A full scan has no such line.
    const full = await cli(['scan', '.']);
    expect(full.stdout).not.toContain('Changed files only');
    expect(full.stdout).toContain('old/.env');
  });

  it('exits 0 when nothing changed since REF', async () => {
    const result = await cli(['scan', '.', '--changed-since', 'HEAD', '--format', 'json']);
    // Only the uncommitted wip/.env differs from HEAD.
    const report = JSON.parse(result.stdout) as Report;
    expect(report.stats.changedSince?.files).toBe(1);
    rmSync(join(repo, 'wip'), { recursive: true });
    try {
      const clean = await cli(['scan', '.', '--changed-since', 'HEAD']);
      expect(clean).toEqual({
        code: 0,
        stdout:
          'Changed files only: 0 files changed since HEAD were considered; findings in other files are not reported.\n\nNo SMTP configuration found.\n\nDiagnostics\n' +
          '  info  changed files only: 0 files changed since HEAD (merge base ' +
          git('rev-parse', 'HEAD').slice(0, 12) +
          ') were considered; findings in other files are not reported\n',
        stderr: '',
      });
    } finally {
      write({ 'wip/.env': PORT_25 });
    }
  });

  it('reports for each changed file exactly what a full scan reports for it', async () => {
    const part = JSON.parse(
      (await cli(['scan', '.', '--changed-since', 'main', '--format', 'json'])).stdout,
    ) as Report;
    const full = JSON.parse((await cli(['scan', '.', '--format', 'json'])).stdout) as Report;
    const scanned = new Set(part.findings.map((f) => f.at.file));
    expect(part.findings).toEqual(full.findings.filter((f) => scanned.has(f.at.file)));
    expect(part.endpoints).toEqual(full.endpoints.filter((e) => scanned.has(e.at.file)));
  });

  it('does not call baseline entries of unread files "no longer found"', async () => {
    // A baseline of the whole tree; only some of its files are read in changed-files mode.
    expect((await cli(['baseline', '.', '--output', 'b.json'])).stdout).toMatch(/^Wrote /);
    try {
      const full = JSON.parse(
        (await cli(['scan', '.', '--baseline', 'b.json', '--format', 'json'])).stdout,
      ) as Report;
      expect(full.baseline?.fixed).toEqual([]);
      const part = JSON.parse(
        (
          await cli([
            'scan',
            '.',
            '--changed-since',
            'main',
            '--baseline',
            'b.json',
            '--format',
            'json',
          ])
        ).stdout,
      ) as Report;
      expect(part.baseline?.matched).toBeGreaterThan(0);
      expect(part.baseline?.fixed).toEqual([]);
      expect(part.findings).toEqual([]);
    } finally {
      rmSync(join(repo, 'b.json'));
    }
  });

  it('scans a subdirectory with paths relative to it', async () => {
    const result = await cli(['scan', 'svc', '--changed-since', 'main', '--format', 'json']);
    const report = JSON.parse(result.stdout) as Report;
    expect([...new Set(report.findings.map((f) => f.at.file))].sort()).toEqual([
      'grafana.ini',
      'moved.ini',
      'new.env',
    ]);
  });

  it('turns bad refs, a missing repository and --base into usage errors (exit 2)', async () => {
    expect(await cli(['scan', '.', '--changed-since', 'no-such-branch'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'smtp-preflight: --changed-since no-such-branch: fatal: Not a valid object name no-such-branch\n',
    });
    expect((await cli(['scan', '.', '--changed-since', ''])).stderr).toBe(
      'smtp-preflight: empty --changed-since value (see --help)\n',
    );
    expect(await cli(['scan', '.', '--changed-since', 'main', '--base', 'main'])).toMatchObject({
      code: 2,
      stderr: 'smtp-preflight: --base and --changed-since exclude each other (see --help)\n',
    });
    const plain = mkdtempSync(join(tmpdir(), 'sp-changed-since-plain-'));
    try {
      const result = await cli(['scan', plain, '--changed-since', 'main']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^smtp-preflight: --changed-since needs a git work tree/);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
    expect((await cli(['baseline', '.', '--changed-since', 'main'])).stderr).toBe(
      "smtp-preflight: option '--changed-since' does not apply to baseline (see --help)\n",
    );
  });
});
