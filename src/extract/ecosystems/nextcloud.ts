/**
 * Nextcloud `config/config.php` (SEMANTICS.md §4): `$CONFIG = array(...)` plus any
 * `$CONFIG['mail_smtp...'] = ...` assignments. Read with the newest Nextcloud (Symfony Mailer, 26+),
 * verified in nextcloud/server `lib/private/Mail/Mailer.php` (@007be83a):
 * - `getInstance()` switches on `mail_smtpmode`: only `'sendmail'` leaves SMTP; `'smtp'` and every
 *   other value (`'php'`, `'qmail'`...) fall to the default branch, SMTP;
 * - `new EsmtpTransport(mail_smtphost ?? '127.0.0.1', mail_smtpport ?? 25, mail_smtpsecure === 'ssl'
 *   ? true : null)`: 'ssl' is implicit TLS; anything else lets Symfony decide (implicit TLS on 465,
 *   otherwise STARTTLS if the server advertises it, which Nextcloud cannot require);
 * - `mail_smtpauth` (bool) gates `mail_smtpname` / `mail_smtppassword`;
 * - `mail_smtpstreamoptions` is merged into the stream options (`['ssl' => ['verify_peer' => false]]`).
 * Before 26 (SwiftMailer), 'tls' required STARTTLS and an empty value meant no STARTTLS at all.
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
import { security, unknownFromEnv, valueOf } from './common.js';
import { effective, phpFlag, streamVerifyOff, type PhpAssignment } from './phpmailer.js';

export const NEXTCLOUD_KNOBS: ProductKnobs = {
  requireStartTls: null,
  implicitTls: "'mail_smtpsecure' => 'ssl' with 'mail_smtpport' => 465",
  verifyOn:
    "remove 'verify_peer' => false, 'verify_peer_name' => false and 'allow_self_signed' => true from 'mail_smtpstreamoptions'",
  port: "'mail_smtpport'",
  secretRef:
    "keep 'mail_smtppassword' out of the committed config.php (set it with the NC_mail_smtppassword environment variable or `occ config:system:set`)",
};

/** Keys that say the file configures SMTP (a bare `mail_smtpmode` does not). */
const SMTP_KEYS = [
  'mail_smtphost',
  'mail_smtpport',
  'mail_smtpsecure',
  'mail_smtpauth',
  'mail_smtpname',
  'mail_smtppassword',
  'mail_smtpstreamoptions',
];

export function nextcloudDraft(file: string, assignments: PhpAssignment[]): Draft | null {
  if (!assignments.some((a) => SMTP_KEYS.includes(a.key))) return null;
  const eff = effective(assignments, ['mail_smtppassword']);
  const one = (k: string): Entry | undefined => {
    const es = eff.get(k);
    return es && es.length === 1 && es[0].path.length === 1 ? es[0] : undefined;
  };
  const modeE = one('mail_smtpmode');
  const hostE = one('mail_smtphost');
  const portE = one('mail_smtpport');
  const secureE = one('mail_smtpsecure');
  const authE = one('mail_smtpauth');
  const firstSmtp = SMTP_KEYS.flatMap((k) => eff.get(k) ?? []).sort(
    (a, b) => a.line - b.line || a.column - b.column,
  )[0];
  const anchor = locate(file, hostE ?? portE ?? firstSmtp);
  const ignored: Observation[] = [];

  const mode = valueOf(modeE)?.text?.trim();
  const active = mode !== 'sendmail';
  if (modeE && mode !== undefined && mode !== 'smtp' && mode !== 'sendmail') {
    ignored.push({
      at: locate(file, modeE),
      message: `'mail_smtpmode' => '${mode}' is not a mode Nextcloud still knows: only 'sendmail' leaves SMTP, so every other value falls back to SMTP with the mail_smtp* settings below (assumed the newest Nextcloud).`,
      fix: "Set 'mail_smtpmode' => 'smtp' (or 'sendmail' if the local MTA should deliver).",
    });
  }

  const port = portE ? portSetting(file, portE) : derived(25, 'Nextcloud default port 25', anchor);
  const host = hostE
    ? hostSetting(file, hostE)
    : derived('127.0.0.1', 'Nextcloud default host 127.0.0.1', anchor);
  const sv = secureE ? valueOf(secureE) : undefined;
  const secure = secureE ? (secureE.value === null ? '' : sv?.text) : '';
  let sec: Setting<Security>;
  if (secure === 'ssl') sec = security('implicit-tls', file, secureE, [], anchor);
  else if (port.value === 465)
    sec = security(
      'implicit-tls',
      file,
      undefined,
      [portE, hostE],
      anchor,
      'port 465: Symfony Mailer uses implicit TLS',
    );
  else if (secureE && secure === undefined) sec = unknownFromEnv(file, secureE);
  else if (port.value === undefined && port.origin !== 'derived')
    sec = {
      value: 'unknown',
      raw: 'implicit TLS if the port is 465, otherwise STARTTLS if advertised',
      at: port.at,
      origin: port.origin,
      key: port.key,
    };
  else
    sec = security(
      'starttls-opportunistic',
      file,
      secureE,
      [hostE, portE],
      anchor,
      secureE
        ? `'mail_smtpsecure' => '${secure}' is ignored: STARTTLS only if advertised`
        : 'no mail_smtpsecure: STARTTLS only if advertised (Nextcloud cannot require it)',
    );
  if (secureE && secure !== undefined && secure !== '' && secure !== 'ssl') {
    const on465 = port.value === 465;
    ignored.push({
      at: locate(file, secureE),
      message:
        secure.toLowerCase() === 'tls'
          ? `'mail_smtpsecure' => 'tls' is silently ignored since Nextcloud 26 (Symfony Mailer): ${on465 ? 'port 465 gives implicit TLS anyway' : 'STARTTLS is used only if the server advertises it and cannot be enforced'}. Nextcloud 25 and older (SwiftMailer) required STARTTLS with it. Assumed the newest Nextcloud.`
          : `'mail_smtpsecure' => '${secure}' is not 'ssl', so Nextcloud ignores it: ${on465 ? 'port 465 gives implicit TLS' : 'STARTTLS is used only if the server advertises it'}.`,
      fix: "Remove the value (Nextcloud cannot require STARTTLS); for guaranteed encryption use 'mail_smtpsecure' => 'ssl' with 'mail_smtpport' => 465.",
    });
  }

  const verify = streamVerifyOff(file, eff.get('mail_smtpstreamoptions') ?? []);
  const userE = one('mail_smtpname');
  const passE = one('mail_smtppassword');
  const user = userE ? stringSetting(file, userE) : undefined;
  const password = passE ? secretSetting(file, passE) : undefined;
  const authFlag = authE ? phpFlag(authE) : false;
  const typeE = one('mail_smtpauthtype');
  return {
    file,
    ecosystem: 'nextcloud',
    product: 'Nextcloud config.php (26+ assumed: Symfony Mailer)',
    knobs: NEXTCLOUD_KNOBS,
    anchor,
    active,
    inactiveReason: active ? undefined : "'mail_smtpmode' => 'sendmail'",
    host,
    port,
    security: sec,
    ...verify,
    user,
    password,
    authMethod: typeE ? stringSetting(file, typeE) : undefined,
    authIntended:
      authFlag === true ||
      (authFlag === undefined && (!!user || (!!password && password.origin !== 'placeholder'))),
    ignored,
  };
}
