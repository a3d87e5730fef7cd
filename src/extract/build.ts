/**
 * Turning format entries into Settings and Endpoints: the one place that decides origins
 * (literal / default / env / secret / placeholder / derived) and redacts credentials.
 */
import type { Endpoint, Location, Observation, ProductKnobs, Security, Setting } from '../model.js';
import { providerFor } from '../providers/table.js';
import type { Entry, Scalar } from './formats/entry.js';
import { classifySecret, isPlaceholderHost, redact } from './secrets.js';
import { parseBool, parsePort, resolveRef } from './values.js';

export function locate(file: string, e: Entry): Location {
  return { file, line: e.line, column: e.column };
}

function keyOf(e: Entry): string {
  return e.path[e.path.length - 1] ?? '';
}

function textOf(v: Scalar, raw: string): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  return raw || String(v);
}

/** Kubernetes `valueFrom: secretKeyRef` / `configMapKeyRef`: a reference, never a value. */
function fromRef<T>(file: string, e: Entry): Setting<T> | undefined {
  if (!e.raw.startsWith('valueFrom:')) return undefined;
  return {
    raw: e.raw,
    at: locate(file, e),
    origin: /secret/i.test(e.raw) ? 'secret' : 'env',
    key: keyOf(e),
  };
}

/** A plain string setting; empty text is a placeholder. */
export function stringSetting(file: string, e: Entry, text?: string): Setting<string> {
  const ref = fromRef<string>(file, e);
  if (ref && text === undefined) return ref;
  const at = locate(file, e);
  const raw = text ?? textOf(e.value, e.raw);
  const r = resolveRef(raw);
  const base = { raw, at, key: keyOf(e) };
  if (r.origin === 'literal' || r.origin === 'default') {
    const v = (r.value ?? '').trim();
    if (v === '') return { ...base, origin: 'placeholder' };
    return { ...base, origin: r.origin, value: v };
  }
  return { ...base, origin: r.origin };
}

/** A host setting: a string setting where template text (`YOUR_SMTP_SERVER`, `<host>`) is a placeholder. */
export function hostSetting(file: string, e: Entry, text?: string): Setting<string> {
  const s = stringSetting(file, e, text);
  if (s.value !== undefined && isPlaceholderHost(s.value)) {
    return { raw: s.raw, at: s.at, key: s.key, origin: 'placeholder' };
  }
  return s;
}

export function portSetting(file: string, e: Entry, text?: string): Setting<number> {
  const ref = fromRef<number>(file, e);
  if (ref && text === undefined) return ref;
  const at = locate(file, e);
  const base = { at, key: keyOf(e) };
  if (typeof e.value === 'number' && text === undefined) {
    const p = parsePort(e.value);
    return p
      ? { ...base, raw: String(e.value), origin: 'literal', value: p }
      : { ...base, raw: String(e.value), origin: 'placeholder' };
  }
  const raw = text ?? textOf(e.value, e.raw);
  const r = resolveRef(raw);
  if (r.origin === 'literal' || r.origin === 'default') {
    const p = parsePort(r.value ?? '');
    if (p === undefined) return { ...base, raw, origin: 'placeholder' };
    return { ...base, raw, origin: r.origin, value: p };
  }
  return { ...base, raw, origin: r.origin };
}

/** A credential: classified, and redacted so the value never reaches a report. */
export function secretSetting(file: string, e: Entry, text?: string): Setting<string> {
  const at = locate(file, e);
  const written = text ?? textOf(e.value, e.raw);
  const r = resolveRef(written);
  const base = { at, key: keyOf(e) };
  const ref = fromRef<string>(file, e);
  if (ref && text === undefined) return ref;
  if (r.origin === 'literal' || r.origin === 'default') {
    const v = r.value ?? '';
    const verdict = classifySecret(v);
    return { ...base, raw: redact(v), origin: verdict === 'literal' ? r.origin : 'placeholder' };
  }
  return { ...base, raw: written, origin: r.origin };
}

