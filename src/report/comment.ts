/**
 * The pull request comment body (also `--format markdown`). Pure.
 *
 * Layout: hidden marker(s); a one-line verdict with counts; how the head compares with the base;
 * the endpoint table; findings grouped as new → fixed → already present (each ordered by
 * severity); the live probe; suppressed counts; a footer. Everything taken from the scanned files
 * (hosts, paths, messages' values) is escaped so it cannot add markup, HTML, @mentions or issue
 * references, nor close the marker. Under `maxLength` (GitHub's 65,536 characters): when the full
 * body is too long, only the verdict, the counts and the new findings stay, with a pointer to the
 * job summary.
 */
import type { Endpoint, FailOn, Finding, Location, Report, Severity } from '../model.js';
import { reachesThreshold } from '../run.js';
import { splitByStatus } from './compare.js';
import {
  compareFindings,
  countBySeverity,
  filesInvolved,
  formatCounts,
  plural,
  worstSeverity,
} from './counts.js';
import type { ProbeResult } from '../probe/types.js';
import {
  BADGES,
  changedOnlyMarkdown,
  code,
  escapeMarkdown,
  link,
  settingCell,
  suppressedMarkdown,
} from './markdown.js';
import { renderProbeMarkdown } from './probe-section.js';

export interface CommentContext {
  /** `owner/repo`, for links to the head commit. */
  repository?: string;
  /** The head commit SHA the links point at. */
  headSha?: string;
  /** https://github.com by default. */
  serverUrl?: string;
  /**
   * The scanned root relative to the repository root (`path` input), prepended to file paths in
   * links, since findings are relative to the scanned root.
   */
  filePrefix?: string;
  failOn?: FailOn;
  failOnNewOnly?: boolean;
  /** Extra key for the hidden marker (the `comment-key` input). */
  commentKey?: string;
  /** Where the full report is (the job summary), for truncated bodies. */
  summaryUrl?: string;
  /** GitHub's limit is 65,536 characters. */
  maxLength?: number;
}

export const COMMENT_MARKER = '<!-- smtp-preflight -->';
export const MAX_COMMENT_LENGTH = 65_536;

const KEY_MARKER_PREFIX = '<!-- smtp-preflight:key=';

/** Groups with more findings than this (other than the new ones) fold into `<details>`. */
const OPEN_GROUP_MAX = 3;
/** Endpoint tables with more rows than this fold into `<details>`. */
const OPEN_TABLE_MAX = 10;

const RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

/**
 * The second marker line for a `comment-key`. URI-encoded, so the key cannot contain `>` (and so
 * cannot close the HTML comment) nor a line break.
 */
export function commentKeyMarker(key: string): string {
  return `${KEY_MARKER_PREFIX}${encodeURIComponent(key.trim())} -->`;
}

/** The first line(s) of every body this key renders. */
export function commentHeader(key?: string): string {
  return key?.trim() ? `${COMMENT_MARKER}\n${commentKeyMarker(key)}` : COMMENT_MARKER;
}

/**
 * True when `body` is a comment this renderer wrote for `key`: the marker on the first line and,
 * with a key, the key marker on the second. A comment with a key is not ours without one (and
 * vice versa), so two jobs with different keys keep a comment each.
 */
export function isOwnComment(body: string | null | undefined, key?: string): boolean {
  if (!body) return false;
  const [first = '', second = ''] = body.split(/\r?\n/, 2).map((line) => line.trim());
  if (first !== COMMENT_MARKER) return false;
  const wanted = key?.trim() ? commentKeyMarker(key) : undefined;
  return wanted ? second === wanted : !second.startsWith(KEY_MARKER_PREFIX);
}

/**
 * Escaped text for a comment: no markup, no HTML, and no @mention, `#123` reference or bare web
 * link that GitHub would turn into a notification, a cross-reference or a link. A zero-width space
 * breaks those up without showing; it is inserted only where GitHub would act (an `@` or `#` at the
 * start of a word, `http(s)://`, `www.`), so e-mail addresses, `smtp://` URLs and the like copy
 * cleanly.
 */
