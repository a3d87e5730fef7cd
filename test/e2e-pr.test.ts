/**
 * The pull request experience end to end: the bundled Action (dist/index.js) run the way the
 * runner runs it — INPUT_* variables (hyphens kept), GITHUB_EVENT_NAME and GITHUB_EVENT_PATH with a
 * real `pull_request` payload, GITHUB_API_URL pointing at a fake GitHub REST API on 127.0.0.1 over
 * real HTTP — in a git repository with a base and a head commit, so new, fixed and pre-existing
 * findings are real. Asserts the exact requests the Action makes.
 *
 * Needs a fresh `npm run bundle` (test/dist.test.ts checks that dist/ is current).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../src/model.js';
import { FakeGitHub } from './support/fake-github.js';

const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));
// SMTP_PREFLIGHT_DIST_DIR (as for rollup) runs a bundle built elsewhere; dist/ by default.
const distIndex = join(
  process.env.SMTP_PREFLIGHT_DIST_DIR || join(projectRoot, 'dist'),
  'index.js',
);
const scratch = mkdtempSync(join(tmpdir(), 'smtp-preflight-e2e-pr-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const OWNER = 'acme';
const REPO = 'storefront';
const PR_NUMBER = 42;
const TOKEN = 'ghs_e2eTestToken000000000000000000000000';
const MARKER = '<!-- smtp-preflight -->';

const github = new FakeGitHub(OWNER, REPO, PR_NUMBER);
beforeAll(async () => {
  await github.start();
});
afterAll(async () => {
  await github.stop();
});
beforeEach(() => github.reset());

const LIST = `GET /repos/${OWNER}/${REPO}/issues/${PR_NUMBER}/comments?per_page=100`;
const CREATE = `POST /repos/${OWNER}/${REPO}/issues/${PR_NUMBER}/comments`;
const update = (id: number) => `PATCH /repos/${OWNER}/${REPO}/issues/comments/${id}`;

// ---------------------------------------------------------------------------------------------
// The repository: a base commit and head commits of a pull request.

const repo = join(scratch, 'repo');
const git = (...args: string[]): string =>
  execFileSync('git', ['-c', 'user.email=dev@example.com', '-c', 'user.name=dev', ...args], {
    cwd: repo,
    encoding: 'utf8',
  }).trim();

function write(files: Record<string, string | null>): void {
  for (const [file, text] of Object.entries(files)) {
    const path = join(repo, file);
    if (text === null) {
      rmSync(path, { force: true });
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

function commit(message: string, files: Record<string, string | null>): string {
  write(files);
  git('add', '-A');
  git('commit', '-qm', message);
  return git('rev-parse', 'HEAD');
}

const ENV_BASE =
  'MAIL_MAILER=smtp\nMAIL_HOST=smtp.mailgun.org\nMAIL_PORT=587\nMAIL_USERNAME=postmaster\n';
const COMPOSE = (password: string) =>
  'services:\n  app:\n    environment:\n      MAIL_MAILER: smtp\n      MAIL_HOST: smtp.example.net\n' +
  `      MAIL_PORT: 25\n      MAIL_USERNAME: app\n      MAIL_PASSWORD: ${password}\n`;

let baseSha = '';
let head1 = '';
let head2 = '';

beforeAll(() => {
  mkdirSync(repo, { recursive: true });
  git('init', '-q', '-b', 'main');
  // Base: opportunistic STARTTLS in app/.env (SP003) and verification off in grafana.ini (SP005).
  baseSha = commit('base', {
    'app/.env': ENV_BASE,
    'grafana.ini': '[smtp]\nenabled = true\nhost = smtp.mailgun.org:465\nskip_verify = true\n',
  });
  // Head 1: the .env finding moves down two lines (not new), the Grafana problem is fixed, and a
  // docker-compose adds port 25 with a committed password (new SP001, SP003, SP007).
  head1 = commit('head 1', {
    'app/.env': `# mail\n# (transactional)\n${ENV_BASE}`,
    'grafana.ini': '[smtp]\nenabled = true\nhost = smtp.mailgun.org:465\n',
    'docker-compose.yml': COMPOSE('K9vq2Lr7Wz4Pn8'),
  });
  // Head 2 (a later push to the pull request): the password comes from the environment now.
  head2 = commit('head 2', { 'docker-compose.yml': COMPOSE('${MAIL_PASSWORD}') });
});

/** A `pull_request` payload as GitHub sends it (the fields the Action reads, and some context). */
function pullRequestPayload(options: { base: string; head: string; fork?: boolean }): unknown {
  const baseRepo = {
    id: 1,
    name: REPO,
    full_name: `${OWNER}/${REPO}`,
    private: false,
    owner: { login: OWNER, type: 'Organization' },
    html_url: `https://github.com/${OWNER}/${REPO}`,
  };
  const headRepo = options.fork
    ? {
        ...baseRepo,
        id: 2,
        full_name: `outsider/${REPO}`,
        owner: { login: 'outsider', type: 'User' },
        fork: true,
      }
    : baseRepo;
  return {
    action: 'synchronize',
    number: PR_NUMBER,
    pull_request: {
      url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}`,
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}`,
      number: PR_NUMBER,
      state: 'open',
      title: 'Send order mail through the new relay',
      user: { login: options.fork ? 'outsider' : 'dev', type: 'User' },
      draft: false,
      head: {
        label: options.fork ? 'outsider:mail' : `${OWNER}:mail`,
        ref: 'mail',
        sha: options.head,
        repo: headRepo,
      },
      base: { label: `${OWNER}:main`, ref: 'main', sha: options.base, repo: baseRepo },
    },
    repository: baseRepo,
    sender: { login: options.fork ? 'outsider' : 'dev', type: 'User' },
  };
}

