/**
 * Gitea / Forgejo mailer: `app.ini` `[mailer]`, env `GITEA__mailer__KEY`, and custom env prefixes
 * that feed them (`GITEA_APP_MAILER_SMTP_ADDR`). SEMANTICS.md §10: port and protocol infer each
 * other; smtp+starttls is opportunistic; any other port without PROTOCOL means smtps.
 */
import type { Observation, Security, Setting } from '../../model.js';
import {
  derived,
  hostSetting,
  portSetting,
  secretSetting,
  stringSetting,
  type Draft,
} from '../build.js';
import type { Entry } from '../formats/entry.js';
import { splitHostPort } from '../values.js';
import { flagOf, lower, security, unknownFromEnv, valueOf, verifyOff } from './common.js';
import type { Group } from './group.js';

/** Read Gitea mailer keys through `name(KEY)`, e.g. `GITEA__mailer__` + KEY, or the bare key in [mailer]. */
export function giteaMailer(
  g: Group,
  name: (key: string) => string,
  product: string,
): Draft | null {
  const get = (k: string) => g.get(name(k));
  const hostE = get('SMTP_ADDR');
  const legacyHostE = hostE ? undefined : get('HOST');
  const portE = get('SMTP_PORT');
  const protoE = get('PROTOCOL');
  if (!hostE && !legacyHostE && !protoE && !portE) return null;
  const enabledE = get('ENABLED');
  const isTlsE = get('IS_TLS_ENABLED');
  const trustE = get('FORCE_TRUST_SERVER_CERT') ?? get('SKIP_VERIFY');
  const anchor = g.firstAt([hostE, legacyHostE, portE, protoE]);
  let host: Setting<string> | undefined = hostE ? hostSetting(g.file, hostE) : undefined;
  let port: Setting<number> | undefined = portE ? portSetting(g.file, portE) : undefined;
  if (legacyHostE) {
    const v = valueOf(legacyHostE);
    if (v?.text !== undefined) {
      const hp = splitHostPort(v.text);
      host = hostSetting(g.file, legacyHostE, hp.host);
      if (!port && hp.port) port = portSetting(g.file, legacyHostE, hp.port);
    } else host = hostSetting(g.file, legacyHostE);
  }
  const pv = valueOf(protoE);
  let proto = lower(pv);
  let decided: Entry | undefined = protoE;
  const ignored: Observation[] = [];
  if (!protoE && isTlsE) {
    proto = flagOf(valueOf(isTlsE)) ? 'smtps' : 'smtp+starttls';
    decided = isTlsE;
  }
  if (proto === 'smtp+startls') proto = 'smtp+starttls';
  let secSetting: Setting<Security> | undefined;
  if (protoE && pv?.text === undefined) secSetting = unknownFromEnv(g.file, protoE);
  const p = port?.value;
  if (!proto && !secSetting) {
    if (p === 25) proto = 'smtp';
    else if (p === 465) proto = 'smtps';
    else if (p === 587) proto = 'smtp+starttls';
    else if (p !== undefined) {
      proto = 'smtps';
      ignored.push({
        at: port!.at,
        message: `No PROTOCOL with port ${p}: Gitea assumes smtps (implicit TLS) for any port other than 25, 465 and 587 and logs an error.`,
        fix: `Set PROTOCOL explicitly (smtp+starttls for a STARTTLS port such as ${p}).`,
      });
    }
  }
  if (!port && proto && !secSetting) {
    const d =
      proto === 'smtps' ? 465 : proto === 'smtp+starttls' ? 587 : proto === 'smtp' ? 25 : undefined;
    if (d) port = derived(d, `Gitea default for ${proto}`, anchor);
  }
  if (!secSetting) {
    const sec: Security =
      proto === 'smtps'
        ? 'implicit-tls'
        : proto === 'smtp+starttls'
          ? 'starttls-opportunistic'
          : proto === 'smtp'
            ? 'plain'
            : 'unknown';
    secSetting = security(sec, g.file, decided, [hostE ?? legacyHostE, portE], anchor);
  }
  const proto2 = proto ?? '';
  const inactive =
    (enabledE && flagOf(valueOf(enabledE)) === false) ||
    ['sendmail', 'dummy', 'smtp+unix'].includes(proto2);
  return {
    file: g.file,
    ecosystem: 'gitea',
    product,
    knobs: {
      requireStartTls: null,
      implicitTls: `${name('PROTOCOL')}=smtps with ${name('SMTP_PORT')}=465`,
      verifyOn: `remove ${name('FORCE_TRUST_SERVER_CERT')}`,
      port: name('SMTP_PORT'),
      secretRef: `keep ${name('PASSWD')} out of committed files (reference a secret set outside the repository)`,
    },
    anchor,
    active: !inactive,
    inactiveReason: inactive ? 'the mailer is disabled or not SMTP' : undefined,
    host,
    port,
    security: secSetting,
    tlsVerify: trustE && flagOf(valueOf(trustE)) ? verifyOff(g.file, trustE) : undefined,
    user: get('USER') ? stringSetting(g.file, g.peek(name('USER')) as Entry) : undefined,
    password: get('PASSWD') ? secretSetting(g.file, g.peek(name('PASSWD')) as Entry) : undefined,
    ignored,
  };
}

/** Env forms: `GITEA__mailer__KEY` and any `<PREFIX>MAILER_SMTP_ADDR`-style family. */
export function giteaEnv(g: Group): Draft[] {
  const out: Draft[] = [];
  const prefixes = new Set<string>();
  for (const key of g.keys()) {
    const m = /^(.*?MAILER_{1,2})(SMTP_ADDR|PROTOCOL)$/.exec(key);
    if (m) prefixes.add(m[1]);
  }
  for (const prefix of prefixes) {
    const d = giteaMailer(
      g,
      (k) => prefix + k,
      prefix.startsWith('GITEA__') ? 'Gitea (GITEA__mailer__*)' : `Gitea mailer (${prefix}*)`,
    );
    if (d) out.push(d);
  }
  return out;
}
