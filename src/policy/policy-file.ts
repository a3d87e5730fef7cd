/**
 * The repository's policy file (DESIGN.md §4): found at `.github/smtp-preflight.yml` or
 * `.smtp-preflight.yml`, parsed with `yaml` keeping line numbers, validated by hand against the
 * rules of `schema/policy.schema.json` (no schema library at runtime), returned as a typed Policy.
 * Every mistake is a PolicyError naming `file:line` and the allowed values; never a silent default.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node as YamlNode,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { PolicyInfo, Severity } from '../model.js';
import type { Provider } from '../providers/table.js';
import { RULES, RULE_BY_ID } from './rules.js';

export type RuleLevel = Severity | 'off';

export interface RulePolicy {
  /** Overrides the rule's severity; `off` drops its findings. */
  severity?: RuleLevel;
  /** `allow-suppression: false` forbids inline suppression of the rule. */
  allowSuppression?: boolean;
}

/** Framework versions the policy assumes (`assume:`), as written (`'8'`, `'1.6'`). */
export interface Assumptions {
  laravel?: string;
  nextcloud?: string;
  javamail?: string;
  gitlab?: string;
}

export interface Policy {
  /** Repository-relative path of the file (absent for the built-in default). */
  file?: string;
  source: PolicyInfo['source'];
  extends: 'recommended' | 'strict';
  rules: Record<string, RulePolicy>;
  ports: { allow?: number[] };
  localHosts: string[];
  providers: Provider[];
  assume: Assumptions;
  /** Globs of repository paths whose endpoints and findings are left out. */
  ignore: string[];
  live: { allowHosts: string[] };
  /** The file's text, to tell whether a pull request changed it. */
  text?: string;
  /** Set when a pull request changes the policy file: a short line diff. */
  changedInPullRequest?: string;
}

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  source: 'default',
  extends: 'recommended',
  rules: {},
  ports: {},
  localHosts: [],
  providers: [],
  assume: {},
  ignore: [],
  live: { allowHosts: [] },
} as Policy);

/** Where the policy file is looked for, in order, relative to the repository's top level. */
export const POLICY_FILES = ['.github/smtp-preflight.yml', '.smtp-preflight.yml'] as const;

/** An invalid policy file: the message starts with `file:line:`. Exit status 2. */
export class PolicyError extends Error {
  override name = 'PolicyError';
}

export const TOP_KEYS = [
  'extends',
  'rules',
  'ports',
  'local-hosts',
  'providers',
  'assume',
  'ignore',
  'live',
] as const;
export const EXTENDS_VALUES = ['recommended', 'strict'] as const;
export const LEVELS: readonly RuleLevel[] = ['off', 'note', 'warning', 'error'];
export const RULE_KEYS = ['severity', 'allow-suppression'] as const;
export const PORTS_KEYS = ['allow'] as const;
export const LIVE_KEYS = ['allow-hosts'] as const;
export const ASSUME_KEYS = ['laravel', 'nextcloud', 'javamail', 'gitlab'] as const;
export const PROVIDER_KEYS = [
  'id',
  'name',
  'hosts',
  'implicit-tls',
  'starttls',
  'auth',
  'password-auth',
] as const;
export const PASSWORD_AUTH_KEYS = ['severity', 'text'] as const;
export const PASSWORD_AUTH_LEVELS = ['warning', 'note'] as const;

/** `SP001…SP016, LV001…LV016`: the first and last id of each family. */
const KNOWN_RULES = [...new Set(RULES.map((r) => r.id.slice(0, 2)))]
  .map((family) => {
    const ids = RULES.filter((r) => r.id.startsWith(family)).map((r) => r.id);
    return `${ids[0]}…${ids[ids.length - 1]}`;
  })
  .join(', ');
const HOST = /^(\*\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/i;
const VERSION = /^\d+(\.\d+){0,2}$/;
const PROVIDER_ID = /^[a-z0-9][a-z0-9-]*$/;

type Where = (node: YamlNode | Pair | null | undefined) => number;

function list(values: readonly string[]): string {
  return values.join(', ');
}

function describe(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return '(empty)';
    if (typeof v === 'string') return `'${v}'`;
    return String(v);
  }
  return 'nothing';
}

class Validator {
  constructor(
    private readonly file: string,
    private readonly line: Where,
  ) {}