// ---------------------------------------------------------------------------------------------
// Running the bundle.

interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  report: Report;
}

let runs = 0;

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const m of text.matchAll(/^([\w-]+)<<(ghadelimiter_[0-9a-f-]+)\n([\s\S]*?)\n\2$/gm)) {
    outputs[m[1]] = m[3];
  }
  return outputs;
}

/** Checks out `sha` and runs the bundle as the runner would for `eventName` with `payload`. */
async function runAction(
  sha: string,
  eventName: string,
  payload: unknown,
  inputs: Record<string, string> = {},
): Promise<ActionRun> {
  git('checkout', '-q', '--detach', sha);
  const dir = join(scratch, `run-${++runs}`);
  const runnerTemp = join(dir, 'runner-temp');
  mkdirSync(runnerTemp, { recursive: true });
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  const eventFile = join(dir, 'event.json');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  writeFileSync(eventFile, JSON.stringify(payload, null, 2));

  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/.test(key) && !/_proxy$/i.test(key),
    ),
  );
  // The inputs the runner passes from action.yml's defaults, then the step's `with:`.
  const all = {
    path: '.',
    'fail-on': 'error',
    comment: 'always',
    'github-token': TOKEN,
    ...inputs,
  };
  for (const [name, value] of Object.entries(all)) env[`INPUT_${name.toUpperCase()}`] = value;
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_REPOSITORY_OWNER: OWNER,
    GITHUB_API_URL: github.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_GRAPHQL_URL: `${github.url}/graphql`,
    GITHUB_RUN_ID: '987654321',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SHA: sha,
    GITHUB_WORKSPACE: repo,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerTemp,
    // Retry waits of milliseconds, not seconds.
    SMTP_PREFLIGHT_RETRY_DELAY_MS: '20',
  });

  // Asynchronous: the fake server answers from this process while the Action runs.
  const child = spawn(process.execPath, [distIndex], { cwd: repo, env });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);

  const outputs = parseOutputs(readFileSync(outputFile, 'utf8'));
  const reportFile = outputs['report-file'];
  return {
    status,
    stdout,
    stderr,
    outputs,
    summary: readFileSync(summaryFile, 'utf8'),
    report: reportFile ? (JSON.parse(readFileSync(reportFile, 'utf8')) as Report) : ({} as Report),
  };
}

const show = (findings: { ruleId: string; at: { file: string; line: number } }[]) =>
  findings.map((f) => `${f.ruleId} ${f.at.file}:${f.at.line}`).sort();

