/**
 * The sticky pull request comment: one per pull request (and `comment-key`), found by its hidden
 * marker, edited in place on every run, created only when there is none.
 *
 * Never throws and never fails the run: a comment that cannot be posted becomes a notice or a
 * warning that says why and how to enable it; the job summary has the full report anyway.
 * Transient failures (5xx, 429, secondary rate limits, network errors, timeouts) are retried with
 * exponential backoff, a bounded number of times.
 */
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FailOn, Report } from '../model.js';
import { isOwnComment, renderComment } from '../report/comment.js';
import type { PullRequestInfo, RunContext } from './context.js';

export type CommentMode = 'always' | 'on-findings' | 'never';
export const COMMENT_MODES: readonly CommentMode[] = ['always', 'on-findings', 'never'];

export interface RetryOptions {
  /** Attempts per request, the first included (default 3). */
  tries?: number;
  /** Wait before the first retry; doubles each time (default 1 s). */
  baseDelayMs?: number;
  /**
   * Longest wait honoured; also the wait after a rate limit that names none (GitHub asks for at
   * least a minute then). A `retry-after` beyond it is not waited for (default 60 s).
   */
  maxDelayMs?: number;
  /** Per-attempt timeout (default 30 s). */
  timeoutMs?: number;
}

export interface StickyCommentOptions {
  token: string;
  owner: string;
  repo: string;
  /** The pull request number. */
  issueNumber: number;
  body: string;
  /** The `comment-key` input, if any: only comments with the same key are ours. */
  commentKey?: string;
  mode: CommentMode;
  /** Whether the report has findings (`on-findings` creates a comment only then). */
  hasFindings: boolean;
  /** Why the token may be read-only, for the message when it is. */
  fromFork?: boolean;
  dependabot?: boolean;
  retry?: RetryOptions;
  /** The REST API root; default GITHUB_API_URL as read by `@actions/github`. */
  baseUrl?: string;
}

export type CommentOutcome =
  | { status: 'created' | 'updated'; id: number; url?: string }
  | { status: 'unchanged'; id: number; url?: string }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; reason: string; httpStatus?: number };

interface HttpFailure {
  status: number;
  message: string;
  headers: Record<string, string | number | undefined>;
}

function asFailure(error: unknown): HttpFailure {
  const e = error as {
    status?: unknown;
    message?: unknown;
    response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
  };
  const data = e?.response?.data as { message?: unknown } | undefined;
  const message =
    (typeof data?.message === 'string' && data.message) ||
    (typeof e?.message === 'string' && e.message) ||
    String(error);
  return {
    status: typeof e?.status === 'number' ? e.status : 0,
    message: message.split('\n')[0],
    headers: e?.response?.headers ?? {},
  };
}

function header(f: HttpFailure, name: string): string | undefined {
  const value = f.headers[name];
  return value === undefined ? undefined : String(value);
}

/** A rate limit: 429, or 403 with `retry-after`, an exhausted quota or the secondary-limit text. */
function isRateLimit(f: HttpFailure): boolean {
  if (f.status === 429) return true;
  if (f.status !== 403) return false;
  return (
    header(f, 'retry-after') !== undefined ||
    header(f, 'x-ratelimit-remaining') === '0' ||
    /rate limit/i.test(f.message)
  );
}

