/**
 * Hand-built Endpoints for the policy unit tests. Every setting has its own, explicit line so
 * that a finding's anchor says which key it points at:
 *
 *   line 10  endpoint anchor (first SMTP key, e.g. `mailer: smtp`)
 *   line 11  host          line 12  port           line 13  security (TLS key)
 *   line 14  user          line 15  password       line 16  tlsVerify (first verify-off key)
 *   line 17  minTls        line 18  debug          line 19  authMethod
 *
 * The default endpoint is clean: a remote host on 587 with required STARTTLS, a user and a
 * password read from the environment. Tests change only what they are about.
 */
import { expect } from 'vitest';
import type {
  Endpoint,
  Finding,
  Location,
  Observation,
  Origin,
  ProductKnobs,
  Security,
  Setting,
} from '../../src/model.js';
import { evaluateEndpoint, type EvaluateOptions } from '../../src/policy/evaluate.js';
import { providerFor } from '../../src/providers/table.js';

export const FILE = 'config/mail.yml';

export const LINE = {
  anchor: 10,
  host: 11,
  port: 12,
  security: 13,
  user: 14,
  password: 15,
  tlsVerify: 16,
  minTls: 17,
  debug: 18,
  authMethod: 19,
} as const;

/** Recognisable knob texts: a fix that quotes the product's knob contains one of these. */
export const KNOBS: ProductKnobs = {
  requireStartTls: 'KNOB<requireTLS: true>',
  implicitTls: 'KNOB<secure: true, port 465>',
  verifyOn: 'KNOB<rejectUnauthorized: true>',
  port: 'KNOB<port: N>',
  secretRef: 'KNOB<password: process.env.SMTP_PASSWORD>',
};

/** Knobs of a product that cannot require STARTTLS (GitLab Omnibus, Discourse, Keycloak, Gitea). */
export const KNOBS_NO_REQUIRE: ProductKnobs = { ...KNOBS, requireStartTls: null };

/** A realistic literal password: it must never appear in any finding. */
export const SECRET = 'Tr0ub4dor-and-3-horse-staples';

export function at(line: number, file = FILE): Location {
  return { file, line };
}

export function setting<T>(
  value: T | undefined,
  line: number,
  origin: Origin = 'literal',
  opts: { raw?: string; key?: string; file?: string } = {},
): Setting<T> {
  const s: Setting<T> = {
    raw: opts.raw ?? (value === undefined ? '' : String(value)),
    at: at(line, opts.file),
    origin,
  };
  if (value !== undefined) s.value = value;
  if (opts.key) s.key = opts.key;
  return s;
}

/** A setting whose value comes only from the environment (`${NAME}`), value unknown. */
export function envSetting<T>(name: string, line: number, file?: string): Setting<T> {
  return setting<T>(undefined, line, 'env', { raw: `\${${name}}`, key: name, file });
}

export function observation(
  line: number,
  message: string,
  fix: string,
  related?: Location[],
  file?: string,
): Observation {
  const o: Observation = { at: at(line, file), message, fix };
  if (related) o.related = related;
  return o;
}

type Maybe<T> = T | Setting<T> | null;

export interface Spec {
  file?: string;
  product?: string;
  ecosystem?: string;
  active?: boolean;
  inactiveReason?: string;
  /** Host value (literal, line 11), a full Setting, or null for no host key. Default `smtp.example.com`. */
  host?: Maybe<string>;
  /** Port value (literal, line 12), a full Setting, or null for no port. Default 587. */
  port?: Maybe<number>;
  /** Security value (literal, line 13) or a full Setting. Default `starttls-required`. */
  security?: Security | Setting<Security>;
  /** User (literal, line 14), a Setting, or null. Default `mailer`. */
  user?: Maybe<string>;
  /** Password (line 15): a Setting, a literal string, or null. Default `${SMTP_PASSWORD}` (env). */
  password?: Maybe<string>;
  authIntended?: boolean;
  authMethod?: string | Setting<string>;
  tlsVerify?: boolean | Setting<boolean>;
  verifyOffAlso?: Location[];
  minTls?: string | Setting<string>;
  debug?: boolean | Setting<boolean>;
  knobs?: ProductKnobs;
  provider?: string;
  conflicts?: Observation[];
  ignored?: Observation[];
  weakTls?: Observation[];
}

function isSetting<T>(x: unknown): x is Setting<T> {
  return typeof x === 'object' && x !== null && 'origin' in x && 'at' in x;
}