/** The `- ❌ error **[SP001](…)** [`file:line`](…)` items under a `#### title (n)` heading. */
function group(body: string, title: string): string[] {
  const start = body.indexOf(`#### ${title}`);
  if (start < 0) return [];
  const rest = body.slice(start + title.length + 5);
  const end = rest.search(/\n#### |\n---\n/);
  return [
    ...(end < 0 ? rest : rest.slice(0, end)).matchAll(/^- .*?\*\*\[(SP\d+)\]\(.*?\[`([^`]+)`\]/gm),
  ]
    .map((m) => `${m[1]} ${m[2]}`)
    .sort();
}

// ---------------------------------------------------------------------------------------------

describe('pull request comment, end to end', () => {
  it('creates one comment on the first run and edits the same one on the next', async () => {
    const first = await runAction(
      head1,
      'pull_request',
      pullRequestPayload({ base: baseSha, head: head1 }),
    );
    expect(first.stderr).toBe('');
    expect(github.sequence()).toEqual([LIST, CREATE]);
    for (const r of github.requests) expect(r.authorization).toBe(`token ${TOKEN}`);

    // The split the comment shows: a moved line is not new; the Grafana problem is fixed.
    expect(
      show(
        first.report.findings.filter((f) =>
          first.report.comparison!.newFingerprints.includes(f.fingerprint!),
        ),
      ),
    ).toEqual([
      'SP001 docker-compose.yml:6',
      'SP003 docker-compose.yml:5',
      'SP007 docker-compose.yml:8',
    ]);
    expect(first.report.comparison!.baseSha).toBe(baseSha);

    const body = github.requests[1].body!.body!;
    expect(
      body.startsWith(`${MARKER}\n### ❌ smtp-preflight failed (fail-on: error): 3 new · `),
    ).toBe(true);
    // The same body is in the `comment-file` output (for a workflow_run workflow to post).
    expect(readFileSync(first.outputs['comment-file'], 'utf8')).toBe(body);
    expect(group(body, '🆕 New in this pull request (3)')).toEqual([
      'SP001 docker-compose.yml:6',
      'SP003 docker-compose.yml:5',
      'SP007 docker-compose.yml:8',
    ]);
    expect(group(body, '✅ Fixed (1)')).toEqual(['SP005 grafana.ini:4']);
    expect(group(body, 'Already present (2)')).toEqual(['SP003 app/.env:4', 'SP008 grafana.ini:3']);
    // Links point at the pull request's head commit (fixed ones at the base).
    expect(body).toContain(
      `[\`docker-compose.yml:8\`](https://github.com/${OWNER}/${REPO}/blob/${head1}/docker-compose.yml#L8)`,
    );
    expect(body).toContain(`https://github.com/${OWNER}/${REPO}/blob/${baseSha}/grafana.ini#L4`);
    expect(body).toContain(`https://github.com/${OWNER}/${REPO}/actions/runs/987654321`);
    expect(body).not.toContain('K9vq2Lr7Wz4Pn8');
    // New errors fail the step; the outputs and the summary are there as on any run.
    expect(first.status).toBe(1);
    expect(first.stdout).toContain('::error::smtp-preflight: 2 errors reach fail-on=error');
    expect(first.outputs.verdict).toBe('fail');
    expect(first.summary).toMatch(
      /^### ❌ smtp-preflight failed \(fail-on: error\): .* · 3 new, 1 fixed since the base/,
    );
    expect(first.stdout).toMatch(
      /commented on the pull request: https:\/\/github\.com\/acme\/storefront\/pull\/42#issuecomment-1000/,
    );

    // A later push: the password is gone. Same comment, edited in place; no second POST.
    github.requests.length = 0;
    const second = await runAction(
      head2,
      'pull_request',
      pullRequestPayload({ base: baseSha, head: head2 }),
    );
    expect(github.sequence()).toEqual([LIST, update(1000)]);
    expect(github.comments).toHaveLength(1);
    const edited = github.comments[0].body;
    expect(edited).toBe(github.requests[1].body!.body);
    expect(
      edited.startsWith(`${MARKER}\n### ❌ smtp-preflight failed (fail-on: error): 2 new · `),
    ).toBe(true);
    expect(group(edited, '🆕 New in this pull request (2)')).toEqual([
      'SP001 docker-compose.yml:6',
      'SP003 docker-compose.yml:5',
    ]);
    expect(edited).toContain(`/blob/${head2}/docker-compose.yml#L6`);
    expect(second.status).toBe(1);
  });

  it('finds its comment on a later page and leaves other comments alone', async () => {
    for (let i = 0; i < 120; i++) github.addComment(`LGTM ${i}`, 'reviewer');
    // Another job's comment (with a key) comes first: not ours, since this job has no key.
    github.addComment(
      `${MARKER}\n<!-- smtp-preflight:key=other-job -->\nold`,
      'github-actions[bot]',
    );
    const ours = github.addComment(`${MARKER}\nold body`);
    await runAction(head2, 'pull_request', pullRequestPayload({ base: baseSha, head: head2 }));
    expect(github.sequence()).toEqual([LIST, `${LIST}&page=2`, update(ours.id)]);
    expect(github.comments.filter((c) => c.body.includes('old'))).toHaveLength(1);
  });

  it('keeps a comment per comment-key', async () => {
    const other = github.addComment(`${MARKER}\nno key`);
    await runAction(head2, 'pull_request', pullRequestPayload({ base: baseSha, head: head2 }), {
      'comment-key': 'smtp / backend',
    });
    expect(github.sequence()).toEqual([LIST, CREATE]);
    const created = github.requests[1].body!.body!;
    expect(created.split('\n').slice(0, 2)).toEqual([
      MARKER,
      '<!-- smtp-preflight:key=smtp%20%2F%20backend -->',
    ]);
    expect(github.comments.find((c) => c.id === other.id)!.body).toBe(`${MARKER}\nno key`);
  });

  it('falls back to the summary on a fork pull request whose token cannot comment', async () => {
    // GitHub lets a read-only token list the comments, and refuses to write one.
    github.script.push({
      method: 'POST',
      path: /\/comments$/,
      status: 403,
      body: {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
        status: '403',
      },
      times: Infinity,
    });
    const result = await runAction(
      head1,
      'pull_request',
      pullRequestPayload({ base: baseSha, head: head1, fork: true }),
    );
    // Not retried: one POST.
    expect(github.sequence()).toEqual([LIST, CREATE]);
    const notice = result.stdout
      .split('\n')
      .find((l) => l.startsWith('::notice title=smtp-preflight%3A no pull request comment::'));
    expect(notice).toBeDefined();
    expect(notice).toContain('Resource not accessible by integration');
    expect(notice).toContain('fork');
    expect(notice).toContain('workflow_run');
    expect(result.stdout).not.toMatch(/^::warning.*no pull request comment/m);
    // The report is all there, and the exit status is the findings'.
    expect(result.summary).toMatch(/^### ❌ smtp-preflight failed/);
    expect(result.summary).toContain('docker-compose.yml:8');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('::error::smtp-preflight: 2 errors reach fail-on=error');
  });

  it('keeps the real, passing status on a fork with fail-on-new-only and no new finding', async () => {
    github.script.push({
      method: 'POST',
      path: /\/comments$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    // Head 2 against head 1: nothing new, one fixed; fail-on-new-only makes the old errors not count.
    const result = await runAction(
      head2,
      'pull_request',
      pullRequestPayload({ base: head1, head: head2, fork: true }),
      { 'fail-on-new-only': 'true' },
    );
    expect(github.sequence()).toEqual([LIST, CREATE]);
    expect(result.status).toBe(0);
    expect(result.outputs.verdict).toBe('pass');
  });

  it('posts nothing and scans no base on a push', async () => {
    const result = await runAction(head1, 'push', {
      ref: 'refs/heads/main',
      before: baseSha,
      after: head1,
      repository: { name: REPO, full_name: `${OWNER}/${REPO}`, owner: { login: OWNER } },
      pusher: { name: 'dev' },
    });
    expect(github.requests).toEqual([]);
    expect(result.report.comparison).toBeUndefined();
    expect(result.outputs['comment-file']).toBeUndefined();
    expect(result.status).toBe(1);
    expect(result.outputs).toMatchObject({ errors: '2', verdict: 'fail' });
    expect(result.summary).toMatch(/^### ❌ smtp-preflight failed \(fail-on: error\): 2 errors/);
    expect(result.stdout).not.toMatch(/^::warning(::| title=smtp-preflight)/m);
  });

  it('retries a 5xx and then succeeds', async () => {
    github.script.push({
      method: 'GET',
      path: /\/comments$/,
      status: 502,
      body: { message: 'Server Error' },
    });
    const result = await runAction(
      head2,
      'pull_request',
      pullRequestPayload({ base: baseSha, head: head2 }),
    );
    expect(github.sequence()).toEqual([LIST, LIST, CREATE]);
    expect(result.stdout).toMatch(
      /GET \/repos\/acme\/storefront\/issues\/42\/comments\?per_page=100 failed \(HTTP 502: Server Error\); retrying/,
    );
    expect(result.stdout).not.toMatch(/^::warning(::| title=smtp-preflight)/m);
    expect(github.comments).toHaveLength(1);
  });

  it('gives up after three tries on a persistent 5xx without failing the run for it', async () => {
    github.script.push({
      method: 'POST',
      path: /\/comments$/,
      status: 503,
      body: { message: 'Service Unavailable' },
      times: Infinity,
    });
    const result = await runAction(
      head2,
      'pull_request',
      pullRequestPayload({ base: head1, head: head2 }),
      { 'fail-on-new-only': 'true' },
    );
    expect(github.sequence()).toEqual([LIST, CREATE, CREATE, CREATE]);
    expect(result.stdout).toMatch(
      /^::warning title=smtp-preflight%3A no pull request comment::.*after 3 attempts \(HTTP 503/m,
    );
    expect(result.status).toBe(0);
  });

  it('retries a secondary rate limit', async () => {
    github.script.push({
      method: 'POST',
      path: /\/comments$/,
      status: 403,
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
      headers: { 'retry-after': '0' },
    });
    await runAction(head2, 'pull_request', pullRequestPayload({ base: baseSha, head: head2 }));
    expect(github.sequence()).toEqual([LIST, CREATE, CREATE]);
    expect(github.comments).toHaveLength(1);
  });

  it('makes no request with comment: never', async () => {
    const result = await runAction(
      head1,
      'pull_request',
      pullRequestPayload({ base: baseSha, head: head1 }),
      {
        comment: 'never',
      },
    );
    expect(github.requests).toEqual([]);
    // Still compared with the base, and the body is there for a workflow_run workflow.
    expect(result.report.comparison?.baseSha).toBe(baseSha);
    expect(readFileSync(result.outputs['comment-file'], 'utf8')).toMatch(
      /^<!-- smtp-preflight -->\n### ❌ smtp-preflight failed \(fail-on: error\): 3 new · /,
    );
    expect(result.status).toBe(1);
  });

  it('on-findings: updates an existing comment to "no problems", creates none without findings', async () => {
    const clean = commit('clean', {
      'app/.env': null,
      'grafana.ini': null,
      'docker-compose.yml': null,
    });
    try {
      const payload = pullRequestPayload({ base: baseSha, head: clean });
      await runAction(clean, 'pull_request', payload, { comment: 'on-findings' });
      // Two fixed findings, no current one: nothing to create.
      expect(github.sequence()).toEqual([LIST]);

      const old = github.addComment(`${MARKER}\n### ❌ smtp-preflight failed`);
      github.requests.length = 0;
      const result = await runAction(clean, 'pull_request', payload, { comment: 'on-findings' });
      expect(github.sequence()).toEqual([LIST, update(old.id)]);
      expect(github.comments[0].body).toMatch(
        /^<!-- smtp-preflight -->\n### ✅ smtp-preflight passed/,
      );
      expect(result.status).toBe(0);
    } finally {
      git('reset', '-q', '--hard', head2);
    }
  });

  it('writes SARIF when asked and still comments', async () => {
    const result = await runAction(
      head2,
      'pull_request',
      pullRequestPayload({ base: baseSha, head: head2 }),
      {
        'sarif-file': 'out/smtp.sarif',
      },
    );
    expect(result.outputs['sarif-file']).toBe(join(repo, 'out', 'smtp.sarif'));
    const sarif = JSON.parse(readFileSync(result.outputs['sarif-file'], 'utf8')) as {
      version: string;
      runs: { results: { ruleId: string }[] }[];
    };
    rmSync(join(repo, 'out'), { recursive: true, force: true });
    expect(sarif.version).toBe('2.1.0');
    // Fixed findings are not in a file meant for code scanning.
    expect(sarif.runs[0].results.map((r) => r.ruleId).sort()).toEqual(
      result.report.findings.map((f) => f.ruleId).sort(),
    );
    expect(github.sequence()).toEqual([LIST, CREATE]);
  });

  it('warns and reports without a comparison when the base commit cannot be scanned', async () => {
    const result = await runAction(
      head2,
      'pull_request',
      pullRequestPayload({ base: '0000000000000000000000000000000000000001', head: head2 }),
    );
    expect(result.stdout).toMatch(/^::warning::smtp-preflight: could not scan the base commit/m);
    expect(result.report.comparison).toBeUndefined();
    expect(github.sequence()).toEqual([LIST, CREATE]);
    const body = github.requests[1].body!.body!;
    expect(body).toContain('#### Findings (');
    expect(body).not.toContain('New in this pull request');
  });
});