  fail(node: YamlNode | Pair | null | undefined, message: string): never {
    throw new PolicyError(`${this.file}:${this.line(node)}: ${message}`);
  }

  /** The pairs of a mapping; `keys` null: any key (checked by the caller). */
  map(node: YamlNode | null | undefined, what: string, keys: readonly string[] | null): Pair[] {
    if (isAlias(node)) this.fail(node, `${what}: YAML aliases are not supported`);
    if (!isMap(node)) this.fail(node, `${what} must be a mapping (got ${describe(node)})`);
    const pairs = (node as YAMLMap).items;
    for (const pair of pairs) {
      const key = this.keyOf(pair, what);
      if (keys && !keys.includes(key)) {
        const where = what === 'the policy' ? '' : ` in ${what}`;
        this.fail(pair, `unknown key '${key}'${where} (allowed: ${list(keys)})`);
      }
    }
    return pairs;
  }

  keyOf(pair: Pair, what: string): string {
    const k = pair.key as YamlNode | null;
    if (!isScalar(k) || (typeof k.value !== 'string' && typeof k.value !== 'number')) {
      this.fail(pair, `${what}: keys must be plain names`);
    }
    return String(k.value);
  }

  scalar(node: unknown): unknown {
    if (isAlias(node)) this.fail(node, 'YAML aliases are not supported');
    return isScalar(node) ? node.value : undefined;
  }

  /** `invalid <noun> 'x'[ for <where>] (allowed: ...)`. */
  oneOf<T extends string>(
    node: YamlNode | null,
    noun: string,
    where: string,
    values: readonly T[],
  ): T {
    const v = this.scalar(node);
    if (typeof v !== 'string' || !values.includes(v as T)) {
      const at = where ? ` for ${where}` : '';
      this.fail(node, `invalid ${noun} ${describe(node)}${at} (allowed: ${list(values)})`);
    }
    return v as T;
  }

  string(node: YamlNode | null, what: string): string {
    const v = this.scalar(node);
    if (typeof v !== 'string' || v.trim() === '') {
      this.fail(node, `${what} must be a non-empty string (got ${describe(node)})`);
    }
    return v;
  }

  boolean(node: YamlNode | null, what: string): boolean {
    const v = this.scalar(node);
    if (typeof v !== 'boolean') {
      this.fail(node, `${what} must be true or false (got ${describe(node)})`);
    }
    return v;
  }

  seq(node: YamlNode | null, what: string, of: string): YamlNode[] {
    if (isAlias(node)) this.fail(node, `${what}: YAML aliases are not supported`);
    if (!isSeq(node)) this.fail(node, `${what} must be a list of ${of} (got ${describe(node)})`);
    return node.items as YamlNode[];
  }

  ports(node: YamlNode | null, what: string): number[] {
    return this.seq(node, what, 'ports').map((item) => {
      const v = this.scalar(item);
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 65535) {
        this.fail(
          item,
          `invalid port ${describe(item)} in ${what} (allowed: whole numbers 1–65535)`,
        );
      }
      return v;
    });
  }

  hosts(node: YamlNode | null, what: string, globs: boolean): string[] {
    return this.seq(node, what, 'host names').map((item) => {
      const v = this.scalar(item);
      const ok = typeof v === 'string' && HOST.test(v) && (globs || !v.startsWith('*.'));
      if (!ok) {
        this.fail(
          item,
          `invalid host ${describe(item)} in ${what} (allowed: host names such as smtp.example.com${globs ? ', or *.example.com' : ''})`,
        );
      }
      return (v as string).toLowerCase();
    });
  }
}

/** `*.example.com` and plain names → one anchored, case-insensitive RegExp. */
export function hostPattern(hosts: readonly string[]): RegExp {
  const parts = hosts.map((h) => {
    const glob = h.startsWith('*.');
    const name = (glob ? h.slice(2) : h).replace(/[.\\^$|?*+()[\]{}-]/g, '\\$&');
    return glob ? `(?:[a-z0-9_-]+\\.)+${name}` : name;
  });
  return new RegExp(`^(?:${parts.join('|')})$`, 'i');
}

/**
 * Parses and validates the text of a policy file. `file` names it in errors (repository-relative).
 * Throws PolicyError on the first problem.
 */
