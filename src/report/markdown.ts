/** The job-summary markdown (and later the PR comment body). Pure. */
import type { Endpoint, FailOn, Finding, Report, Setting, Severity } from '../model.js';
import { reachesThreshold } from '../run.js';
import { splitByStatus } from './compare.js';
import {
  SEVERITIES,
  compareFindings,
  countBySeverity,
  filesInvolved,
  formatCounts,
  plural,
  worstSeverity,
} from './counts.js';
import { renderProbeMarkdown } from './probe-section.js';

export interface MarkdownOptions {
  /** The threshold that decides the verdict (default `error`). */
  failOn?: FailOn;
  /** Only findings new since the base decide the verdict (`fail-on-new-only`; needs a comparison). */
  failOnNewOnly?: boolean;
  /** Size cap in UTF-8 bytes (default: just under GitHub's 1 MiB step-summary limit). */
  maxBytes?: number;
}

export const MAX_SUMMARY_BYTES = 1024 * 1024 - 1024;

const HEADINGS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', note: 'Notes' };
export const BADGES: Record<Severity, string> = {
  error: '❌ error',
  warning: '⚠️ warning',
  note: 'ℹ️ note',
};

/** Escapes text for a table cell or running text: no markup, no HTML, no cell breaks. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#!]/g, '\\$&');
}

/**
 * The suppressed counts (inline comments and baseline, never silently dropped) and the baseline
 * entries that are gone, as a markdown paragraph; empty when there is nothing to say.
 */
export function suppressedMarkdown(report: Report): string {
  const baseline = report.suppressed.filter((f) => f.suppression?.kind === 'baseline').length;
  const inline = report.suppressed.length - baseline;
  const file = report.baseline ? code(report.baseline.file) : 'file';
  const comments = `\`smtp-preflight-ignore\` comments`;
  let out = '';
  if (report.suppressed.length > 0) {
    const by =
      baseline === 0
        ? ` by ${comments}`
        : inline === 0
          ? ` by the baseline ${file}`
          : `: ${inline} by ${comments}, ${baseline} by the baseline ${file}`;
    out += `\n_${plural(report.suppressed.length, 'finding')} suppressed${by} (listed in the JSON report)._\n`;
  }
  const fixed = report.baseline?.fixed.length ?? 0;
  if (fixed > 0) {
    out +=
      `\n_The baseline ${file} lists ${plural(fixed, 'finding')} no longer found: ` +
      'run `smtp-preflight baseline` to shrink it._\n';
  }
  return out;
}

/** The scope note of a `--changed-since` scan as a markdown paragraph; empty for a full scan. */
export function changedOnlyMarkdown(report: Report): string {
  const scope = report.stats.changedSince;
  if (!scope) return '';
  const were = scope.files === 1 ? 'was' : 'were';
  return `\n_Changed files only: ${plural(scope.files, 'file')} changed since ${code(scope.ref)} ${were} considered; findings in other files are not reported._\n`;
}

/**
 * An inline code span that survives backticks inside. In a table cell a `|` must be `\|` even in
 * code (GFM splits cells first); elsewhere the backslash would show.
 */
export function code(text: string, cell = false): string {
  const oneLine = text.replace(/\r?\n|\r/g, ' ');
  const flat = cell ? oneLine.replace(/\|/g, '\\|') : oneLine;
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Finding messages and fixes are written by the rules with deliberate `code spans`; keep those,
 * escape everything else (values in them come from the scanned files).
 */
function prose(text: string): string {
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : escapeMarkdown(part)))
    .join('');
}

export function link(uri: string): string {
  return uri.replace(/[\s()<>]/g, (c) => encodeURIComponent(c));
}

