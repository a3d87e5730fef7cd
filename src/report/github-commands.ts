/**
 * Findings as GitHub workflow commands (`::error file=…,line=…::message`), for `--format github`:
 * CI systems that read workflow commands from a step's log (GitHub Actions `run:` steps, Gitea and
 * Forgejo Actions) turn each line into an annotation on the file and line. Pure.
 *
 * The same selection as the Action's annotations (src/report/annotations.ts): errors first, at most
 * 10 per level, since GitHub shows no more per step; a final notice counts the rest. Then one plain
 * summary line (not a command, so it takes no annotation slot).
 *
 * Escaping follows the runner's rules (@actions/core `command.ts`): in the message `%`, `\r` and
 * `\n` become `%25`, `%0D` and `%0A`; in property values also `:` and `,` become `%3A` and `%2C`.
 * A value from a scanned file can therefore never end the command or start another one.
 */
import type { Report } from '../model.js';
import { RULES } from '../policy/rules.js';
import { toAnnotations, type Annotation } from './annotations.js';
import { countBySeverity, filesInvolved, formatCounts, plural } from './counts.js';

export interface GithubCommandsOptions {
  /**
   * Prepended to every file path with a `/`: the scanned directory relative to the directory the
   * CI system resolves `file=` against (the workspace), when the scan was of a subdirectory.
   */
  filePrefix?: string;
}

/** Short rule names for the `title=` property (`SP001: Port 25 used for submission`). */
const TITLES: Readonly<Record<string, string>> = Object.fromEntries(
  RULES.map((r) => [r.id, r.title]),
);

/** Workflow-command message escaping. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property escaping: the message rules plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(
  level: Annotation['level'],
  properties: [string, string | number][],
  message: string,
): string {
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  return `::${level}${props.length > 0 ? ` ${props.join(',')}` : ''}::${escapeData(message)}`;
}

function annotationCommand(a: Annotation): string {
  // @actions/core's order (title, file, line, endLine, col), so the lines are the Action's own.
  const properties: [string, string | number][] = [
    ['title', a.title],
    ['file', a.file],
    ['line', a.startLine],
  ];
  if (a.endLine !== undefined) properties.push(['endLine', a.endLine]);
  if (a.startColumn !== undefined) properties.push(['col', a.startColumn]);
  return command(a.level, properties, a.message);
}

/** `N more findings not shown as annotations`: said once, as a notice, when the caps cut some. */
export function omittedCommand(omitted: number): string {
  return command(
    'notice',
    [['title', 'smtp-preflight']],
    `${plural(omitted, 'more finding')} not annotated (GitHub shows 10 per level per step): ` +
      'run smtp-preflight scan with --format text or json for the full list',
  );
}

/** The one-line summary after the commands. */
export function summaryLine(report: Report): string {
  if (report.endpoints.length === 0 && report.findings.length === 0) {
    return 'smtp-preflight: no SMTP configuration found';
  }
  const counts = formatCounts(countBySeverity(report.findings));
  const where = `${plural(filesInvolved(report), 'file')} (${plural(report.endpoints.length, 'endpoint')})`;
  const suppressed = report.suppressed.length > 0 ? `; ${report.suppressed.length} suppressed` : '';
  return `smtp-preflight: ${counts} in ${where}${suppressed}`;
}

/** The whole `--format github` output: one command per line, then the summary; ends with `\n`. */
export function renderGithubCommands(report: Report, options: GithubCommandsOptions = {}): string {
  const { annotations, omitted } = toAnnotations(report, {
    titles: TITLES,
    filePrefix: options.filePrefix,
  });
  const lines = annotations.map(annotationCommand);
  if (omitted > 0) lines.push(omittedCommand(omitted));
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
}