/** A boolean flag as the ecosystem reads strings (`"true"`, `yes`, `1`...). */
export function boolSetting(file: string, e: Entry, text?: string): Setting<boolean> {
  const at = locate(file, e);
  const base = { at, key: keyOf(e) };
  if (typeof e.value === 'boolean' && text === undefined)
    return { ...base, raw: String(e.value), origin: 'literal', value: e.value };
  const raw = text ?? textOf(e.value, e.raw);
  const r = resolveRef(raw);
  if (r.origin === 'literal' || r.origin === 'default') {
    const b = parseBool(r.value ?? '');
    if (b === undefined) return { ...base, raw, origin: 'placeholder' };
    return { ...base, raw, origin: r.origin, value: b };
  }
  return { ...base, raw, origin: r.origin };
}

export function derived<T>(value: T | undefined, raw: string, at: Location): Setting<T> {
  return value === undefined
    ? { raw, at, origin: 'derived' }
    : { value, raw, at, origin: 'derived' };
}

/** Is a setting's value known statically? */
export function known<T>(s: Setting<T> | undefined): s is Setting<T> & { value: T } {
  return !!s && s.value !== undefined;
}

export interface Draft {
  file: string;
  ecosystem: string;
  product: string;
  knobs: ProductKnobs;
  /** Fallback anchor when there is no host line (the first SMTP key). */
  anchor: Location;
  active?: boolean;
  inactiveReason?: string;
  host?: Setting<string>;
  port?: Setting<number>;
  security: Setting<Security>;
  tlsVerify?: Setting<boolean>;
  verifyOffAlso?: Location[];
  minTls?: Setting<string>;
  user?: Setting<string>;
  password?: Setting<string>;
  authMethod?: Setting<string>;
  authIntended?: boolean;
  debug?: Setting<boolean>;
  conflicts?: Observation[];
  ignored?: Observation[];
  weakTls?: Observation[];
}

/** Finish an endpoint: anchor, id, provider. */
export function finish(d: Draft): Endpoint {
  const at = d.host && d.host.origin !== 'derived' ? d.host.at : d.anchor;
  const provider = providerFor(d.host?.value)?.id;
  const ep: Endpoint = {
    id: `${at.file}:${at.line}`,
    ecosystem: d.ecosystem,
    product: d.product,
    at: { file: at.file, line: at.line },
    active: d.active ?? true,
    host: d.host,
    port: d.port,
    security: d.security,
    authIntended:
      d.authIntended ??
      (!!d.password && d.password.origin !== 'placeholder' ? true : !!d.user || !!d.password),
    knobs: d.knobs,
    conflicts: d.conflicts ?? [],
    ignored: d.ignored ?? [],
    weakTls: d.weakTls ?? [],
  };
  if (!ep.active && d.inactiveReason) ep.inactiveReason = d.inactiveReason;
  if (d.tlsVerify) ep.tlsVerify = d.tlsVerify;
  if (d.verifyOffAlso?.length) ep.verifyOffAlso = d.verifyOffAlso;
  if (d.minTls) ep.minTls = d.minTls;
  if (d.user) ep.user = d.user;
  if (d.password) ep.password = d.password;
  if (d.authMethod) ep.authMethod = d.authMethod;
  if (provider) ep.provider = provider;
  if (d.debug) ep.debug = d.debug;
  return ep;
}

/** The nodemailer-style reading of a port and a `secure` flag (also Outline, Ghost, dawidd6). */
export function nodemailerSecurity(
  port: number | undefined,
  secure: boolean | undefined,
  opts: { requireTLS?: boolean; ignoreTLS?: boolean } = {},
): Security {
  const implicit = secure ?? port === 465;
  if (implicit) return 'implicit-tls';
  if (opts.ignoreTLS) return 'plain';
  if (opts.requireTLS) return 'starttls-required';
  return 'starttls-opportunistic';
}
