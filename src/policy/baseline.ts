/**
 * The baseline (DESIGN.md §4, issue 5): a file of accepted, pre-existing findings, matched by
 * fingerprint (rule + file + normalised line text, never the line number, so it does not churn
 * when lines move). Findings in the baseline move to `Report.suppressed`; entries no longer found
 * are reported as fixed, so the file can shrink.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { BaselineInfo, Finding, Report } from '../model.js';

/** The baseline's file name at the scan root, used automatically when present. */
export const DEFAULT_BASELINE_FILE = '.smtp-preflight-baseline.json';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  ruleId: string;
  file: string;
  fingerprint: string;
  message: string;
}

export interface BaselineFile {
  version: typeof BASELINE_VERSION;
  tool: { name: 'smtp-preflight'; version: string };
  entries: BaselineEntry[];
}

/** A baseline file that cannot be read or has the wrong shape (exit 2). */
export class BaselineError extends Error {
  override name = 'BaselineError';
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  const key = (e: BaselineEntry): string[] => [e.file, e.ruleId, e.fingerprint];
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return 0;
}

/**
 * The baseline of a report: every counted finding, plus those already matched by a previous
 * baseline (so regenerating keeps them), but not inline-suppressed ones. Sorted; no line numbers.
 */
export function createBaseline(report: Report): BaselineFile {
  const findings = [
    ...report.findings,
    ...report.suppressed.filter((f) => f.suppression?.kind === 'baseline'),
  ];
  const entries: BaselineEntry[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (!f.fingerprint || seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    entries.push({
      ruleId: f.ruleId,
      file: f.at.file,
      fingerprint: f.fingerprint,
      message: f.message,
    });
  }
  entries.sort(compareEntries);
  return { version: BASELINE_VERSION, tool: { ...report.tool }, entries };
}

/** The file's text: stable key order, two-space indent, final newline. */
export function renderBaseline(baseline: BaselineFile): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the shape of a parsed baseline; `name` is used in messages. */
export function parseBaseline(text: string, name: string): BaselineFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BaselineError(`invalid baseline ${name}: not valid JSON (${reason})`);
  }
  if (!isObject(data)) throw new BaselineError(`invalid baseline ${name}: expected a JSON object`);
  if (data.version !== BASELINE_VERSION) {
    throw new BaselineError(
      `invalid baseline ${name}: unsupported "version" ${JSON.stringify(data.version)} (expected ${BASELINE_VERSION}; regenerate it with \`smtp-preflight baseline\`)`,
    );
  }
  if (!Array.isArray(data.entries)) {
    throw new BaselineError(`invalid baseline ${name}: "entries" must be an array`);
  }
  const entries: BaselineEntry[] = data.entries.map((e: unknown, i: number) => {
    const field = (key: string, required: boolean): string => {
      const value = isObject(e) ? e[key] : undefined;
      if (typeof value === 'string' && value !== '') return value;
      if (!required && value === undefined) return '';
      throw new BaselineError(
        `invalid baseline ${name}: entries[${i}].${key} must be a non-empty string`,
      );
    };
    if (!isObject(e)) {
      throw new BaselineError(`invalid baseline ${name}: entries[${i}] must be an object`);
    }
    return {
      ruleId: field('ruleId', true),
      file: field('file', true),
      fingerprint: field('fingerprint', true),
      message: field('message', false),
    };
  });
  const tool =
    isObject(data.tool) && typeof data.tool.version === 'string' ? data.tool.version : '';
  return {
    version: BASELINE_VERSION,
    tool: { name: 'smtp-preflight', version: tool },
    entries,
  };
}

/** Reads and validates a baseline file; every problem is a one-line BaselineError. */
export function readBaseline(path: string): BaselineFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason =
      code === 'ENOENT' ? 'file not found' : error instanceof Error ? error.message : String(error);
    throw new BaselineError(`cannot read the baseline ${path}: ${reason}`);
  }
  return parseBaseline(text, path);
}

/**
 * Moves the findings whose fingerprint is in `baseline` to `report.suppressed` (kind `baseline`)
 * and sets `report.baseline` (`file` as it should be shown: repository-relative when possible).
 */
export function applyBaseline(report: Report, baseline: BaselineFile, file: string): Report {
  const wanted = new Map(baseline.entries.map((e) => [e.fingerprint, e]));
  const found = new Set<string>();
  const kept: Finding[] = [];
  let matched = report.suppressed.filter((f) => f.suppression?.kind === 'baseline').length;
  for (const f of report.findings) {
    if (f.fingerprint && wanted.has(f.fingerprint) && !found.has(f.fingerprint)) {
      found.add(f.fingerprint);
      matched += 1;
      report.suppressed.push({ ...f, suppression: { kind: 'baseline' } });
    } else {
      kept.push(f);
    }
  }
  // Findings matched by an earlier baseline pass (or inline-suppressed ones) are not "fixed".
  for (const f of report.suppressed) if (f.fingerprint) found.add(f.fingerprint);
  report.findings = kept;
  const info: BaselineInfo = {
    file,
    matched,
    fixed: baseline.entries
      .filter((e) => !found.has(e.fingerprint))
      .map((e) => ({
        ruleId: e.ruleId,
        file: e.file,
        fingerprint: e.fingerprint,
        message: e.message,
      })),
  };
  report.baseline = info;
  return report;
}

/** `path` relative to `root` with `/` separators when it is inside `root`, else as given. */
export function displayPath(root: string, path: string): string {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return path;
  return rel.split(sep).join('/');
}

/**
 * Which baseline file a scan uses: `false` disables it, a path names one (it must exist), and
 * `undefined` means `.smtp-preflight-baseline.json` at the root when present. Relative paths are
 * resolved against `root`.
 */
export function resolveBaselinePath(
  root: string,
  option: string | false | undefined,
): string | undefined {
  if (option === false) return undefined;
  if (option === undefined) {
    const path = resolve(root, DEFAULT_BASELINE_FILE);
    return existsSync(path) ? path : undefined;
  }
  return resolve(root, option);
}
