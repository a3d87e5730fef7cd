/**
 * What the Action knows about the workflow run: the event, the repository, the pull request.
 * Read through `@actions/github`'s context, which reads GITHUB_EVENT_NAME, GITHUB_EVENT_PATH,
 * GITHUB_REPOSITORY, GITHUB_SERVER_URL and GITHUB_RUN_ID when it is first imported.
 */
import { context } from '@actions/github';

/** Events whose payload is a pull request that gets the comment and the base comparison. */
export const PULL_REQUEST_EVENTS: readonly string[] = ['pull_request', 'pull_request_target'];

export interface PullRequestInfo {
  number: number;
  /** `pull_request.base.sha`: the commit the head is compared with. */
  baseSha: string;
  /** `pull_request.head.sha`: the commit the comment's links point at. */
  headSha: string;
  /** The head branch lives in another repository: the token is read-only on `pull_request`. */
  fromFork: boolean;
  /** Opened by Dependabot, whose `pull_request` runs get a read-only token by default. */
  dependabot: boolean;
}

export interface RunContext {
  eventName: string;
  /** `owner/repo`, when known. */
  repository?: string;
  serverUrl: string;
  /** The run's page, which shows the job summary. */
  runUrl?: string;
  /** Set on pull request events with a usable payload. */
  pullRequest?: PullRequestInfo;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function readRunContext(): RunContext {
  const serverUrl = (context.serverUrl || 'https://github.com').replace(/\/+$/, '');
  let repository: string | undefined;
  try {
    const { owner, repo } = context.repo;
    if (owner && repo) repository = `${owner}/${repo}`;
  } catch {
    repository = undefined;
  }
  const runUrl =
    repository && Number.isFinite(context.runId) && context.runId > 0
      ? `${serverUrl}/${repository}/actions/runs/${context.runId}`
      : undefined;
  const result: RunContext = { eventName: context.eventName ?? '', serverUrl, repository, runUrl };

  const pr = context.payload.pull_request as Record<string, unknown> | undefined;
  if (!PULL_REQUEST_EVENTS.includes(result.eventName) || !pr) return result;
  const base = pr.base as { sha?: unknown; repo?: { full_name?: unknown } } | undefined;
  const head = pr.head as { sha?: unknown; repo?: { full_name?: unknown } } | undefined;
  const baseSha = str(base?.sha);
  const headSha = str(head?.sha);
  if (typeof pr.number !== 'number' || !baseSha || !headSha) return result;
  const headRepo = str(head?.repo?.full_name);
  const baseRepo = str(base?.repo?.full_name) ?? repository;
  const user = (pr.user as { login?: unknown } | undefined)?.login;
  result.pullRequest = {
    number: pr.number,
    baseSha,
    headSha,
    // A deleted fork has `head.repo: null`: still a fork.
    fromFork: head?.repo === null || (headRepo !== undefined && headRepo !== baseRepo),
    dependabot: user === 'dependabot[bot]' || context.actor === 'dependabot[bot]',
  };
  return result;
}
