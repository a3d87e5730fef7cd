/**
 * What runs after evaluation: inline suppressions, then the baseline. One call from `run()`:
 *
 *   return postProcess(report, { textOf: (f) => texts.get(f), files: texts.keys(), ... });
 */
import type { Report } from '../model.js';
import { addFingerprints } from '../report/fingerprint.js';
import { applyBaseline, displayPath, readBaseline, resolveBaselinePath } from './baseline.js';
import { applySuppressions } from './suppress.js';

export interface PostProcessOptions {
  /** The text of a scanned file (repository-relative path), undefined when unknown. */
  textOf: (file: string) => string | undefined;
  /** Every scanned file, so stale suppressions in files without findings are reported too. */
  files?: Iterable<string>;
  /** False when the policy forbids inline suppression of the rule (`allow-suppression: false`). */
  allow?: (ruleId: string) => boolean;
  /**
   * The baseline file: `false` disables it; a path (relative to the scan root) names one, which
   * must exist; undefined uses `.smtp-preflight-baseline.json` at the root when present.
   */
  baseline?: string | false;
}

/**
 * Applies inline suppressions (adding SP016 notes, fingerprinted like every finding) and then the
 * baseline to `report`, in place; returns it. Throws a BaselineError for an unreadable baseline.
 */
export function postProcess(report: Report, options: PostProcessOptions): Report {
  const { kept, suppressed, notes } = applySuppressions(
    report.findings,
    options.textOf,
    options.allow,
    options.files,
  );
  const lines = new Map<string, string[]>();
  addFingerprints(notes, (file, line) => {
    let split = lines.get(file);
    if (!split) {
      split = (options.textOf(file) ?? '').split(/\r\n|\r|\n/);
      lines.set(file, split);
    }
    return split[line - 1];
  });
  report.findings = [...kept, ...notes];
  report.suppressed = [...report.suppressed, ...suppressed];

  const path = resolveBaselinePath(report.root, options.baseline);
  if (path !== undefined) {
    applyBaseline(report, readBaseline(path), displayPath(report.root, path));
  }
  return report;
}
