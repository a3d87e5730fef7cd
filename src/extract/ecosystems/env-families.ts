/**
 * Env-variable families (dotenv, Dockerfile ENV, compose `environment:`, Kubernetes data/env,
 * Discourse app.yml `env:`): each recognises its product by key names and reads the keys with that
 * product's defaults (SEMANTICS.md §2, §6, §10, §11).
 */
import type { Observation, ProductKnobs, Security, Setting } from '../../model.js';
import {
  derived,
  hostSetting,
  portSetting,
  secretSetting,
  stringSetting,
  type Draft,
} from '../build.js';
import type { Entry } from '../formats/entry.js';
import {
  flagOf,
  isVerifyNone,
  lower,
  security,
  unknownFromEnv,
  valueOf,
  verifyOff,
} from './common.js';
import type { Group } from './group.js';

const SECRET_NOTE = 'set it from a CI or platform secret';

function portOf(g: Group, e: Entry | undefined): Setting<number> | undefined {
  return e ? portSetting(g.file, e) : undefined;
}

function credentials(g: Group, userKeys: string[], passKeys: string[], nullIsAbsent = false) {
  let userE = g.get(...userKeys);
  let passE = g.get(...passKeys);
  if (nullIsAbsent) {
    if (userE && lower(valueOf(userE)) === 'null') userE = undefined;
    if (passE && lower(valueOf(passE)) === 'null') passE = undefined;
  }
  return {
    user: userE ? stringSetting(g.file, userE) : undefined,
    password: passE ? secretSetting(g.file, passE) : undefined,
  };
}

/** Laravel `MAIL_*` (≥ 9 on Symfony Mailer; MAIL_SCHEME since 11). */
export function laravelEnv(g: Group): Draft | null {
  const markers = [
    'MAIL_MAILER',
    'MAIL_DRIVER',
    'MAIL_ENCRYPTION',
    'MAIL_SCHEME',
    'MAIL_FROM_ADDRESS',
  ];
  if (!g.has('MAIL_HOST') || !markers.some((k) => g.has(k))) return null;
  const hostE = g.get('MAIL_HOST');
  const portE = g.get('MAIL_PORT');
  const mailer = g.get('MAIL_MAILER', 'MAIL_DRIVER');
  const schemeE = g.get('MAIL_SCHEME');
  const encE = g.get('MAIL_ENCRYPTION');
  const anchor = g.firstAt([hostE, portE]);
  const port = portOf(g, portE) ?? derived(2525, 'Laravel default 2525', anchor);
  const scheme = lower(valueOf(schemeE));
  const enc = lower(valueOf(encE));
  let sec: Security = 'starttls-opportunistic';
  let decided: Entry | undefined = schemeE ?? encE;
  if (scheme === 'smtps') sec = 'implicit-tls';
  else if (port.value === 465) sec = 'implicit-tls';
  else if (schemeE && scheme === undefined) sec = 'unknown';
  if (decided && (lower(valueOf(decided)) === 'null' || lower(valueOf(decided)) === ''))
    decided = decided === schemeE ? encE : undefined;
  const ignored: Observation[] = [];
  if (encE && enc === 'ssl' && port.value !== undefined && port.value !== 465) {
    ignored.push({
      at: g.at(encE),
      message: `MAIL_ENCRYPTION=ssl on port ${port.value}: Laravel 9+ (Symfony Mailer) ignores it and uses opportunistic STARTTLS; Laravel 8 and older (SwiftMailer) forced implicit TLS, which fails on ${port.value}. Assumed the newest Laravel.`,
      fix: 'Remove MAIL_ENCRYPTION (Laravel 11+ reads MAIL_SCHEME): use MAIL_SCHEME=smtps with MAIL_PORT=465 for implicit TLS, or port 587 for STARTTLS.',
    });
  }
  const mailerText = lower(valueOf(mailer));
  const inactive =
    mailerText !== undefined &&
    mailerText !== '' &&
    mailerText !== 'smtp' &&
    mailerText !== 'failover';
  const creds = credentials(g, ['MAIL_USERNAME'], ['MAIL_PASSWORD'], true);
  return {
    file: g.file,
    ecosystem: 'laravel',
    product: 'Laravel 9+ (MAIL_*)',
    knobs: LARAVEL_KNOBS,
    anchor,
    active: !inactive,
    inactiveReason: inactive
      ? `MAIL_MAILER is '${mailerText}', so the SMTP settings are not used`
      : undefined,
    host: hostE ? hostSetting(g.file, hostE) : undefined,
    port,
    security:
      schemeE && scheme === undefined
        ? unknownFromEnv(g.file, schemeE)
        : security(sec, g.file, decided, [hostE, portE], anchor),
    ...creds,
    ignored,
  };
}

