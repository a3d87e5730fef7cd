/** The human rendering for terminals and the Action's log. Pure. */
import type { Diagnostic, Finding, Report, Severity } from '../model.js';
import { compareFindings, countBySeverity, filesInvolved, formatCounts, plural } from './counts.js';
import { renderProbeText } from './probe-section.js';

export interface TextOptions {
  /** Use ANSI colours. */
  color: boolean;
}

const SGR = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
} as const;

const SEVERITY_COLOR: Record<Severity | Diagnostic['level'], string> = {
  error: SGR.red,
  warning: SGR.yellow,
  note: SGR.cyan,
  info: SGR.cyan,
};

/** Control characters from scanned files must not reach the terminal (escape sequences). */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}

/** Continuation lines of a multi-line text line up under its first line. */
function indentRest(text: string, indent: string): string {
  return clean(text).split('\n').join(`\n${indent}`);
}

/** The scope line of a `--changed-since` scan, undefined for a full scan. */
export function changedOnlyLine(report: Report): string | undefined {
  const scope = report.stats.changedSince;
  if (!scope) return undefined;
  const n = plural(scope.files, 'file');
  return `Changed files only: ${n} changed since ${scope.ref} ${scope.files === 1 ? 'was' : 'were'} considered; findings in other files are not reported.`;
}

export function renderText(report: Report, options: TextOptions): string {
  const paint = (style: string, text: string): string =>
    options.color ? `${style}${text}${SGR.reset}` : text;
  const out: string[] = [];
  const scope = changedOnlyLine(report);
  if (scope) out.push(paint(SGR.bold, clean(scope)));

  if (report.endpoints.length === 0 && report.findings.length === 0) {
    out.push('No SMTP configuration found.');
  } else if (report.findings.length === 0) {
    out.push('No findings.');
  } else {
    const byFile = new Map<string, Finding[]>();
    for (const f of [...report.findings].sort(compareFindings)) {
      const list = byFile.get(f.at.file);
      if (list) list.push(f);
      else byFile.set(f.at.file, [f]);
    }
    const blocks: string[] = [];
    for (const [file, findings] of byFile) {
      const lines = [paint(SGR.bold, clean(file))];
      for (const f of findings) {
        lines.push(
          `  L${f.at.line}  ${paint(SEVERITY_COLOR[f.severity], f.severity)}  ${f.ruleId}  ${indentRest(f.message, '    ')}`,
        );
        lines.push(paint(SGR.dim, `    fix: ${indentRest(f.fix, '         ')}`));
      }
      blocks.push(lines.join('\n'));
    }
    out.push(blocks.join('\n\n'));
  }

  if (report.probes.length > 0) out.push(renderProbeText(report.probes).replace(/\n+$/, ''));

  if (report.endpoints.length > 0 || report.findings.length > 0) {
    let summary =
      `${formatCounts(countBySeverity(report.findings))} in ${plural(filesInvolved(report), 'file')}` +
      ` (${plural(report.endpoints.length, 'endpoint')})`;
    if (report.suppressed.length > 0) summary += `, ${report.suppressed.length} suppressed`;
    out.push(paint(SGR.bold, summary));
  }

  if (report.baseline) {
    const { file, matched, fixed } = report.baseline;
    let line = `Baseline ${clean(file)}: ${plural(matched, 'finding')} matched`;
    if (fixed.length > 0) {
      line += `, ${fixed.length} no longer found (run \`smtp-preflight baseline\` to shrink it)`;
    }
    out.push(line);
  }

  if (report.diagnostics.length > 0) {
    const lines = ['Diagnostics'];
    for (const d of report.diagnostics) {
      const where = d.file ? `${clean(d.file)}: ` : '';
      lines.push(
        `  ${paint(SEVERITY_COLOR[d.level], d.level)}  ${where}${indentRest(d.message, '    ')}`,
      );
    }
    out.push(lines.join('\n'));
  }

  return `${out.join('\n\n')}\n`;
}
