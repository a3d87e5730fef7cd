/**
 * The one pipeline both entries call: discover → extract → evaluate → Report.
 */
import { existsSync, realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
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
import {
  applyAssumptions,
  applyPolicy,
  applyProviders,
  assumptionNotes,
  evaluateOptions,
  ignoreMatcher,
} from './policy/apply.js';
import { evaluate } from './policy/evaluate.js';
import {
  allowsSuppression,
  gitTopLevel,
  loadPolicy,
  policyInfo,
  type Policy,
} from './policy/policy-file.js';
import { postProcess } from './policy/postprocess.js';
import { compare, decidingFindings } from './report/compare.js';
import { addFingerprints } from './report/fingerprint.js';

export interface RunOptions {
  /** Directory to scan. */
  root: string;
  /** Files larger than this are skipped with a diagnostic (default 1 MiB). */
  maxFileBytes?: number;
  /** The policy to judge by (e.g. read from a pull request's base commit); wins over policyPath. */
  policy?: Policy;
  /**
   * The policy file to use (resolved against `root`); without it (and without `policy`), the
   * first of `.github/smtp-preflight.yml` and `.smtp-preflight.yml` at the git top level of
   * `root`, then at `root`. An invalid policy throws a PolicyError.
   */
  policyPath?: string;
  /**
   * Baseline file (resolved against root); false disables it; default:
   * .smtp-preflight-baseline.json at root when present.
   */
  baseline?: string | false;
}

/** The policy each report was judged by, so the base scan of a comparison uses the same one. */
const POLICY_OF = new WeakMap<Report, Policy>();

/** `root` relative to its git top level (`''` at the top or outside a repository). */
async function repoPrefix(root: string): Promise<string> {
  const top = await gitTopLevel(root);
  if (!top) return '';
  try {
    const rel = relative(realpathSync(top), realpathSync(root)).split(sep).join('/');
    return rel.startsWith('..') ? '' : rel;
  } catch {
    return '';
  }
}

export const VERSION = '0.1.0';

export async function run(options: RunOptions): Promise<Report> {
  const started = Date.now();
  const policy = options.policy ?? (await loadPolicy(options.root, options.policyPath));
  const found = await discover(options.root, { maxFileBytes: options.maxFileBytes });
  const endpoints: Endpoint[] = [];
  const loose: LooseSecret[] = [];
  const diagnostics: Diagnostic[] = [...found.diagnostics, ...assumptionNotes(policy)];
  let files = found.files;
  if (policy.ignore.length > 0) {
    const prefix = await repoPrefix(options.root);
    const ignored = ignoreMatcher(policy.ignore);
    files = files.filter((f) => !ignored(prefix ? `${prefix}/${f.path}` : f.path));
    const left = found.files.length - files.length;
    if (left > 0) {
      diagnostics.push({
        level: 'info',
        message: `${left} file${left === 1 ? '' : 's'} left out by the policy's ignore globs`,
      });
    }
  }
  for (const file of files) {
    const x = extract(file.path, file.text);
    endpoints.push(...x.endpoints);
    loose.push(...x.looseSecrets);
    diagnostics.push(...x.diagnostics);
  }
  applyProviders(endpoints, policy);
  applyAssumptions(endpoints, policy.assume);
  const findings: Finding[] = applyPolicy(
    evaluate(endpoints, loose, evaluateOptions(policy)),
    endpoints,
    policy,
  );
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
  const report: Report = {
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
    policy: policyInfo(policy),
  };
  // Inline suppressions (with reasons), then the baseline.
  postProcess(report, {
    textOf: (file) => texts.get(file),
    files: files.map((f) => f.path),
    allow: (ruleId) => allowsSuppression(policy, ruleId),
    baseline: options.baseline,
  });
  POLICY_OF.set(report, policy);
  return report;
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
    existsSync(dir)
      ? run({ ...options, root: dir, policy: options.policy ?? POLICY_OF.get(head) })
      : { ...head, endpoints: [], findings: [] },
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
