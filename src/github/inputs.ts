/** The Action's inputs (action.yml), read and validated. */
import * as core from '@actions/core';
import type { FailOn } from '../model.js';
import {
  DEFAULT_FAIL_ON,
  DEFAULT_MAX_FILE_BYTES,
  parseByteSize,
  parseFailOn,
  resolveScanRoot,
} from '../options.js';

export interface ActionInputs {
  /** The `path` input as given. */
  path: string;
  /** Absolute directory to scan: `path` resolved against the workspace (the step's cwd). */
  root: string;
  failOn: FailOn;
  maxFileBytes: number;
}

/** Throws a one-line error naming the input when a value is invalid. */
export function readInputs(cwd: string = process.cwd()): ActionInputs {
  const path = core.getInput('path') || '.';
  const failOnInput = core.getInput('fail-on');
  const maxInput = core.getInput('max-file-size');
  return {
    path,
    root: resolveScanRoot(path, cwd),
    failOn: failOnInput ? parseFailOn(failOnInput, "input 'fail-on'") : DEFAULT_FAIL_ON,
    maxFileBytes: maxInput
      ? parseByteSize(maxInput, "input 'max-file-size'")
      : DEFAULT_MAX_FILE_BYTES,
  };
}