export function parsePolicy(text: string, file: string): Policy {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const line: Where = (node) => {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    const keyRange = (node as Pair | null | undefined)?.key as { range?: number[] } | undefined;
    const offset = range?.[0] ?? keyRange?.range?.[0];
    return offset === undefined ? 1 : lineCounter.linePos(offset).line;
  };
  const first = doc.errors[0];
  if (first) {
    const at = lineCounter.linePos(first.pos[0]).line;
    const message = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new PolicyError(`${file}:${at}: invalid YAML: ${message}`);
  }
  const v: Validator = new Validator(file, line);
  const policy: Policy = {
    file,
    source: 'repository',
    extends: 'recommended',
    rules: {},
    ports: {},
    localHosts: [],
    providers: [],
    assume: {},
    ignore: [],
    live: { allowHosts: [] },
    text,
  };
  const root = doc.contents as YamlNode | null;
  // A file with only comments is an empty policy: `recommended` as written, not a fallback.
  if (root === null || (isScalar(root) && root.value === null)) return policy;

  for (const pair of v.map(root, 'the policy', TOP_KEYS)) {
    const key = v.keyOf(pair, 'the policy') as (typeof TOP_KEYS)[number];
    const value = pair.value as YamlNode | null;
    switch (key) {
      case 'extends':
        policy.extends = v.oneOf(value, 'extends', '', EXTENDS_VALUES);
        break;
      case 'rules':
        for (const r of v.map(value, 'rules', null)) {
          const id = v.keyOf(r, 'rules');
          if (!RULE_BY_ID.has(id))
            v.fail(r, `unknown rule '${id}' in rules (known: ${KNOWN_RULES})`);
          policy.rules[id] = ruleSetting(v, r.value as YamlNode | null, `rules.${id}`);
        }
        break;
      case 'ports':
        for (const p of v.map(value, 'ports', PORTS_KEYS)) {
          policy.ports.allow = v.ports(p.value as YamlNode | null, 'ports.allow');
        }
        break;
      case 'local-hosts':
        policy.localHosts = v.hosts(value, 'local-hosts', false);
        break;
      case 'providers':
        policy.providers = v
          .seq(value, 'providers', 'provider entries')
          .map((node, i) => providerEntry(v, node, `providers[${i}]`));
        for (const [i, p] of policy.providers.entries()) {
          if (policy.providers.findIndex((q) => q.id === p.id) !== i) {
            v.fail(
              (value as { items: YamlNode[] }).items[i],
              `duplicate provider id '${p.id}' in providers`,
            );
          }
        }
        break;
      case 'assume':
        for (const a of v.map(value, 'assume', ASSUME_KEYS)) {
          const name = v.keyOf(a, 'assume') as keyof Assumptions;
          const raw = v.scalar(a.value);
          const version = typeof raw === 'number' ? String(raw) : raw;
          if (typeof version !== 'string' || !VERSION.test(version)) {
            v.fail(
              a.value as YamlNode,
              `invalid version ${describe(a.value)} for assume.${name} (allowed: a version number such as 8 or 1.6)`,
            );
          }
          policy.assume[name] = version;
        }
        break;
      case 'ignore':
        policy.ignore = v.seq(value, 'ignore', 'path globs').map((item) => {
          const g = v.scalar(item);
          if (typeof g !== 'string' || g.trim() === '') {
            v.fail(
              item,
              `invalid glob ${describe(item)} in ignore (allowed: repository path globs with *, ** and ?, such as test/fixtures/**)`,
            );
          }
          return g.trim();
        });
        break;
      case 'live':
        for (const l of v.map(value, 'live', LIVE_KEYS)) {
          policy.live.allowHosts = v.hosts(l.value as YamlNode | null, 'live.allow-hosts', false);
        }
        break;
    }
  }
  return policy;
}

function ruleSetting(v: Validator, node: YamlNode | null, what: string): RulePolicy {
  if (isMap(node)) {
    const out: RulePolicy = {};
    for (const pair of v.map(node, what, RULE_KEYS)) {
      const key = v.keyOf(pair, what);
      const value = pair.value as YamlNode | null;
      if (key === 'severity') out.severity = v.oneOf(value, 'severity', what, LEVELS);
      else out.allowSuppression = v.boolean(value, `${what}.allow-suppression`);
    }
    return out;
  }
  return { severity: v.oneOf(node, 'severity', what, LEVELS) };
}

