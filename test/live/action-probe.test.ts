/**
 * The live probe end to end, as the runner runs it: the bundled Action (dist/index.js) with
 * INPUT_* and GITHUB_* variables on a `pull_request`, a fake GitHub REST API and a Mail Tester
 * stand-in on 127.0.0.1, and the real Postfix of scripts/live/postfix.sh. Asserts the results in
 * the report, the comment and the summary, that the base branch's policy decides where
 * credentials may go, that fork pull requests are skipped, and that the password (and its base64
 * forms) appears in no output at all.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model.js';
import { secretVariants } from '../../src/probe/secrets.js';
import { FakeGitHub } from '../support/fake-github.js';
import { startFakeMailTester, type FakeMailTester } from '../support/fake-mail-tester.js';
import { requirePostfix, waitForMaildir } from '../support/postfix.js';

const pf = requirePostfix();
const projectRoot = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const distIndex = join(
  process.env.SMTP_PREFLIGHT_DIST_DIR || join(projectRoot, 'dist'),
  'index.js',
);
const OWNER = 'acme';
const REPO = 'storefront';
const PR = 7;
const TOKEN = 'ghs_probeTestToken00000000000000000000000';

const scratch = mkdtempSync(join(tmpdir(), 'smtp-preflight-action-probe-'));
const repo = join(scratch, 'repo');
const github = new FakeGitHub(OWNER, REPO, PR);
let tester: FakeMailTester;
let baseSha = '';
let headSha = '';

const git = (...args: string[]): string =>
  execFileSync('git', ['-c', 'user.email=dev@example.com', '-c', 'user.name=dev', ...args], {
    cwd: repo,
    encoding: 'utf8',
  }).trim();

function commit(files: Record<string, string>): string {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    writeFileSync(join(repo, file), text);
  }
  git('add', '-A');
  git('commit', '-qm', 'change');
  return git('rev-parse', 'HEAD');
}

beforeAll(async () => {
  await github.start();
  tester = await startFakeMailTester({ notFoundFor: 1 });
  mkdirSync(repo, { recursive: true });
  git('init', '-q', '-b', 'main');
  // The base branch allows the test server (a loopback address must be listed explicitly).
  baseSha = commit({
    '.github/smtp-preflight.yml': 'live:\n  allow-hosts: [127.0.0.1]\n',
    '.env': `MAIL_MAILER=smtp\nMAIL_HOST=127.0.0.1\nMAIL_PORT=${pf?.ports.submission ?? 587}\nMAIL_ENCRYPTION=tls\n`,
  });
  // The pull request widens the allow-list and points a second service at a host of its own.
  headSha = commit({
    '.github/smtp-preflight.yml': 'live:\n  allow-hosts: [127.0.0.1, smtp.pr-only.invalid]\n',
    'other/.env': `MAIL_MAILER=smtp\nMAIL_HOST=smtp.pr-only.invalid\nMAIL_PORT=${pf?.ports.submission ?? 587}\nMAIL_ENCRYPTION=tls\n`,
  });
});

afterAll(async () => {
  await github.stop();
  await tester?.close();
  rmSync(scratch, { recursive: true, force: true });
});

function payload(fork = false): unknown {
  const baseRepo = { full_name: `${OWNER}/${REPO}`, name: REPO, owner: { login: OWNER } };
  return {
    number: PR,
    pull_request: {
      number: PR,
      user: { login: fork ? 'outsider' : 'dev' },
      head: {
        sha: headSha,
        ref: 'mail',
        repo: fork ? { full_name: `outsider/${REPO}`, name: REPO } : baseRepo,
      },
      base: { sha: baseSha, ref: 'main', repo: baseRepo },
    },
    repository: baseRepo,
  };
}

interface ActionRun {
  status: number | null;
  /** Values the Action masked (`::add-mask::`). */
  masked: string[];
  /** Everything the Action wrote anywhere: stdout, stderr, outputs, summary, files, requests. */
  everything: string;
  stdout: string;
  summary: string;
  report: Report;
  comment: string;
}

let runs = 0;
/** Run ids unique across test runs: the Maildir keeps earlier messages. */
const RUN_BASE = Date.now() % 1_000_000_000;

async function runAction(inputs: Record<string, string>, fork = false): Promise<ActionRun> {
  github.reset();
  const dir = join(scratch, `run-${++runs}`);
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const files = {
    output: join(dir, 'output'),
    summary: join(dir, 'summary'),
    event: join(dir, 'event.json'),
  };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  writeFileSync(files.event, JSON.stringify(payload(fork)));
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/.test(key) && !/_proxy$/i.test(key),
    ),
  );
  const all: Record<string, string> = {
    path: '.',
    'fail-on': 'error',
    comment: 'always',
    'github-token': TOKEN,
    'sarif-file': join(dir, 'out.sarif'),
    ...inputs,
  };
  for (const [name, value] of Object.entries(all)) env[`INPUT_${name.toUpperCase()}`] = value;
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_API_URL: github.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: `${RUN_BASE}${runs}`,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SHA: headSha,
    GITHUB_WORKSPACE: repo,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKFLOW_REF: `${OWNER}/${REPO}/.github/workflows/mail.yml@refs/pull/${PR}/merge`,
    RUNNER_TEMP: join(dir, 'tmp'),
    SMTP_PREFLIGHT_RETRY_DELAY_MS: '20',
  });
  const child = spawn(process.execPath, [distIndex], { cwd: repo, env });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const status = await new Promise<number | null>((done) => child.on('close', done));
  clearTimeout(timer);
  const outputs = readFileSync(files.output, 'utf8');
  const reportFile = /^report-file<<(\S+)\n(.*)\n\1$/m.exec(outputs)?.[2];
  const reportText = reportFile ? readFileSync(reportFile, 'utf8') : '{}';
  let sarif = '';
  try {
    sarif = readFileSync(join(dir, 'out.sarif'), 'utf8');
  } catch {
    sarif = '';
  }
  const summary = readFileSync(files.summary, 'utf8');
  const requests = JSON.stringify(github.requests);
  const comment = github.comments[0]?.body ?? '';
  return {
    status,
    stdout,
    summary,
    comment,
    report: JSON.parse(reportText) as Report,
    masked: [...stdout.matchAll(/^::add-mask::(.*)$/gm)].map((m) => m[1]),
    // `::add-mask::` lines are the masking itself: the runner consumes them, never shows them.
    everything: [
      stdout.replace(/^::add-mask::.*$/gm, ''),
      stderr,
      outputs,
      summary,
      reportText,
      sarif,
      requests,
    ].join('\n'),
  };
}

