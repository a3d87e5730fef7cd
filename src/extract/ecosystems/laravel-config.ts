/**
 * Laravel `config/mail.php` (SEMANTICS.md §2), the array the file returns, in its two layouts:
 *
 * - Laravel ≥ 7: `'default' => env('MAIL_MAILER', ...)` and `'mailers' => ['smtp' => ['transport' =>
 *   'smtp', 'host' => ..., 'port' => ..., 'encryption' | 'scheme' => ..., 'url' => ...]]`. Each smtp
 *   mailer is read by `laravelEnv` (Laravel 9+ on Symfony Mailer, the newest version, as assumed by
 *   the policy) through a Group whose keys are Laravel's env names, located at the config keys.
 *   `'verify_peer' => false` in the mailer is a DSN option: verification off. A mailer that is not
 *   the default mailer is inactive.
 * - Laravel ≤ 6: top-level `'driver'`, `'host'`, `'port'`, `'encryption'`, `'username'`,
 *   `'password'`, `'stream'`. The layout is the version evidence: SwiftMailer semantics. Verified in
 *   swiftmailer/swiftmailer `Swift_Transport_EsmtpTransport` (5.x @0169ca90, 6.0 @5e58f2e7, 6.2):
 *   `setEncryption('tls')` sets `params['tls']`, and `doHeloCommand()` then sends STARTTLS
 *   unconditionally and throws when it fails (required STARTTLS); any other value becomes the
 *   stream transport (`ssl://`: implicit TLS); no encryption sends no STARTTLS at all (plaintext).
 *   Laravel's TransportManager passes `'stream'` to `setStreamOptions()`.
 */
import type { Observation, ProductKnobs, Security, Setting } from '../../model.js';
import {
  derived,
  hostSetting,
  locate,
  portSetting,
  secretSetting,
  stringSetting,
  type Draft,
} from '../build.js';
import type { Entry } from '../formats/entry.js';
import { resolveRef } from '../values.js';
import { security, unknownFromEnv, valueOf, verifyOff } from './common.js';
import { dsnEndpoint, looksLikeSmtpUrl } from './dsn.js';
import { LARAVEL_KNOBS, laravelEnv } from './env-families.js';
import { Group } from './group.js';
import { phpFlag, streamVerifyOff } from './phpmailer.js';

const ENV_NAMES: Record<string, string> = {
  host: 'MAIL_HOST',
  port: 'MAIL_PORT',
  encryption: 'MAIL_ENCRYPTION',
  scheme: 'MAIL_SCHEME',
  username: 'MAIL_USERNAME',
  password: 'MAIL_PASSWORD',
  url: 'MAIL_URL',
};

const SWIFT_KNOBS: ProductKnobs = {
  requireStartTls:
    "'encryption' => 'tls' (SwiftMailer then sends STARTTLS and fails without it) with 'port' => 587",
  implicitTls: "'encryption' => 'ssl' with 'port' => 465",
  verifyOn: "remove 'verify_peer' => false (and its siblings) from 'stream' => ['ssl' => [...]]",
  port: "'port' in config/mail.php (MAIL_PORT)",
  secretRef:
    "'password' => env('MAIL_PASSWORD'), with MAIL_PASSWORD set from a secret, never in committed files",
};

const top = (entries: Entry[], key: string): Entry | undefined =>
  entries.find((e) => e.path.length === 1 && e.path[0] === key);

/** A config value of PHP `null` (or an empty env read) means "not set" to Laravel. */
function isUnset(e: Entry | undefined): boolean {
  return !e || e.value === null;
}

/** An env read without a default (`env('MAIL_SCHEME')`): null when the variable is unset. */
function envWithoutDefault(e: Entry): boolean {
  return typeof e.value === 'string' && resolveRef(e.value).origin === 'env';
}

function textOf(e: Entry | undefined): string | undefined {
  return valueOf(e)?.text?.trim().toLowerCase();
}

export function laravelConfigDrafts(file: string, entries: Entry[]): Draft[] {
  const out: Draft[] = [];
  const mailerNames = [
    ...new Set(
      entries.filter((e) => e.path[0] === 'mailers' && e.path.length >= 3).map((e) => e.path[1]),
    ),
  ];
  if (mailerNames.length) {
    for (const name of mailerNames) {
      const d = modernMailer(file, entries, name);
      if (d) out.push(d);
    }
    return out;
  }
  if (top(entries, 'driver') && (top(entries, 'host') || top(entries, 'port'))) {
    const d = legacyConfig(file, entries);
    if (d) out.push(d);
  }
  return out;
}