function lit<T>(x: T | Setting<T>, line: number, key: string, file: string): Setting<T> {
  return isSetting<T>(x) ? x : setting<T>(x as T, line, 'literal', { key, file });
}

export function endpoint(spec: Spec = {}): Endpoint {
  const file = spec.file ?? FILE;
  const host = spec.host === undefined ? 'smtp.example.com' : spec.host;
  const port = spec.port === undefined ? 587 : spec.port;
  const user = spec.user === undefined ? 'mailer' : spec.user;
  const password =
    spec.password === undefined
      ? setting<string>(undefined, LINE.password, 'env', {
          raw: '${SMTP_PASSWORD}',
          key: 'password',
          file,
        })
      : spec.password;
  const ep: Endpoint = {
    id: `${file}:${LINE.anchor}`,
    ecosystem: spec.ecosystem ?? 'test',
    product: spec.product ?? 'TestMailer',
    at: at(LINE.anchor, file),
    active: spec.active ?? true,
    security: lit<Security>(spec.security ?? 'starttls-required', LINE.security, 'tls', file),
    authIntended: spec.authIntended ?? (user !== null || password !== null),
    knobs: spec.knobs ?? KNOBS,
    conflicts: spec.conflicts ?? [],
    ignored: spec.ignored ?? [],
    weakTls: spec.weakTls ?? [],
  };
  if (spec.inactiveReason) ep.inactiveReason = spec.inactiveReason;
  if (host !== null) ep.host = lit(host, LINE.host, 'host', file);
  if (port !== null) ep.port = lit(port, LINE.port, 'port', file);
  if (user !== null) ep.user = lit(user, LINE.user, 'user', file);
  if (password !== null) ep.password = lit(password, LINE.password, 'password', file);
  if (spec.authMethod !== undefined)
    ep.authMethod = lit(spec.authMethod, LINE.authMethod, 'authMethod', file);
  if (spec.tlsVerify !== undefined)
    ep.tlsVerify = lit(spec.tlsVerify, LINE.tlsVerify, 'tls.rejectUnauthorized', file);
  if (spec.verifyOffAlso) ep.verifyOffAlso = spec.verifyOffAlso;
  if (spec.minTls !== undefined) ep.minTls = lit(spec.minTls, LINE.minTls, 'tls.minVersion', file);
  if (spec.debug !== undefined) ep.debug = lit(spec.debug, LINE.debug, 'debug', file);
  const provider = 'provider' in spec ? spec.provider : providerFor(ep.host?.value)?.id;
  if (provider) ep.provider = provider;
  return ep;
}

/** An endpoint without any credentials. */
export function anonymous(spec: Spec = {}): Endpoint {
  return endpoint({ user: null, password: null, ...spec });
}

/** The rule ids of the findings, sorted (duplicates kept). */
export function ruleIds(findings: Finding[]): string[] {
  return findings.map((f) => f.ruleId).sort();
}

/** The single finding of a rule; fails when there is none or more than one. */
export function one(findings: Finding[], ruleId: string): Finding {
  const hits = findings.filter((f) => f.ruleId === ruleId);
  expect(
    hits.map((f) => `${f.ruleId}@${f.at.line}`),
    `exactly one ${ruleId}`,
  ).toHaveLength(1);
  return hits[0];
}

export function none(findings: Finding[], ruleId: string): void {
  expect(
    findings
      .filter((f) => f.ruleId === ruleId)
      .map((f) => `${f.ruleId} ${f.severity} @${f.at.line}: ${f.message}`),
    `no ${ruleId}`,
  ).toEqual([]);
}

/** Every finding links its rule page and points into a file. */
export function expectWellFormed(findings: Finding[]): void {
  for (const f of findings) {
    expect(f.ruleId).toMatch(/^SP0(0[1-9]|1[0-5])$/);
    expect(
      f.helpUri.endsWith(`docs/rules/${f.ruleId}.md`),
      `${f.ruleId} helpUri ${f.helpUri}`,
    ).toBe(true);
    expect(['error', 'warning', 'note']).toContain(f.severity);
    expect(f.at.line).toBeGreaterThanOrEqual(1);
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.fix.length).toBeGreaterThan(0);
  }
}

/** evaluateEndpoint, plus the invariants every finding must satisfy. */
export function judge(ep: Endpoint, opts?: EvaluateOptions): Finding[] {
  const findings = evaluateEndpoint(ep, opts);
  expectWellFormed(findings);
  return findings;
}
