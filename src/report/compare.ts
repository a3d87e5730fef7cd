/**
 * Compare a head scan with a base scan by fingerprint: new (head only), fixed (base only) and
 * pre-existing (both). Pure.
 */
import type { Comparison, Finding, Report } from '../model.js';

export function compare(head: Report, base: Report, baseSha: string): Comparison {
  const baseSet = new Set(base.findings.map((f) => f.fingerprint));
  const headSet = new Set(head.findings.map((f) => f.fingerprint));
  return {
    baseSha,
    newFingerprints: head.findings
      .filter((f) => !baseSet.has(f.fingerprint))
      .map((f) => f.fingerprint as string),
    fixed: base.findings.filter((f) => !headSet.has(f.fingerprint)),
  };
}

/** Split a report's findings by their status against the base. */
export function splitByStatus(report: Report): {
  new: Finding[];
  existing: Finding[];
  fixed: Finding[];
} {
  const c = report.comparison;
  if (!c) return { new: [], existing: report.findings, fixed: [] };
  const fresh = new Set(c.newFingerprints);
  return {
    new: report.findings.filter((f) => fresh.has(f.fingerprint as string)),
    existing: report.findings.filter((f) => !fresh.has(f.fingerprint as string)),
    fixed: c.fixed,
  };
}

/**
 * The findings that decide the status: with `newOnly` (`fail-on-new-only`) and a comparison, only
 * the new ones and the live probe's; otherwise all (without a base there is nothing to call
 * pre-existing).
 */
export function decidingFindings(report: Report, newOnly = false): Finding[] {
  if (!newOnly || !report.comparison) return report.findings;
  // Live findings describe the server as it is now, not the diff: they always decide.
  const live = report.findings.filter((f) => f.ruleId.startsWith('LV'));
  return [...splitByStatus(report).new, ...live];
}
