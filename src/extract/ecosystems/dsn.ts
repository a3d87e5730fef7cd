/**
 * Connection URLs as values: `smtp://`, `smtps://`, `smtp+starttls://`, Symfony `MAILER_DSN`
 * (with query options), Laravel `MAIL_URL`, django-environ `EMAIL_URL`, dawidd6 `connection_url`.
 * Each dialect reads the same URL differently (SEMANTICS.md §1, §2, §5).
 */
import type { Location, Observation, Security, Setting } from '../../model.js';
import { redact, classifySecret } from '../secrets.js';
import { isPlaceholderHost } from '../secrets.js';
import { parseBool, parsePort, resolveRef } from '../values.js';
import type { Draft } from '../build.js';

export type Dialect = 'symfony' | 'nodemailer' | 'dawidd6' | 'django';

export const DSN_RE =
  /^\s*([a-z][a-z0-9+.-]*):\/\/(?:([^@/\s]*)@)?([^/?#\s]*)(?:\/[^?#\s]*)?(?:\?([^#\s]*))?/i;

/** `${{ secrets.X }}` → `${{secrets.X}}`: template expressions without spaces, so a URL stays one token. */
export function normaliseTemplates(v: string): string {
  return v.replace(/\{\{[^}]*\}\}/g, (m) => m.replace(/\s+/g, ''));
}

export function looksLikeSmtpUrl(v: string): boolean {
  const m = DSN_RE.exec(v);
  return !!m && /(^|\+)smtps?($|\+)|^smtp\+(starttls|tls|ssl)$/i.test(m[1]);
}

/** Which dialect a key name implies. */
export function dialectFor(key: string): Dialect {
  const k = key.toUpperCase();
  if (/MAILER_(DSN|URL)|^MAIL_URL$|DSN/.test(k)) return 'symfony';
  if (k === 'CONNECTION_URL') return 'dawidd6';
  if (/^EMAIL_URL$|^SMTP_URL$/.test(k) && k === 'EMAIL_URL') return 'django';
  return 'nodemailer';
}

interface Parts {
  scheme: string;
  user?: string;
  pass?: string;
  host: string;
  port?: string;
  query: URLSearchParams;
}

function split(v: string): Parts | undefined {
  const m = DSN_RE.exec(v);
  if (!m) return undefined;
  const [, scheme, userinfo, hostport, query] = m;
  let user: string | undefined;
  let pass: string | undefined;
  if (userinfo !== undefined) {
    const i = userinfo.indexOf(':');
    user = i >= 0 ? userinfo.slice(0, i) : userinfo;
    pass = i >= 0 ? userinfo.slice(i + 1) : undefined;
  }
  const hp = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostport) ?? ['', hostport, undefined];
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(query ?? '');
  } catch {
    q = new URLSearchParams();
  }
  return { scheme: scheme.toLowerCase(), user, pass, host: hp[1] ?? '', port: hp[2], query: q };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const KNOBS = {
  symfony: {
    requireStartTls: 'add ?require_tls=true to the DSN (Symfony Mailer 7+)',
    implicitTls: 'use smtps://HOST:465',
    verifyOn: 'remove ?verify_peer=0 from the DSN',
    port: 'the DSN port',
    secretRef:
      'build the DSN from %env(...)% / ${...} references; keep the password out of the repository',
  },
  nodemailer: {
    requireStartTls: 'requireTLS: true in the transport options (the URL form cannot require it)',
    implicitTls: 'use smtps://HOST:465',
    verifyOn: 'remove the setting that disables certificate checks',
    port: 'the URL port',
    secretRef: 'build the URL from environment variables; keep the password out of the repository',
  },
  dawidd6: {
    requireStartTls: null,
    implicitTls: 'smtps://HOST:465 (or server_port: 465)',
    verifyOn: 'remove ignore_cert: true',
    port: 'the URL port',
    secretRef: 'connection_url: ${{ secrets.MAIL_CONNECTION }}',
  },
  django: {
    requireStartTls: 'use smtp+tls:// (EMAIL_USE_TLS: required STARTTLS)',
    implicitTls: 'use smtp+ssl://HOST:465',
    verifyOn: 'use the stock SMTP backend (Django 4+ verifies)',
    port: 'the URL port',
    secretRef: 'set EMAIL_URL in the environment, not in committed files',
  },
};

