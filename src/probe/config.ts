/**
 * The live probe's settings, parsed from named string values: the Action's inputs and the CLI's
 * options use the same names (`smtp-host`, `probe`, `connect-timeout`...). Validation only; a bad
 * value is a UsageError naming the option. Secrets are kept here only to be handed to the probe.
 */
import { UsageError, parseBoolean } from '../options.js';
import {
  DEFAULT_TIMEOUTS,
  type ProbeCredentials,
  type ProbeSecurity,
  type ProbeTimeouts,
} from './types.js';

export const DEFAULT_CERT_EXPIRY_DAYS = 21;
export const DEFAULT_MIN_DELIVERABILITY_SCORE = 8;
export const DEFAULT_MAIL_TESTER_URL = 'https://www.mail-tester.com';
export const DEFAULT_MAIL_TESTER_TIMEOUT_MS = 180_000;

export interface ProbeInputTarget {
  host: string;
  port: number;
  security: ProbeSecurity;
}

export interface ProbeConfig {
  /** Endpoints found by the scan to probe: all of them, or these ids (`file:line`). */
  select?: 'all' | string[];
  /** The endpoint named by `smtp-host` / `smtp-port` / `smtp-security`. */
  input?: ProbeInputTarget;
  credentials?: ProbeCredentials;
  allowInvalidCert: boolean;
  /** Extra CA certificate files (PEM). */
  caFiles: string[];
  certExpiryDays: number;
  timeouts: ProbeTimeouts;
  /** A test message after AUTH (`send-test: true`). */
  send?: { from: string; to?: string };
  mailTester?: { username: string; url: string; timeoutMs: number };
  minDeliverabilityScore: number;
}

/** Reads one named value ('' when not given); `describe` names it in errors. */
export interface ValueSource {
  get(name: string): string;
  describe(name: string): string;
}

const SECURITY_WORDS: Record<string, ProbeSecurity> = {
  'implicit-tls': 'implicit-tls',
  implicit: 'implicit-tls',
  tls: 'implicit-tls',
  ssl: 'implicit-tls',
  starttls: 'starttls-required',
  'starttls-required': 'starttls-required',
  'starttls-opportunistic': 'starttls-opportunistic',
  opportunistic: 'starttls-opportunistic',
  plain: 'plain',
  none: 'plain',
};

function parseBool(src: ValueSource, name: string): boolean {
  return parseBoolean(src.get(name), src.describe(name), false);
}

function parseNumber(
  src: ValueSource,
  name: string,
  fallback: number,
  min: number,
  max: number,
  unit = '',
): number {
  const v = src.get(name).trim();
  if (v === '') return fallback;
  const n = /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(
      `invalid ${src.describe(name)} value '${v}' (expected a number from ${min} to ${max}${unit})`,
    );
  }
  return n;
}

export function parsePort(value: string, what: string): number {
  const v = value.trim();
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new UsageError(`invalid ${what} value '${value}' (expected a port from 1 to 65535)`);
  }
  return n;
}

export function parseSecurity(value: string, port: number, what: string): ProbeSecurity {
  const v = value.trim().toLowerCase();
  if (v === '') return port === 465 ? 'implicit-tls' : 'starttls-required';
  const s = SECURITY_WORDS[v];
  if (!s) {
    throw new UsageError(
      `invalid ${what} value '${value}' (expected starttls, implicit-tls, starttls-opportunistic or plain)`,
    );
  }
  return s;
}

/** A host name or IP literal: no scheme, path, port or spaces. */
function parseHost(value: string, what: string): string {
  const v = value.trim().replace(/^\[(.*)\]$/, '$1');
  if (!/^[A-Za-z0-9._:-]+$/.test(v) || v.length > 253) {
    throw new UsageError(`invalid ${what} value '${value}' (expected a host name or IP address)`);
  }
  return v;
}

function seconds(src: ValueSource, name: string, fallbackMs: number): number {
  return Math.round(parseNumber(src, name, fallbackMs / 1000, 0.05, 600, ' seconds') * 1000);
}