function providerEntry(v: Validator, node: YamlNode, what: string): Provider {
  const pairs = v.map(node, what, PROVIDER_KEYS);
  const get = (k: string) => pairs.find((p) => v.keyOf(p, what) === k);
  for (const required of ['id', 'name', 'hosts', 'starttls', 'auth']) {
    if (!get(required)) {
      v.fail(
        node,
        `${what} lacks '${required}' (required: id, name, hosts, starttls, auth; optional: implicit-tls, password-auth)`,
      );
    }
  }
  const value = (k: string) => (get(k)?.value ?? null) as YamlNode | null;
  const id = v.string(value('id'), `${what}.id`);
  if (!PROVIDER_ID.test(id)) {
    v.fail(
      value('id'),
      `invalid provider id '${id}' in ${what}.id (allowed: lower-case letters, digits and -)`,
    );
  }
  const hosts = v.hosts(value('hosts'), `${what}.hosts`, true);
  if (hosts.length === 0) v.fail(value('hosts'), `${what}.hosts must name at least one host`);
  const provider: Provider = {
    id,
    name: v.string(value('name'), `${what}.name`),
    hosts: hostPattern(hosts),
    implicitTls: get('implicit-tls') ? v.ports(value('implicit-tls'), `${what}.implicit-tls`) : [],
    startTls: v.ports(value('starttls'), `${what}.starttls`),
    auth: v.string(value('auth'), `${what}.auth`),
  };
  const pa = get('password-auth');
  if (pa) {
    const paPairs = v.map(pa.value as YamlNode | null, `${what}.password-auth`, PASSWORD_AUTH_KEYS);
    const at = (k: string) =>
      (paPairs.find((p) => v.keyOf(p, what) === k)?.value ?? null) as YamlNode | null;
    if (!paPairs.some((p) => v.keyOf(p, what) === 'text')) {
      v.fail(pa, `${what}.password-auth lacks 'text' (required: text; optional: severity)`);
    }
    provider.passwordAuth = {
      severity: paPairs.some((p) => v.keyOf(p, what) === 'severity')
        ? v.oneOf(at('severity'), 'severity', `${what}.password-auth`, PASSWORD_AUTH_LEVELS)
        : 'warning',
      text: v.string(at('text'), `${what}.password-auth.text`).replace(/[.\s]+$/, ''),
    };
  }
  return provider;
}

/** True unless the policy sets `rules.<id>.allow-suppression: false`. */
export function allowsSuppression(policy: Pick<Policy, 'rules'>, ruleId: string): boolean {
  return policy.rules[ruleId]?.allowSuppression !== false;
}

/** What the report says about the policy. */
export function policyInfo(policy: Policy): PolicyInfo {
  const info: PolicyInfo = { source: policy.source, extends: policy.extends };
  if (policy.file !== undefined) info.file = policy.file;
  if (policy.changedInPullRequest !== undefined) {
    info.changedInPullRequest = policy.changedInPullRequest;
  }
  return info;
}

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      'git',
      ['-c', 'core.fsmonitor=false', ...args],
      { cwd, maxBuffer: 4 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
      (error, stdout, stderr) => {
        if (error) reject(new Error((stderr || error.message).trim().split('\n')[0]));
        else resolvePromise(stdout);
      },
    );
  });
}

/** The git top level of `root`, or undefined outside a repository. */
export async function gitTopLevel(root: string): Promise<string | undefined> {
  try {
    return (await git(root, ['rev-parse', '--show-toplevel'])).trim() || undefined;
  } catch {
    return undefined;
  }
}

function slash(path: string): string {
  return path.split(sep).join('/');
}

/**
 * The repository's policy: `path` when given (resolved against `root`; it must exist), else the
 * first of POLICY_FILES at the git top level of `root`, then at `root`; else DEFAULT_POLICY.
 */