/** Laravel ≥ 7 `mailers.<name>` with transport smtp, read with Laravel 9+ semantics. */
function modernMailer(file: string, entries: Entry[], name: string): Draft | null {
  const mine = entries.filter((e) => e.path[0] === 'mailers' && e.path[1] === name);
  const direct = (k: string) => mine.find((e) => e.path.length === 3 && e.path[2] === k);
  const transport = textOf(direct('transport'));
  if (transport !== undefined ? transport !== 'smtp' : name !== 'smtp') return null;
  const defaultE = top(entries, 'default');
  const product = direct('scheme')
    ? 'Laravel 11+ config/mail.php (Symfony Mailer)'
    : 'Laravel config/mail.php (Laravel 9+ assumed: Symfony Mailer)';

  // Active: the default mailer, or a failover/roundrobin default that lists it.
  const def = defaultE ? valueOf(defaultE)?.text?.trim() : undefined;
  let active = def === undefined || def === name;
  if (!active && def) {
    const listed = entries.filter(
      (e) =>
        e.path[0] === 'mailers' && e.path[1] === def && e.path[2] === 'mailers' && e.value === name,
    );
    active = listed.length > 0;
  }
  const envName =
    defaultE && typeof defaultE.value === 'string' ? resolveRef(defaultE.value).ref : undefined;
  const inactiveReason = active
    ? undefined
    : `the default mailer is '${def}', so mailers.${name} is used only when chosen explicitly${envName && name === 'smtp' ? ` (or with ${envName}=smtp)` : ''}`;

  // The URL overrides the fields when it has a value (Laravel parses it into the config).
  const urlE = direct('url');
  const urlText = urlE ? valueOf(urlE)?.text : undefined;
  let draft: Draft | null = null;
  if (urlE && urlText && looksLikeSmtpUrl(urlText)) {
    draft = dsnEndpoint(String(urlE.value), locate(file, urlE), 'url', 'symfony');
    if (draft) draft = { ...draft, ecosystem: 'laravel', knobs: LARAVEL_KNOBS };
  }
  if (!draft) {
    const groupEntries: Entry[] = [];
    if (defaultE) groupEntries.push(defaultE);
    for (const e of mine) {
      if (e.path.length !== 3 || !(e.path[2] in ENV_NAMES)) continue;
      const k = e.path[2];
      if ((k === 'username' || k === 'password' || k === 'encryption') && isUnset(e)) continue;
      // `'scheme' => env('MAIL_SCHEME')`: null when unset, which means smtps only on port 465.
      if (k === 'scheme' && (isUnset(e) || envWithoutDefault(e))) continue;
      if (k === 'url') continue;
      groupEntries.push(e);
    }
    const keyOf = (e: Entry) =>
      e === defaultE ? 'MAIL_MAILER' : (ENV_NAMES[e.path[2]] ?? e.path.join('.'));
    const g = new Group(file, groupEntries, keyOf);
    draft =
      g.has('MAIL_MAILER') || g.has('MAIL_ENCRYPTION') || g.has('MAIL_SCHEME')
        ? laravelEnv(g)
        : laravelEnv(
            new Group(
              file,
              [...groupEntries, { ...(direct('host') ?? mine[0]), path: ['marker'] }],
              (e) => (e.path[0] === 'marker' ? 'MAIL_FROM_ADDRESS' : keyOf(e)),
            ),
          );
    if (!draft) return null;
    draft = {
      ...draft,
      ignored: (draft.ignored ?? []).map((o) => ({
        ...o,
        message: o.message.replace(/^MAIL_ENCRYPTION=ssl/, "'encryption' => 'ssl'"),
      })),
    };
  }

  // Verification: `'verify_peer' => false` is a Symfony DSN option; `'stream'` is SwiftMailer's.
  const vp = direct('verify_peer');
  const ignored: Observation[] = [...(draft.ignored ?? [])];
  let tlsVerify: Setting<boolean> | undefined = draft.tlsVerify;
  if (vp && phpFlag(vp) === false) tlsVerify = verifyOff(file, vp);
  const stream = streamVerifyOff(
    file,
    mine.filter((e) => e.path[2] === 'stream'),
  );
  if (stream.tlsVerify) {
    ignored.push({
      at: stream.tlsVerify.at,
      message: `'stream' => ['ssl' => [...]] in mailers.${name} is a SwiftMailer option: Laravel 9+ (Symfony Mailer) ignores it, so certificates are still verified. Laravel 7/8 honoured it and turned verification off. Assumed the newest Laravel.`,
      fix: "Remove the 'stream' block; if the server's certificate is self-signed, trust its CA (or, knowingly, use 'verify_peer' => false).",
      related: stream.verifyOffAlso,
    });
  }
  return {
    ...draft,
    ecosystem: 'laravel',
    product,
    knobs: LARAVEL_KNOBS,
    active,
    inactiveReason,
    tlsVerify,
    ignored,
  };
}

