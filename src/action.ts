/** The Action's entry: read inputs, run the pipeline, publish. Decides nothing itself. */
import * as core from '@actions/core';
import { commentOnPullRequest } from './github/comment.js';
import { readRunContext, type PullRequestInfo, type RunContext } from './github/context.js';
import { readInputs, type ActionInputs } from './github/inputs.js';
import { readProbeInputs, workflowLocation } from './github/probe-inputs.js';
import { publish, rootPrefix } from './github/publish.js';
import type { Report } from './model.js';
import {
  DEFAULT_POLICY,
  loadPolicy,
  loadPolicyFromBase,
  type Policy,
} from './policy/policy-file.js';
import type { ProbeConfig } from './probe/config.js';
import { runProbeStage } from './probe/stage.js';
import { RULES } from './policy/rules.js';
import { decidingFindings } from './report/compare.js';
import { thresholdSummary } from './report/counts.js';
import { addComparison, policyOf, reachesThreshold, run } from './run.js';

const RULE_TITLES = Object.fromEntries(RULES.map((r) => [r.id, r.title]));

/**
 * The base commit's policy. When the base cannot be read: with no policy file in the head either,
 * the built-in default judges (a pull request cannot relax it); with a team policy file present,
 * fail closed rather than let the pull request's own copy judge it.
 */
async function basePolicy(inputs: ActionInputs, baseSha: string): Promise<Policy> {
  try {
    return await loadPolicyFromBase(inputs.root, baseSha, inputs.policyFile);
  } catch (error) {
    const head = await loadPolicy(inputs.root, inputs.policyFile);
    if (head.file) throw error;
    core.warning(
      `smtp-preflight: could not read the policy of the base commit, judging with the built-in policy: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
    return head;
  }
}

/**
 * Scans the workspace; on a pull request also the base commit, unless that cannot be had. On a
 * pull request the policy comes from the base commit, so the pull request cannot relax it.
 */
async function scan(inputs: ActionInputs, pullRequest?: PullRequestInfo): Promise<Report> {
  const policy = pullRequest
    ? await basePolicy(inputs, pullRequest.baseSha)
    : await loadPolicy(inputs.root, inputs.policyFile);
  const options = { root: inputs.root, maxFileBytes: inputs.maxFileBytes, policy };
  const report = await run(options);
  if (!pullRequest) return report;
  try {
    return await addComparison(report, { ...options, base: pullRequest.baseSha });
  } catch (error) {
    core.warning(
      `smtp-preflight: could not scan the base commit, so new and fixed findings are not told apart${
        inputs.failOnNewOnly ? ' and every finding decides the status' : ''
      }: ${error instanceof Error ? error.message : String(error)}`,
    );
    return report;
  }
}

/** The live probe stage, when the probe inputs ask for it. */
async function probe(report: Report, config: ProbeConfig, context: RunContext): Promise<void> {
  const pullRequest = context.pullRequest;
  const outcome = await runProbeStage(report, config, policyOf(report) ?? DEFAULT_POLICY, {
    eventName: context.eventName,
    isFork: pullRequest?.fromFork ?? false,
    actor: pullRequest?.dependabot ? 'dependabot[bot]' : process.env.GITHUB_ACTOR,
    setSecret: (value) => core.setSecret(value),
    fallbackAt: workflowLocation(),
    runId: `${process.env.GITHUB_RUN_ID ?? Date.now()}-${process.env.GITHUB_RUN_ATTEMPT ?? 1}`,
  });
  if (outcome.skipped) core.notice(`smtp-preflight: live probe skipped: ${outcome.skipped}`);
}

export async function main(): Promise<void> {
  try {
    const inputs = readInputs();
    const probeConfig = readProbeInputs();
    const context = readRunContext();
    const pullRequest = context.pullRequest;
    const report = await scan(inputs, pullRequest);
    if (probeConfig) await probe(report, probeConfig, context);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    await publish(report, {
      failOn: inputs.failOn,
      failOnNewOnly: inputs.failOnNewOnly,
      root: inputs.root,
      workspace,
      titles: RULE_TITLES,
      sarifFile: inputs.sarifFile,
    });
    if (pullRequest) {
      await commentOnPullRequest(report, {
        token: inputs.githubToken,
        mode: inputs.comment,
        commentKey: inputs.commentKey,
        failOn: inputs.failOn,
        failOnNewOnly: inputs.failOnNewOnly,
        filePrefix: rootPrefix(workspace, inputs.root),
        run: context,
        pullRequest,
      });
    }
    if (
      inputs.failOn !== 'never' &&
      reachesThreshold(report, inputs.failOn, inputs.failOnNewOnly)
    ) {
      const deciding = decidingFindings(report, inputs.failOnNewOnly);
      const scope = inputs.failOnNewOnly && report.comparison ? ' (new in this pull request)' : '';
      core.setFailed(`smtp-preflight: ${thresholdSummary(deciding, inputs.failOn)}${scope}`);
    }
  } catch (error) {
    core.setFailed(`smtp-preflight: ${error instanceof Error ? error.message : String(error)}`);
  }
}
