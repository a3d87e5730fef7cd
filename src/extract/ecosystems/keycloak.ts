/**
 * Keycloak realm `smtpServer` (realm JSON export, KeycloakRealmImport CR YAML). All values are
 * strings; `ssl: "true"` is implicit TLS, `starttls: "true"` is opportunistic (Keycloak never sets
 * `.required`); no port means Jakarta's 25 (SEMANTICS.md §7).
 */
import type { Security } from '../../model.js';
import {
  derived,
  hostSetting,
  portSetting,
  secretSetting,
  stringSetting,
  type Draft,
} from '../build.js';
import type { Entry } from '../formats/entry.js';
import { flagOf, security, valueOf } from './common.js';

export function keycloakSmtp(file: string, keys: Map<string, Entry>): Draft | null {
  const k = (n: string) => keys.get(n);
  const hostE = k('host');
  const portE = k('port');
  if (!hostE && !portE) return null;
  const all = [...keys.values()].sort((a, b) => a.line - b.line);
  const anchor = { file, line: (hostE ?? all[0]).line };
  const sslE = k('ssl');
  const stE = k('starttls');
  const ssl = flagOf(valueOf(sslE)) === true;
  const st = flagOf(valueOf(stE)) === true;
  const sec: Security = ssl ? 'implicit-tls' : st ? 'starttls-opportunistic' : 'plain';
  const decided = ssl ? sslE : st ? stE : (stE ?? sslE);
  const portSet = portE ? portSetting(file, portE) : undefined;
  const port =
    portSet && portSet.origin !== 'placeholder'
      ? portSet
      : portE
        ? portSet
        : derived(ssl ? 465 : 25, 'Jakarta Mail default', anchor);
  const authE = k('auth');
  const userE = k('user');
  const passE = k('password');
  return {
    file,
    ecosystem: 'keycloak',
    product: 'Keycloak realm smtpServer',
    knobs: {
      requireStartTls: null,
      implicitTls: 'ssl: "true", starttls: "false" and port: "465"',
      verifyOn:
        'set the truststore hostname-verification-policy back to DEFAULT/WILDCARD (not ANY)',
      port: 'port',
      secretRef:
        'leave password out of the realm file and set it via the admin API or a vault reference (${vault.smtp_password})',
    },
    anchor,
    host: hostE ? hostSetting(file, hostE) : undefined,
    port,
    security: security(sec, file, decided, [hostE, portE], anchor),
    user: userE ? stringSetting(file, userE) : undefined,
    password: passE ? secretSetting(file, passE) : undefined,
    authIntended: flagOf(valueOf(authE)) === true,
  };
}
