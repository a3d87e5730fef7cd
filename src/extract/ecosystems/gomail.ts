/**
 * Go mail clients (SEMANTICS.md §8).
 *
 * gomail (`gopkg.in/gomail.v2`) and its maintained fork go-mail (`gopkg.in/mail.v2`,
 * `github.com/go-mail/mail`): `NewDialer(host, port, user, pass)` sets `SSL = (port == 465)`;
 * a `Dialer{...}` literal leaves `SSL` false unless written. Without SSL the dialer sends STARTTLS
 * when the server offers it: gomail.v2 always (opportunistic, no knob); mail.v2 by
 * `StartTLSPolicy` (`OpportunisticStartTLS` default, `MandatoryStartTLS`, `NoStartTLS`).
 * `TLSConfig` with `InsecureSkipVerify: true` turns verification off; the default verifies.
 *
 * net/smtp: `SendMail(addr, auth, ...)` uses STARTTLS when offered and verifies; `PlainAuth`
 * refuses to send credentials over an unencrypted connection unless the host is localhost
 * (`localhost`, `127.0.0.1`, `::1`), so with PlainAuth a stripped STARTTLS makes the send fail
 * instead of leaking the password: the effective transport is required STARTTLS. `Dial` +
 * `StartTLS(cfg)` is required STARTTLS; `tls.Dial` + `NewClient` is implicit TLS.
 */
import type {
  Location,
  Observation,
  Origin,
  ProductKnobs,
  Security,
  Setting,
} from '../../model.js';
import {
  derived,
  hostSetting,
  portSetting,
  secretSetting,
  stringSetting,
  type Draft,
} from '../build.js';
import type { Entry } from '../formats/entry.js';
import { valueOf } from './common.js';

/** What a `*tls.Config` does to verification. */
export interface GoTlsInfo {
  /** false: off; true: on (a config without InsecureSkipVerify); undefined: cannot tell. */
  verify?: boolean;
  at: Location;
  raw: string;
  also: Location[];
  minTls?: { value: string; at: Location; raw: string };
}

export interface GoDialer {
  file: string;
  lib: 'gomail' | 'mail.v2';
  /** The constructor (`gomail.NewDialer`) or the `Dialer{` literal. */
  at: Location;
  call: string;
  /** NewDialer derives SSL from the port; a literal does not. */
  viaNewDialer: boolean;
  host?: Entry;
  port?: Entry;
  user?: Entry;
  password?: Entry;
  /** An explicit `SSL` field or `d.SSL = ...`. */
  ssl?: Entry;
  /** `StartTLSPolicy` (mail.v2): the constant's name when it is one of the three. */
  policy?: { entry: Entry; name?: 'OpportunisticStartTLS' | 'MandatoryStartTLS' | 'NoStartTLS' };
  tls?: GoTlsInfo;
}

export interface GoAuth {
  kind: 'plain' | 'crammd5' | 'login' | 'other';
  at: Location;
  user?: Entry;
  password?: Entry;
  /** PlainAuth's host argument (the name its localhost guard compares). */
  host?: Entry;
}

export interface NetSmtpConnection {
  file: string;
  kind: 'sendmail' | 'dial' | 'tls-dial';
  at: Location;
  call: string;
  host?: Entry;
  port?: Entry;
  auth?: GoAuth;
  starttls?: { at: Location; tls?: GoTlsInfo; opportunistic?: boolean };
  /** tls.Dial's config. */
  tls?: GoTlsInfo;
}

const SECRET =
  'read the password from the environment (os.Getenv("SMTP_PASSWORD")) or a secret store';

export const GOMAIL_KNOBS: ProductKnobs = {
  requireStartTls: null,
  implicitTls:
    'port 465 in gomail.NewDialer (it sets SSL = true), or move to gopkg.in/mail.v2 and set d.StartTLSPolicy = mail.MandatoryStartTLS',
  verifyOn:
    'remove InsecureSkipVerify: true from d.TLSConfig (for a private CA, set RootCAs instead)',
  port: 'the port argument of NewDialer (d.Port)',
  secretRef: SECRET,
};

export const GOMAIL_V2_KNOBS: ProductKnobs = {
  requireStartTls: 'd.StartTLSPolicy = mail.MandatoryStartTLS',
  implicitTls: 'port 465 in mail.NewDialer (it sets SSL = true), or d.SSL = true',
  verifyOn:
    'remove InsecureSkipVerify: true from d.TLSConfig (for a private CA, set RootCAs instead)',
  port: 'the port argument of NewDialer (d.Port)',
  secretRef: SECRET,
};

