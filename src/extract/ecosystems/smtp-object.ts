/**
 * A mapping named like a mail block (Helm values `smtp:`, `mastodon.smtp`, GitLab chart
 * `global.smtp`, Alertmanager `email_configs`, app configs `mail:`), read with the Rails/mail-gem
 * flags where they appear (enable_starttls_auto, tls, openssl_verify_mode), Alertmanager's
 * `smarthost`/`require_tls`, or nodemailer's `secure`; otherwise the security stays unknown.
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
import {
  flagOf,
  isVerifyNone,
  lower,
  railsSecurity,
  security,
  unknownFromEnv,
  valueOf,
  verifyOff,
} from './common.js';

const canon = (s: string) => s.toLowerCase().replace(/[^a-z0-9.]/g, '');

const HOST = [
  'host',
  'server',
  'address',
  'smtphost',
  'smtpserver',
  'smtpaddress',
  'hostname',
  'smarthost',
  'relayhost',
  'smtpsmarthost',
  'smtp',
];
const PORT = ['port', 'smtpport'];
const USER = [
  'user',
  'username',
  'login',
  'smtpuser',
  'smtpusername',
  'authusername',
  'smtpauthusername',
];
const PASS = [
  'password',
  'pass',
  'passwd',
  'smtppassword',
  'authpassword',
  'smtpauthpassword',
  'password.secret',
  'existingsecret',
];

export function isMailName(name: string): boolean {
  return /smtp|mail|email|smarthost|relay/i.test(name);
}

/** `keys` maps canonical relative dotted paths (lower-case, no separators) to entries. */
export function smtpObject(file: string, keys: Map<string, Entry>, context: string): Draft | null {
  const k = (names: string[]) => names.map((n) => keys.get(n)).find((e) => !!e);
  const hostE = k(HOST);
  if (!hostE || (hostE.value !== null && typeof hostE.value !== 'string')) return null;
  const portE = k(PORT);
  const userE = k(USER);
  const passE = k(PASS);
  const tlsKeys = [
    'enablestarttlsauto',
    'starttlsauto',
    'enablestarttls',
    'tls',
    'ssl',
    'secure',
    'requiretls',
    'starttls',
    'security',
    'encryption',
    'usessl',
    'usetls',
    'forcetls',
  ];
  const tlsE = k(tlsKeys);
  if (!portE && !userE && !passE && !tlsE) return null;
  const anchor = { file, line: hostE.line };
  const isAlertmanager = keys.has('smarthost') || keys.has('smtpsmarthost');
  const ctx = context.toLowerCase();
  const railsy =
    [
      'enablestarttlsauto',
      'starttlsauto',
      'enablestarttls',
      'opensslverifymode',
      'authentication',
    ].some((n) => keys.has(n)) || /mastodon|gitlab|discourse|rails|action_?mailer/.test(ctx);
  let host: Setting<string> = hostSetting(file, hostE);
  let port: Setting<number> | undefined = portE ? portSetting(file, portE) : undefined;
  const hv = valueOf(hostE);
  if (hv?.text && !portE) {
    const hp = splitHostPort(hv.text);
    if (hp.port) {
      host = hostSetting(file, hostE, hp.host);
      port = portSetting(file, hostE, hp.port);
    }
  }
  let sec: Setting<Security>;
  const conflicts: Observation[] = [];
  const flag = (n: string) => flagOf(valueOf(keys.get(n)));
  if (isAlertmanager) {
    const req = keys.get('requiretls') ?? keys.get('smtprequiretls');
    const on = req ? flagOf(valueOf(req)) : true;
    sec =
      port?.value === 465
        ? security('implicit-tls', file, hostE, [], anchor, 'port 465')
        : security(
            on === false ? 'plain' : 'starttls-required',
            file,
            req,
            [hostE],
            anchor,
            req ? undefined : 'require_tls defaults to true',
          );
  } else if (tlsE && valueOf(tlsE)?.text === undefined) {
    sec = unknownFromEnv(file, tlsE);
  } else if (railsy) {
    const stRaw = lower(valueOf(keys.get('enablestarttls')));
    const st = stRaw === 'always' || flag('enablestarttls') === true;
    const stNever = stRaw === 'never';
    const autoE = keys.get('enablestarttlsauto') ?? keys.get('starttlsauto');
    const tlsOn = flag('tls') === true || flag('ssl') === true;
    const s = railsSecurity({
      tls: tlsOn,
      starttls: st,
      starttlsAuto: stNever ? false : autoE ? flagOf(valueOf(autoE)) : true,
    });
    const decided = tlsOn
      ? (keys.get('tls') ?? keys.get('ssl'))
      : (keys.get('enablestarttls') ?? autoE);
    if (tlsOn && ((autoE && flagOf(valueOf(autoE)) === true) || st)) {
      const tlsKey = (keys.get('tls') ?? keys.get('ssl')) as Entry;
      const other = (st ? keys.get('enablestarttls') : autoE) as Entry;
      conflicts.push({
        at: { file, line: other.line, column: other.column },
        message: `${tlsKey.path.at(-1)}: true (implicit TLS) together with ${other.path.at(-1)}: true (STARTTLS): the mail gem 2.8+ raises "ArgumentError: :enable_starttls and :tls are mutually exclusive" (GitLab 15.11+ fails to send).`,
        fix: `Keep one: ${tlsKey.path.at(-1)}: true with port 465 and ${other.path.at(-1)}: false, or STARTTLS on 587 without ${tlsKey.path.at(-1)}.`,
        related: [{ file, line: tlsKey.line }],
      });
    }
    sec = security(s, file, decided, [hostE, portE], anchor);
    if (!port) port = derived(s === 'implicit-tls' ? undefined : 25, 'mail gem default 25', anchor);
  } else if (keys.has('secure')) {
    const v = flag('secure');
    sec = security(
      v ? 'implicit-tls' : port?.value === 465 ? 'implicit-tls' : 'starttls-opportunistic',
      file,
      keys.get('secure'),
      [],
      anchor,
    );
  } else if (tlsE) {
    const t = lower(valueOf(tlsE));
    const implicit =
      ['ssl', 'smtps', 'implicit', 'force_tls'].includes(t ?? '') ||
      (['ssl', 'usessl', 'forcetls'].includes(canon(tlsE.path.at(-1) ?? '')) &&
        flagOf(valueOf(tlsE)) === true);
    sec = implicit
      ? security('implicit-tls', file, tlsE, [], anchor)
      : {
          value: 'unknown',
          raw: tlsE.raw,
          at: { file, line: tlsE.line, column: tlsE.column },
          origin: 'literal',
          key: tlsE.path.at(-1),
        };
  } else sec = { value: 'unknown', raw: 'no TLS key', at: anchor, origin: 'derived' };

  const offKeys = [
    'opensslverifymode',
    'skipverify',
    'insecureskipverify',
    'tlsconfig.insecureskipverify',
    'ignorecert',
    'tlsskipverify',
    'tls.rejectunauthorized',
    'rejectunauthorized',
    'verifypeer',
    'verify',
    'sslverify',
  ];
  const off = offKeys
    .map((n) => keys.get(n))
    .filter((e): e is Entry => {
      if (!e) return false;
      const name = canon(e.path.at(-1) ?? '');
      const v = valueOf(e);
      if (name === 'opensslverifymode') return isVerifyNone(v?.text);
      if (['rejectunauthorized', 'verifypeer', 'verify', 'sslverify'].includes(name))
        return flagOf(v) === false;
      return flagOf(v) === true;
    })
    .sort((a, b) => a.line - b.line);
  const name = context.split('.').slice(-2).join('.');
  const enabledE = keys.get('enabled') ?? keys.get('enable');
  const enabled = enabledE ? flagOf(valueOf(enabledE)) : undefined;
  return {
    active: enabled !== false,
    inactiveReason: enabledE ? `${enabledE.path.at(-1)}: false` : undefined,
    conflicts,
    file,
    ecosystem: isAlertmanager ? 'alertmanager' : railsy ? 'rails-style' : 'config',
    product: isAlertmanager ? 'Alertmanager email_configs' : `settings block ${name}`,
    knobs: {
      requireStartTls: isAlertmanager
        ? 'require_tls: true'
        : /mastodon/.test(ctx)
          ? 'enable_starttls: always'
          : railsy
            ? /gitlab|discourse/.test(ctx)
              ? null
              : 'enable_starttls: true'
            : null,
      implicitTls: railsy ? 'tls: true with port 465' : 'implicit TLS on port 465',
      verifyOn: 'remove the setting that disables certificate verification',
      port: portE ? String(portE.path.at(-1)) : 'port',
      secretRef: 'reference an existing Kubernetes Secret or CI secret instead of a literal',
    },
    anchor,
    host,
    port,
    security: sec,
    tlsVerify: off.length ? verifyOff(file, off[0]) : undefined,
    verifyOffAlso: off.slice(1).map((e) => ({ file, line: e.line })),
    user: userE ? stringSetting(file, userE) : undefined,
    password: passE
      ? canon(passE.path.join('.')).endsWith('secret')
        ? { raw: String(passE.value), at: { file, line: passE.line }, origin: 'secret' }
        : secretSetting(file, passE)
      : undefined,
    authIntended: !!userE || !!passE || lower(valueOf(keys.get('authentication'))) !== undefined,
  };
}