export const LARAVEL_KNOBS: ProductKnobs = {
  requireStartTls:
    'MAIL_URL=smtp://HOST:587?require_tls=true (Laravel has no separate key; the Symfony Mailer DSN option does it)',
  implicitTls: 'MAIL_SCHEME=smtps with MAIL_PORT=465',
  verifyOn: "remove 'verify_peer' => false from the smtp mailer (or the DSN's ?verify_peer=0)",
  port: 'MAIL_PORT',
  secretRef: `leave MAIL_PASSWORD empty in committed files and ${SECRET_NOTE}`,
};

/** Mastodon `SMTP_SERVER`, `SMTP_LOGIN`... */
export function mastodonEnv(g: Group, prefix = 'SMTP_'): Draft | null {
  const k = (s: string) => prefix + s;
  if (!(
    g.has(k('SERVER')) ||
    g.has(k('LOGIN')) ||
    g.has(k('ENABLE_STARTTLS')) ||
    g.has(k('ENABLE_STARTTLS_AUTO'))
  ))
    return null;
  if (!g.has(k('SERVER')) && !g.has(k('PORT'))) return null;
  const hostE = g.get(k('SERVER'));
  const portE = g.get(k('PORT'));
  const anchor = g.firstAt([hostE, portE]);
  const port = portOf(g, portE) ?? derived(25, 'mail gem default 25', anchor);
  const tlsE = g.get(k('TLS'), k('SSL'));
  const stE = g.get(k('ENABLE_STARTTLS'));
  const autoE = g.get(k('ENABLE_STARTTLS_AUTO'));
  const verifyE = g.get(k('OPENSSL_VERIFY_MODE'));
  const authE = g.get(k('AUTH_METHOD'));
  const dm = lower(valueOf(g.get(k('DELIVERY_METHOD'))));
  let sec: Security;
  let decided: Entry | undefined;
  if (tlsE && flagOf(valueOf(tlsE))) {
    sec = 'implicit-tls';
    decided = tlsE;
  } else if (stE && lower(valueOf(stE))) {
    const v = lower(valueOf(stE));
    decided = stE;
    sec = v === 'always' ? 'starttls-required' : v === 'never' ? 'plain' : 'starttls-opportunistic';
  } else {
    decided = autoE;
    sec = lower(valueOf(autoE)) === 'false' ? 'plain' : 'starttls-opportunistic';
  }
  const creds = credentials(g, [k('LOGIN')], [k('PASSWORD')]);
  const authNone = lower(valueOf(authE)) === 'none';
  return {
    file: g.file,
    ecosystem: 'mastodon',
    product: 'Mastodon (SMTP_*)',
    knobs: {
      requireStartTls: `${k('ENABLE_STARTTLS')}=always`,
      implicitTls: `${k('TLS')}=true with ${k('PORT')}=465`,
      verifyOn: `remove ${k('OPENSSL_VERIFY_MODE')}=none (the default is peer)`,
      port: k('PORT'),
      secretRef: `keep ${k('PASSWORD')} out of committed files and ${SECRET_NOTE}`,
    },
    anchor,
    active: dm === undefined || dm === '' || dm === 'smtp',
    inactiveReason: `${k('DELIVERY_METHOD')} is '${dm}'`,
    host: hostE ? hostSetting(g.file, hostE) : undefined,
    port,
    security: security(sec, g.file, decided, [hostE, portE], anchor),
    tlsVerify:
      verifyE && isVerifyNone(valueOf(verifyE)?.text) ? verifyOff(g.file, verifyE) : undefined,
    ...creds,
    authIntended: !authNone && (!!creds.user || !!creds.password),
  };
}