/** The wait before the next attempt, or undefined when this failure is not worth retrying. */
export function retryDelay(
  f: HttpFailure,
  attempt: number,
  options: Required<RetryOptions>,
  now: number = Date.now(),
): number | undefined {
  const backoff = options.baseDelayMs * 2 ** (attempt - 1);
  const within = (ms: number): number | undefined =>
    ms <= options.maxDelayMs ? Math.max(0, ms) : undefined;
  if (isRateLimit(f)) {
    const retryAfter = Number(header(f, 'retry-after'));
    if (header(f, 'retry-after') !== undefined && Number.isFinite(retryAfter)) {
      return within(Math.max(retryAfter * 1000, backoff));
    }
    const reset = Number(header(f, 'x-ratelimit-reset'));
    if (header(f, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset)) {
      return within(Math.max(reset * 1000 - now, backoff));
    }
    return within(Math.max(options.maxDelayMs, backoff));
  }
  // 5xx, and 0/500 for network errors and timeouts (Octokit reports those as 500).
  if (f.status >= 500 || f.status === 0) return within(backoff);
  return undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function retryDefaults(retry: RetryOptions = {}): Required<RetryOptions> {
  return {
    tries: Math.max(1, retry.tries ?? 3),
    baseDelayMs: Math.max(0, retry.baseDelayMs ?? 1000),
    maxDelayMs: Math.max(0, retry.maxDelayMs ?? 60_000),
    timeoutMs: Math.max(1, retry.timeoutMs ?? 30_000),
  };
}

type Octokit = ReturnType<typeof getOctokit>;

/** `/repos/o/r/issues/1/comments`: the request's path, with the URL template filled in. */
function requestPath(options: { url: string; [key: string]: unknown }): string {
  return options.url
    .replace(/\{(\w+)\}/g, (whole, name: string) =>
      options[name] === undefined ? whole : encodeURIComponent(String(options[name])),
    )
    .replace(/^[a-z]+:\/\/[^/]+/i, '');
}

/** An Octokit whose every request (each page of a list too) is retried as described above. */
function client(
  token: string,
  baseUrl: string | undefined,
  retry: Required<RetryOptions>,
): Octokit {
  const options: NonNullable<Parameters<typeof getOctokit>[1]> = {
    // No noise from Octokit's own logger: failures are reported once, by us.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  };
  if (baseUrl) options.baseUrl = baseUrl;
  const octokit = getOctokit(token, options);
  octokit.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await request({
          ...requestOptions,
          request: { ...requestOptions.request, signal: AbortSignal.timeout(retry.timeoutMs) },
        });
      } catch (error) {
        const failure = asFailure(error);
        const wait = attempt < retry.tries ? retryDelay(failure, attempt, retry) : undefined;
        if (wait === undefined) throw error;
        core.info(
          `smtp-preflight: ${requestOptions.method} ${requestPath(requestOptions)} failed ` +
            `(${failure.status ? `HTTP ${failure.status}: ` : ''}${failure.message}); ` +
            `retrying in ${(wait / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${retry.tries})`,
        );
        await sleep(wait);
      }
    }
  });
  return octokit;
}

/** Explains a failure that retrying cannot fix, and how to get the comment. */
function explain(f: HttpFailure, options: StickyCommentOptions): { text: string; notice: boolean } {
  const pr = `pull request #${options.issueNumber}`;
  const http = f.status ? `HTTP ${f.status}: ${f.message}` : f.message;
  const summary = 'The full report is in the job summary; the exit status is unaffected.';
  if (isRateLimit(f)) {
    const tries = retryDefaults(options.retry).tries;
    return {
      notice: false,
      text: `smtp-preflight could not comment on ${pr}: GitHub's API rate limit was hit (${http}) and did not clear within ${tries} attempts. ${summary}`,
    };
  }
  if (f.status === 403 || f.status === 404) {
    const forkHelp =
      'To comment on pull requests from forks, post the comment from a separate workflow ' +
      'triggered by `workflow_run` that has `pull-requests: write` (see the README, ' +
      '"Fork-safe commenting").';
    if (options.fromFork) {
      return {
        notice: true,
        text:
          `smtp-preflight could not comment on ${pr} (${http}): it comes from a fork, and GitHub ` +
          `gives workflows on fork pull requests a read-only token. ${summary} ${forkHelp}`,
      };
    }
    if (options.dependabot) {
      return {
        notice: true,
        text:
          `smtp-preflight could not comment on ${pr} (${http}): Dependabot's pull request runs ` +
          `get a read-only token unless the workflow grants more. ${summary} Add ` +
          '`permissions: pull-requests: write` to the job to get the comment there too.',
      };
    }
    return {
      notice: false,
      text:
        `smtp-preflight could not comment on ${pr} (${http}): the token may not write pull ` +
        `request comments. ${summary} Add \`permissions: pull-requests: write\` to the job (or ` +
        'the workflow), or pass a token that can through the `github-token` input. ' +
        forkHelp,
    };
  }
  if (f.status === 401) {
    return {
      notice: false,
      text: `smtp-preflight could not comment on ${pr} (${http}): the token was rejected; check the \`github-token\` input. ${summary}`,
    };
  }
  const tries = retryDefaults(options.retry).tries;
  const retried = f.status >= 500 || f.status === 0 ? ` after ${tries} attempts` : '';
  return {
    notice: false,
    text: `smtp-preflight could not comment on ${pr}${retried} (${http}). ${summary}`,
  };
}

/**
 * Creates or updates the sticky comment according to `mode`. Never throws: failures are logged as
 * a notice (expected read-only tokens: forks, Dependabot) or a warning, and returned.
 */