const REFERENCE_PATTERNS = [
  // ${{ secrets.X }}, ${{ env.X }}, ${{ vars.X }}, process.env.X, {{ .Env.X }}
  /\b(?:secrets|env|Env|vars)\.([A-Za-z_]\w*)/,
  // Symfony %env(int:X)%
  /%env\((?:[a-z_]+:)*([A-Za-z_]\w*)\)%/,
  // ${X}, ${X:-default}, $X
  /\$\{?([A-Za-z_]\w*)/,
  // env('X'), getenv("X"), ENV['X'], os.environ["X"]
  /['"]([A-Za-z_]\w*)['"]/,
  // anything else: the first upper-case name
  /\b(?!ENV\b)([A-Z][A-Z0-9_]*[A-Z0-9])\b/,
];

/** The name of the variable an env/secret reference reads, from the text as written. */
function referenceName(setting: Setting<unknown>): string | undefined {
  for (const pattern of REFERENCE_PATTERNS) {
    const m = pattern.exec(setting.raw);
    if (m) return m[1];
  }
  return setting.key;
}

/**
 * A setting's value, `env:NAME` / `secret:NAME` for a reference, `?` when unknown. `escape` makes
 * the value safe for a table cell (the PR comment adds mention neutralising).
 */
export function settingCell(
  setting: Setting<unknown> | undefined,
  escape: (text: string) => string = escapeMarkdown,
): string {
  if (!setting) return '?';
  if (setting.value !== undefined && setting.origin !== 'placeholder') {
    return escape(String(setting.value));
  }
  if (setting.origin === 'env' || setting.origin === 'secret') {
    const name = referenceName(setting);
    if (name) return code(`${setting.origin}:${name}`, true);
  }
  return '?';
}

function endpointVerdict(endpoint: Endpoint, findings: readonly Finding[]): string {
  const worst = worstSeverity(findings.filter((f) => f.endpointId === endpoint.id));
  const verdict = worst ? BADGES[worst] : '✅ ok';
  if (endpoint.active) return verdict;
  const reason = endpoint.inactiveReason ? `: ${escapeMarkdown(endpoint.inactiveReason)}` : '';
  return `${verdict} (inactive${reason})`;
}

function verdictLine(report: Report, failOn: FailOn, failOnNewOnly: boolean): string {
  const newOnly = failOnNewOnly && report.comparison !== undefined;
  const failed = reachesThreshold(report, failOn, newOnly);
  const mode = newOnly ? `fail-on: ${failOn}, new findings only` : `fail-on: ${failOn}`;
  const head = `${failed ? '❌ smtp-preflight failed' : '✅ smtp-preflight passed'} (${mode})`;
  const since = report.comparison
    ? ` · ${splitByStatus(report).new.length} new, ${report.comparison.fixed.length} fixed since the base`
    : '';
  if (report.endpoints.length === 0 && report.findings.length === 0) {
    return `### ${head}: no SMTP configuration found${since}`;
  }
  const counts = formatCounts(countBySeverity(report.findings));
  const where = `${plural(filesInvolved(report), 'file')} (${plural(report.endpoints.length, 'endpoint')})`;
  return `### ${head}: ${counts} in ${where}${since}`;
}

/** Accumulates chunks while they fit in the byte budget; the first chunk that does not fit ends it. */
class Budget {
  private readonly chunks: string[] = [];
  private used = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  add(chunk: string): boolean {
    if (this.truncated) return false;
    const size = Buffer.byteLength(chunk, 'utf8');
    if (this.used + size > this.limit) {
      this.truncated = true;
      return false;
    }
    this.chunks.push(chunk);
    this.used += size;
    return true;
  }

  /** Closes an open block; its size must be part of the caller's reserve. */
  close(chunk: string): void {
    this.chunks.push(chunk);
  }

  text(): string {
    return this.chunks.join('');
  }
}

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const failOn = options.failOn ?? 'error';
  const maxBytes = options.maxBytes ?? MAX_SUMMARY_BYTES;
  const version = report.tool.version;

  const footer =
    `\n---\n<sub>smtp-preflight ${escapeMarkdown(version)} · ` +
    `run it locally: \`npx smtp-preflight scan .\`</sub>\n`;
  const notice = (shown: number, total: number): string =>
    `\n> [!WARNING]\n> Truncated to fit GitHub's 1 MiB summary limit: ${shown} of ${plural(total, 'finding')} shown.` +
    ' Run `npx smtp-preflight scan . --format json` for the full report, or read the `report-file` output.\n';
  const closeDetails = '\n</details>\n';
  // Room for the footer, the worst-case truncation notice and the closing of the details block.
  const reserve = Buffer.byteLength(
    footer + notice(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) + closeDetails,
  );
  const body = new Budget(Math.max(0, maxBytes - reserve));

  body.add(`${verdictLine(report, failOn, options.failOnNewOnly ?? false)}\n`);
  body.add(changedOnlyMarkdown(report));

  if (report.endpoints.length > 0) {
    body.add(
      '\n| Endpoint | Product | Host | Port | Effective security | Verdict |\n' +
        '| --- | --- | --- | --- | --- | --- |\n',
    );
    for (const e of report.endpoints) {
      const cells = [
        code(`${e.at.file}:${e.at.line}`, true),
        escapeMarkdown(e.product),
        settingCell(e.host),
        settingCell(e.port),
        settingCell(e.security),
        endpointVerdict(e, report.findings),
      ];
      if (!body.add(`| ${cells.join(' | ')} |\n`)) break;
    }
  }

  let shown = 0;
  const sorted = [...report.findings].sort(compareFindings);
  for (const severity of SEVERITIES) {
    const group = sorted.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    if (!body.add(`\n#### ${HEADINGS[severity]} (${group.length})\n`)) break;
    for (const f of group) {
      const item =
        `\n- **[${escapeMarkdown(f.ruleId)}](${link(f.helpUri)})** ${code(`${f.at.file}:${f.at.line}`)}: ` +
        `${prose(f.message)}\n\n  **Fix:** ${prose(f.fix)}\n`;
      if (!body.add(item)) break;
      shown += 1;
    }
  }

  if (report.probes.length > 0) body.add(renderProbeMarkdown(report.probes));

  const suppressed = suppressedMarkdown(report);
  if (suppressed) body.add(suppressed);

  const diagnosticsOpen = `\n<details><summary>Diagnostics (${report.diagnostics.length})</summary>\n\n`;
  if (report.diagnostics.length > 0 && body.add(diagnosticsOpen)) {
    for (const d of report.diagnostics) {
      const where = d.file ? `${code(d.file)}: ` : '';
      if (!body.add(`- ${d.level}: ${where}${escapeMarkdown(d.message)}\n`)) break;
    }
    body.close(closeDetails);
  }

  const truncated = body.truncated || shown < report.findings.length;
  return body.text() + (truncated ? notice(shown, report.findings.length) : '') + footer;
}