/** Discourse `DISCOURSE_SMTP_*` (maps to enable_starttls_auto, which is opportunistic). */
export function discourseEnv(g: Group): Draft | null {
  const P = 'DISCOURSE_SMTP_';
  if (!g.keys().some((key) => key.startsWith(P))) return null;
  const hostE = g.get(P + 'ADDRESS');
  const portE = g.get(P + 'PORT');
  const anchor = g.firstAt([
    hostE,
    portE,
    ...g
      .keys()
      .map((key) => g.peek(key))
      .filter((e) => e?.path.at(-1)?.toUpperCase().startsWith(P)),
  ]);
  const port = portOf(g, portE) ?? derived(25, 'Discourse default 25', anchor);
  const forceE = g.get(P + 'FORCE_TLS');
  const stE = g.get(P + 'ENABLE_START_TLS');
  const verifyE = g.get(P + 'OPENSSL_VERIFY_MODE');
  const authE = g.get(P + 'AUTHENTICATION');
  let sec: Security;
  let decided: Entry | undefined;
  if (forceE && flagOf(valueOf(forceE))) {
    sec = 'implicit-tls';
    decided = forceE;
  } else {
    decided = stE;
    sec = stE && flagOf(valueOf(stE)) === false ? 'plain' : 'starttls-opportunistic';
  }
  const creds = credentials(g, [P + 'USER_NAME'], [P + 'PASSWORD']);
  return {
    file: g.file,
    ecosystem: 'discourse',
    product: 'Discourse (DISCOURSE_SMTP_*)',
    knobs: {
      requireStartTls: null,
      implicitTls: `${P}FORCE_TLS: true with ${P}PORT: 465`,
      verifyOn: `remove ${P}OPENSSL_VERIFY_MODE: none (empty means peer)`,
      port: P + 'PORT',
      secretRef: `keep ${P}PASSWORD out of the committed app.yml and ${SECRET_NOTE}`,
    },
    anchor,
    host: hostE ? hostSetting(g.file, hostE) : undefined,
    port,
    security: security(sec, g.file, decided, [hostE, portE], anchor),
    tlsVerify:
      verifyE && isVerifyNone(valueOf(verifyE)?.text) ? verifyOff(g.file, verifyE) : undefined,
    ...creds,
    authIntended: lower(valueOf(authE)) !== 'none' && (!!creds.user || !!creds.password),
  };
}

/** Vaultwarden `SMTP_SECURITY` (lettre: starttls = required) and the legacy SMTP_SSL/SMTP_EXPLICIT_TLS. */
export function vaultwardenEnv(g: Group): Draft | null {
  const marker = [
    'SMTP_SECURITY',
    'SMTP_EXPLICIT_TLS',
    'SMTP_ACCEPT_INVALID_CERTS',
    'SMTP_ACCEPT_INVALID_HOSTNAMES',
    'SMTP_AUTH_MECHANISM',
  ];
  if (!g.has('SMTP_HOST') || !marker.some((m) => g.has(m))) return null;
  const hostE = g.get('SMTP_HOST');
  const portE = g.get('SMTP_PORT');
  const secE = g.get('SMTP_SECURITY');
  const sslE = g.get('SMTP_SSL');
  const explE = g.get('SMTP_EXPLICIT_TLS');
  const anchor = g.firstAt([hostE, portE]);
  let sec: Security = 'starttls-required';
  let decided: Entry | undefined = secE;
  let secSetting: Setting<Security> | undefined;
  if (secE) {
    const v = valueOf(secE);
    const t = lower(v);
    if (t === undefined) secSetting = unknownFromEnv(g.file, secE);
    else if (t === 'force_tls') sec = 'implicit-tls';
    else if (t === 'off') sec = 'plain';
    else sec = 'starttls-required';
  } else if (sslE) {
    decided = explE && flagOf(valueOf(explE)) ? explE : sslE;
    const ssl = flagOf(valueOf(sslE));
    sec =
      ssl === false
        ? 'plain'
        : explE && flagOf(valueOf(explE))
          ? 'implicit-tls'
          : 'starttls-required';
  }
  const defaultPort = sec === 'implicit-tls' ? 465 : sec === 'plain' ? 25 : 587;
  const port = portOf(g, portE) ?? derived(defaultPort, `Vaultwarden default for ${sec}`, anchor);
  const badCert = g.get('SMTP_ACCEPT_INVALID_CERTS');
  const badHost = g.get('SMTP_ACCEPT_INVALID_HOSTNAMES');
  const off = [badCert, badHost].filter((e): e is Entry => !!e && flagOf(valueOf(e)) === true);
  const creds = credentials(g, ['SMTP_USERNAME'], ['SMTP_PASSWORD']);
  return {
    file: g.file,
    ecosystem: 'vaultwarden',
    product: 'Vaultwarden (SMTP_*)',
    knobs: {
      requireStartTls: 'SMTP_SECURITY=starttls (required STARTTLS in Vaultwarden)',
      implicitTls: 'SMTP_SECURITY=force_tls with SMTP_PORT=465',
      verifyOn: 'remove SMTP_ACCEPT_INVALID_CERTS / SMTP_ACCEPT_INVALID_HOSTNAMES',
      port: 'SMTP_PORT',
      secretRef: `keep SMTP_PASSWORD out of committed files and ${SECRET_NOTE}`,
    },
    anchor,
    host: hostE ? hostSetting(g.file, hostE) : undefined,
    port,
    security: secSetting ?? security(sec, g.file, decided, [hostE, portE], anchor),
    tlsVerify: off.length ? verifyOff(g.file, off[0]) : undefined,
    verifyOffAlso: off.slice(1).map((e) => g.at(e)),
    ...creds,
  };
}

