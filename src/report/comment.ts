/**
 * The pull request comment body (also `--format markdown`). Placeholder wiring until the full
 * comment lands: same signature.
 */
import type { FailOn, Report } from '../model.js';
import { renderMarkdown } from './markdown.js';

export interface CommentContext {
  /** `owner/repo`, for links to the head commit. */
  repository?: string;
  /** The head commit SHA the links point at. */
  headSha?: string;
  /** https://github.com by default. */
  serverUrl?: string;
  failOn?: FailOn;
  failOnNewOnly?: boolean;
  /** Extra key for the hidden marker (the `comment-key` input). */
  commentKey?: string;
  /** Where the full report is (the job summary), for truncated bodies. */
  summaryUrl?: string;
  /** GitHub's limit is 65,536 characters. */
  maxLength?: number;
}

export const COMMENT_MARKER = '<!-- smtp-preflight -->';

export function renderComment(report: Report, ctx: CommentContext = {}): string {
  return `${COMMENT_MARKER}\n${renderMarkdown(report, { failOn: ctx.failOn })}`;
}
