/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`) and other SARIF
 * viewers. Pure and deterministic: the same report gives the same bytes.
 *
 * One run; the driver lists every rule of the catalogue (not only those that fired) with help text
 * and `security-severity`; results carry our line-content fingerprint as `partialFingerprints`,
 * sibling keys as `relatedLocations`, inline suppressions as `suppressions`, and, when the report
 * was compared with a base commit, `baselineState` (fixed findings as `absent` results).
 */
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Finding, Location, Report, Severity } from '../model.js';
import { REPOSITORY_URL, RULES, helpUri, type Rule } from '../policy/rules.js';
import { compareFindings, countBySeverity } from './counts.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0' as const;
/** Key of our fingerprint in `partialFingerprints`; bump the suffix if the hash ever changes. */
export const FINGERPRINT_KEY = 'smtpPreflight/v1';
export const SRCROOT = '%SRCROOT%' as const;

/**
 * `security-severity` per rule: GitHub ranks alerts tagged `security` by it (9.0+ critical,
 * 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low). Judged by what an attacker gains, not by how
 * surely the mail breaks:
 * - SP007 credential committed        8.8  anyone with read access (forks, history) has the password
 * - SP005 verification disabled       8.1  on-path impersonation: credentials and mail to the attacker
 * - SP002 no TLS                      7.5  credentials and mail in clear text, passive attacker enough
 * - SP003 opportunistic STARTTLS      5.5  clear text after an active downgrade (STARTTLS stripping)
 * - SP004 port/TLS mode disagree      5.0  broken connection; clients that fall back may go clear text
 * - SP010 provider lacks port/TLS     5.0  same for a known provider's port table
 * - SP006 TLS below 1.2               4.3  deprecated protocol versions / weak ciphers allowed
 * - SP001 port 25 for submission      4.0  relay port: blocked outbound, usually no TLS requirement
 * - SP013 exclusive TLS settings      4.0  the framework drops one: TLS may silently be off
 * - SP008 submission without auth     3.5  open relay or refused mail
 * - SP014 value ignored               3.5  effective behaviour differs from what was written
 * - SP011 password auth retired       3.0  basic auth on the way out; OAuth2 advised
 * - SP015 transcript logging          2.0  AUTH exchanges and bodies in logs (note)
 * - SP009 non-standard port           1.5  informational (note)
 * - SP012 cannot judge statically     1.0  informational (note)
 * - SP016 suppression problem         1.0  a suppression comment without reason or effect (note)
 * Live rules (LV, from the probe) follow the same scale:
 * - LV016 certificate check bypassed  7.4  credentials sent to a server whose identity was not verified
 * - LV004 certificate not trusted     6.5  impersonation possible; verifying clients refuse it
 * - LV002 TLS not established         6.5  no encryption: credentials and mail cannot be sent safely
 * - LV007 AUTH before TLS             6.5  the server accepts passwords in clear text
 * - LV006 TLS below 1.2 negotiated    5.3  deprecated protocol in use
 * - LV005 certificate expired         5.0  verifying clients refuse; others accept any certificate
 * - LV003 TLS mode mismatch           4.0  broken connection, fallbacks may go clear text
 * - LV014 weak certificate key        4.0  a key within reach of factoring/forgery
 * - LV008 authentication failed       3.0  mail fails; basic auth disabled or wrong secret
 * - LV013 verification off, cert ok  3.0  a needless impersonation risk (note)
 * - LV001 unreachable                 2.0  availability
 * - LV012 server misbehaved           2.0  availability
 * - LV009 test message rejected       2.0  availability
 * - LV010 deliverability score        2.0  mail lands in spam
 * - LV011 deliverability check        2.0  SPF/DKIM/DMARC gaps make spoofing easier, mail lands in spam
 * - LV015 credentials not tested      1.5  informational: the login could not be checked
 */
export const SECURITY_SEVERITY: Readonly<Record<string, string>> = {
  SP001: '4.0',
  SP002: '7.5',
  SP003: '5.5',
  SP004: '5.0',
  SP005: '8.1',
  SP006: '4.3',
  SP007: '8.8',
  SP008: '3.5',
  SP009: '1.5',
  SP010: '5.0',
  SP011: '3.0',
  SP012: '1.0',
  SP013: '4.0',
  SP014: '3.5',
  SP015: '2.0',
  SP016: '1.0',
  LV001: '2.0',
  LV002: '6.5',
  LV003: '4.0',
  LV004: '6.5',
  LV005: '5.0',
  LV006: '5.3',
  LV007: '6.5',
  LV008: '3.0',
  LV009: '2.0',
  LV010: '2.0',
  LV011: '2.0',
  LV012: '2.0',
  LV013: '3.0',
  LV014: '4.0',
  LV015: '1.5',
  LV016: '7.4',
};

/** Tags beyond `security` and `smtp`: a topic and, where one fits, the CWE (CodeQL's spelling). */
const EXTRA_TAGS: Readonly<Record<string, readonly string[]>> = {
  SP001: ['configuration'],
  SP002: ['tls', 'external/cwe/cwe-319'],
  SP003: ['tls', 'external/cwe/cwe-319', 'external/cwe/cwe-757'],
  SP004: ['tls', 'configuration'],
  SP005: ['tls', 'external/cwe/cwe-295'],
  SP006: ['tls', 'external/cwe/cwe-327'],
  SP007: ['credentials', 'external/cwe/cwe-798'],
  SP008: ['authentication', 'configuration'],
  SP009: ['configuration'],
  SP010: ['tls', 'configuration'],
  SP011: ['authentication'],
  SP012: ['configuration'],
  SP013: ['tls', 'configuration'],
  SP014: ['configuration'],
  SP015: ['logging', 'external/cwe/cwe-532'],
  SP016: ['maintainability'],
  LV001: ['live', 'availability'],
  LV002: ['live', 'tls', 'external/cwe/cwe-319'],
  LV003: ['live', 'tls', 'configuration'],
  LV004: ['live', 'tls', 'external/cwe/cwe-295'],
  LV005: ['live', 'tls', 'external/cwe/cwe-298'],
  LV006: ['live', 'tls', 'external/cwe/cwe-327'],
  LV007: ['live', 'authentication', 'external/cwe/cwe-319'],
  LV008: ['live', 'authentication'],
  LV009: ['live', 'availability'],
  LV010: ['live', 'deliverability'],
  LV011: ['live', 'deliverability'],
  LV012: ['live', 'availability'],
  LV013: ['live', 'tls', 'external/cwe/cwe-295'],
  LV014: ['live', 'tls', 'external/cwe/cwe-326'],
  LV015: ['live', 'authentication'],
  LV016: ['live', 'tls', 'external/cwe/cwe-295'],
};

/** The message of each related location, by rule. */
const RELATED_MESSAGE: Readonly<Record<string, string>> = {
  SP005: 'This setting also turns certificate verification off.',
  SP006: 'Related TLS setting.',
  SP013: 'The conflicting setting.',
};
const DEFAULT_RELATED_MESSAGE = 'Related setting of the same connection.';

export interface SarifOptions {
  /**
   * Prepended to every path with a `/`: the scanned root relative to the repository root, since
   * code scanning wants repository-relative URIs and findings are relative to the scanned root.
   */
  filePrefix?: string;
  /**
   * With a comparison, also emit the findings fixed since the base as `baselineState: 'absent'`
   * results (default true). Code scanning ignores `baselineState` and would show them as alerts at
   * their base location: pass false for a file meant for `upload-sarif`.
   */
  includeFixed?: boolean;
}

// A minimal typing of what we emit (SARIF 2.1.0 names); the schema test checks the rest.
interface SarifMessage {
  text: string;
  markdown?: string;
}

interface SarifRegion {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

interface SarifPhysicalLocation {
  artifactLocation: { uri: string; uriBaseId: typeof SRCROOT };
  region?: SarifRegion;
}

interface SarifLocation {
  id?: number;
  physicalLocation: SarifPhysicalLocation;
  message?: SarifMessage;
}

interface SarifNotification {
  level: 'error' | 'warning' | 'note';
  message: SarifMessage;
  locations?: SarifLocation[];
}

export type BaselineState = 'new' | 'unchanged' | 'updated' | 'absent';

export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: 'error' | 'warning' | 'note';
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints?: Record<string, string>;
  relatedLocations?: SarifLocation[];
  suppressions?: { kind: 'inSource' | 'external'; justification?: string }[];
  baselineState?: BaselineState;
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  helpUri: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: Severity };
  properties: { tags: string[]; 'security-severity': string };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: {
        driver: {
          name: 'smtp-preflight';
          version: string;
          semanticVersion: string;
          informationUri: string;
          rules: SarifRule[];
        };
      };
      originalUriBaseIds: Record<string, { uri?: string; description: SarifMessage }>;
      invocations: {
        executionSuccessful: boolean;
        toolExecutionNotifications?: SarifNotification[];
      }[];
      columnKind: 'utf16CodeUnits';
      results: SarifResult[];
      properties: Record<string, unknown>;
    },
  ];
}

/** `Port and TLS mode disagree` → `PortAndTLSModeDisagree`; `TLS below 1.2` → `TLSBelow12`. */
export function pascalCase(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

function ruleDescriptor(rule: Rule): SarifRule {
  const uri = helpUri(rule.id);
  return {
    id: rule.id,
    name: pascalCase(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    helpUri: uri,
    help: {
      text:
        `${rule.id}: ${rule.title}\n\n${rule.description}\n\n` +
        `Default severity: ${rule.severity}. What it finds, examples and how to fix it: ${uri}`,
      markdown:
        `**${rule.id}: ${rule.title}**\n\n${rule.description}\n\n` +
        `Default severity: **${rule.severity}**. ` +
        `[What it finds, examples and how to fix it](${uri}).`,
    },
    defaultConfiguration: { level: rule.severity },
    properties: {
      tags: ['security', 'smtp', ...(EXTRA_TAGS[rule.id] ?? [])],
      'security-severity': SECURITY_SEVERITY[rule.id] ?? '5.0',
    },
  };
}

/** A scanned-root-relative path as a URI reference relative to %SRCROOT%. */
function toUri(file: string, prefix: string | undefined): string {
  const path = file.replace(/\\/g, '/').replace(/^\.?\/+/, '');
  const full = prefix ? `${prefix}/${path}` : path;
  return full.split('/').map(encodeURIComponent).join('/');
}

function physical(at: Location, prefix: string | undefined): SarifPhysicalLocation {
  const region: SarifRegion = { startLine: Math.max(1, at.line) };
  if (at.column !== undefined && at.column >= 1) region.startColumn = at.column;
  if (at.endLine !== undefined && at.endLine >= region.startLine) region.endLine = at.endLine;
  // SARIF's endColumn is exclusive, like the model's (no extractor sets one yet).
  if (at.endColumn !== undefined && at.endColumn >= 1) region.endColumn = at.endColumn;
  return { artifactLocation: { uri: toUri(at.file, prefix), uriBaseId: SRCROOT }, region };
}

/** The reason of an inline suppression (`smtp-preflight-ignore SP007 -- reason`). */
function justificationOf(finding: Finding): string | undefined {
  const value = finding.suppression?.justification;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

const NOTIFICATION_LEVEL: Record<Diagnostic['level'], 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** The directory %SRCROOT% stands for: the repository root when `filePrefix` says where that is. */
function srcRoot(root: string, prefix: string | undefined): string | undefined {
  if (!root) return undefined;
  let dir = root.replace(/\\/g, '/').replace(/\/+$/, '');
  if (prefix) {
    if (!dir.endsWith(`/${prefix}`)) return undefined;
    dir = dir.slice(0, -prefix.length - 1);
  }
  const href = pathToFileURL(dir === '' ? '/' : dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

export function renderSarif(report: Report, options: SarifOptions = {}): SarifLog {
  const prefix = options.filePrefix?.replace(/\\/g, '/').replace(/^\.?\/+|\/+$/g, '') || undefined;
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const comparison = report.comparison;
  const fresh = new Set(comparison?.newFingerprints ?? []);

  const result = (finding: Finding, baselineState?: BaselineState): SarifResult => {
    const r: SarifResult = {
      ruleId: finding.ruleId,
      level: finding.severity,
      message: { text: `${finding.message} Fix: ${finding.fix}` },
      locations: [{ physicalLocation: physical(finding.at, prefix) }],
    };
    const index = ruleIndex.get(finding.ruleId);
    if (index !== undefined) r.ruleIndex = index;
    if (finding.fingerprint) r.partialFingerprints = { [FINGERPRINT_KEY]: finding.fingerprint };
    if (finding.related?.length) {
      const text = RELATED_MESSAGE[finding.ruleId] ?? DEFAULT_RELATED_MESSAGE;
      r.relatedLocations = finding.related.map((at, i) => ({
        id: i + 1,
        physicalLocation: physical(at, prefix),
        message: { text },
      }));
    }
    if (baselineState) r.baselineState = baselineState;
    return r;
  };

  const results: SarifResult[] = [];
  for (const f of [...report.findings].sort(compareFindings)) {
    const state = comparison
      ? fresh.has(f.fingerprint as string)
        ? 'new'
        : 'unchanged'
      : undefined;
    results.push(result(f, state));
  }
  // compare() matches reported findings only, so a suppressed one has no known baseline state.
  for (const f of [...report.suppressed].sort(compareFindings)) {
    const r = result(f);
    const justification = justificationOf(f);
    // A baseline entry lives outside the source file: SARIF calls that `external`.
    const kind = f.suppression?.kind === 'baseline' ? 'external' : 'inSource';
    r.suppressions = [justification ? { kind, justification } : { kind }];
    results.push(r);
  }
  const fixed = comparison && options.includeFixed !== false ? comparison.fixed : [];
  for (const f of [...fixed].sort(compareFindings)) results.push(result(f, 'absent'));

  const rootUri = srcRoot(report.root, prefix);
  const description = {
    text: prefix
      ? 'The repository root; results are relative to it.'
      : 'The scanned directory; results are relative to it.',
  };
  const notifications = report.diagnostics.map((d) => {
    const n: SarifNotification = {
      level: NOTIFICATION_LEVEL[d.level],
      message: { text: d.message },
    };
    if (d.file) {
      n.locations = [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(d.file, prefix), uriBaseId: SRCROOT },
          },
        },
      ];
    }
    return n;
  });

  const counts = countBySeverity(report.findings);
  const properties: Record<string, unknown> = {
    errors: counts.error,
    warnings: counts.warning,
    notes: counts.note,
    findings: report.findings.length,
    suppressed: report.suppressed.length,
    endpoints: report.endpoints.length,
    filesRead: report.stats.filesRead,
  };
  if (comparison) {
    properties.baseSha = comparison.baseSha;
    properties.new = report.findings.filter((f) => fresh.has(f.fingerprint as string)).length;
    properties.fixed = comparison.fixed.length;
  }

  return {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: 'smtp-preflight',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: REPOSITORY_URL,
            rules: RULES.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: {
          [SRCROOT]: rootUri ? { uri: rootUri, description } : { description },
        },
        invocations: [
          notifications.length > 0
            ? { executionSuccessful: true, toolExecutionNotifications: notifications }
            : { executionSuccessful: true },
        ],
        columnKind: 'utf16CodeUnits',
        results,
        properties,
      },
    ],
  };
}

/** The SARIF log as a file's text: two-space JSON with a final newline. */
export function renderSarifString(report: Report, options: SarifOptions = {}): string {
  return `${JSON.stringify(renderSarif(report, options), null, 2)}\n`;
}