/** Outline `SMTP_*` (nodemailer underneath: SMTP_SECURE=true is implicit TLS). */
export function outlineEnv(g: Group): Draft | null {
  const marker = ['SMTP_FROM_EMAIL', 'SMTP_REPLY_EMAIL', 'SMTP_TLS_CIPHERS', 'SMTP_SERVICE'];
  if (!marker.some((m) => g.has(m)) || !(g.has('SMTP_HOST') || g.has('SMTP_SERVICE'))) return null;
  return nodemailerEnv(g, 'outline', 'Outline (SMTP_*)');
}

function nodemailerEnv(g: Group, ecosystem: string, product: string): Draft {
  const hostE = g.get('SMTP_HOST');
  const portE = g.get('SMTP_PORT');
  const secureE = g.get('SMTP_SECURE');
  const anchor = g.firstAt([hostE, portE, secureE]);
  const port = portOf(g, portE);
  const sv = valueOf(secureE);
  const secure = sv?.text === undefined ? undefined : sv.text === '' ? undefined : flagOf(sv);
  let secSetting: Setting<Security>;
  if (secureE && sv?.text === undefined) secSetting = unknownFromEnv(g.file, secureE);
  else {
    const implicit = secure ?? port?.value === 465;
    secSetting = security(
      implicit ? 'implicit-tls' : 'starttls-opportunistic',
      g.file,
      secure === undefined ? undefined : secureE,
      [hostE, portE],
      anchor,
    );
  }
  const weak: Observation[] = [];
  const ciphers = g.get('SMTP_TLS_CIPHERS');
  const ct = valueOf(ciphers)?.text;
  if (ciphers && ct && /sslv3|rc4|des|null|export|md5/i.test(ct)) {
    weak.push({
      at: g.at(ciphers),
      message: `SMTP_TLS_CIPHERS='${ct}' allows weak or obsolete ciphers.`,
      fix: 'Remove SMTP_TLS_CIPHERS to use Node.js defaults.',
    });
  }
  return {
    file: g.file,
    ecosystem,
    product,
    knobs: {
      requireStartTls: null,
      implicitTls: 'SMTP_SECURE=true with SMTP_PORT=465',
      verifyOn: 'remove the setting that disables certificate checks',
      port: 'SMTP_PORT',
      secretRef: `keep SMTP_PASSWORD out of committed files and ${SECRET_NOTE}`,
    },
    anchor,
    host: hostE ? hostSetting(g.file, hostE) : undefined,
    port,
    security: secSetting,
    ...credentials(g, ['SMTP_USERNAME', 'SMTP_USER'], ['SMTP_PASSWORD']),
    weakTls: weak,
  };
}