/** An address for MAIL FROM / RCPT TO: one `local@domain`, no display name, no spaces. */
function parseAddress(value: string, what: string): string {
  const v = value.trim();
  if (!/^[^\s@<>,;"]+@[A-Za-z0-9.-]+$/.test(v)) {
    throw new UsageError(
      `invalid ${what} value '${value}' (expected one address like a@b.example)`,
    );
  }
  return v;
}

/** Undefined when probing is off: no `smtp-host` and no `probe`. */
export function parseProbeConfig(src: ValueSource): ProbeConfig | undefined {
  const host = src.get('smtp-host').trim();
  const probe = src.get('probe').trim();
  const select: ProbeConfig['select'] =
    probe === '' || probe.toLowerCase() === 'false' || probe.toLowerCase() === 'none'
      ? undefined
      : probe.toLowerCase() === 'all'
        ? 'all'
        : probe
            .split(/[\s,]+/)
            .map((s) => s.trim())
            .filter(Boolean);
  if (!host && !select) {
    for (const name of ['smtp-port', 'smtp-security', 'send-test', 'mail-tester-username']) {
      if (src.get(name).trim() !== '') {
        throw new UsageError(
          `${src.describe(name)} is set but nothing is probed: set ${src.describe('smtp-host')} or ${src.describe('probe')}`,
        );
      }
    }
    return undefined;
  }
  let input: ProbeInputTarget | undefined;
  if (host) {
    const portText = src.get('smtp-port').trim();
    const port = portText ? parsePort(portText, src.describe('smtp-port')) : 587;
    input = {
      host: parseHost(host, src.describe('smtp-host')),
      port,
      security: parseSecurity(src.get('smtp-security'), port, src.describe('smtp-security')),
    };
  }
  const username = src.get('smtp-username').trim();
  const password = src.get('smtp-password');
  const oauth2Token = src.get('smtp-oauth2-token').trim();
  if ((password || oauth2Token) && !username) {
    throw new UsageError(
      `${src.describe('smtp-username')} is required with ${src.describe(oauth2Token ? 'smtp-oauth2-token' : 'smtp-password')}`,
    );
  }
  const credentials: ProbeCredentials | undefined =
    username && (password || oauth2Token)
      ? {
          username,
          ...(password ? { password } : {}),
          ...(oauth2Token ? { oauth2Token } : {}),
        }
      : undefined;
  if (username && !credentials) {
    throw new UsageError(
      `${src.describe('smtp-username')} is set without ${src.describe('smtp-password')} or ${src.describe('smtp-oauth2-token')}`,
    );
  }

  const timeouts: ProbeTimeouts = {
    connectMs: seconds(src, 'connect-timeout', DEFAULT_TIMEOUTS.connectMs),
    greetingMs: seconds(src, 'greeting-timeout', DEFAULT_TIMEOUTS.greetingMs),
    commandMs: seconds(src, 'command-timeout', DEFAULT_TIMEOUTS.commandMs),
    tlsMs: seconds(src, 'tls-timeout', DEFAULT_TIMEOUTS.tlsMs),
    sendMs: seconds(src, 'send-timeout', DEFAULT_TIMEOUTS.sendMs),
  };

  const testerUser = src.get('mail-tester-username').trim();
  const sendTest = parseBool(src, 'send-test') || testerUser !== '';
  let send: ProbeConfig['send'];
  if (sendTest) {
    const fromText = src.get('mail-from').trim() || username;
    if (!fromText) {
      throw new UsageError(
        `${src.describe('mail-from')} is required to send a test message (or an address as ${src.describe('smtp-username')})`,
      );
    }
    const from = parseAddress(fromText, src.describe('mail-from'));
    const toText = src.get('mail-to').trim();
    if (!toText && !testerUser) {
      throw new UsageError(
        `${src.describe('mail-to')} (or ${src.describe('mail-tester-username')}) is required to send a test message`,
      );
    }
    send = { from, ...(toText ? { to: parseAddress(toText, src.describe('mail-to')) } : {}) };
  }
  let mailTester: ProbeConfig['mailTester'];
  if (testerUser) {
    if (!/^[A-Za-z0-9._-]+$/.test(testerUser)) {
      throw new UsageError(
        `invalid ${src.describe('mail-tester-username')} value '${testerUser}' (letters, digits, dot, dash, underscore)`,
      );
    }
    const url = (src.get('mail-tester-url').trim() || DEFAULT_MAIL_TESTER_URL).replace(/\/+$/, '');
    if (!/^https?:\/\/[^\s]+$/.test(url)) {
      throw new UsageError(`invalid ${src.describe('mail-tester-url')} value '${url}'`);
    }
    mailTester = {
      username: testerUser,
      url,
      timeoutMs: seconds(src, 'mail-tester-timeout', DEFAULT_MAIL_TESTER_TIMEOUT_MS),
    };
  }
  const caText = src.get('ca-file').trim();
  return {
    ...(select ? { select } : {}),
    ...(input ? { input } : {}),
    ...(credentials ? { credentials } : {}),
    allowInvalidCert: parseBool(src, 'allow-invalid-cert'),
    caFiles: caText
      ? caText
          .split(/\n|,/)
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
    certExpiryDays: parseNumber(src, 'cert-expiry-days', DEFAULT_CERT_EXPIRY_DAYS, 0, 3650),
    timeouts,
    ...(send ? { send } : {}),
    ...(mailTester ? { mailTester } : {}),
    minDeliverabilityScore: parseNumber(
      src,
      'min-deliverability-score',
      DEFAULT_MIN_DELIVERABILITY_SCORE,
      0,
      10,
    ),
  };
}
