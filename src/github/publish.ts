/** Everything the Action tells GitHub: log, annotations, job summary, report file, outputs. */
import * as core from '@actions/core';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { FailOn, Report } from '../model.js';
import { reachesThreshold } from '../run.js';
import { omittedNotice, toAnnotations } from '../report/annotations.js';
import { countBySeverity } from '../report/counts.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { renderText } from '../report/text.js';

export interface PublishOptions {
  failOn: FailOn;
  /** Only findings new since the base decide the verdict (needs `report.comparison`). */
  failOnNewOnly?: boolean;
  /** Absolute path to write SARIF to (the `sarif-file` input), for code scanning. */
  sarifFile?: string;
  /** The absolute scanned root. */
  root: string;
  /** The repository checkout annotations are relative to (default GITHUB_WORKSPACE, else cwd). */
  workspace?: string;
  /** Short rule names for annotation titles. */
  titles?: Readonly<Record<string, string>>;
}

export const REPORT_FILE_NAME = 'smtp-preflight-report.json';

/** The scanned root relative to the workspace, `/`-separated; undefined when outside it. */
export function rootPrefix(workspace: string, root: string): string | undefined {
  const rel = relative(workspace, root);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

export async function publish(report: Report, options: PublishOptions): Promise<void> {
  core.info(renderText(report, { color: true }).trimEnd());

  const workspace = options.workspace ?? process.env.GITHUB_WORKSPACE ?? process.cwd();
  const filePrefix = rootPrefix(workspace, options.root);
  const { annotations, omitted } = toAnnotations(report, { titles: options.titles, filePrefix });
  for (const { level, message, ...properties } of annotations) {
    if (level === 'error') core.error(message, properties);
    else if (level === 'warning') core.warning(message, properties);
    else core.notice(message, properties);
  }
  if (omitted > 0) core.notice(omittedNotice(omitted), { title: 'smtp-preflight' });

  if (process.env.GITHUB_STEP_SUMMARY) {
    const markdown = renderMarkdown(report, {
      failOn: options.failOn,
      failOnNewOnly: options.failOnNewOnly,
    });
    await core.summary.addRaw(markdown).write();
  } else {
    core.info('GITHUB_STEP_SUMMARY is not set: no job summary written.');
  }

  const reportFile = join(process.env.RUNNER_TEMP || tmpdir(), REPORT_FILE_NAME);
  await writeFile(reportFile, `${renderJson(report)}\n`, 'utf8');

  if (options.sarifFile) {
    // Fixed findings are left out: code scanning would show them as alerts at their old place.
    const sarif = renderSarif(report, { filePrefix, includeFixed: false });
    await mkdir(dirname(options.sarifFile), { recursive: true });
    await writeFile(options.sarifFile, `${JSON.stringify(sarif, null, 2)}\n`, 'utf8');
    core.setOutput('sarif-file', options.sarifFile);
  }

  const counts = countBySeverity(report.findings);
  core.setOutput('errors', counts.error);
  core.setOutput('warnings', counts.warning);
  core.setOutput('notes', counts.note);
  core.setOutput('endpoints', report.endpoints.length);
  core.setOutput('report-file', reportFile);
  const fails = reachesThreshold(report, options.failOn, options.failOnNewOnly ?? false);
  core.setOutput('verdict', fails ? 'fail' : 'pass');
}