/** Django settings as env (`EMAIL_HOST_USER`, `EMAIL_USE_TLS`: Django names only). */
export function djangoEnv(g: Group, opts: { settingsFile?: boolean } = {}): Draft | null {
  const marker = ['EMAIL_HOST_USER', 'EMAIL_HOST_PASSWORD', 'EMAIL_USE_TLS', 'EMAIL_USE_SSL'];
  // In a Python settings module EMAIL_HOST (or EMAIL_PORT) alone already means Django.
  const settings = opts.settingsFile && (g.has('EMAIL_HOST') || g.has('EMAIL_PORT'));
  if (!settings && !marker.some((m) => g.has(m))) return null;
  const hostE = g.get('EMAIL_HOST');
  const portE = g.get('EMAIL_PORT');
  const tlsE = g.get('EMAIL_USE_TLS');
  const sslE = g.get('EMAIL_USE_SSL');
  const backend = lower(valueOf(g.get('EMAIL_BACKEND')));
  const anchor = g.firstAt([hostE, portE, tlsE, sslE]);
  const port = portOf(g, portE) ?? derived(25, 'Django default 25', anchor);
  const tls = flagOf(valueOf(tlsE));
  const ssl = flagOf(valueOf(sslE));
  const conflicts: Observation[] = [];
  let secSetting: Setting<Security>;
  if ((tlsE && valueOf(tlsE)?.text === undefined) || (sslE && valueOf(sslE)?.text === undefined)) {
    secSetting = unknownFromEnv(g.file, (tlsE ?? sslE) as Entry);
  } else if (ssl) {
    secSetting = security('implicit-tls', g.file, sslE, [], anchor);
    if (tls && tlsE && sslE) {
      conflicts.push({
        at: g.at(tlsE),
        message:
          'EMAIL_USE_TLS and EMAIL_USE_SSL are both true: Django raises "ValueError: EMAIL_USE_TLS/EMAIL_USE_SSL are mutually exclusive" when it sends.',
        fix: 'Keep one: EMAIL_USE_SSL=True for port 465, or EMAIL_USE_TLS=True for port 587.',
        related: [g.at(sslE)],
      });
    }
  } else if (tls) secSetting = security('starttls-required', g.file, tlsE, [], anchor);
  else secSetting = security('plain', g.file, tlsE ?? sslE, [hostE, portE], anchor);
  return {
    file: g.file,
    ecosystem: 'django',
    product: 'Django (EMAIL_*)',
    knobs: {
      requireStartTls: 'EMAIL_USE_TLS=True (Django then requires STARTTLS)',
      implicitTls: 'EMAIL_USE_SSL=True with EMAIL_PORT=465',
      verifyOn: 'use the stock SMTP backend (Django 4+ verifies certificates)',
      port: 'EMAIL_PORT',
      secretRef: `keep EMAIL_HOST_PASSWORD out of committed files and ${SECRET_NOTE}`,
    },
    anchor,
    active: !backend || backend.includes('smtp'),
    inactiveReason: `EMAIL_BACKEND is '${backend}'`,
    host: hostE ? hostSetting(g.file, hostE) : undefined,
    port,
    security: secSetting,
    ...credentials(g, ['EMAIL_HOST_USER'], ['EMAIL_HOST_PASSWORD']),
    conflicts,
  };
}

/** Grafana `GF_SMTP_*` (same semantics as `[smtp]` in grafana.ini). */
export function grafanaEnvKeys(g: Group): Record<string, Entry | undefined> | null {
  if (!g.keys().some((key) => key.startsWith('GF_SMTP_'))) return null;
  const pick = (k: string) => g.get('GF_SMTP_' + k);
  return {
    enabled: pick('ENABLED'),
    host: pick('HOST'),
    user: pick('USER'),
    password: pick('PASSWORD'),
    skip_verify: pick('SKIP_VERIFY'),
    startTLS_policy: pick('STARTTLS_POLICY'),
  };
}

/**
 * Any other `*SMTP_*`, `*MAIL_*`, `*EMAIL_*` family: host/port/user/password with the product
 * unknown, so the security is unknown unless a key says implicit TLS plainly.
 */