/** Laravel ≤ 6 top-level config, read with SwiftMailer semantics. */
function legacyConfig(file: string, entries: Entry[]): Draft | null {
  const driverE = top(entries, 'driver');
  const hostE = top(entries, 'host');
  const portE = top(entries, 'port');
  const encE = top(entries, 'encryption');
  const userE = isUnset(top(entries, 'username')) ? undefined : top(entries, 'username');
  const passE = isUnset(top(entries, 'password')) ? undefined : top(entries, 'password');
  const pretendE = top(entries, 'pretend');
  const anchor = locate(file, (hostE ?? portE ?? driverE) as Entry);
  const driver = textOf(driverE);
  let active = driver === undefined || driver === 'smtp';
  let inactiveReason = active
    ? undefined
    : `'driver' => '${driver}', so the SMTP settings are not used`;
  if (active && pretendE && phpFlag(pretendE) === true) {
    active = false;
    inactiveReason = "'pretend' => true: mail is written to the log, not sent";
  }
  const port = portE
    ? portSetting(file, portE)
    : derived(25, 'SwiftMailer default port 25', anchor);
  const enc = encE && !isUnset(encE) ? valueOf(encE) : undefined;
  const encText = enc?.text?.trim().toLowerCase();
  const ignored: Observation[] = [];
  const weakTls: Observation[] = [];
  let sec: Setting<Security>;
  if (enc && encText === undefined) sec = unknownFromEnv(file, encE as Entry);
  else if (!encText)
    sec = security(
      'plain',
      file,
      encE,
      [hostE, portE],
      anchor,
      encE
        ? "'encryption' empty: SwiftMailer sends no STARTTLS at all"
        : "no 'encryption': SwiftMailer sends no STARTTLS at all",
    );
  else if (encText === 'tls')
    sec = security(
      'starttls-required',
      file,
      encE,
      [],
      anchor,
      "'encryption' => 'tls' (SwiftMailer: STARTTLS or fail)",
    );
  else if (/^(ssl|sslv[23]|tlsv1\.[0-3])$/.test(encText)) {
    sec = security(
      'implicit-tls',
      file,
      encE,
      [],
      anchor,
      `'encryption' => '${encText}' (SwiftMailer: ${encText}:// from the first byte)`,
    );
    if (/^(sslv[23]|tlsv1\.[01])$/.test(encText))
      weakTls.push({
        at: locate(file, encE as Entry),
        message: `'encryption' => '${encText}' pins ${encText.toUpperCase()}, an obsolete protocol version.`,
        fix: "Use 'encryption' => 'ssl' (negotiates the best version) or 'tls' on port 587.",
      });
  } else {
    sec = {
      value: 'unknown',
      raw: String(encE?.raw),
      at: locate(file, encE as Entry),
      origin: 'literal',
      key: 'encryption',
    };
    ignored.push({
      at: locate(file, encE as Entry),
      message: `'encryption' => '${encText}' is not 'tls' or 'ssl': SwiftMailer uses it as the PHP stream transport ${encText}://, which PHP does not know, so the connection fails.`,
      fix: "Use 'encryption' => 'tls' with port 587, or 'ssl' with port 465.",
    });
  }
  const verify = streamVerifyOff(
    file,
    entries.filter((e) => e.path[0] === 'stream'),
  );
  const user = userE ? stringSetting(file, userE) : undefined;
  return {
    file,
    ecosystem: 'laravel',
    product: 'Laravel ≤6 config/mail.php (SwiftMailer)',
    knobs: SWIFT_KNOBS,
    anchor,
    active,
    inactiveReason,
    host: hostE ? hostSetting(file, hostE) : undefined,
    port,
    security: sec,
    ...verify,
    user,
    password: passE ? secretSetting(file, passE) : undefined,
    authIntended: !!user,
    ignored,
    weakTls,
  };
}
