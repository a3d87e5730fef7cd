/**
 * The one pipeline both entries call: discover → extract → evaluate → Report.
 */
import { discover } from './discover/index.js';
import { extract } from './extract/index.js';
import type {
  Diagnostic,
  Endpoint,
  FailOn,
  Finding,
  LooseSecret,
  Report,
  Severity,
} from './model.js';
import { evaluate } from './policy/evaluate.js';

export interface RunOptions {
  /** Directory to scan. */
  root: string;
  /** Files larger than this are skipped with a diagnostic (default 1 MiB). */
  maxFileBytes?: number;
}

export const VERSION = '0.1.0';

export async function run(options: RunOptions): Promise<Report> {
  const started = Date.now();
  const found = await discover(options.root, { maxFileBytes: options.maxFileBytes });
  const endpoints: Endpoint[] = [];
  const loose: LooseSecret[] = [];
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  for (const file of found.files) {
    const x = extract(file.path, file.text);
    endpoints.push(...x.endpoints);
    loose.push(...x.looseSecrets);
    diagnostics.push(...x.diagnostics);
  }
  const findings: Finding[] = evaluate(endpoints, loose);
  return {
    tool: { name: 'smtp-preflight', version: VERSION },
    root: options.root,
    endpoints,
    findings,
    suppressed: [],
    probes: [],
    diagnostics,
    stats: {
      filesListed: found.listed,
      filesRead: found.files.length,
      filesSkipped: found.skipped,
      durationMs: Date.now() - started,
    },
  };
}

const RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

/** True when at least one finding reaches the `fail-on` threshold. */
export function reachesThreshold(report: Report, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return report.findings.some((f) => RANK[f.severity] >= RANK[failOn]);
}
