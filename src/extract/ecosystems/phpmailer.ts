/**
 * PHPMailer (SEMANTICS.md §3), read from the property assignments on one object (`$mail->Host`,
 * `$this->mailer->SMTPSecure`...). Verified in PHPMailer's `smtpConnect()`: `Host` is a `;` list of
 * `[ssl://|tls://]host[:port]` (the prefix overrides `SMTPSecure`, the port overrides `Port`);
 * `SMTPSecure === 'ssl'` is implicit TLS, `=== 'tls'` sends STARTTLS and fails without it (required);
 * anything else (`''`, `'TLS'`, `'starttls'`) upgrades only when the server advertises STARTTLS and
 * `SMTPAutoTLS` (default true) is on (opportunistic), else plaintext. `Port` defaults to 25, `Host` to
 * localhost, `SMTPAuth` to false.
 *
 * Also home to the PHP stream-context reading shared by PHPMailer `SMTPOptions`, Nextcloud
 * `mail_smtpstreamoptions` and SwiftMailer `stream`: `['ssl' => ['verify_peer' => false, ...]]`.
 */
import type { Location, Observation, ProductKnobs, Security, Setting } from '../../model.js';
import {
  derived,
  hostSetting,
  locate,
  portSetting,
  secretSetting,
  stringSetting,
  type Draft,
} from '../build.js';
import type { Entry, Scalar } from '../formats/entry.js';
import { classifySecret } from '../secrets.js';
import { parseBool, resolveRef } from '../values.js';
import { security, unknownFromEnv, valueOf, verifyOff } from './common.js';

/** One assignment to a property or config key, its value flattened to entries `[key, ...]`. */
export interface PhpAssignment {
  key: string;
  entries: Entry[];
}

/** A call on the object (`isSMTP()`, `isMail()`, `setOAuth()`), with where it is. */
export interface PhpCall {
  name: string;
  line: number;
  column: number;
}

export interface PhpMailerObject {
  file: string;
  /** The object as written: `$mail`, `$this->mailer`. */
  object: string;
  /** Assignments in source order. */
  assignments: PhpAssignment[];
  calls: PhpCall[];
  /** `new PHPMailer(...)` was assigned to the object. */
  constructed: boolean;
}

/** PHP truthiness of a literal; for an env read with a default, how env() reads the default. */
export function phpFlag(e: Entry | undefined): boolean | undefined {
  if (!e) return undefined;
  const v: Scalar = e.value;
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const r = resolveRef(v);
  if (r.origin === 'literal') return v !== '' && v !== '0';
  if (r.origin === 'default') return parseBool(r.value ?? '');
  return undefined;
}

/** Is this entry's value a literal (or default) that is a real-looking secret? */
function literalSecret(e: Entry): boolean {
  if (typeof e.value !== 'string') return false;
  const r = resolveRef(e.value);
  return (
    (r.origin === 'literal' || r.origin === 'default') &&
    classifySecret(r.value ?? '') === 'literal'
  );
}

function isBlank(es: Entry[]): boolean {
  return es.every((e) => e.value === null || e.value === '' || e.value === false);
}

/**
 * The effective entries per key: the last assignment wins (straight-line code). Secrets are
 * different (`secretKeys`): they are often assigned in branches (`if (getenv('X_FILE')) ... else
 * ...`), and a committed literal is in the repository whichever branch runs, so the first literal
 * secret wins, else the first non-blank assignment.
 */
export function effective(
  assignments: PhpAssignment[],
  secretKeys: string[] = [],
): Map<string, Entry[]> {
  const out = new Map<string, Entry[]>();
  for (const a of assignments) {
    const prev = out.get(a.key);
    if (prev && secretKeys.includes(a.key)) {
      const prevLiteral = prev.some(literalSecret);
      const nextLiteral = a.entries.some(literalSecret);
      const replace = !prevLiteral && (nextLiteral || (isBlank(prev) && !isBlank(a.entries)));
      if (!replace) continue;
    }
    out.set(a.key, a.entries);
  }
  return out;
}

const VERIFY_OFF_KEYS: Record<string, boolean> = {
  verify_peer: false,
  verify_peer_name: false,
  allow_self_signed: true,
};

/**
 * PHP stream-context `ssl` options that turn certificate checks off (`verify_peer` /
 * `verify_peer_name` false, `allow_self_signed` true), in file order: the first is the anchor, the
 * rest are its siblings (SARIF relatedLocations).
 */