function text(value: string): string {
  return escapeMarkdown(value)
    .replace(/(^|[^\w@])@(?=[\w-])/g, '$1@&#8203;')
    .replace(/(^|[^\w])\\#(?=\w)/g, '$1\\#&#8203;')
    .replace(/\b(https?):\/\//gi, '$1:&#8203;//')
    .replace(/\b(www)\./gi, '$1&#8203;.');
}

/** Rule messages and fixes: keep their deliberate `code spans`, escape everything else. */
function prose(value: string): string {
  return value
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : text(part)))
    .join('');
}

/** One path segment of a URL: everything that could end a markdown link destination encoded. */
function urlSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
}

interface Links {
  blob(sha: string, at: Location): string | undefined;
  commit(sha: string): string | undefined;
}

function links(ctx: CommentContext): Links {
  const repository = ctx.repository?.trim();
  const server = (ctx.serverUrl || 'https://github.com').replace(/\/+$/, '');
  const prefix = ctx.filePrefix?.replace(/\\/g, '/').replace(/^\.?\/+|\/+$/g, '') || undefined;
  const valid = repository && /^[\w.-]+\/[\w.-]+$/.test(repository);
  return {
    blob(sha, at) {
      if (!valid || !sha) return undefined;
      const path = (prefix ? `${prefix}/${at.file}` : at.file).split('/').map(urlSegment).join('/');
      const lines =
        at.endLine && at.endLine > at.line ? `#L${at.line}-L${at.endLine}` : `#L${at.line}`;
      return `${server}/${repository}/blob/${urlSegment(sha)}/${path}${lines}`;
    },
    commit(sha) {
      return valid && sha ? `${server}/${repository}/commit/${urlSegment(sha)}` : undefined;
    },
  };
}

/** `file:line`, linked when the repository and commit are known; `cell` for table cells. */
function locationRef(at: Location, url: string | undefined, cell = false): string {
  const label = code(`${at.file}:${at.line}`, cell);
  return url ? `[${label}](${link(url)})` : label;
}

function bySeverity(a: Finding, b: Finding): number {
  return RANK[a.severity] - RANK[b.severity] || compareFindings(a, b);
}

function findingItem(f: Finding, url: string | undefined, withFix: boolean): string {
  const badge = BADGES[f.severity];
  const head = `- ${badge} **[${text(f.ruleId)}](${link(f.helpUri)})** ${locationRef(f.at, url)}: ${prose(f.message)}\n`;
  return withFix ? `${head}\n  **Fix:** ${prose(f.fix)}\n\n` : `${head}\n`;
}

function endpointVerdict(e: Endpoint, findings: readonly Finding[], fresh: Set<string>): string {
  const own = findings.filter((f) => f.endpointId === e.id);
  const worst = worstSeverity(own);
  let verdict = worst ? BADGES[worst] : '✅ ok';
  const added = own.filter((f) => fresh.has(f.fingerprint as string)).length;
  if (added > 0) verdict += ` (${added} new)`;
  if (!e.active) {
    verdict += e.inactiveReason ? ` (inactive: ${text(e.inactiveReason)})` : ' (inactive)';
  }
  return verdict;
}

function endpointTable(report: Report, ctx: CommentContext, fresh: Set<string>): string {
  if (report.endpoints.length === 0) return '';
  const { blob } = links(ctx);
  const rows = report.endpoints.map((e) => {
    const cells = [
      locationRef(e.at, blob(ctx.headSha ?? '', e.at), true),
      text(e.product),
      settingCell(e.host, text),
      settingCell(e.port, text),
      settingCell(e.security, text),
      endpointVerdict(e, report.findings, fresh),
    ];
    return `| ${cells.join(' | ')} |\n`;
  });
  const table =
    '| Endpoint | Product | Host | Port | Effective security | Verdict |\n' +
    '| --- | --- | --- | --- | --- | --- |\n' +
    rows.join('');
  const title = `SMTP endpoints (${report.endpoints.length})`;
  return rows.length > OPEN_TABLE_MAX
    ? `\n<details><summary>${title}</summary>\n\n${table}\n</details>\n`
    : `\n#### ${title}\n\n${table}`;
}

interface Group {
  title: string;
  /** Shown as the `<details>` summary when the group folds. */
  fold: string;
  items: string[];
  open: boolean;
}

function groupBlock(group: Group): string {
  if (group.items.length === 0) return '';
  const heading = `\n#### ${group.title} (${group.items.length})\n\n`;
  const list = group.items.join('').replace(/\n+$/, '\n');
  if (group.open || group.items.length <= OPEN_GROUP_MAX) return `${heading}${list}`;
  return `${heading}<details><summary>${group.fold}</summary>\n\n${list}\n</details>\n`;
}

