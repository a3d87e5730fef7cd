/** The Action's inputs (action.yml), read and validated. */
import * as core from '@actions/core';
import { resolve } from 'node:path';
import type { FailOn } from '../model.js';
import {
  DEFAULT_FAIL_ON,
  DEFAULT_MAX_FILE_BYTES,
  UsageError,
  parseBoolean,
  parseByteSize,
  parseFailOn,
  resolveScanRoot,
} from '../options.js';
import { COMMENT_MODES, type CommentMode } from './comment.js';

export interface ActionInputs {
  /** The `path` input as given. */
  path: string;
  /** Absolute directory to scan: `path` resolved against the workspace (the step's cwd). */
  root: string;
  failOn: FailOn;
  maxFileBytes: number;
  /** When to comment on pull requests. */
  comment: CommentMode;
  /** Token for the comment (default `${{ github.token }}` in action.yml); may be empty. */
  githubToken: string;
  /** Tells this job's comment from other jobs' (`comment-key`); empty for none. */
  commentKey: string;
  /** Only findings new in the pull request decide the status. */
  failOnNewOnly: boolean;
  /** Absolute path to write SARIF to, or undefined for none. */
  sarifFile?: string;
  /** Absolute path of the policy file (`policy` input), or undefined to look for the default ones. */
  policyFile?: string;
}

function parseCommentMode(value: string, what: string): CommentMode {
  const v = value.trim().toLowerCase();
  if (v === '') return 'always';
  if ((COMMENT_MODES as readonly string[]).includes(v)) return v as CommentMode;
  throw new UsageError(
    `invalid ${what} value '${value}' (expected one of: ${COMMENT_MODES.join(', ')})`,
  );
}

/** Throws a one-line error naming the input when a value is invalid. */
export function readInputs(cwd: string = process.cwd()): ActionInputs {
  const path = core.getInput('path') || '.';
  const failOnInput = core.getInput('fail-on');
  const maxInput = core.getInput('max-file-size');
  const sarifInput = core.getInput('sarif-file');
  const policyInput = core.getInput('policy');
  return {
    path,
    root: resolveScanRoot(path, cwd),
    failOn: failOnInput ? parseFailOn(failOnInput, "input 'fail-on'") : DEFAULT_FAIL_ON,
    maxFileBytes: maxInput
      ? parseByteSize(maxInput, "input 'max-file-size'")
      : DEFAULT_MAX_FILE_BYTES,
    comment: parseCommentMode(core.getInput('comment'), "input 'comment'"),
    githubToken: core.getInput('github-token'),
    commentKey: core.getInput('comment-key'),
    failOnNewOnly: parseBoolean(
      core.getInput('fail-on-new-only'),
      "input 'fail-on-new-only'",
      false,
    ),
    sarifFile: sarifInput ? resolve(cwd, sarifInput) : undefined,
    policyFile: policyInput.trim() ? resolve(cwd, policyInput.trim()) : undefined,
  };
}
