/**
 * A Policy's effect on a scan (DESIGN.md §4):
 * - before extraction: `ignore` (repository path globs) drops files;
 * - before evaluation: `providers` re-resolve endpoint providers, `assume` settles
 *   version-dependent meaning, and evaluateOptions() carries `local-hosts`, `ports.allow`,
 *   the extra providers and strict's "opportunistic STARTTLS on any port";
 * - after evaluation: applyPolicy() sets severities (`extends: strict`, then `rules`).
 */
import type { Diagnostic, Endpoint, Finding, Observation, Severity } from '../model.js';
import { providerFor } from '../providers/table.js';
import type { EvaluateOptions } from './evaluate.js';
import type { Assumptions, Policy } from './policy-file.js';

/** `assume` keys that change how a setting is read; the others are recorded only. */
export const HONOURED_ASSUMPTIONS: readonly (keyof Assumptions)[] = ['laravel', 'nextcloud'];

export function evaluateOptions(policy: Policy): EvaluateOptions {
  const opts: EvaluateOptions = {};
  if (policy.localHosts.length) opts.localHosts = [...policy.localHosts];
  if (policy.providers.length) opts.providers = policy.providers;
  if (policy.ports.allow) opts.allowedPorts = [...policy.ports.allow];
  if (policy.extends === 'strict') opts.opportunisticAnyPort = true;
  const assume = Object.entries(policy.assume).filter(([, v]) => v !== undefined);
  if (assume.length) opts.assume = Object.fromEntries(assume) as Record<string, string>;
  return opts;
}

/** Glob → RegExp: `**` any path (also empty), `*` anything but `/`, `?` one character but `/`. */
export function globToRegExp(glob: string): RegExp {
  let g = glob.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  const anchored = g.startsWith('/') || g.replace(/\/$/, '').includes('/');
  g = g.replace(/^\/+/, '').replace(/\/+$/, '');
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      const slashAfter = g[i + 2] === '/';
      re += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // Like .gitignore: a pattern without a slash matches in any directory; a match on a directory
  // covers everything under it.
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${re}(?:/.*)?$`);
}

/** A predicate for repository-relative paths (`/` separators) matched by any of `globs`. */
export function ignoreMatcher(globs: readonly string[]): (path: string) => boolean {
  const res = globs.map(globToRegExp);
  return (path) => res.some((re) => re.test(path.replace(/^\.\//, '')));
}

function major(version: string | undefined): number | undefined {
  return version === undefined ? undefined : Number(version.split('.')[0]);
}

function takeObservation(list: Observation[], start: string): Observation | undefined {
  const i = list.findIndex((o) => o.message.startsWith(start));
  return i < 0 ? undefined : list.splice(i, 1)[0];
}

/**
 * Settles version-dependent meaning the readers model with "the newest version assumed"
 * (DESIGN.md §3): `assume.laravel` below 9 (SwiftMailer: `MAIL_ENCRYPTION=ssl` forces implicit TLS,
 * a `'stream' => ['ssl' => ...]` block turns verification off) and `assume.nextcloud` 25 or older
 * (`'mail_smtpsecure' => 'tls'` requires STARTTLS). Mutates the endpoints.
 */
export function applyAssumptions(endpoints: Endpoint[], assume: Assumptions): void {
  const laravel = major(assume.laravel);
  const nextcloud = major(assume.nextcloud);
  for (const ep of endpoints) {
    if (ep.ecosystem === 'laravel' && laravel !== undefined && laravel < 9) {
      const label = `Laravel ${assume.laravel}`;
      ep.product = ep.product
        .replace(
          'Laravel 9+ assumed: Symfony Mailer',
          `${label} assumed by the policy: SwiftMailer`,
        )
        .replace('Laravel 9+ (', `${label}, assumed by the policy (`);
      const ssl = takeObservation(ep.ignored, 'MAIL_ENCRYPTION=ssl on port');
      if (ssl) {
        ep.security = {
          value: 'implicit-tls',
          raw: 'ssl',
          at: { ...ssl.at },
          origin: 'literal',
          key: 'MAIL_ENCRYPTION',
        };
      }
      const stream = takeObservation(ep.ignored, "'stream' => ['ssl' => [...]]");
      if (stream && ep.tlsVerify?.value !== false) {
        ep.tlsVerify = {
          value: false,
          raw: "'stream' => ['ssl' => ...]",
          at: { ...stream.at },
          origin: 'literal',
          key: 'stream.ssl',
        };
        if (stream.related?.length) ep.verifyOffAlso = stream.related;
      }
    }
    if (ep.ecosystem === 'nextcloud' && nextcloud !== undefined && nextcloud <= 25) {
      ep.product = ep.product.replace(
        '26+ assumed: Symfony Mailer',
        `${assume.nextcloud} assumed by the policy: SwiftMailer`,
      );
      const tls = takeObservation(ep.ignored, "'mail_smtpsecure' => 'tls' is silently ignored");
      if (tls && ep.port?.value !== 465) {
        ep.security = {
          value: 'starttls-required',
          raw: 'tls',
          at: { ...tls.at },
          origin: 'literal',
          key: 'mail_smtpsecure',
        };
      }
    }
  }
}

/** The policy's extra providers: endpoints whose host they match now belong to them. */
export function applyProviders(endpoints: Endpoint[], policy: Policy): void {
  if (policy.providers.length === 0) return;
  for (const ep of endpoints) {
    const p = providerFor(ep.host?.value, policy.providers);
    if (p) ep.provider = p.id;
  }
}

/** Info diagnostics for `assume` keys that are validated and recorded but change nothing yet. */
export function assumptionNotes(policy: Policy): Diagnostic[] {
  return Object.keys(policy.assume)
    .filter((k) => !HONOURED_ASSUMPTIONS.includes(k as keyof Assumptions))
    .map((k) => ({
      level: 'info' as const,
      ...(policy.file ? { file: policy.file } : {}),
      message: `assume.${k} is recorded, but no reader's meaning depends on it yet (honoured: ${HONOURED_ASSUMPTIONS.join(', ')})`,
    }));
}

/**
 * Severities after the policy: `extends: strict` first (every warning becomes an error; port 2525
 * is an error unless `ports.allow` lists it; SP003 and SP006 are errors), then `rules` (a severity
 * or `off`). Findings of inactive endpoints stay capped at note (SP007 excepted), as DESIGN.md §3
 * says. Returns a new list; findings are copied when changed.
 */
export function applyPolicy(
  findings: readonly Finding[],
  endpoints: readonly Endpoint[],
  policy: Policy,
): Finding[] {
  const byId = new Map(endpoints.map((e) => [e.id, e]));
  const out: Finding[] = [];
  for (const original of findings) {
    const rule = policy.rules[original.ruleId];
    if (rule?.severity === 'off') continue;
    const ep = original.endpointId ? byId.get(original.endpointId) : undefined;
    const capped = ep !== undefined && !ep.active && original.ruleId !== 'SP007';
    const f: Finding = { ...original, at: { ...original.at } };
    if (policy.extends === 'strict' && !capped) {
      if (f.ruleId === 'SP009' && ep?.port?.value === 2525 && !policy.ports.allow?.includes(2525)) {
        f.severity = 'error';
        f.message += ' The strict policy does not allow port 2525.';
      }
      if (f.severity === 'warning') f.severity = 'error';
    }
    if (rule?.severity && !capped) f.severity = rule.severity as Severity;
    out.push(f);
  }
  return out;
}
