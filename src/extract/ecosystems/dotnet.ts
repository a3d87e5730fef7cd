/**
 * .NET `appsettings*.json` SMTP sections. There is no standard schema: the section is recognised by
 * its keys (Host/Server, Port, EnableSsl/UseSsl/SecureSocketOptions, UserName, Password).
 * `EnableSsl` is System.Net.Mail.SmtpClient: required STARTTLS, and no implicit TLS at all.
 * `SecureSocketOptions` is MailKit (SEMANTICS.md §9).
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
import { flagOf, lower, security, unknownFromEnv, valueOf } from './common.js';

const HOST = [
  'host',
  'server',
  'smtpserver',
  'smtphost',
  'smtp',
  'mailserver',
  'hostname',
  'smtpaddress',
  'address',
];
const PORT = ['port', 'smtpport'];
const USER = [
  'username',
  'user',
  'userid',
  'login',
  'smtpuser',
  'smtpusername',
  'email',
  'sender',
  'senderemail',
  'fromemail',
  'from',
];
const PASS = ['password', 'pass', 'smtppassword', 'senderpassword', 'emailpassword', 'apikey'];

const MAILKIT: Record<string, Security> = {
  none: 'plain',
  auto: 'unknown',
  sslonconnect: 'implicit-tls',
  starttls: 'starttls-required',
  starttlswhenavailable: 'starttls-opportunistic',
};

/** `keys` maps lower-cased key names of one JSON object to entries. */
export function dotnetSmtp(
  file: string,
  keys: Map<string, Entry>,
  sectionName: string,
): Draft | null {
  const k = (names: string[]) => names.map((n) => keys.get(n)).find((e) => !!e);
  const hostE = k(HOST);
  const portE = k(PORT);
  if (!hostE || (!portE && !k(PASS))) return null;
  if (typeof hostE.value !== 'string') return null;
  const anchor = { file, line: hostE.line };
  const enableSslE = k(['enablessl']);
  const useSslE = k(['usessl', 'ssl', 'usetls', 'enabletls', 'secure']);
  const sockE = k(['securesocketoptions', 'securityoptions', 'socketoptions', 'security']);
  const port: Setting<number> = portE
    ? portSetting(file, portE)
    : derived(25, 'SmtpClient default 25', anchor);
  let sec: Setting<Security>;
  const ignored: Observation[] = [];
  if (sockE) {
    const v = valueOf(sockE);
    const t = lower(v)?.replace(/[^a-z]/g, '');
    if (t === undefined) sec = unknownFromEnv(file, sockE);
    else {
      let s: Security = MAILKIT[t] ?? 'unknown';
      if (t === 'auto') s = port.value === 465 ? 'implicit-tls' : 'starttls-opportunistic';
      sec = security(s, file, sockE, [], anchor);
    }
  } else if (enableSslE) {
    const on = flagOf(valueOf(enableSslE));
    if (on === undefined) sec = unknownFromEnv(file, enableSslE);
    else sec = security(on ? 'starttls-required' : 'plain', file, enableSslE, [], anchor);
  } else if (useSslE) {
    const on = flagOf(valueOf(useSslE));
    sec =
      on === true
        ? {
            value: 'unknown',
            raw: String(useSslE.value),
            at: { file, line: useSslE.line, column: useSslE.column },
            origin: 'literal',
            key: useSslE.path.at(-1),
          }
        : security('unknown', file, useSslE, [], anchor);
  } else sec = { value: 'unknown', raw: 'no TLS key', at: anchor, origin: 'derived' };
  const passE = k(PASS);
  const userE = k(USER);
  return {
    file,
    ecosystem: 'dotnet',
    product: `.NET settings (${sectionName})`,
    knobs: {
      requireStartTls: 'EnableSsl: true (SmtpClient) or SecureSocketOptions.StartTls (MailKit)',
      implicitTls:
        'MailKit SecureSocketOptions.SslOnConnect with port 465 (SmtpClient cannot do implicit TLS)',
      verifyOn: 'remove the ServerCertificateValidationCallback that accepts every certificate',
      port: `${sectionName}:Port`,
      secretRef: `move it to dotnet user-secrets or the environment variable ${sectionName}__Password instead of appsettings.json`,
    },
    anchor,
    host: hostSetting(file, hostE),
    port,
    security: sec,
    user: userE ? stringSetting(file, userE) : undefined,
    password: passE ? secretSetting(file, passE) : undefined,
    ignored,
  };
}