/** Read a connection URL written at `at` (the key's location) as `dialect`. */
export function dsnEndpoint(
  text: string,
  at: Location,
  key: string,
  dialect: Dialect,
): Draft | null {
  const r = resolveRef(text);
  const value = r.origin === 'default' || r.origin === 'literal' ? (r.value ?? text) : text;
  const p = split(normaliseTemplates(value));
  if (!p) return null;
  const scheme = p.scheme;
  const base = scheme.replace(/^[a-z0-9-]+\+(?=smtps?$)/, '');
  const file = at.file;
  const loc = { ...at };
  const ignored: Observation[] = [];
  const mk = <T>(v: T | undefined, raw: string, origin: Setting<T>['origin']): Setting<T> =>
    v === undefined ? { raw, at: loc, origin, key } : { value: v, raw, at: loc, origin, key };
  const refOrigin = (s: string): Setting<string>['origin'] => {
    const rr = resolveRef(s);
    return rr.origin === 'literal' ? (r.origin === 'default' ? 'default' : 'literal') : rr.origin;
  };
  // host
  const hostText = decode(p.host);
  const hostOrigin = refOrigin(p.host);
  const host: Setting<string> =
    hostOrigin === 'literal' || hostOrigin === 'default'
      ? isPlaceholderHost(hostText) || hostText === 'default'
        ? mk<string>(undefined, p.host, 'placeholder')
        : mk(hostText, p.host, hostOrigin)
      : mk<string>(undefined, p.host, hostOrigin);
  const q = (name: string) => p.query.get(name) ?? undefined;
  let port: Setting<number> | undefined;
  const pOrigin = p.port !== undefined ? refOrigin(p.port) : undefined;
  const explicitPort =
    p.port !== undefined && (pOrigin === 'literal' || pOrigin === 'default')
      ? parsePort(p.port)
      : undefined;
  if (p.port !== undefined && explicitPort === undefined)
    port = mk<number>(
      undefined,
      p.port,
      pOrigin === 'literal' ? 'placeholder' : (pOrigin ?? 'env'),
    );
  let sec: Security = 'unknown';
  if (dialect === 'symfony') {
    if (/^(native|sendmail|null|array|log)$/.test(scheme)) return null;
    const tls = base === 'smtps';
    const autoTls = q('auto_tls');
    const requireTls = parseBool(q('require_tls') ?? '') === true;
    let eff = explicitPort;
    let implicit = tls;
    if (!tls) {
      const localhost = hostText === 'localhost';
      if (eff === 465) implicit = true;
      else if ((eff === undefined || eff === 0) && p.port === undefined && !localhost)
        implicit = true;
    }
    if (eff === undefined && p.port === undefined) eff = implicit ? 465 : 25;
    if (eff !== undefined)
      port =
        port ??
        mk(
          eff,
          p.port ?? 'DSN default',
          p.port === undefined ? 'derived' : (pOrigin as Setting<number>['origin']),
        );
    if (implicit) sec = 'implicit-tls';
    else if (autoTls !== undefined && parseBool(autoTls) === false) sec = 'plain';
    else sec = requireTls ? 'starttls-required' : 'starttls-opportunistic';
    if (q('encryption') !== undefined || q('auth_mode') !== undefined) {
      const opt =
        q('encryption') !== undefined
          ? `encryption=${q('encryption')}`
          : `auth_mode=${q('auth_mode')}`;
      ignored.push({
        at: loc,
        message: `?${opt} is a SwiftMailer option: Symfony Mailer ignores it, so the effective security is ${sec} (${implicit ? 'implicit TLS' : 'from the scheme and port'}).`,
        fix:
          base === 'smtps' || eff === 465
            ? 'Remove the option; smtps:// on 465 is implicit TLS.'
            : 'Remove the option; use smtps://HOST:465 for implicit TLS or ?require_tls=true to require STARTTLS.',
      });
    }
  } else if (dialect === 'dawidd6') {
    if (scheme === 'smtp+starttls') {
      port =
        port ??
        mk(
          explicitPort ?? 465,
          p.port ?? 'dawidd6 maps smtp+starttls to 465',
          p.port === undefined ? 'derived' : 'literal',
        );
      sec = 'implicit-tls';
      ignored.push({
        at: loc,
        message:
          'dawidd6/action-send-mail maps smtp+starttls:// to port 465 with secure=true, i.e. implicit TLS, not STARTTLS.',
        fix: 'Use smtps://HOST:465 for implicit TLS, or smtp://HOST:587 for STARTTLS.',
      });
    } else if (base === 'smtps') {
      port =
        port ??
        mk(explicitPort ?? 465, p.port ?? '465', p.port === undefined ? 'derived' : 'literal');
      sec = 'implicit-tls';
    } else {
      const eff = explicitPort ?? 25;
      port = port ?? mk(eff, p.port ?? 'default 25', p.port === undefined ? 'derived' : 'literal');
      sec = eff === 465 && explicitPort === undefined ? 'implicit-tls' : 'starttls-opportunistic';
    }
  } else if (dialect === 'django') {
    if (scheme === 'smtp+ssl' || scheme === 'smtps') sec = 'implicit-tls';
    else if (scheme === 'smtp+tls') sec = 'starttls-required';
    else sec = 'plain';
    port =
      port ??
      mk(
        explicitPort ?? 25,
        p.port ?? 'Django default 25',
        p.port === undefined ? 'derived' : 'literal',
      );
  } else {
    const secure = base === 'smtps';
    const eff = explicitPort ?? (secure ? 465 : 587);
    port =
      port ?? mk(eff, p.port ?? 'nodemailer default', p.port === undefined ? 'derived' : 'literal');
    sec = secure || eff === 465 ? 'implicit-tls' : 'starttls-opportunistic';
  }
  // Where the port decides the TLS mode (465 means implicit TLS) and the port is only known at
  // run time, the TLS mode is unknown too.
  const portDecides = base !== 'smtps' && dialect !== 'django' && scheme !== 'smtp+starttls';
  const runtimePort =
    port && port.value === undefined && (port.origin === 'env' || port.origin === 'secret');
  const securitySetting: Setting<Security> =
    portDecides && runtimePort && port
      ? {
          value: 'unknown',
          raw: `${scheme}:// with the port from ${port.raw}: implicit TLS if it is 465, STARTTLS otherwise`,
          at: loc,
          origin: port.origin,
          key,
        }
      : { value: sec, raw: scheme + '://', at: loc, origin: 'literal', key };
  let tlsVerify: Setting<boolean> | undefined;
  const vp = q('verify_peer');
  if (vp !== undefined && vp !== '' && parseBool(vp) === false)
    tlsVerify = { value: false, raw: `verify_peer=${vp}`, at: loc, origin: 'literal', key };
  let user: Setting<string> | undefined;
  let password: Setting<string> | undefined;
  if (p.user !== undefined && p.user !== '') {
    const uo = refOrigin(p.user);
    user =
      uo === 'literal' || uo === 'default'
        ? mk(decode(p.user), p.user, uo)
        : mk<string>(undefined, p.user, uo);
  }
  if (p.pass !== undefined) {
    const po = refOrigin(p.pass);
    const plain = decode(p.pass);
    password =
      po === 'literal' || po === 'default'
        ? mk<string>(
            undefined,
            redact(plain),
            classifySecret(plain) === 'literal' ? po : 'placeholder',
          )
        : mk<string>(undefined, p.pass, po);
  }
  return {
    file,
    ecosystem: `dsn-${dialect}`,
    product:
      dialect === 'symfony'
        ? 'Symfony Mailer DSN'
        : dialect === 'dawidd6'
          ? 'dawidd6/action-send-mail connection_url'
          : dialect === 'django'
            ? 'django-environ EMAIL_URL'
            : 'SMTP URL',
    knobs: KNOBS[dialect],
    anchor: loc,
    host,
    port,
    security: securitySetting,
    tlsVerify,
    user,
    password,
    authIntended: !!user || !!password,
    ignored,
  };
}