export function streamVerifyOff(
  file: string,
  entries: Entry[],
): { tlsVerify?: Setting<boolean>; verifyOffAlso?: Location[] } {
  const off: Entry[] = [];
  for (const e of entries) {
    const i = e.path.findIndex((p) => p.toLowerCase() === 'ssl');
    if (i < 0 || i !== e.path.length - 2) continue;
    const k = e.path[e.path.length - 1].toLowerCase();
    if (!(k in VERIFY_OFF_KEYS)) continue;
    if (phpFlag(e) === VERIFY_OFF_KEYS[k]) off.push(e);
  }
  if (!off.length) return {};
  off.sort((a, b) => a.line - b.line || a.column - b.column);
  const tlsVerify = verifyOff(file, off[0]);
  return {
    tlsVerify: { ...tlsVerify, key: off[0].path.join('.') },
    verifyOffAlso: off.slice(1).map((e) => locate(file, e)),
  };
}

function knobsFor(obj: string): ProductKnobs {
  return {
    requireStartTls: `${obj}->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS ('tls': PHPMailer then fails rather than send without TLS)`,
    implicitTls: `${obj}->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS ('ssl') with ${obj}->Port = 465`,
    verifyOn: `remove 'verify_peer' => false, 'verify_peer_name' => false and 'allow_self_signed' => true from ${obj}->SMTPOptions`,
    port: `${obj}->Port`,
    secretRef: `read it from the environment (${obj}->Password = getenv('SMTP_PASSWORD')) and keep the value out of the repository`,
  };
}

const SMTP_PROPS = [
  'Host',
  'Port',
  'SMTPSecure',
  'SMTPAuth',
  'SMTPAutoTLS',
  'Username',
  'Password',
  'SMTPOptions',
  'AuthType',
];
const PHPMAILER_ONLY = ['SMTPSecure', 'SMTPAuth', 'SMTPAutoTLS', 'SMTPOptions', 'SMTPDebug'];
const MODE_CALLS: Record<string, string> = {
  issmtp: 'smtp',
  ismail: 'mail',
  issendmail: 'sendmail',
  isqmail: 'qmail',
};

/** Is this object a PHPMailer that talks SMTP (or is configured to)? */
export function looksLikePhpMailer(o: PhpMailerObject): boolean {
  const props = new Set(o.assignments.map((a) => a.key));
  const smtpCall = o.calls.some((c) => c.name.toLowerCase() === 'issmtp');
  const signal = o.constructed || smtpCall || PHPMAILER_ONLY.some((p) => props.has(p));
  return signal && (smtpCall || SMTP_PROPS.some((p) => props.has(p)));
}

interface HostPart {
  prefix: '' | 'ssl' | 'tls';
  host: string;
  port?: string;
}

/** The first entry of PHPMailer's `Host` list: `[ssl://|tls://]host[:port]`. */
export function firstHost(text: string): HostPart | undefined {
  const first = text.split(';')[0].trim();
  const m = /^(?:(ssl|tls):\/\/)?(.+?)(?::(\d+))?$/.exec(first);
  if (!m) return undefined;
  return { prefix: (m[1] ?? '') as HostPart['prefix'], host: m[2], port: m[3] };
}

