/** Findings as GitHub annotations, within GitHub's per-step caps. Pure. */
import type { Report, Severity } from '../model.js';
import { SEVERITIES, compareFindings } from './counts.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  title: string;
  file: string;
  startLine: number;
  endLine?: number;
  startColumn?: number;
}

export interface AnnotationOptions {
  /** Short rule names by rule id: the title becomes `SP001: <name>` (just `SP001` without one). */
  titles?: Readonly<Record<string, string>>;
  /**
   * Prepended to every file path with a `/`: the scanned root relative to the repository root,
   * since annotations name files from the repository root and findings from the scanned root.
   */
  filePrefix?: string;
}

export interface AnnotationResult {
  annotations: Annotation[];
  /** Findings left out; the caller says so in one final notice. */
  omitted: number;
}

/** GitHub shows at most this many annotations of each level per step (and 50 per job). */
export const MAX_PER_LEVEL = 10;

const LEVEL: Record<Severity, AnnotationLevel> = {
  error: 'error',
  warning: 'warning',
  note: 'notice',
};

export function omittedNotice(omitted: number): string {
  return `${omitted} more finding${omitted === 1 ? '' : 's'} not annotated: see the job summary`;
}

export function toAnnotations(report: Report, options: AnnotationOptions = {}): AnnotationResult {
  const prefix = options.filePrefix?.replace(/\/+$/, '');
  const sorted = [...report.findings].sort(compareFindings);
  const kept: Annotation[] = [];
  let omitted = 0;

  for (const severity of SEVERITIES) {
    const group = sorted.filter((f) => f.severity === severity);
    for (const f of group.slice(0, MAX_PER_LEVEL)) {
      const name = options.titles?.[f.ruleId];
      const annotation: Annotation = {
        level: LEVEL[f.severity],
        message: `${f.message}\nFix: ${f.fix}`,
        title: name ? `${f.ruleId}: ${name}` : f.ruleId,
        file: prefix ? `${prefix}/${f.at.file}` : f.at.file,
        startLine: f.at.line,
      };
      const multiLine = f.at.endLine !== undefined && f.at.endLine !== f.at.line;
      if (multiLine) annotation.endLine = f.at.endLine;
      // GitHub rejects columns on an annotation that spans several lines.
      else if (f.at.column !== undefined) annotation.startColumn = f.at.column;
      kept.push(annotation);
    }
    omitted += Math.max(0, group.length - MAX_PER_LEVEL);
  }

  // The caller's "N more" notice is itself a notice: keep room for it among the ten.
  const notices = kept.filter((a) => a.level === 'notice').length;
  if (omitted > 0 && notices === MAX_PER_LEVEL) {
    kept.pop();
    omitted += 1;
  }
  return { annotations: kept, omitted };
}
