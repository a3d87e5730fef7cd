/**
 * nodemailer transport options (Ghost `mail.options`, Ghost env `mail__options__*`, and the JS
 * reader): SEMANTICS.md §1. `secure` undefined on 465 means implicit TLS; otherwise STARTTLS when
 * advertised (opportunistic) unless `requireTLS`; `ignoreTLS` is plaintext; a `service` preset
 * supplies host, port and secure.
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
import { flagOf, lower, security, unknownFromEnv, valueOf, verifyOff } from './common.js';
import services from './nodemailer-services.json' with { type: 'json' };

interface Preset {
  host: string;
  port: number;
  secure: boolean;
  name: string;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const PRESETS = new Map<string, Preset>();
for (const [name, s] of Object.entries(
  services as unknown as Record<
    string,
    { aliases: string[]; domains: string[]; host: string; port?: number; secure: boolean }
  >,
)) {
  if (!s.host) continue;
  const p = { host: s.host, port: s.port ?? (s.secure ? 465 : 587), secure: s.secure, name };
  for (const k of [name, ...s.aliases, ...s.domains]) PRESETS.set(norm(k), p);
}

/** nodemailer's well-known service preset for a name (`Gmail`, `gmail.com`, `Outlook365`...). */
export function servicePreset(name: string): Preset | undefined {
  return PRESETS.get(norm(name));
}

export const NODEMAILER_KNOBS = {
  requireStartTls: 'requireTLS: true (with secure: false on port 587)',
  implicitTls: 'secure: true with port: 465',
  verifyOn:
    'remove tls.rejectUnauthorized: false (fix the server certificate or pass its CA in tls.ca)',
  port: 'port',
  secretRef: 'read auth.pass from the environment (process.env.SMTP_PASS) or a secret store',
};

/**
 * Read one options object. `keys` maps a dotted path relative to the options object (`host`,
 * `auth.pass`, `tls.rejectUnauthorized`) to its entry.
 */