function expectNoSecret(run: ActionRun): void {
  const secrets = secretVariants({ username: pf!.username, password: pf!.password });
  expect(secrets.length).toBeGreaterThan(3);
  for (const secret of secrets) {
    expect(run.everything.includes(secret), `a form of the password leaked`).toBe(false);
    // Masked before anything else happened, so the runner hides it in every log line.
    expect(run.masked).toContain(secret);
  }
}

describe.skipIf(!pf)('the Action with the live probe, against Postfix', () => {
  const credentials = () => ({
    'smtp-username': pf!.username,
    'smtp-password': pf!.password,
    'ca-file': pf!.caFile,
  });

  it('probes, authenticates and delivers a test message; no output holds the password', async () => {
    const run = await runAction({
      'smtp-host': pf!.host,
      'smtp-port': String(pf!.ports.submission),
      ...credentials(),
      'send-test': 'true',
      'mail-from': pf!.username,
      'mail-to': pf!.inbox,
    });
    const probe = run.report.probes.find((p) => p.target.id === 'input')!;
    expect(probe.tls).toMatchObject({ mode: 'starttls', ok: true, authorized: true });
    expect(probe.auth).toMatchObject({ attempted: true, ok: true, mechanism: 'PLAIN' });
    expect(probe.send).toMatchObject({ attempted: true, ok: true });
    const delivered = await waitForMaildir(
      (text) => text.includes(`smtp-preflight test message ${RUN_BASE}${runs}-1-0`),
      10_000,
    );
    expect(delivered).toContain('X-Smtp-Preflight: 1');
    expect(run.report.findings.filter((f) => f.ruleId.startsWith('LV'))).toEqual([]);
    expect(run.comment).toContain('#### 🔌 Live probe (1)');
    expect(run.summary).toContain('Live probe');
    expect(run.status).toBe(0);
    expectNoSecret(run);
  }, 60_000);

  it('the base policy decides: a host only the pull request allows gets no credentials', async () => {
    const run = await runAction({ probe: 'all', ...credentials() });
    const byFile = new Map(run.report.probes.map((p) => [p.target.at?.file, p]));
    // .env (127.0.0.1, listed on the base branch): probed with credentials.
    expect(byFile.get('.env')?.auth).toMatchObject({ attempted: true, ok: true });
    // other/.env names a host that only the pull request's copy of the policy lists.
    const other = run.report.findings.filter((f) => f.at.file === 'other/.env');
    expect(other.map((f) => f.ruleId)).toContain('LV015');
    expect(byFile.get('other/.env')?.auth?.attempted ?? false).toBe(false);
    expect(run.comment).toContain('LV015');
    expectNoSecret(run);
  }, 60_000);

  it('reads the Mail Tester score back and reports its failed checks', async () => {
    const run = await runAction({
      'smtp-host': pf!.host,
      'smtp-port': String(pf!.ports.submission),
      ...credentials(),
      'mail-tester-username': 'acme',
      'mail-tester-url': tester.url,
      'mail-tester-timeout': '6',
      'min-deliverability-score': '8',
    });
    const probe = run.report.probes[0];
    expect(probe.send, JSON.stringify(probe.send)).toMatchObject({ ok: true });
    expect(probe.deliverability).toMatchObject({ ok: false, score: 6.5, minScore: 8 });
    expect(tester.paths.at(-1)).toMatch(/^\/acme-\d+-1-0&format=json$/);
    // The test Postfix also plays the tester's receiving server: the message really went out.
    const id = `${RUN_BASE}${runs}-1-0`;
    const received = await waitForMaildir(
      (text) => text.includes(`acme-${id}@srv1.mail-tester.com`),
      10_000,
    );
    expect(received).toContain(`Subject: smtp-preflight test message ${id}`);
    const ids = run.report.findings.map((f) => f.ruleId);
    expect(ids).toContain('LV010');
    expect(ids).toContain('LV011');
    // Findings about the smtp-host input point at its line in the workflow file.
    expect(run.report.findings.find((f) => f.ruleId === 'LV010')?.at.file).toBe(
      '.github/workflows/mail.yml',
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/::error.*LV010/);
    expectNoSecret(run);
  }, 60_000);

  it('is skipped with a notice on a pull request from a fork', async () => {
    const run = await runAction(
      { 'smtp-host': pf!.host, 'smtp-port': String(pf!.ports.submission), ...credentials() },
      true,
    );
    expect(run.report.probes).toEqual([]);
    expect(run.stdout).toMatch(/::notice::smtp-preflight: live probe skipped: .*fork/);
    expectNoSecret(run);
  }, 60_000);
});
