/**
 * Spring Boot `spring.mail.*` and raw Jakarta/JavaMail `mail.smtp(s).*` (SEMANTICS.md §7).
 * Keys are read for the active protocol only (`mail.smtps.*` when protocol is smtps).
 * No STARTTLS unless `starttls.enable` (opportunistic) or `starttls.required`; default port 25.
 */
import type { Location, Observation, Security, Setting } from '../../model.js';
import {
  derived,
  hostSetting,
  portSetting,
  secretSetting,
  stringSetting,
  type Draft,
} from '../build.js';
import type { Entry } from '../formats/entry.js';
import { flagOf, lower, security, valueOf, verifyOff } from './common.js';

/** Normalised dotted key of an entry: YAML `"[mail.smtp.auth]"` segments unwrapped. */
export function dottedKey(e: Entry): string {
  return e.path.map((s) => s.replace(/^\[(.*)\]$/, '$1')).join('.');
}

/** The key as users write it: `spring.mail.port`, `mail.smtp.ssl.trust`, or an env name. */
function fullKey(e: Entry): string {
  const last = e.path.at(-1) ?? '';
  if (springEnvKey(last)) return last;
  const k = dottedKey(e);
  const i = k.indexOf('spring.mail.');
  if (i > 0) return k.slice(i);
  const j = k.indexOf('mail.smtp');
  return j > 0 && !k.includes('spring.mail') ? k.slice(j) : k;
}

/** Spring relaxed binding for env names: SPRING_MAIL_PROPERTIES_MAIL_SMTP_AUTH → spring.mail.properties.mail.smtp.auth */
export function springEnvKey(name: string): string | undefined {
  if (!/^SPRING_MAIL_/i.test(name)) return undefined;
  return name.toLowerCase().replace(/_/g, '.');
}

/**
 * Read one Spring/JavaMail block. `keys` maps a dotted key (relative: `host`, `properties.mail.smtp.auth`
 * for Spring; `mail.smtp.host` for raw JavaMail) to its entry.
 */