export function nodemailerOptions(
  file: string,
  keys: Map<string, Entry>,
  ecosystem: string,
  product: string,
  anchorEntry?: Entry,
): Draft | null {
  const k = (name: string) => keys.get(name);
  const hostE = k('host');
  const portE = k('port');
  const serviceE = k('service') ?? k('wellKnown');
  if (!hostE && !portE && !serviceE && !k('auth.user')) return null;
  const all = [...keys.values()].sort((a, b) => a.line - b.line);
  const anchorLine = hostE ?? serviceE ?? anchorEntry ?? all[0];
  const anchor: Location = { file, line: anchorLine.line };
  const svcName = valueOf(serviceE)?.text;
  const preset = svcName ? servicePreset(svcName) : undefined;
  const ignored: Observation[] = [];
  let host: Setting<string> | undefined = hostE ? hostSetting(file, hostE) : undefined;
  let port: Setting<number> | undefined = portE ? portSetting(file, portE) : undefined;
  if (!host && preset && serviceE)
    host = {
      value: preset.host,
      raw: `service '${svcName}'`,
      at: { file, line: serviceE.line, column: serviceE.column },
      origin: 'derived',
      key: 'service',
    };
  // A service named only by the environment (`service: process.env.EMAIL_SERVICE`): the preset,
  // and with it host, port and secure, is unknown.
  const svcOrigin = valueOf(serviceE)?.origin;
  const svcUnknown = !!serviceE && svcName === undefined;
  const fromService = (e: Entry): Setting<never> => ({
    raw: `service: ${e.raw || String(e.value)}`,
    at: { file, line: e.line, column: e.column },
    origin: svcOrigin === 'secret' ? 'secret' : 'env',
    key: 'service',
  });
  if (!host && svcUnknown && serviceE) host = fromService(serviceE);
  if (serviceE && svcName && !preset) {
    ignored.push({
      at: { file, line: serviceE.line, column: serviceE.column },
      message: `service: '${svcName}' is not one of nodemailer's well-known services, so it is ignored and nodemailer connects to ${hostE ? 'host' : 'localhost'}.`,
      fix: 'Use a name from nodemailer/lib/well-known/services.json, or set host, port and secure explicitly.',
    });
  }
  const secureE = k('secure');
  const legacyE = k('secureConnection');
  const sv = valueOf(secureE);
  let secure: boolean | undefined =
    sv?.text === undefined || sv.text === '' ? undefined : flagOf(sv);
  if (secure === undefined && !secureE && preset) secure = preset.secure;
  if (!port && svcUnknown && serviceE) port = fromService(serviceE);
  if (!port) {
    const pd = preset && !hostE ? preset.port : secure ? 465 : 587;
    port = derived(
      pd,
      preset && !hostE ? `service '${svcName}'` : 'nodemailer default',
      serviceE ? { file, line: serviceE.line } : anchor,
    );
  }
  // Only `secureConnection: true` is a promise current nodemailer breaks; `false` changes nothing.
  if (legacyE && !secureE && flagOf(valueOf(legacyE)) !== false) {
    ignored.push({
      at: { file, line: legacyE.line, column: legacyE.column },
      message:
        'secureConnection is the nodemailer 0.x name: current nodemailer ignores it, so it does not switch on implicit TLS.',
      fix: 'Rename it to secure.',
    });
  }
  const requireE = k('requireTLS');
  const ignoreE = k('ignoreTLS');
  const oppE = k('opportunisticTLS');
  let sec: Setting<Security>;
  if (secureE && sv?.text === undefined) sec = unknownFromEnv(file, secureE);
  else if (svcUnknown && serviceE && !secureE) sec = unknownFromEnv(file, serviceE);
  else if (port.value === undefined && secure === undefined)
    sec = {
      value: 'unknown',
      raw: 'port unknown',
      at: anchor,
      origin: port.origin === 'env' ? 'env' : 'derived',
    };
  else {
    const implicit = secure ?? port.value === 465;
    // `requireTLS` / `ignoreTLS` from the environment without a default decide between plain,
    // required and opportunistic STARTTLS: the mode is unknown, not opportunistic.
    const envOnly = (e: Entry | undefined) => !!e && valueOf(e)?.text === undefined;
    if (implicit) sec = security('implicit-tls', file, secureE ?? serviceE, [hostE, portE], anchor);
    else if (envOnly(ignoreE)) sec = unknownFromEnv(file, ignoreE as Entry);
    else if (ignoreE && flagOf(valueOf(ignoreE)))
      sec = security('plain', file, ignoreE, [], anchor);
    else if (envOnly(requireE)) sec = unknownFromEnv(file, requireE as Entry);
    else if (requireE && flagOf(valueOf(requireE)) && !(oppE && flagOf(valueOf(oppE))))
      sec = security('starttls-required', file, requireE, [], anchor);
    else
      sec = security(
        'starttls-opportunistic',
        file,
        requireE ?? secureE ?? serviceE,
        [hostE, portE],
        anchor,
      );
  }
  const rejE = k('tls.rejectUnauthorized');
  const tlsVerify = rejE && flagOf(valueOf(rejE)) === false ? verifyOff(file, rejE) : undefined;
  const minE = k('tls.minVersion') ?? k('tls.maxVersion');
  const minV = valueOf(k('tls.minVersion'))?.text;
  const minTls =
    minE && minV
      ? {
          value: minV,
          raw: minV,
          at: { file, line: minE.line, column: minE.column },
          origin: 'literal' as const,
          key: 'tls.minVersion',
        }
      : undefined;
  const weak: Observation[] = [];
  const ciphersE = k('tls.ciphers');
  const ciphers = valueOf(ciphersE)?.text;
  if (ciphersE && ciphers && /sslv3|rc4|des|null|export|md5/i.test(ciphers)) {
    weak.push({
      at: { file, line: ciphersE.line, column: ciphersE.column },
      message: `tls.ciphers: '${ciphers}' asks for obsolete ciphers (a copy-pasted Outlook snippet): it weakens or breaks the TLS handshake.`,
      fix: "Remove tls.ciphers to use Node.js's defaults.",
    });
  }
  const dbgE = [k('debug'), k('logger')]
    .filter((e): e is Entry => !!e && flagOf(valueOf(e)) === true)
    .sort((a, b) => b.line - a.line)[0];
  const authType = lower(valueOf(k('auth.type')));
  const userE = k('auth.user');
  const passE = k('auth.pass');
  return {
    file,
    ecosystem,
    product,
    knobs: NODEMAILER_KNOBS,
    anchor,
    host,
    port,
    security: sec,
    tlsVerify,
    minTls,
    user: userE ? stringSetting(file, userE) : undefined,
    password: passE ? secretSetting(file, passE) : undefined,
    authMethod: authType
      ? {
          value: authType,
          raw: authType,
          at: { file, line: k('auth.type')!.line },
          origin: 'literal',
        }
      : undefined,
    authIntended:
      !!k('auth') ||
      !!userE ||
      !!passE ||
      !!k('auth.type') ||
      !!k('auth.accessToken') ||
      !!k('auth.refreshToken'),
    debug: dbgE
      ? {
          value: true,
          raw: String(dbgE.value),
          at: { file, line: dbgE.line, column: dbgE.column },
          origin: 'literal',
          key: dbgE.path.at(-1),
        }
      : undefined,
    ignored,
    weakTls: weak,
  };
}
