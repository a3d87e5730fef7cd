/**
 * The shared data model of smtp-preflight (DESIGN.md §2). Types only: every stage of the
 * pipeline (discover → extract → evaluate → report → publish) speaks in these.
 */

import type { ProbeResult } from './probe/types.js';

export type Severity = 'error' | 'warning' | 'note';

/** 1-based position in a file; `file` is relative to the scanned root with `/` separators. */
export interface Location {
  file: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

/**
 * Where a value came from.
 * - literal: written in the file
 * - default: the default inside an env expression (`${X:-587}`, `env('MAIL_PORT', 587)`)
 * - env: an env/secret/template reference without a default (value unknown)
 * - secret: a reference to a secret store (k8s secretKeyRef, `${{ secrets.X }}`)
 * - placeholder: `changeme`, `your-password`, `<password>`, empty...
 * - derived: not written; the ecosystem's documented default or a service preset
 */
export type Origin = 'literal' | 'default' | 'env' | 'secret' | 'placeholder' | 'derived';

export interface Setting<T> {
  value?: T;
  /** The text as written (for derived values: a short description such as "nodemailer default"). */
  raw: string;
  at: Location;
  origin: Origin;
  /** The key as written in the file, e.g. `MAIL_PORT` or `spring.mail.port`. */
  key?: string;
}

/** The *effective* transport security after the ecosystem's defaults (SEMANTICS.md §0). */
export type Security =
  'implicit-tls' | 'starttls-required' | 'starttls-opportunistic' | 'plain' | 'unknown';

/** How to change a product's settings: the texts that findings' fixes quote. */
export interface ProductKnobs {
  /** How to require STARTTLS, or null when the product cannot (GitLab, Discourse, Keycloak, Gitea...). */
  requireStartTls: string | null;
  /** How to switch to implicit TLS (port 465). */
  implicitTls: string;
  /** How to turn certificate verification back on. */
  verifyOn: string;
  /** How to set the port. */
  port: string;
  /** How to keep the password out of the repository. */
  secretRef: string;
}

/** Something an extractor noticed that a rule turns into a finding (SP013, SP014). */
export interface Observation {
  at: Location;
  /** What is wrong, naming the actual values. */
  message: string;
  fix: string;
  related?: Location[];
}

export interface Endpoint {
  /** Stable within a report: `file:line`. */
  id: string;
  /** Reader family, e.g. `laravel`, `spring`, `grafana`. */
  ecosystem: string;
  /** Human name of the product or format, e.g. "Laravel (MAIL_*)". */
  product: string;
  /** Anchor: the host line, or the first SMTP key when there is no host. */
  at: Location;
  /** False when the SMTP block is present but switched off (findings capped at note). */
  active: boolean;
  inactiveReason?: string;
  host?: Setting<string>;
  port?: Setting<number>;
  security: Setting<Security>;
  /** False when verification is off; `at` is the first verify-off key. */
  tlsVerify?: Setting<boolean>;
  /** Sibling keys that also turn verification off (SARIF relatedLocations). */
  verifyOffAlso?: Location[];
  minTls?: Setting<string>;
  user?: Setting<string>;
  password?: Setting<string>;
  authMethod?: Setting<string>;
  /** Authentication is configured or intended (auth flag on, or user/password keys present). */
  authIntended: boolean;
  /** Known provider id from the provider table, derived from the host. */
  provider?: string;
  /** SMTP transcript logging (`debug: true`, `mail.debug=true`). */
  debug?: Setting<boolean>;
  knobs: ProductKnobs;
  /** SP013: mutually exclusive TLS settings. */
  conflicts: Observation[];
  /** SP014: values the framework ignores or does not recognise. */
  ignored: Observation[];
  /** SP006 extras: weak cipher settings and the like. */
  weakTls: Observation[];
}

/**
 * A literal credential outside any endpoint (e.g. in a commented-out line). Secret values never
 * leave the extractor: it classifies them (literal vs placeholder) and keeps only a redacted form.
 */
export interface LooseSecret {
  at: Location;
  key: string;
}

export interface Diagnostic {
  level: 'info' | 'warning' | 'error';
  file?: string;
  message: string;
}

export interface Extraction {
  endpoints: Endpoint[];
  looseSecrets: LooseSecret[];
  diagnostics: Diagnostic[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  fix: string;
  at: Location;
  endpointId?: string;
  related?: Location[];
  helpUri: string;
  /**
   * Stable identity across commits: a hash of the rule, the file and the normalised text of the
   * finding's line (not its number), with an occurrence suffix for identical lines. Used to tell
   * new findings from fixed and pre-existing ones, and as SARIF `partialFingerprints`.
   */
  fingerprint?: string;
  /** Set on findings in `Report.suppressed`: why they do not count. */
  suppression?: {
    kind: 'inline' | 'baseline';
    /** The reason written after `--` in an inline suppression. */
    justification?: string;
    /** Where the inline suppression comment is. */
    at?: Location;
  };
}

/** Which policy judged the scan (DESIGN.md §4). */
export interface PolicyInfo {
  /** Repository-relative path of the policy file, absent for the built-in default. */
  file?: string;
  /** `base`: read from the pull request's base commit, so the PR cannot relax it. */
  source: 'default' | 'repository' | 'base';
  extends: 'recommended' | 'strict';
  /** When a pull request changes the policy file: a short description of the change. */
  changedInPullRequest?: string;
}

/** The baseline file's effect on this scan. */
export interface BaselineInfo {
  file: string;
  /** Findings that matched a baseline entry (they are in `Report.suppressed`). */
  matched: number;
  /** Baseline entries no longer found: the baseline can shrink. */
  fixed: { ruleId: string; file: string; fingerprint: string; message?: string }[];
}

/** The head scan compared with the base commit's scan (pull requests). */
export interface Comparison {
  /** The base commit that was scanned. */
  baseSha: string;
  /** Fingerprints of head findings that the base does not have. */
  newFingerprints: string[];
  /** Base findings that the head no longer has (locations are the base commit's). */
  fixed: Finding[];
}

/** An endpoint as serialised in the report (Settings keep their value, raw text and location). */
export type ReportEndpoint = Endpoint;

export interface ReportStats {
  filesListed: number;
  filesRead: number;
  filesSkipped: number;
  durationMs: number;
  /** Set by `--changed-since`: only the files changed since `ref` (merge base `commit`) were scanned. */
  changedSince?: { ref: string; commit: string; files: number };
}

export interface Report {
  tool: { name: 'smtp-preflight'; version: string };
  root: string;
  endpoints: ReportEndpoint[];
  findings: Finding[];
  suppressed: Finding[];
  /** Live probe results (src/probe/types.ts), empty when the probe did not run. */
  probes: ProbeResult[];
  diagnostics: Diagnostic[];
  stats: ReportStats;
  /** Present when the scan was compared with a base commit. */
  comparison?: Comparison;
  policy?: PolicyInfo;
  baseline?: BaselineInfo;
}

export type FailOn = Severity | 'never';
