/** Small helpers the renderers (and the entries' one-line messages) share. Pure. */
import type { Finding, Report, Severity } from '../model.js';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

const RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** `1 error`, `2 errors`, `0 notes`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `2 errors, 1 warning, 0 notes`. */
export function formatCounts(counts: SeverityCounts): string {
  return SEVERITIES.map((s) => plural(counts[s], s)).join(', ');
}

/** Distinct files that hold SMTP configuration or findings. */
export function filesInvolved(report: Report): number {
  const files = new Set<string>();
  for (const e of report.endpoints) files.add(e.at.file);
  for (const f of report.findings) files.add(f.at.file);
  return files.size;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable reading order: file, line, column, then severity (errors first) and rule id. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.at.file, b.at.file) ||
    a.at.line - b.at.line ||
    (a.at.column ?? 0) - (b.at.column ?? 0) ||
    RANK[a.severity] - RANK[b.severity] ||
    compareText(a.ruleId, b.ruleId)
  );
}

/** The worst severity among `findings`, or undefined when there are none. */
export function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) if (!worst || RANK[f.severity] < RANK[worst]) worst = f.severity;
  return worst;
}

/** `2 errors, 1 warning reach fail-on=warning`: the findings at or above the threshold. */
export function thresholdSummary(findings: readonly Finding[], failOn: Severity): string {
  const counts = countBySeverity(findings);
  const reaching = SEVERITIES.slice(0, SEVERITIES.indexOf(failOn) + 1).filter((s) => counts[s] > 0);
  const total = reaching.reduce((n, s) => n + counts[s], 0);
  const list = reaching.map((s) => plural(counts[s], s)).join(', ');
  return `${list} ${total === 1 ? 'reaches' : 'reach'} fail-on=${failOn}`;
}