/** The live probe's results: a table and the transcripts (src/report/probe-section.ts). */
function probeSection(probes: readonly ProbeResult[]): string {
  return renderProbeMarkdown(probes);
}

function suppressedLine(report: Report): string {
  return suppressedMarkdown(report);
}

function footer(report: Report, ctx: CommentContext): string {
  const full = ctx.summaryUrl ? ` · [full report](${link(ctx.summaryUrl)})` : '';
  return (
    `\n---\n<sub>smtp-preflight ${text(report.tool.version)} · ` +
    `run it locally: \`npx smtp-preflight scan .\`${full}</sub>\n`
  );
}

function verdictLine(report: Report, ctx: CommentContext, newCount: number): string {
  const failOn = ctx.failOn ?? 'error';
  const newOnly = Boolean(ctx.failOnNewOnly && report.comparison);
  const failed = reachesThreshold(report, failOn, newOnly);
  const mode = newOnly ? `fail-on: ${failOn}, new findings only` : `fail-on: ${failOn}`;
  const head = `${failed ? '❌ smtp-preflight failed' : '✅ smtp-preflight passed'} (${mode})`;
  const counts = formatCounts(countBySeverity(report.findings));
  const where = `${plural(filesInvolved(report), 'file')} (${plural(report.endpoints.length, 'endpoint')})`;
  const fresh = report.comparison ? `${newCount} new · ` : '';
  return `### ${head}: ${fresh}${counts} in ${where}\n`;
}

/** How the head compares with the base, and who decides the status. */
function comparisonLine(report: Report, ctx: CommentContext, split: Split): string {
  const c = report.comparison;
  if (!c) {
    return ctx.failOnNewOnly
      ? '\n`fail-on-new-only` is set, but no base commit was scanned, so every finding counts.\n'
      : '';
  }
  const sha = c.baseSha.slice(0, 7);
  const url = links(ctx).commit(c.baseSha);
  const base = url ? `[\`${text(sha)}\`](${link(url)})` : code(sha);
  const parts = [
    split.new.length > 0 ? `**${split.new.length} new**` : 'no new findings',
    `${split.fixed.length} fixed`,
    `${split.existing.length} already present`,
  ];
  const decides = ctx.failOnNewOnly
    ? ` Only new findings decide the status (\`fail-on-new-only\`).`
    : '';
  return `\nCompared with the base commit ${base}: ${parts.join(', ')}.${decides}\n`;
}