export function springMail(
  file: string,
  keys: Map<string, Entry>,
  flavour: 'spring' | 'javamail',
): Draft | null {
  const sp = (k: string) => (flavour === 'spring' ? keys.get(k) : undefined);
  const prop = (k: string) => (flavour === 'spring' ? keys.get(`properties.${k}`) : keys.get(k));
  const protoE = sp('protocol') ?? prop('mail.transport.protocol');
  const proto = lower(valueOf(protoE)) || 'smtp';
  const p = proto === 'smtps' ? 'smtps' : 'smtp';
  const other = p === 'smtps' ? 'smtp' : 'smtps';
  const m = (k: string) => prop(`mail.${p}.${k}`);
  const hostE = sp('host') ?? m('host') ?? prop('mail.host');
  const portE = sp('port') ?? m('port');
  if (!hostE && !portE && !m('starttls.enable') && !m('auth')) return null;
  if (flavour === 'javamail' && ![...keys.keys()].some((k) => /^mail\.smtps?\./.test(k)))
    return null;
  const all = [...keys.values()].sort((a, b) => a.line - b.line);
  const anchor: Location = hostE ? { file, line: hostE.line } : { file, line: all[0].line };
  const port = portE
    ? portSetting(file, portE)
    : derived(p === 'smtps' ? 465 : 25, `Jakarta Mail default for ${p}`, anchor);
  const sslE = sp('ssl.enabled') ?? m('ssl.enable');
  const sfE = m('socketFactory.class');
  const stE = m('starttls.enable');
  const reqE = m('starttls.required');
  const sf = valueOf(sfE)?.text ?? '';
  let sec: Security;
  let decided: Entry | undefined;
  if (p === 'smtps') {
    sec = 'implicit-tls';
    decided = protoE;
  } else if (sslE && flagOf(valueOf(sslE))) {
    sec = 'implicit-tls';
    decided = sslE;
  } else if (sfE && /SSLSocketFactory/.test(sf)) {
    sec = 'implicit-tls';
    decided = sfE;
  } else if (reqE && flagOf(valueOf(reqE))) {
    sec = 'starttls-required';
    decided = reqE;
  } else if (stE && flagOf(valueOf(stE))) {
    sec = 'starttls-opportunistic';
    decided = stE;
  } else {
    sec = 'plain';
    decided = stE ?? reqE;
  }
  const secSetting: Setting<Security> = security(sec, file, decided, [hostE, portE], anchor);
  // Name keys as written in full (`spring.mail.port`, `mail.smtp.ssl.trust`), not their last segment.
  if (decided) secSetting.key = fullKey(decided);
  if (portE && port.key) port.key = fullKey(portE);

  // Verification: ssl.trust=* trusts every certificate; checkserveridentity=false skips the host check.
  const off: Entry[] = [];
  const trustE = m('ssl.trust');
  if (trustE && valueOf(trustE)?.text?.trim() === '*') off.push(trustE);
  const csiE = m('ssl.checkserveridentity');
  if (csiE && flagOf(valueOf(csiE)) === false) off.push(csiE);
  off.sort((a, b) => a.line - b.line);

  const protosE = m('ssl.protocols');
  const protos = valueOf(protosE)?.text;
  let minTls: Setting<string> | undefined;
  if (protosE && protos) {
    const list = protos.split(/[\s,]+/).filter(Boolean);
    const old = list.filter((x) => /^(SSLv\d|TLSv1(\.[01])?)$/i.test(x));
    if (old.length) {
      minTls = {
        value: old.sort()[0],
        raw: protos,
        at: { file, line: protosE.line, column: protosE.column },
        origin: 'literal',
        key: dottedKey(protosE),
      };
    }
  }

  const ignored: Observation[] = [];
  const misread = [...keys.entries()].filter(([k]) =>
    k.startsWith(flavour === 'spring' ? `properties.mail.${other}.` : `mail.${other}.`),
  );
  if (misread.length && (flavour === 'spring' || p === 'smtps')) {
    const first = misread.sort((a, b) => a[1].line - b[1].line)[0][1];
    ignored.push({
      at: { file, line: first.line, column: first.column },
      message: `The protocol is ${p}, so Jakarta Mail reads mail.${p}.* properties only: the ${misread.length} mail.${other}.* key(s) (${misread
        .map(([k]) => k.replace(/^properties\./, ''))
        .slice(0, 3)
        .join(', ')}) are ignored.`,
      fix: `Rename them to mail.${p}.*.`,
    });
  }

  const debugE = prop('mail.debug') ?? sp('properties.mail.debug');
  const authE = m('auth');
  const userE = sp('username') ?? m('user') ?? prop('mail.user');
  const passE = sp('password') ?? m('password') ?? prop('mail.password');
  const user = userE ? stringSetting(file, userE) : undefined;
  const password = passE ? secretSetting(file, passE) : undefined;
  const requireKey =
    flavour === 'spring'
      ? `spring.mail.properties.mail.${p}.starttls.required=true`
      : `mail.${p}.starttls.required=true`;
  return {
    file,
    ecosystem: flavour,
    product: flavour === 'spring' ? 'Spring Boot (spring.mail)' : 'Jakarta Mail (mail.smtp.*)',
    knobs: {
      requireStartTls: requireKey,
      implicitTls:
        flavour === 'spring'
          ? 'spring.mail.port=465 with spring.mail.properties.mail.smtp.ssl.enable=true'
          : 'mail.smtp.ssl.enable=true with mail.smtp.port=465',
      verifyOn: `remove mail.${p}.ssl.trust=* (trust a specific CA through the JVM trust store instead) and mail.${p}.ssl.checkserveridentity=false`,
      port: flavour === 'spring' ? 'spring.mail.port' : `mail.${p}.port`,
      secretRef:
        flavour === 'spring'
          ? 'reference it as spring.mail.password=${MAIL_PASSWORD} and set the value in the environment (or SPRING_MAIL_PASSWORD)'
          : 'load the password from the environment instead of the properties file',
    },
    anchor,
    host: hostE ? hostSetting(file, hostE) : undefined,
    port,
    security: secSetting,
    tlsVerify: off.length ? { ...verifyOff(file, off[0]), key: fullKey(off[0]) } : undefined,
    verifyOffAlso: off.slice(1).map((e) => ({ file, line: e.line })),
    minTls,
    user,
    password,
    authIntended: flagOf(valueOf(authE)) === true || !!user || !!password,
    debug:
      debugE && flagOf(valueOf(debugE)) === true
        ? {
            value: true,
            raw: String(debugE.value),
            at: { file, line: debugE.line, column: debugE.column },
            origin: 'literal',
            key: dottedKey(debugE),
          }
        : undefined,
    ignored,
  };
}

/** Collect Spring and JavaMail blocks from any entry list (properties, YAML, env). */
export function springBlocks(file: string, entries: Entry[], rawJavaMail = false): Draft[] {
  const spring = new Map<string, Entry>();
  const javamail = new Map<string, Entry>();
  const out: Draft[] = [];
  const flush = () => {
    if (spring.size) {
      const d = springMail(file, spring, 'spring');
      if (d) out.push(d);
      spring.clear();
    }
    if (javamail.size) {
      const d = springMail(file, javamail, 'javamail');
      if (d) out.push(d);
      javamail.clear();
    }
  };
  for (const e of entries) {
    if (e.commented) continue;
    const envKey = springEnvKey(e.path.at(-1) ?? '');
    const k = envKey ?? dottedKey(e);
    const i = k.indexOf('spring.mail.');
    if (i >= 0 && (i === 0 || k[i - 1] === '.')) {
      const rel = k.slice(i + 'spring.mail.'.length);
      if (spring.has(rel)) flush();
      spring.set(rel, e);
      continue;
    }
    if (
      rawJavaMail &&
      /^mail\.(smtps?|host|user|password|transport\.protocol|debug)(\.|$)/.test(k) &&
      !k.includes('spring.')
    ) {
      if (javamail.has(k)) flush();
      javamail.set(k, e);
    }
  }
  flush();
  return out;
}
