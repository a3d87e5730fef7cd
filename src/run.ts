/**
 * The one pipeline both entries call: discover → extract → evaluate → Report.
 */
import { existsSync } from 'node:fs';
import { resolveCommit, withCheckout } from './discover/base.js';
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
import { compare, decidingFindings } from './report/compare.js';
import { addFingerprints } from './report/fingerprint.js';

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
  const texts = new Map(found.files.map((f) => [f.path, f.text]));
  const lines = new Map<string, string[]>();
  addFingerprints(findings, (file, line) => {
    let split = lines.get(file);
    if (!split) {
      split = (texts.get(file) ?? '').split(/\r\n|\r|\n/);
      lines.set(file, split);
    }
    return split[line - 1];
  });
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

/**
 * Scan `root`, then the same directory at the `base` commit, and record which findings are new,
 * fixed or pre-existing (matched by fingerprint, so moved lines don't count as new).
 */
export async function runCompared(options: RunOptions & { base: string }): Promise<Report> {
  return addComparison(await run(options), options);
}

/**
 * Scans the same directory at the `base` commit and fills `head.comparison` (returns `head`).
 * Throws when the base cannot be scanned (not a git repository, commit not fetchable): `head` is
 * then unchanged and still usable without the comparison.
 */
export async function addComparison(
  head: Report,
  options: RunOptions & { base: string },
): Promise<Report> {
  const baseSha = await resolveCommit(options.root, options.base).catch(() => options.base);
  const base = await withCheckout(options.root, baseSha, async (dir) =>
    existsSync(dir) ? run({ ...options, root: dir }) : { ...head, endpoints: [], findings: [] },
  );
  head.comparison = compare(head, base, baseSha);
  return head;
}

const RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

/**
 * True when at least one finding reaches the `fail-on` threshold; with `newOnly` (and a
 * comparison), only the findings new since the base count (`fail-on-new-only`).
 */
export function reachesThreshold(report: Report, failOn: FailOn, newOnly = false): boolean {
  if (failOn === 'never') return false;
  return decidingFindings(report, newOnly).some((f) => RANK[f.severity] >= RANK[failOn]);
}
