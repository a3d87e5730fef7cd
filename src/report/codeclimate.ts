/**
 * GitLab Code Quality report (`--format codeclimate`): the subset of the Code Climate engine
 * specification's `issue` that GitLab reads from `artifacts:reports:codequality`, so merge requests
 * show the findings in the Code Quality widget and, on Ultimate, beside the changed lines. Pure and
 * deterministic.
 *
 * Sources: GitLab "Code Quality" docs, "Implement a custom tool" (an array of objects with
 * `description`, `check_name`, `fingerprint`, `severity`, `location.path`, `location.lines.begin`;
 * no byte order mark) and the Code Climate spec's "Data types" (`type: "issue"`, `categories`,
 * single-line `description`, markdown `content.body`, inclusive `lines.begin`/`lines.end`).
 *
 * Severity: note → `info`, warning → `minor`, error → `major`; an error whose rule has a SARIF
 * `security-severity` of 7.0 or more (GitHub's "high" band: SP002 no TLS with credentials, SP005
 * verification off, SP007 committed credential) → `critical`, because it exposes credentials or
 * mail now, not only breaks delivery. `blocker` is not used: the exit status, not the report, is
 * what blocks a pipeline.
 *
 * Only the findings that count are issues: suppressed ones (inline or baseline) are left out, and
 * so are the base commit's fixed ones, since GitLab compares the report with the target branch's
 * itself. Paths are relative to the repository (see `filePrefix`).
 */
import { createHash } from 'node:crypto';
import type { Finding, Report, Severity } from '../model.js';
import { compareFindings } from './counts.js';
import { SECURITY_SEVERITY } from './sarif.js';

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export type CodeClimateCategory =
  | 'Bug Risk'
  | 'Clarity'
  | 'Compatibility'
  | 'Complexity'
  | 'Duplication'
  | 'Performance'
  | 'Security'
  | 'Style';

export interface CodeQualityIssue {
  type: 'issue';
  check_name: string;
  description: string;
  content: { body: string };
  categories: CodeClimateCategory[];
  location: { path: string; lines: { begin: number; end: number } };
  severity: CodeQualitySeverity;
  fingerprint: string;
}

export interface CodeClimateOptions {
  /**
   * Prepended to every path with a `/`: the scanned directory relative to the repository root,
   * since GitLab resolves `location.path` from the root and findings name files from the scan root.
   */
  filePrefix?: string;
}

/** What kind of problem each rule reports, in the Code Climate spec's categories. */
export const CATEGORIES: Readonly<Record<string, CodeClimateCategory[]>> = {
  SP001: ['Bug Risk', 'Compatibility'], // port 25 blocked outbound
  SP002: ['Security'],
  SP003: ['Security'],
  SP004: ['Bug Risk'], // the connection hangs or fails
  SP005: ['Security'],
  SP006: ['Security'],
  SP007: ['Security'],
  SP008: ['Security', 'Bug Risk'], // an open relay, or refused mail
  SP009: ['Compatibility'],
  SP010: ['Bug Risk', 'Compatibility'],
  SP011: ['Compatibility', 'Security'],
  SP012: ['Clarity'],
  SP013: ['Bug Risk'],
  SP014: ['Bug Risk', 'Clarity'],
  SP015: ['Security'],
  SP016: ['Clarity'],
  // Live probe rules: what the server did when asked.
  LV001: ['Bug Risk'], // unreachable
  LV002: ['Security'],
  LV003: ['Bug Risk', 'Security'],
  LV004: ['Security'],
  LV005: ['Security', 'Bug Risk'],
  LV006: ['Security'],
  LV007: ['Security'],
  LV008: ['Bug Risk'], // authentication failed
  LV009: ['Bug Risk'], // test message rejected
  LV010: ['Bug Risk'], // deliverability score
  LV011: ['Bug Risk', 'Security'], // SPF/DKIM/DMARC gaps
  LV012: ['Bug Risk'],
  LV013: ['Security'],
  LV014: ['Security'],
  LV015: ['Clarity'], // credentials not tested
  LV016: ['Security'],
};

/** `security-severity` from which an error is `critical` (GitHub's "high" band starts at 7.0). */
export const CRITICAL_FROM = 7.0;

const SEVERITY: Record<Severity, CodeQualitySeverity> = {
  error: 'major',
  warning: 'minor',
  note: 'info',
};

export function codeQualitySeverity(
  finding: Pick<Finding, 'ruleId' | 'severity'>,
): CodeQualitySeverity {
  const security = Number(SECURITY_SEVERITY[finding.ruleId] ?? 0);
  if (finding.severity === 'error' && security >= CRITICAL_FROM) return 'critical';
  return SEVERITY[finding.severity];
}

/** The spec wants one line without HTML: line breaks become spaces, `<` `>` look-alike brackets. */
function singleLine(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .trim();
}

/** A fingerprint for a finding without one (the pipeline always sets it; hand-built reports may not). */
function fallbackFingerprint(f: Finding): string {
  return createHash('sha256')
    .update(`${f.ruleId}\0${f.at.file}\0${f.at.line}\0${f.message}`)
    .digest('hex')
    .slice(0, 20);
}

function issue(f: Finding, path: string, fingerprint: string): CodeQualityIssue {
  const end = f.at.endLine !== undefined && f.at.endLine > f.at.line ? f.at.endLine : f.at.line;
  return {
    type: 'issue',
    check_name: f.ruleId,
    description: singleLine(`${f.ruleId}: ${f.message}`),
    content: { body: `${f.message}\n\n**Fix:** ${f.fix}\n\nMore: ${f.helpUri}` },
    categories: CATEGORIES[f.ruleId] ?? ['Security'],
    location: { path, lines: { begin: f.at.line, end } },
    severity: codeQualitySeverity(f),
    fingerprint,
  };
}

export function renderCodeClimate(
  report: Report,
  options: CodeClimateOptions = {},
): CodeQualityIssue[] {
  const prefix = options.filePrefix?.replace(/\/+$/, '');
  const seen = new Map<string, number>();
  return [...report.findings].sort(compareFindings).map((f) => {
    // Unique per issue, as the spec asks: GitLab folds issues with equal fingerprints into one.
    const base = f.fingerprint ?? fallbackFingerprint(f);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const path = prefix ? `${prefix}/${f.at.file}` : f.at.file;
    return issue(f, path, n === 1 ? base : `${base}#${n}`);
  });
}

/** The report file's text: a JSON array, no byte order mark, ending with a newline. */
export function renderCodeClimateString(report: Report, options: CodeClimateOptions = {}): string {
  return `${JSON.stringify(renderCodeClimate(report, options), null, 2)}\n`;
}
