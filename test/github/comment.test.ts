/**
 * The sticky comment client against the fake GitHub REST API over real HTTP, in process: which
 * requests it makes, what it retries, and what it says when it cannot comment. It never throws.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  retryDelay,
  upsertStickyComment,
  type StickyCommentOptions,
} from '../../src/github/comment.js';
import { FakeGitHub } from '../support/fake-github.js';

const github = new FakeGitHub('o', 'r', 5);
const LIST = 'GET /repos/o/r/issues/5/comments?per_page=100';
const CREATE = 'POST /repos/o/r/issues/5/comments';
const MARKER = '<!-- smtp-preflight -->';

let stdout: string[] = [];
beforeAll(() => github.start());
afterAll(() => github.stop());
beforeEach(() => {
  github.reset();
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout.push(String(chunk));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

function options(overrides: Partial<StickyCommentOptions> = {}): StickyCommentOptions {
  return {
    token: 't0k3n',
    owner: 'o',
    repo: 'r',
    issueNumber: 5,
    body: `${MARKER}\n### ✅ smtp-preflight passed`,
    mode: 'always',
    hasFindings: true,
    baseUrl: github.url,
    retry: { baseDelayMs: 5, maxDelayMs: 200 },
    ...overrides,
  };
}

const lines = (prefix: string) =>
  stdout
    .join('')
    .split('\n')
    .filter((l) => l.startsWith(prefix));

describe('upsertStickyComment', () => {
  it('does not touch an up-to-date comment', async () => {
    const c = github.addComment(`${MARKER}\n### ✅ smtp-preflight passed\n`);
    const outcome = await upsertStickyComment(options());
    expect(outcome).toMatchObject({ status: 'unchanged', id: c.id });
    expect(github.sequence()).toEqual([LIST]);
  });

  it('on-findings: creates with findings, not without', async () => {
    expect(await upsertStickyComment(options({ mode: 'on-findings', hasFindings: false }))).toEqual(
      {
        status: 'skipped',
        reason: 'no findings',
      },
    );
    expect(github.sequence()).toEqual([LIST]);
    github.requests.length = 0;
    const outcome = await upsertStickyComment(options({ mode: 'on-findings' }));
    expect(outcome.status).toBe('created');
    expect(github.sequence()).toEqual([LIST, CREATE]);
  });

  it('never and an empty token make no request', async () => {
    expect((await upsertStickyComment(options({ mode: 'never' }))).status).toBe('skipped');
    expect((await upsertStickyComment(options({ token: '' }))).status).toBe('skipped');
    expect(github.requests).toEqual([]);
    expect(lines('::warning::')[0]).toMatch(/the `github-token` input is empty/);
  });

  it('explains a missing permission on a same-repository pull request, without retrying', async () => {
    github.script.push({
      method: 'GET',
      path: /comments$/,
      status: 404,
      body: { message: 'Not Found' },
    });
    const outcome = await upsertStickyComment(options());
    expect(outcome).toEqual({ status: 'failed', reason: 'Not Found', httpStatus: 404 });
    expect(github.sequence()).toEqual([LIST]);
    const [warning] = lines('::warning ');
    expect(warning).toContain('HTTP 404: Not Found');
    expect(warning).toContain('permissions: pull-requests: write');
    expect(warning).toContain('workflow_run');
  });

  it('says Dependabot runs need the permission granted', async () => {
    github.script.push({
      method: 'POST',
      path: /comments$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    await upsertStickyComment(options({ dependabot: true }));
    expect(github.sequence()).toEqual([LIST, CREATE]);
    expect(lines('::notice ')[0]).toMatch(/Dependabot.*read-only token.*pull-requests: write/);
  });

  it('does not retry a rejected token', async () => {
    github.script.push({
      method: 'GET',
      path: /comments$/,
      status: 401,
      body: { message: 'Bad credentials' },
    });
    await upsertStickyComment(options());
    expect(github.sequence()).toEqual([LIST]);
    expect(lines('::warning ')[0]).toMatch(/HTTP 401: Bad credentials.*`github-token`/);
  });

  it('retries 429 and secondary rate limits, waiting as told', async () => {
    github.script.push(
      { method: 'GET', path: /comments$/, status: 429, body: { message: 'Too Many Requests' } },
      {
        method: 'POST',
        path: /comments$/,
        status: 403,
        body: { message: 'You have exceeded a secondary rate limit.' },
      },
    );
    const started = Date.now();
    const outcome = await upsertStickyComment(options());
    expect(outcome.status).toBe('created');
    expect(github.sequence()).toEqual([LIST, LIST, CREATE, CREATE]);
    // No retry-after: a rate limit waits the longest delay (200 ms here), twice.
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('does not wait for a rate limit that resets too late', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    github.script.push({
      method: 'GET',
      path: /comments$/,
      status: 403,
      body: { message: 'API rate limit exceeded for installation ID 1.' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
    });
    const outcome = await upsertStickyComment(options());
    expect(outcome.status).toBe('failed');
    expect(github.sequence()).toEqual([LIST]);
    expect(lines('::warning ')[0]).toMatch(/rate limit was hit/);
  });

  it('retries network failures and gives up after three attempts', async () => {
    const outcome = await upsertStickyComment(options({ baseUrl: 'http://127.0.0.1:9' }));
    expect(outcome.status).toBe('failed');
    expect(lines('smtp-preflight: GET ')).toHaveLength(2);
    expect(lines('::warning ')[0]).toMatch(/after 3 attempts/);
  });
});

describe('retryDelay', () => {
  const opts = { tries: 3, baseDelayMs: 1000, maxDelayMs: 60_000, timeoutMs: 30_000 };
  const failure = (status: number, headers = {}, message = '') => ({ status, headers, message });

  it('backs off exponentially on 5xx and network errors', () => {
    expect(retryDelay(failure(502), 1, opts)).toBe(1000);
    expect(retryDelay(failure(500), 2, opts)).toBe(2000);
    expect(retryDelay(failure(0), 3, opts)).toBe(4000);
  });

  it('honours retry-after and the rate limit reset within the bound', () => {
    expect(retryDelay(failure(403, { 'retry-after': '7' }), 1, opts)).toBe(7000);
    expect(retryDelay(failure(429, { 'retry-after': '600' }), 1, opts)).toBeUndefined();
    const now = 1_000_000_000_000;
    const reset = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) };
    expect(retryDelay(failure(403, reset), 1, opts, now)).toBe(30_000);
    expect(retryDelay(failure(403, {}, 'secondary rate limit'), 1, opts)).toBe(60_000);
  });

  it('does not retry client errors', () => {
    for (const status of [400, 401, 404, 422])
      expect(retryDelay(failure(status), 1, opts)).toBeUndefined();
    expect(
      retryDelay(failure(403, {}, 'Resource not accessible by integration'), 1, opts),
    ).toBeUndefined();
  });
});