export async function upsertStickyComment(options: StickyCommentOptions): Promise<CommentOutcome> {
  if (options.mode === 'never') return { status: 'skipped', reason: 'comment: never' };
  if (!options.token) {
    const reason = 'no token (the `github-token` input is empty)';
    core.warning(
      `smtp-preflight did not comment on pull request #${options.issueNumber}: ${reason}. The full report is in the job summary.`,
    );
    return { status: 'skipped', reason };
  }
  const retry = retryDefaults(options.retry);
  const where = { owner: options.owner, repo: options.repo, issue_number: options.issueNumber };
  try {
    const octokit = client(options.token, options.baseUrl, retry);
    let existing: { id: number; body?: string | null; html_url?: string } | undefined;
    for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, {
      ...where,
      per_page: 100,
    })) {
      existing = page.data.find((c) => isOwnComment(c.body, options.commentKey));
      if (existing) break;
    }

    if (existing) {
      if ((existing.body ?? '').trim() === options.body.trim()) {
        core.info(
          `smtp-preflight: the pull request comment is up to date (${existing.html_url ?? existing.id})`,
        );
        return { status: 'unchanged', id: existing.id, url: existing.html_url };
      }
      const { data } = await octokit.rest.issues.updateComment({
        owner: options.owner,
        repo: options.repo,
        comment_id: existing.id,
        body: options.body,
      });
      core.info(`smtp-preflight: updated the pull request comment ${data.html_url ?? data.id}`);
      return { status: 'updated', id: data.id, url: data.html_url };
    }
    if (options.mode === 'on-findings' && !options.hasFindings) {
      core.info(
        'smtp-preflight: no findings and no earlier comment: not commenting (comment: on-findings)',
      );
      return { status: 'skipped', reason: 'no findings' };
    }
    const { data } = await octokit.rest.issues.createComment({ ...where, body: options.body });
    core.info(`smtp-preflight: commented on the pull request: ${data.html_url ?? data.id}`);
    return { status: 'created', id: data.id, url: data.html_url };
  } catch (error) {
    const failure = asFailure(error);
    const { text, notice } = explain(failure, options);
    if (notice) core.notice(text, { title: 'smtp-preflight: no pull request comment' });
    else core.warning(text, { title: 'smtp-preflight: no pull request comment' });
    return { status: 'failed', reason: failure.message, httpStatus: failure.status || undefined };
  }
}

export interface PullRequestCommentOptions {
  token: string;
  mode: CommentMode;
  commentKey?: string;
  failOn: FailOn;
  failOnNewOnly: boolean;
  /** The scanned root relative to the repository root, for links. */
  filePrefix?: string;
  run: RunContext;
  pullRequest: PullRequestInfo;
  retry?: RetryOptions;
}

export const COMMENT_FILE_NAME = 'smtp-preflight-comment.md';

/**
 * Renders the report as the comment body, writes it to RUNNER_TEMP (output `comment-file`, for a
 * fork-safe `workflow_run` workflow to post), and upserts it on the run's pull request.
 */
export async function commentOnPullRequest(
  report: Report,
  options: PullRequestCommentOptions,
): Promise<CommentOutcome> {
  const body = renderComment(report, {
    repository: options.run.repository,
    serverUrl: options.run.serverUrl,
    headSha: options.pullRequest.headSha,
    filePrefix: options.filePrefix,
    failOn: options.failOn,
    failOnNewOnly: options.failOnNewOnly,
    commentKey: options.commentKey || undefined,
    summaryUrl: options.run.runUrl,
  });
  const file = join(process.env.RUNNER_TEMP || tmpdir(), COMMENT_FILE_NAME);
  try {
    await writeFile(file, body, 'utf8');
    core.setOutput('comment-file', file);
  } catch (error) {
    core.warning(`smtp-preflight: could not write ${file}: ${(error as Error).message}`);
  }

  if (options.mode === 'never') return { status: 'skipped', reason: 'comment: never' };
  const [owner, repo] = (options.run.repository ?? '').split('/');
  if (!owner || !repo) {
    core.warning(
      'smtp-preflight did not comment: the repository is unknown (GITHUB_REPOSITORY is not set). The full report is in the job summary.',
    );
    return { status: 'skipped', reason: 'no repository' };
  }
  return upsertStickyComment({
    token: options.token,
    owner,
    repo,
    issueNumber: options.pullRequest.number,
    body,
    commentKey: options.commentKey || undefined,
    mode: options.mode,
    hasFindings: report.findings.length > 0,
    fromFork: options.pullRequest.fromFork,
    dependabot: options.pullRequest.dependabot,
    retry: options.retry ?? retryFromEnvironment(),
  });
}

/**
 * `SMTP_PREFLIGHT_RETRY_DELAY_MS` scales the waits (base delay; the longest wait is 60 times it):
 * for tests, which cannot wait seconds per retry.
 */
function retryFromEnvironment(): RetryOptions | undefined {
  const raw = process.env.SMTP_PREFLIGHT_RETRY_DELAY_MS;
  const base = raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
  return base === undefined ? undefined : { baseDelayMs: base, maxDelayMs: base * 60 };
}