export function phpMailerDraft(o: PhpMailerObject): Draft | null {
  if (!looksLikePhpMailer(o)) return null;
  const file = o.file;
  const eff = effective(o.assignments, ['Password']);
  const one = (k: string): Entry | undefined => {
    const es = eff.get(k);
    return es && es.length === 1 && es[0].path.length === 1 ? es[0] : undefined;
  };
  const all = [...eff.values()].flat().sort((a, b) => a.line - b.line || a.column - b.column);
  const anchor: Location = all.length
    ? locate(file, all[0])
    : { file, line: o.calls[0]?.line ?? 1, column: o.calls[0]?.column };

  // Mode: isSMTP() / isMail() / isSendmail() / isQmail() / Mailer = '...', the last one wins.
  const modes: { mode: string; line: number; what: string }[] = [];
  for (const c of o.calls) {
    const m = MODE_CALLS[c.name.toLowerCase()];
    if (m) modes.push({ mode: m, line: c.line, what: `${o.object}->${c.name}()` });
  }
  const mailerE = one('Mailer');
  const mailerV = valueOf(mailerE)?.text?.toLowerCase();
  if (mailerE && mailerV)
    modes.push({ mode: mailerV, line: mailerE.line, what: `${o.object}->Mailer = '${mailerV}'` });
  modes.sort((a, b) => a.line - b.line);
  const lastMode = modes.at(-1);
  const active = !lastMode || lastMode.mode === 'smtp';

  // Host (first of the list) and port.
  const hostE = one('Host');
  const portE = one('Port');
  let host: Setting<string> | undefined;
  let hostPort: Setting<number> | undefined;
  let prefix: HostPart['prefix'] = '';
  if (hostE) {
    const text = typeof hostE.value === 'string' ? hostE.value : String(hostE.value ?? '');
    const r = resolveRef(text);
    const hp =
      r.origin === 'literal' || r.origin === 'default' ? firstHost(r.value ?? '') : undefined;
    if (hp) {
      prefix = hp.prefix;
      host = hostSetting(file, hostE, hp.host);
      if (r.origin === 'default' && host.origin === 'literal')
        host = { ...host, origin: 'default' };
      host = { ...host, raw: text };
      if (hp.port !== undefined) {
        hostPort = portSetting(file, hostE, hp.port);
        if (r.origin === 'default' && hostPort.origin === 'literal')
          hostPort = { ...hostPort, origin: 'default' };
      }
    } else host = hostSetting(file, hostE);
  }
  const hostDefault = !hostE;
  const port: Setting<number> =
    hostPort ??
    (portE ? portSetting(file, portE) : derived(25, 'PHPMailer default port 25', anchor));

  // Security.
  const secureE = one('SMTPSecure');
  const autoE = one('SMTPAutoTLS');
  const secureV = secureE ? valueOf(secureE) : undefined;
  const secure = secureE
    ? secureE.value === null || secureE.value === false
      ? ''
      : secureV?.text
    : '';
  const auto = autoE ? phpFlag(autoE) : true;
  const ignored: Observation[] = [];
  let sec: Setting<Security>;
  const hostFallbacks = [hostE, portE];
  if (prefix === 'ssl')
    sec = security('implicit-tls', file, hostE, [], anchor, `ssl:// prefix in Host`);
  else if (prefix === '' && secure === 'ssl')
    sec = security('implicit-tls', file, secureE, [], anchor);
  else if (prefix === 'tls')
    sec = security('starttls-required', file, hostE, [], anchor, `tls:// prefix in Host`);
  else if (secure === 'tls') sec = security('starttls-required', file, secureE, [], anchor);
  else if (secureE && secure === undefined) sec = unknownFromEnv(file, secureE);
  else if (autoE && auto === undefined) sec = unknownFromEnv(file, autoE);
  else if (auto === false)
    sec = security(
      'plain',
      file,
      autoE,
      [],
      anchor,
      `SMTPAutoTLS = false${secureE ? ` with SMTPSecure = '${secure}'` : ''}`,
    );
  else {
    sec = security(
      'starttls-opportunistic',
      file,
      secureE,
      hostFallbacks,
      anchor,
      secureE
        ? `SMTPSecure = '${secure}' (STARTTLS only if advertised: SMTPAutoTLS)`
        : 'no SMTPSecure: STARTTLS only if advertised (SMTPAutoTLS)',
    );
  }
  if (secureE && secure !== undefined && secure !== '' && secure !== 'ssl' && secure !== 'tls') {
    ignored.push({
      at: locate(file, secureE),
      message: `SMTPSecure = '${secure}' is not a value PHPMailer knows (it compares exactly with 'tls' and 'ssl'), so it is ignored: ${auto === false ? 'with SMTPAutoTLS = false the connection stays in plain text' : 'STARTTLS is used only if the server advertises it (SMTPAutoTLS)'}.`,
      fix: `Use ${o.object}->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS ('tls') for port 587, or PHPMailer::ENCRYPTION_SMTPS ('ssl') for port 465.`,
    });
  }

  // Verification, credentials, auth, debug.
  const optEntries = eff.get('SMTPOptions') ?? [];
  const verify = streamVerifyOff(file, optEntries);
  const userE = one('Username');
  const passE = one('Password');
  const user = userE ? stringSetting(file, userE) : undefined;
  const password = passE ? secretSetting(file, passE) : undefined;
  const authE = one('SMTPAuth');
  const authFlag = authE ? phpFlag(authE) : undefined;
  const authIntended =
    authFlag === true ||
    (authFlag === undefined && (!!user || (!!password && password.origin !== 'placeholder')));
  const authTypeE = one('AuthType');
  const oauthCall = o.calls.find((c) => c.name.toLowerCase() === 'setoauth');
  const authMethod = authTypeE
    ? stringSetting(file, authTypeE)
    : oauthCall
      ? derived('XOAUTH2', `${o.object}->setOAuth()`, { file, line: oauthCall.line })
      : undefined;
  const debugE = one('SMTPDebug');
  let debug: Setting<boolean> | undefined;
  if (debugE && phpFlag(debugE) === true) {
    const r = typeof debugE.value === 'string' ? resolveRef(debugE.value) : undefined;
    debug = {
      value: true,
      raw: String(debugE.raw),
      at: locate(file, debugE),
      origin: r?.origin === 'default' ? 'default' : 'literal',
      key: 'SMTPDebug',
    };
  }

  return {
    file,
    ecosystem: 'phpmailer',
    product: `PHPMailer (${o.object})`,
    knobs: knobsFor(o.object),
    anchor,
    active,
    inactiveReason: lastMode ? `${lastMode.what} sends without SMTP` : undefined,
    host:
      host ?? (hostDefault ? derived('localhost', 'PHPMailer default host', anchor) : undefined),
    port,
    security: sec,
    ...verify,
    user,
    password,
    authMethod,
    authIntended,
    debug,
    ignored,
  };
}
