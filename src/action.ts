/** The Action's entry: read inputs, run the pipeline, publish. Decides nothing itself. */
import * as core from '@actions/core';
import { readInputs } from './github/inputs.js';
import { publish } from './github/publish.js';
import { RULES } from './policy/rules.js';
import { thresholdSummary } from './report/counts.js';
import { reachesThreshold, run } from './run.js';

const RULE_TITLES = Object.fromEntries(RULES.map((r) => [r.id, r.title]));

export async function main(): Promise<void> {
  try {
    const inputs = readInputs();
    const report = await run({ root: inputs.root, maxFileBytes: inputs.maxFileBytes });
    await publish(report, { failOn: inputs.failOn, root: inputs.root, titles: RULE_TITLES });
    if (inputs.failOn !== 'never' && reachesThreshold(report, inputs.failOn)) {
      core.setFailed(`smtp-preflight: ${thresholdSummary(report.findings, inputs.failOn)}`);
    }
  } catch (error) {
    core.setFailed(`smtp-preflight: ${error instanceof Error ? error.message : String(error)}`);
  }
}