/** When the pull request changes the policy file: say so and show the change (DESIGN.md §4). */
function policySection(report: Report): string {
  const change = report.policy?.changedInPullRequest;
  if (!change) return '';
  const file = report.policy?.file ? code(report.policy.file) : 'the policy file';
  const longest = Math.max(0, ...(change.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return (
    `\n#### ⚠️ Policy changed in this pull request\n\n` +
    `This pull request changes ${file}. It was judged by the base commit's policy; the change applies once it is merged:\n\n` +
    `${fence}diff\n${change}\n${fence}\n`
  );
}

type Split = ReturnType<typeof splitByStatus>;

function nothingToReport(report: Report, ctx: CommentContext): string {
  const failOn = ctx.failOn ?? 'error';
  const checked =
    report.endpoints.length > 0
      ? `Checked ${plural(report.endpoints.length, 'SMTP endpoint')} in ${plural(filesInvolved(report), 'file')}: nothing to fix.`
      : `No SMTP configuration found in ${plural(report.stats.filesRead, 'file')} read.`;
  const base = report.comparison
    ? ` Compared with the base commit ${code(report.comparison.baseSha.slice(0, 7))}.`
    : '';
  return (
    `${commentHeader(ctx.commentKey)}\n` +
    `### ✅ smtp-preflight passed (fail-on: ${failOn}): No SMTP problems found\n\n` +
    `${checked}${base}\n` +
    policySection(report) +
    suppressedLine(report) +
    footer(report, ctx)
  );
}

export function renderComment(report: Report, ctx: CommentContext = {}): string {
  const maxLength = ctx.maxLength ?? MAX_COMMENT_LENGTH;
  const split = splitByStatus(report);
  if (report.findings.length === 0 && split.fixed.length === 0 && report.probes.length === 0) {
    return fit(nothingToReport(report, ctx), maxLength);
  }

  const { blob } = links(ctx);
  const headSha = ctx.headSha ?? '';
  const baseSha = report.comparison?.baseSha ?? '';
  const fresh = new Set(split.new.map((f) => f.fingerprint as string));
  const compared = report.comparison !== undefined;

  const header =
    `${commentHeader(ctx.commentKey)}\n` +
    verdictLine(report, ctx, split.new.length) +
    changedOnlyMarkdown(report) +
    comparisonLine(report, ctx, split) +
    policySection(report);

  // Without a base, every finding is in the one open group.
  const primary: Group = {
    title: compared ? '🆕 New in this pull request' : 'Findings',
    fold: '',
    items: [...(compared ? split.new : report.findings)]
      .sort(bySeverity)
      .map((f) => findingItem(f, blob(headSha, f.at), true)),
    open: true,
  };
  const fixed: Group = {
    title: '✅ Fixed',
    fold: `${plural(split.fixed.length, 'finding')} on the base commit that this pull request removes`,
    items: [...split.fixed].sort(bySeverity).map((f) => findingItem(f, blob(baseSha, f.at), false)),
    open: false,
  };
  const existing: Group = {
    title: 'Already present',
    fold: `${plural(split.existing.length, 'finding')} that the base commit has too`,
    items: compared
      ? [...split.existing].sort(bySeverity).map((f) => findingItem(f, blob(headSha, f.at), true))
      : [],
    open: false,
  };

  const full =
    header +
    endpointTable(report, ctx, fresh) +
    groupBlock(primary) +
    groupBlock(fixed) +
    groupBlock(existing) +
    probeSection(report.probes) +
    suppressedLine(report) +
    footer(report, ctx);
  if (full.length <= maxLength) return full;
  return fit(shortened(report, ctx, header, primary, split), maxLength);
}

/**
 * The body when the full one is too long: the verdict, the counts and the primary group (new
 * findings, or all when not compared) as far as they fit, then where the rest is.
 */
function shortened(
  report: Report,
  ctx: CommentContext,
  header: string,
  primary: Group,
  split: Split,
): string {
  const maxLength = ctx.maxLength ?? MAX_COMMENT_LENGTH;
  const where = ctx.summaryUrl
    ? `the [job summary](${link(ctx.summaryUrl)})`
    : 'the job summary of this workflow run';
  const rest = [
    report.endpoints.length > 0
      ? `the endpoint table (${plural(report.endpoints.length, 'endpoint')})`
      : '',
    report.comparison && split.fixed.length > 0
      ? `${plural(split.fixed.length, 'fixed finding')}`
      : '',
    report.comparison && split.existing.length > 0
      ? `${plural(split.existing.length, 'finding')} already present`
      : '',
    report.probes.length > 0 ? 'the live probe' : '',
  ].filter(Boolean);
  const notice = (shown: number): string => {
    const kind = report.comparison ? 'new finding' : 'finding';
    const kept =
      shown < primary.items.length
        ? `the verdict and ${shown} of ${plural(primary.items.length, kind)}`
        : `the verdict and the ${kind}s`;
    const others = rest.length > 0 ? `${rest.join(', ')}: see` : 'the full report: see';
    return (
      `\n> [!NOTE]\n> Shortened to GitHub's ${MAX_COMMENT_LENGTH.toLocaleString('en-US')}-character limit for comments: ` +
      `this shows ${kept}. For ${others} ${where}, or run \`npx smtp-preflight scan .\`.\n`
    );
  };
  const tail = footer(report, ctx);
  const budget = maxLength - header.length - notice(0).length - tail.length;
  const title = `\n#### ${primary.title} (${primary.items.length})\n\n`;
  let used = title.length;
  const kept: string[] = [];
  for (const item of primary.items) {
    if (used + item.length > budget) break;
    kept.push(item);
    used += item.length;
  }
  const list = kept.length > 0 ? title + kept.join('').replace(/\n+$/, '\n') : '';
  return header + notice(kept.length) + list + tail;
}

/** Last resort for absurdly small limits: cut, keeping the marker intact. */
function fit(body: string, maxLength: number): string {
  return body.length <= maxLength ? body : body.slice(0, Math.max(0, maxLength));
}
