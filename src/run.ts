/**
 * The one pipeline both entries call: discover → extract → evaluate → report data.
 * (Owned by the core; the CLI and the Action only call `run` and render its Report.)
 */
import type { FailOn, Report, Severity } from './model.js';

export interface RunOptions {
  /** Directory to scan. */
  root: string;
  /** Files larger than this are skipped with a diagnostic (default 1 MiB). */
  maxFileBytes?: number;
}

export const VERSION = '0.1.0';

export async function run(options: RunOptions): Promise<Report> {
  // Placeholder wiring until the core lands; replaced by the real pipeline.
  return {
    tool: { name: 'smtp-preflight', version: VERSION },
    root: options.root,
    endpoints: [],
    findings: [],
    suppressed: [],
    probes: [],
    diagnostics: [],
    stats: { filesListed: 0, filesRead: 0, filesSkipped: 0, durationMs: 0 },
  };
}

const RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

/** True when at least one finding reaches the `fail-on` threshold. */
export function reachesThreshold(report: Report, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return report.findings.some((f) => RANK[f.severity] >= RANK[failOn]);
}
