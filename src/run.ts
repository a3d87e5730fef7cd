/**
 * The one pipeline both entries call: discover → extract → evaluate → Report.
 */
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { ensureCommit, resolveCommit, withCheckout } from './discover/base.js';
import { changedSince, planBaseScan } from './discover/changed.js';
import { discover } from './discover/index.js';
import { loadParsers } from './extract/code/parsers.js';
import { extract, formatOf } from './extract/index.js';
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
import { DEFAULT_BASELINE_FILE } from './policy/baseline.js';
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
  /**
   * Changed-files mode (`--changed-since REF`): read only the files that differ between the
   * merge base of REF and HEAD and the working tree (plus untracked ones). Throws a UsageError
   * outside a git work tree or for an unknown REF.
   */
  changedSince?: string;
  /** Read only these paths (relative to root): the base scan of a comparison. */
  only?: ReadonlySet<string>;
  /** Progress of the slow stages: files read so far, then files parsed so far. */
  onProgress?: (phase: 'read' | 'parsed', done: number, total: number) => void;
}

/**
 * The findings each report had when `run()` returned (after suppressions and the baseline), before
 * later stages (the live probe) add theirs: a comparison reuses them for unchanged files.
 */
const SCANNED_OF = new WeakMap<Report, Finding[]>();

/** The policy each report was judged by, so the base scan of a comparison uses the same one. */
const POLICY_OF = new WeakMap<Report, Policy>();

/** The policy `report` was judged by (the probe stage reads its `live` and `local-hosts`). */
export function policyOf(report: Report): Policy | undefined {
  return POLICY_OF.get(report);
}

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
  const changed = options.changedSince
    ? await changedSince(options.root, options.changedSince)
    : undefined;
  const found = await discover(options.root, {
    maxFileBytes: options.maxFileBytes,
    only: changed?.paths ?? options.only,
    onProgress: options.onProgress && ((read, total) => options.onProgress?.('read', read, total)),
  });
  const endpoints: Endpoint[] = [];
  const loose: LooseSecret[] = [];
  const diagnostics: Diagnostic[] = [...found.diagnostics, ...assumptionNotes(policy)];
  if (changed) {
    const n = changed.paths.size;
    diagnostics.push({
      level: 'info',
      message: `changed files only: ${n} file${n === 1 ? '' : 's'} changed since ${options.changedSince} (merge base ${changed.commit.slice(0, 12)}) ${n === 1 ? 'was' : 'were'} considered; findings in other files are not reported`,
    });
  }
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
  // The heavy parsers load only when their languages are present.
  await loadParsers(files.map((f) => formatOf(f.path)));
  for (const [i, file] of files.entries()) {
    const x = extract(file.path, file.text);
    endpoints.push(...x.endpoints);
    loose.push(...x.looseSecrets);
    diagnostics.push(...x.diagnostics);
    options.onProgress?.('parsed', i + 1, files.length);
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
  if (changed) {
    report.stats.changedSince = {
      ref: changed.ref,
      commit: changed.commit,
      files: changed.paths.size,
    };
  }
  // Inline suppressions (with reasons), then the baseline.
  postProcess(report, {
    textOf: (file) => texts.get(file),
    files: files.map((f) => f.path),
    allow: (ruleId) => allowsSuppression(policy, ruleId),
    baseline: options.baseline,
  });
  // Baseline entries of files that were not read are not "no longer found".
  if (changed && report.baseline) {
    report.baseline.fixed = report.baseline.fixed.filter((e) => changed.paths.has(e.file));
  }
  POLICY_OF.set(report, policy);
  SCANNED_OF.set(report, [...report.findings]);
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
  options: RunOptions & {
    base: string;
    /** Scan every file of the base commit, not only the changed ones (same result, slower). */
    fullBaseScan?: boolean;
  },
): Promise<Report> {
  const baseSha = await resolveCommit(options.root, options.base).catch(() => options.base);
  const policy = options.policy ?? POLICY_OF.get(head);
  const scanBase = (dir: string, only?: ReadonlySet<string>): Promise<Report> =>
    existsSync(dir)
      ? run({ ...options, root: dir, policy, only, changedSince: undefined, onProgress: undefined })
      : Promise.resolve({ ...head, endpoints: [], findings: [] });
  const plan = options.fullBaseScan ? undefined : await planBaseComparison(head, options, baseSha);
  const base = plan
    ? {
        ...head,
        // Unchanged files have the same findings at the base; only changed ones are scanned.
        findings: [
          ...plan.scanned.filter((f) => !plan.changed.has(f.at.file)),
          ...(plan.present.length === 0
            ? []
            : await withCheckout(
                options.root,
                plan.commit,
                async (dir) => (await scanBase(dir, plan.changed)).findings,
                { paths: plan.present },
              )),
        ],
      }
    : await withCheckout(options.root, baseSha, (dir) => scanBase(dir));
  head.comparison = compare(head, base, baseSha);
  return head;
}

/**
 * What a comparison's base scan must read: the files that differ between the base commit and the
 * working tree, when the head is a full scan made by `run()`; undefined for a full base scan.
 */
async function planBaseComparison(
  head: Report,
  options: RunOptions,
  baseSha: string,
): Promise<
  { commit: string; scanned: Finding[]; changed: Set<string>; present: string[] } | undefined
> {
  const scanned = SCANNED_OF.get(head);
  if (!scanned || head.stats.changedSince || options.only) return undefined;
  const commit = await ensureCommit(options.root, baseSha);
  // A baseline file in the repository that changed judges the two sides differently.
  const baseline =
    options.baseline === false
      ? []
      : options.baseline === undefined
        ? [DEFAULT_BASELINE_FILE]
        : isAbsolute(options.baseline)
          ? []
          : [options.baseline.split(sep).join('/').replace(/^\.\//, '')];
  const plan = await planBaseScan(options.root, commit, baseline);
  return plan && { commit, scanned, ...plan };
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