export async function loadPolicy(root: string, path?: string): Promise<Policy> {
  const top = (await gitTopLevel(root)) ?? root;
  if (path !== undefined) {
    const file = isAbsolute(path) ? path : resolve(root, path);
    if (!existsSync(file)) throw new PolicyError(`policy file not found: ${path}`);
    const rel = relative(top, file);
    const name = rel.startsWith('..') || isAbsolute(rel) ? slash(path) : slash(rel);
    return parsePolicy(readFileSync(file, 'utf8'), name);
  }
  for (const dir of top === resolve(root) ? [top] : [top, root]) {
    for (const name of POLICY_FILES) {
      const file = join(dir, name);
      if (existsSync(file)) {
        const rel = slash(relative(top, file)) || name;
        return parsePolicy(readFileSync(file, 'utf8'), rel);
      }
    }
  }
  return { ...DEFAULT_POLICY, rules: {}, ports: {}, assume: {}, live: { allowHosts: [] } };
}

/**
 * The policy that judges a pull request: read from the BASE commit with `git show`, so the pull
 * request cannot relax it. When the head's copy differs, `changedInPullRequest` is a short line
 * diff (the head's version applies after merge). Fetches the base commit when the clone is shallow.
 * `path` (the `policy` input) is relative to the repository's top level.
 */
export async function loadPolicyFromBase(
  root: string,
  baseSha: string,
  path?: string,
): Promise<Policy> {
  const top = await gitTopLevel(root);
  if (!top)
    throw new PolicyError(`cannot read the policy from the base commit: not a git repository`);
  try {
    await git(top, ['cat-file', '-e', `${baseSha}^{commit}`]);
  } catch {
    try {
      await git(top, [
        'fetch',
        '--no-tags',
        '--no-recurse-submodules',
        '--depth=1',
        'origin',
        baseSha,
      ]);
    } catch (error) {
      throw new PolicyError(
        `cannot read the policy from the base commit ${baseSha}: it is not in the clone and fetching it failed (${(error as Error).message})`,
      );
    }
  }
  const given =
    path === undefined ? undefined : isAbsolute(path) ? slash(relative(top, path)) : slash(path);
  const candidates = given !== undefined ? [given.replace(/^\.\//, '')] : [...POLICY_FILES];
  const prefix = slash(relative(top, resolve(root)));
  if (path === undefined && prefix && !prefix.startsWith('..')) {
    candidates.push(...POLICY_FILES.map((n) => `${prefix}/${n}`));
  }
  let policy: Policy | undefined;
  for (const name of candidates) {
    let text: string;
    try {
      text = await git(top, ['show', `${baseSha}:${name}`]);
    } catch {
      continue;
    }
    policy = { ...parsePolicy(text, name), source: 'base' };
    const head = existsSync(join(top, name)) ? readFileSync(join(top, name), 'utf8') : undefined;
    if (head !== text) {
      policy.changedInPullRequest = head === undefined ? lineDiff(text, '') : lineDiff(text, head);
    }
    return policy;
  }
  if (path !== undefined) {
    throw new PolicyError(`policy file not found in the base commit ${baseSha}: ${path}`);
  }
  const base = { ...DEFAULT_POLICY, rules: {}, ports: {}, assume: {}, live: { allowHosts: [] } };
  for (const name of candidates) {
    if (existsSync(join(top, name))) {
      base.changedInPullRequest = lineDiff('', readFileSync(join(top, name), 'utf8'));
      break;
    }
  }
  return base;
}

/** At most this many changed lines in `changedInPullRequest`. */
const DIFF_MAX_LINES = 30;
/** Longer lines are cut. */
const DIFF_MAX_WIDTH = 160;

/** A minimal line diff (`- old` / `+ new`, unchanged lines left out), capped. */
export function lineDiff(before: string, after: string): string {
  const a = before.split(/\r?\n/);
  const b = after.split(/\r?\n/);
  if (a[a.length - 1] === '') a.pop();
  if (b[b.length - 1] === '') b.pop();
  // Longest common subsequence, fine for policy-sized files.
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push(`- ${a[i++]}`);
    } else {
      out.push(`+ ${b[j++]}`);
    }
  }
  for (const [k, l] of out.entries()) {
    if (l.length > DIFF_MAX_WIDTH) out[k] = `${l.slice(0, DIFF_MAX_WIDTH - 1)}…`;
  }
  if (out.length > DIFF_MAX_LINES) {
    const more = out.length - DIFF_MAX_LINES;
    out.length = DIFF_MAX_LINES;
    out.push(`… ${more} more changed line${more === 1 ? '' : 's'}`);
  }
  return out.join('\n');
}
