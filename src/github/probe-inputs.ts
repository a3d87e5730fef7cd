/**
 * The live probe's inputs (action.yml) as a ValueSource, masked at once, and the workflow file
 * line that findings about the `smtp-host` input point at.
 */
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Location } from '../model.js';
import { parseProbeConfig, type ProbeConfig } from '../probe/config.js';

const SECRET_INPUTS = ['smtp-password', 'smtp-oauth2-token'];

/** Reads and validates the probe inputs; undefined when the probe is off. */
export function readProbeInputs(): ProbeConfig | undefined {
  for (const name of SECRET_INPUTS) {
    const value = core.getInput(name);
    if (value) core.setSecret(value);
  }
  return parseProbeConfig({
    get: (name) => core.getInput(name),
    describe: (name) => `input '${name}'`,
  });
}

/**
 * `GITHUB_WORKFLOW_REF` is `owner/repo/.github/workflows/x.yml@refs/...`: the workflow file, and
 * in it the `smtp-host:` line when it is in the workspace; else the file's first line.
 */
export function workflowLocation(
  env: NodeJS.ProcessEnv = process.env,
  workspace = env.GITHUB_WORKSPACE ?? process.cwd(),
): Location {
  const ref = env.GITHUB_WORKFLOW_REF ?? '';
  const m = /^[^/]+\/[^/]+\/(.+?)@/.exec(ref);
  const file = m ? m[1] : '.github/workflows';
  let line = 1;
  if (m) {
    try {
      const lines = readFileSync(join(workspace, file), 'utf8').split(/\r\n|\r|\n/);
      const i = lines.findIndex((l) => /^\s*smtp-host\s*:/.test(l));
      if (i >= 0) line = i + 1;
    } catch {
      line = 1;
    }
  }
  return { file, line };
}