export const NET_SMTP_KNOBS: ProductKnobs = {
  requireStartTls:
    'dial with smtp.Dial and call c.StartTLS(&tls.Config{ServerName: host}) unconditionally before c.Auth (smtp.SendMail cannot require it; with smtp.PlainAuth a missing STARTTLS makes the send fail)',
  implicitTls:
    'tls.Dial("tcp", "HOST:465", &tls.Config{ServerName: HOST}), then smtp.NewClient(conn, HOST)',
  verifyOn:
    'remove InsecureSkipVerify: true from the tls.Config (for a private CA, set RootCAs instead)',
  port: 'the port in the address ("HOST:587")',
  secretRef: SECRET,
};

function tlsSettings(t: GoTlsInfo | undefined): {
  tlsVerify?: Setting<boolean>;
  verifyOffAlso?: Location[];
  minTls?: Setting<string>;
} {
  if (!t) return {};
  const out: {
    tlsVerify?: Setting<boolean>;
    verifyOffAlso?: Location[];
    minTls?: Setting<string>;
  } = {};
  if (t.verify === false) {
    out.tlsVerify = {
      value: false,
      raw: t.raw,
      at: t.at,
      origin: 'literal',
      key: 'InsecureSkipVerify',
    };
    if (t.also.length) out.verifyOffAlso = t.also;
  }
  if (t.minTls)
    out.minTls = {
      value: t.minTls.value,
      raw: t.minTls.raw,
      at: t.minTls.at,
      origin: 'literal',
      key: 'MinVersion',
    };
  return out;
}

function flag(e: Entry | undefined): boolean | undefined {
  if (!e) return undefined;
  if (typeof e.value === 'boolean') return e.value;
  return undefined;
}

function at(file: string, e: Entry): Location {
  return { file, line: e.line, column: e.column };
}

/** A user that is a literal empty string means no AUTH (gomail authenticates only with a username). */
function authIntended(user: Entry | undefined, password: Entry | undefined): boolean {
  if (user && user.value === '') return false;
  return !!user || !!password;
}

export function gomailDraft(d: GoDialer): Draft {
  const file = d.file;
  const knobs = d.lib === 'gomail' ? GOMAIL_KNOBS : GOMAIL_V2_KNOBS;
  const host = d.host ? hostSetting(file, d.host) : undefined;
  const port = d.port
    ? portSetting(file, d.port)
    : derived<number>(undefined, 'Dialer without Port', d.at);
  const fallback = d.host ?? d.port;
  const fbAt = fallback ? at(file, fallback) : d.at;
  let security: Setting<Security>;
  let ssl: boolean | undefined;
  let sslOrigin: Origin = 'literal';
  if (d.ssl) {
    ssl = flag(d.ssl);
    if (ssl === undefined) sslOrigin = valueOf(d.ssl)?.origin ?? 'env';
  } else if (d.viaNewDialer) {
    ssl = port.value === undefined ? undefined : port.value === 465;
    if (ssl === undefined) sslOrigin = port.origin;
  } else ssl = false;
  if (ssl === undefined) {
    security = {
      value: 'unknown',
      raw: d.ssl ? `SSL = ${d.ssl.raw}` : `SSL = (port == 465), and the port is ${port.raw}`,
      at: d.ssl ? at(file, d.ssl) : port.origin !== 'derived' ? port.at : fbAt,
      origin: sslOrigin === 'literal' || sslOrigin === 'derived' ? 'env' : sslOrigin,
      key: d.ssl ? 'SSL' : undefined,
    };
  } else if (ssl) {
    security = d.ssl
      ? {
          value: 'implicit-tls',
          raw: `SSL: ${d.ssl.raw}`,
          at: at(file, d.ssl),
          origin: 'literal',
          key: 'SSL',
        }
      : {
          value: 'implicit-tls',
          raw: 'NewDialer sets SSL = true on port 465',
          at: fbAt,
          origin: 'derived',
        };
  } else if (d.lib === 'mail.v2' && d.policy) {
    const name = d.policy.name;
    const value: Security =
      name === 'MandatoryStartTLS'
        ? 'starttls-required'
        : name === 'NoStartTLS'
          ? 'plain'
          : name === 'OpportunisticStartTLS'
            ? 'starttls-opportunistic'
            : 'unknown';
    security = {
      value,
      raw: `StartTLSPolicy = ${d.policy.entry.raw}`,
      at: at(file, d.policy.entry),
      origin: value === 'unknown' ? 'env' : 'literal',
      key: 'StartTLSPolicy',
    };
  } else {
    const why = d.ssl
      ? `SSL: ${d.ssl.raw}`
      : d.viaNewDialer
        ? `NewDialer sets SSL = false on port ${port.value}`
        : 'a Dialer literal without SSL';
    security = {
      value: 'starttls-opportunistic',
      raw: `${why}; STARTTLS only when the server offers it${d.lib === 'mail.v2' ? ' (StartTLSPolicy default OpportunisticStartTLS)' : ''}`,
      at: d.ssl ? at(file, d.ssl) : fbAt,
      origin: d.ssl ? 'literal' : 'derived',
      key: d.ssl ? 'SSL' : undefined,
    };
  }
  const tls = security.value === 'plain' ? {} : tlsSettings(d.tls);
  return {
    file,
    ecosystem: 'gomail',
    product: d.lib === 'gomail' ? 'gomail (gopkg.in/gomail.v2)' : 'go-mail (gopkg.in/mail.v2)',
    knobs,
    anchor: fbAt,
    host,
    port: d.port ? port : undefined,
    security,
    ...tls,
    user: d.user ? stringSetting(file, d.user) : undefined,
    password: d.password ? secretSetting(file, d.password) : undefined,
    authIntended: authIntended(d.user, d.password),
  };
}