export function genericEnv(g: Group): Draft[] {
  const out: Draft[] = [];
  const HOST =
    /^(.*?)(SMTP|MAIL|EMAIL|MAILER|SMARTHOST)_{1,2}(HOST|SERVER|ADDRESS|ADDR|HOSTNAME|SMTP_HOST|SMTP_SERVER|SMTPHOST|SMTPSERVER)$/;
  const seen = new Set<string>();
  for (const key of g.keys()) {
    const m = HOST.exec(key);
    if (!m) continue;
    const e = g.peek(key);
    if (!e || g.used.has(e)) continue;
    const prefix = `${m[1]}${m[2]}_`;
    if (seen.has(prefix)) continue;
    seen.add(prefix);
    const find = (...names: string[]) => {
      for (const n of names) {
        for (const sep of ['_', '__']) {
          const full = `${m[1]}${m[2]}${sep}${n}`;
          const hit = g.peek(full);
          if (hit && !g.used.has(hit)) return g.get(full);
        }
      }
      return undefined;
    };
    const hostE = g.get(key);
    // A host value that is a URL is read by the DSN reader instead.
    if (hostE && /^[a-z+]+:\/\//i.test(String(hostE.value ?? ''))) continue;
    const portE = find('PORT', 'SMTP_PORT', 'SMTPPORT');
    const userE = find(
      'USER',
      'USERNAME',
      'USER_NAME',
      'LOGIN',
      'HOST_USER',
      'SMTP_USER',
      'SMTP_USERNAME',
      'AUTH_USER',
      'SMTPUSER',
      'SMTPNAME',
      'SMTP_NAME',
    );
    const passE = find(
      'PASSWORD',
      'PASS',
      'PASSWD',
      'PWD',
      'HOST_PASSWORD',
      'SMTP_PASSWORD',
      'AUTH_PASS',
      'AUTH_PASSWORD',
      'SMTPPASSWORD',
    );
    const secureE = find(
      'SECURE',
      'SSL',
      'TLS',
      'USE_SSL',
      'USE_TLS',
      'SECURITY',
      'ENCRYPTION',
      'STARTTLS',
      'IMPLICIT_TLS',
      'SCHEME',
      'SMTPSECURE',
      'SMTP_SECURE',
    );
    const enabledE = find('ENABLED', 'ENABLE');
    const anchor = g.firstAt([hostE, portE]);
    const port = portE ? portSetting(g.file, portE) : undefined;
    let sec: Setting<Security> = {
      value: 'unknown',
      raw: 'no security key',
      at: anchor,
      origin: 'derived',
    };
    if (secureE) {
      const v = valueOf(secureE);
      const t = lower(v);
      const keyName = (secureE.path.at(-1) ?? '').toUpperCase();
      const implicitWords = ['ssl', 'smtps', 'implicit', 'force_tls', 'tls-implicit', 'ssl/tls'];
      if (t === undefined) sec = unknownFromEnv(g.file, secureE);
      else if (
        implicitWords.includes(t) ||
        (/SSL|SECURE|IMPLICIT/.test(keyName) && flagOf(v) === true)
      )
        sec = security('implicit-tls', g.file, secureE, [], anchor);
      else
        sec = {
          value: 'unknown',
          raw: secureE.raw,
          at: g.at(secureE),
          origin: 'literal',
          key: keyName,
        };
    }
    const enabled = enabledE ? flagOf(valueOf(enabledE)) : undefined;
    out.push({
      file: g.file,
      ecosystem: 'env',
      product: `environment variables (${m[1]}${m[2]}_*)`,
      knobs: {
        requireStartTls: null,
        implicitTls: 'implicit TLS on port 465 (see your mail library for the key)',
        verifyOn: 'remove the setting that disables certificate checks',
        port: portE ? String(portE.path.at(-1)) : `${m[1]}${m[2]}_PORT`,
        secretRef: `keep the password out of committed files and ${SECRET_NOTE}`,
      },
      anchor,
      active: enabled !== false,
      inactiveReason: enabledE ? `${enabledE.path.at(-1)} is false` : undefined,
      host: hostSetting(g.file, hostE as Entry),
      port,
      security: sec,
      user: userE ? stringSetting(g.file, userE) : undefined,
      password: passE ? secretSetting(g.file, passE) : undefined,
    });
  }
  return out;
}
