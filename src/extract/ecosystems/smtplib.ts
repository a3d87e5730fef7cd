/**
 * Python's smtplib (SEMANTICS.md §5): `SMTP(host, port)` defaults to port 25 and sends in clear
 * unless `starttls()` is called (which then raises when the server does not offer it: required);
 * `SMTP_SSL(host, port)` defaults to 465 with implicit TLS.
 *
 * Verification: `starttls()` and `SMTP_SSL()` without `context=` fall back to
 * `ssl._create_stdlib_context()`, an alias of `ssl._create_unverified_context()` (`CERT_NONE`,
 * `check_hostname=False`) in CPython's Lib/ssl.py. No released Python changes that: the proposal to
 * verify by default (python/cpython gh-91826, "Enable TLS certificate validation by default for
 * SMTP/IMAP/FTP/POP/NNTP protocols") is still open, and the 2026 documentation changes for
 * imaplib (PR #152778) and smtplib (PR #154712) only document the unverified default. Following
 * DESIGN.md's newest-version rule, a missing `context=` is therefore verification off (SP005), and
 * the fix text says so.
 */
import type { Location, Origin, Security, Setting } from '../../model.js';
import {
  derived,
  hostSetting,
  portSetting,
  secretSetting,
  stringSetting,
  type Draft,
} from '../build.js';
import type { Entry } from '../formats/entry.js';

/** What a `context=` argument does to certificate verification. */
export interface ContextInfo {
  /** false: off; true: on; undefined: cannot tell (a context from elsewhere). */
  verify?: boolean;
  at: Location;
  raw: string;
  origin: Origin;
  /** Further statements that also switch verification off. */
  also: Location[];
  minTls?: { value: string; at: Location; raw: string };
}

export interface StartTlsInfo {
  at: Location;
  /** `starttls()` runs only under a condition. */
  conditional?: {
    /** The condition's value when it can be worked out (a literal, or an env default). */
    value?: boolean;
    /** `if server.has_extn('starttls'):` — STARTTLS only when offered. */
    opportunistic?: boolean;
    text: string;
    origin: Origin;
  };
}

export interface SmtplibConnection {
  file: string;
  /** `SMTP_SSL` rather than `SMTP`. */
  ssl: boolean;
  /** The constructor's location. */
  at: Location;
  /** The constructor as written (`smtplib.SMTP_SSL`). */
  call: string;
  host?: Entry;
  port?: Entry;
  starttls?: StartTlsInfo;
  /** The context of the TLS that applies (SMTP_SSL's, or starttls()'s). */
  verify?: ContextInfo;
  user?: Entry;
  password?: Entry;
  login?: Location;
  /** `set_debuglevel(1)`: the SMTP transcript goes to stderr. */
  debug?: Location;
}

export const SMTPLIB_KNOBS = {
  requireStartTls:
    'call server.starttls(context=ssl.create_default_context()) unconditionally before login() (smtplib raises when the server does not offer STARTTLS)',
  implicitTls: 'smtplib.SMTP_SSL(host, 465, context=ssl.create_default_context())',
  verifyOn:
    "pass context=ssl.create_default_context() to starttls() / SMTP_SSL() and do not set check_hostname = False or verify_mode = ssl.CERT_NONE on it. Without context=, smtplib falls back to ssl._create_stdlib_context(), which checks neither the certificate nor the host name in any Python release so far (checked through 3.14; CPython's gh-91826 to change that is still open)",
  port: 'the port argument of smtplib.SMTP() / SMTP_SSL()',
  secretRef:
    "read the password from the environment (os.environ['SMTP_PASSWORD']) or a secret store",
};

export function smtplibDraft(c: SmtplibConnection): Draft {
  const file = c.file;
  const host = c.host ? hostSetting(file, c.host) : undefined;
  const port = c.port
    ? portSetting(file, c.port)
    : derived(
        c.ssl ? 465 : 25,
        c.ssl ? 'smtplib.SMTP_SSL default port 465' : 'smtplib.SMTP default port 25',
        c.at,
      );
  let security: Setting<Security>;
  if (c.ssl) {
    security = {
      value: 'implicit-tls',
      raw: `${c.call}()`,
      at: c.at,
      origin: 'literal',
      key: c.call,
    };
  } else if (c.starttls && !c.starttls.conditional) {
    security = {
      value: 'starttls-required',
      raw: 'starttls()',
      at: c.starttls.at,
      origin: 'literal',
      key: 'starttls()',
    };
  } else if (c.starttls?.conditional) {
    const cond = c.starttls.conditional;
    const base = { at: c.starttls.at, key: 'starttls()' };
    if (cond.opportunistic)
      security = {
        ...base,
        value: 'starttls-opportunistic',
        raw: `starttls() only if ${cond.text}`,
        origin: 'literal',
      };
    else if (cond.value === true)
      security = {
        ...base,
        value: 'starttls-required',
        raw: `starttls() under ${cond.text}`,
        origin: cond.origin,
      };
    else if (cond.value === false)
      security = {
        ...base,
        value: 'plain',
        raw: `starttls() only if ${cond.text}, which is false`,
        origin: cond.origin,
      };
    else
      security = {
        ...base,
        value: 'unknown',
        raw: `starttls() only if ${cond.text}`,
        origin: cond.origin === 'literal' ? 'env' : cond.origin,
      };
  } else {
    security = {
      value: 'plain',
      raw: `${c.call}() without starttls()`,
      at: host?.at ?? c.at,
      origin: 'derived',
    };
  }
  let tlsVerify: Setting<boolean> | undefined;
  let verifyOffAlso: Location[] | undefined;
  const v = c.verify;
  if (v && security.value !== 'plain' && v.verify !== undefined) {
    const missing = v.origin === 'derived';
    const key = missing ? `${c.ssl ? 'SMTP_SSL()' : 'starttls()'} without context=` : 'context';
    tlsVerify = { value: v.verify, raw: v.raw, at: v.at, origin: v.origin, key };
    if (!v.verify && v.also.length) verifyOffAlso = v.also;
  }
  const minTls: Setting<string> | undefined = v?.minTls
    ? {
        value: v.minTls.value,
        raw: v.minTls.raw,
        at: v.minTls.at,
        origin: 'literal',
        key: 'minimum_version',
      }
    : undefined;
  return {
    file,
    ecosystem: 'smtplib',
    product: 'Python smtplib',
    knobs: SMTPLIB_KNOBS,
    anchor: c.at,
    host,
    port,
    security,
    tlsVerify,
    verifyOffAlso,
    minTls,
    user: c.user ? stringSetting(file, c.user) : undefined,
    password: c.password ? secretSetting(file, c.password) : undefined,
    authIntended: !!c.login,
    debug: c.debug
      ? {
          value: true,
          raw: 'set_debuglevel()',
          at: c.debug,
          origin: 'literal',
          key: 'set_debuglevel',
        }
      : undefined,
  };
}