const PLAIN_AUTH_LOCAL = new Set(['localhost', '127.0.0.1', '::1']);

export function netSmtpDraft(c: NetSmtpConnection): Draft {
  const file = c.file;
  const host = c.host ? hostSetting(file, c.host) : undefined;
  const port = c.port ? portSetting(file, c.port) : undefined;
  const fbAt = c.host ? at(file, c.host) : c.at;
  const ignored: Observation[] = [];
  const plain = c.auth?.kind === 'plain';
  const authHost = c.auth?.host ? valueOf(c.auth.host)?.text : undefined;
  const guardApplies = plain && !(authHost !== undefined && PLAIN_AUTH_LOCAL.has(authHost));
  let credentialsSent = !!c.auth;
  let security: Setting<Security>;
  let tls: ReturnType<typeof tlsSettings> = {};
  if (c.kind === 'tls-dial') {
    security = { value: 'implicit-tls', raw: c.call, at: c.at, origin: 'literal', key: 'tls.Dial' };
    tls = tlsSettings(c.tls);
  } else if (c.kind === 'sendmail') {
    security = guardApplies
      ? {
          value: 'starttls-required',
          raw: 'smtp.SendMail with smtp.PlainAuth: STARTTLS when offered, and PlainAuth refuses to authenticate without TLS, so a stripped STARTTLS fails the send instead of leaking',
          at: fbAt,
          origin: 'derived',
        }
      : {
          value: 'starttls-opportunistic',
          raw: 'smtp.SendMail uses STARTTLS only when the server offers it',
          at: fbAt,
          origin: 'derived',
        };
  } else if (c.starttls) {
    const opp = c.starttls.opportunistic && !guardApplies;
    security = {
      value: opp ? 'starttls-opportunistic' : 'starttls-required',
      raw: opp ? 'StartTLS only when Extension("STARTTLS") reports it' : 'StartTLS()',
      at: c.starttls.at,
      origin: 'literal',
      key: 'StartTLS',
    };
    tls = tlsSettings(c.starttls.tls);
  } else {
    security = {
      value: 'plain',
      raw: `${c.call} without StartTLS`,
      at: fbAt,
      origin: 'derived',
    };
    if (guardApplies && c.auth) {
      credentialsSent = false;
      ignored.push({
        at: c.auth.at,
        message:
          'smtp.PlainAuth refuses to send credentials over an unencrypted connection to a host other than localhost: c.Auth fails with "unencrypted connection", so this client never authenticates.',
        fix: 'Call c.StartTLS(&tls.Config{ServerName: host}) before c.Auth, or connect with tls.Dial on port 465.',
      });
    }
  }
  return {
    file,
    ecosystem: 'net-smtp',
    product: 'Go net/smtp',
    knobs: NET_SMTP_KNOBS,
    anchor: fbAt,
    host,
    port,
    security,
    ...tls,
    user: c.auth?.user ? stringSetting(file, c.auth.user) : undefined,
    password: c.auth?.password ? secretSetting(file, c.auth.password) : undefined,
    authIntended: credentialsSent,
    ignored,
  };
}
