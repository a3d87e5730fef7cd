/**
 * Grafana `[smtp]` (grafana.ini / custom.ini, Helm `grafana.ini.smtp`, env `GF_SMTP_*`).
 * SEMANTICS.md §8: the port lives in `host`; implicit TLS only on 465; `startTLS_policy` takes
 * exactly OpportunisticStartTLS | MandatoryStartTLS | NoStartTLS, anything else is opportunistic.
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
import { flagOf, security, unknownFromEnv, valueOf, verifyOff } from './common.js';

export interface GrafanaKeys {
  enabled?: Entry;
  host?: Entry;
  user?: Entry;
  password?: Entry;
  skip_verify?: Entry;
  startTLS_policy?: Entry;
}

const POLICIES: Record<string, Security> = {
  OpportunisticStartTLS: 'starttls-opportunistic',
  MandatoryStartTLS: 'starttls-required',
  NoStartTLS: 'plain',
};

/** `key = value` in INI, `KEY=value` for env. */
function assign(name: string, value: string): string {
  return /^GF_/.test(name) ? `${name}=${value}` : `${name} = ${value}`;
}

export function grafanaSmtp(
  file: string,
  k: GrafanaKeys,
  names: { policy: string; host: string; verify?: string },
): Draft | null {
  if (!k.host && !k.user && !k.password && !k.startTLS_policy) return null;
  const present = [k.host, k.enabled, k.user, k.password, k.startTLS_policy].filter(
    (e): e is Entry => !!e,
  );
  present.sort((a, b) => a.line - b.line);
  const anchor = k.host ? { file, line: k.host.line } : { file, line: present[0].line };
  let host: Setting<string> | undefined;
  let port: Setting<number> | undefined;
  const ignored: Observation[] = [];
  if (k.host) {
    const v = valueOf(k.host);
    if (v?.text !== undefined) {
      const hp = splitHostPort(v.text);
      host = hostSetting(file, k.host, hp.host);
      if (hp.port) port = portSetting(file, k.host, hp.port);
      else if (hp.host) {
        ignored.push({
          at: host.at,
          message: `host = ${hp.host} has no port: Grafana splits host:port and fails to send ("missing port in address").`,
          fix: `Write the port into host, e.g. host = ${hp.host}:587.`,
        });
      }
    } else host = hostSetting(file, k.host);
  } else {
    host = derived('localhost', 'Grafana default localhost:25', anchor);
    port = derived(25, 'Grafana default localhost:25', anchor);
  }
  let sec: Setting<Security>;
  const pol = k.startTLS_policy;
  const pv = valueOf(pol);
  if (port?.value === 465)
    sec = security('implicit-tls', file, k.host, [], anchor, 'port 465 in host');
  else if (pol && pv?.text === undefined) sec = unknownFromEnv(file, pol);
  else if (pol && pv?.text) {
    const exact = POLICIES[pv.text.trim()];
    if (exact) sec = security(exact, file, pol, [], anchor);
    else {
      sec = security('starttls-opportunistic', file, pol, [], anchor);
      ignored.push({
        at: { file, line: pol.line, column: pol.column },
        message: `${assign(names.policy, pv.text.trim())} is not a value Grafana knows (OpportunisticStartTLS, MandatoryStartTLS, NoStartTLS): it silently falls back to opportunistic STARTTLS.`,
        fix: `Set ${assign(names.policy, 'MandatoryStartTLS')}.`,
      });
    }
  } else sec = security('starttls-opportunistic', file, undefined, [k.host], anchor);
  const enabled = k.enabled ? flagOf(valueOf(k.enabled)) : undefined;
  return {
    file,
    ecosystem: 'grafana',
    product: 'Grafana [smtp]',
    knobs: {
      requireStartTls: assign(names.policy, 'MandatoryStartTLS'),
      implicitTls: `${assign(names.host, 'HOST:465')} (Grafana uses implicit TLS on 465)`,
      verifyOn: `remove ${names.verify ?? 'skip_verify = true'}`,
      port: `${names.host} (the port goes inside it: HOST:587)`,
      secretRef:
        'reference it as password = $__env{GF_SMTP_PASSWORD} or set GF_SMTP_PASSWORD outside the repository',
    },
    anchor,
    active: enabled !== false,
    inactiveReason: 'enabled = false',
    host,
    port,
    security: sec,
    tlsVerify:
      k.skip_verify && flagOf(valueOf(k.skip_verify)) ? verifyOff(file, k.skip_verify) : undefined,
    user: k.user ? stringSetting(file, k.user) : undefined,
    password: k.password ? secretSetting(file, k.password) : undefined,
    ignored,
  };
}
