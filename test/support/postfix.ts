/**
 * The real Postfix on 127.0.0.1 that `scripts/live/postfix.sh up` starts for the live tests: its
 * settings (the env.json the script writes) and a way to wait for delivered mail in its Maildir.
 * Locally the live tests skip when the server is not up; on CI (CI=true) they fail instead.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PostfixPorts {
  /** STARTTLS offered, AUTH advertised before TLS too. */
  optional: number;
  /** STARTTLS required before anything, AUTH only after TLS, sending only after AUTH. */
  submission: number;
  /** Implicit TLS, CA-signed certificate. */
  implicit: number;
  /** No TLS at all, AUTH in the clear. */
  plain: number;
  /** Implicit TLS, CA-signed certificate that expired in 2021. */
  expired: number;
  /** Implicit TLS, CA-signed certificate for wrong.example.net only. */
  wronghost: number;
  /** STARTTLS offered, self-signed certificate (not from the CA). */
  selfsigned: number;
  /** Implicit TLS, CA-signed certificate on a 1024-bit RSA key (absent when OpenSSL refuses it). */
  weakkey?: number;
}

export interface PostfixEnv {
  host: string;
  ports: PostfixPorts;
  /** The test CA that signed every certificate except the self-signed one. */
  caFile: string;
  selfSignedCertFile: string;
  /** The SASL login (PLAIN and LOGIN). */
  username: string;
  password: string;
  domain: string;
  /** Delivered into `maildir`. */
  inbox: string;
  /** Answers 550 at RCPT. */
  reject: string;
  /** Answers 450 at RCPT. */
  defer: string;
  maildir: string;
  /** Postfix's own log (maillog_file). */
  log: string;
}

const REQUIRED_PORTS = [
  'optional',
  'submission',
  'implicit',
  'plain',
  'expired',
  'wronghost',
  'selfsigned',
] as const;
const REQUIRED_STRINGS = [
  'host',
  'caFile',
  'selfSignedCertFile',
  'username',
  'password',
  'domain',
  'inbox',
  'reject',
  'defer',
  'maildir',
  'log',
] as const;

/** Where `scripts/live/postfix.sh up` writes the settings (`down` removes the file). */
export function postfixEnvFile(): string {
  const dir = process.env.SMTP_PREFLIGHT_POSTFIX_DIR || '/tmp/smtp-preflight-postfix';
  return join(dir, 'env.json');
}

/** The running test server's settings, or undefined when it was not started. */
export function loadPostfix(): PostfixEnv | undefined {
  const file = postfixEnvFile();
  if (!existsSync(file)) return undefined;
  return parsePostfixEnv(readFileSync(file, 'utf8'), file);
}

/**
 * The settings for a live test file. Without a server: undefined locally (the caller skips), an
 * error on CI, where `scripts/live/postfix.sh up` must have run first.
 */
export function requirePostfix(): PostfixEnv | undefined {
  const env = loadPostfix();
  if (env === undefined && process.env.CI === 'true') {
    throw new Error(
      `the live tests need the test Postfix, but ${postfixEnvFile()} is missing: ` +
        'run `scripts/live/postfix.sh up` before the tests',
    );
  }
  return env;
}

export function parsePostfixEnv(text: string, file: string): PostfixEnv {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON (${(error as Error).message}): rerun postfix.sh up`);
  }
  const problems: string[] = [];
  const record = isRecord(value) ? value : {};
  if (!isRecord(value)) problems.push('not an object');
  for (const key of REQUIRED_STRINGS) {
    if (typeof record[key] !== 'string' || record[key] === '') problems.push(`${key} missing`);
  }
  const ports = isRecord(record.ports) ? record.ports : {};
  for (const key of [...REQUIRED_PORTS, 'weakkey'] as const) {
    const port = ports[key];
    if (port === undefined && key === 'weakkey') continue;
    if (!Number.isInteger(port) || (port as number) <= 0 || (port as number) > 65535) {
      problems.push(`ports.${key} missing or not a port`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`${file} is not what postfix.sh writes (${problems.join(', ')})`);
  }
  return value as PostfixEnv;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Polls the Maildir's `new/` folder until a delivered message satisfies `predicate`; resolves with
 * that message's text, rejects after `timeoutMs`.
 */
export async function waitForMaildir(
  predicate: (message: string) => boolean,
  timeoutMs: number,
  maildir: string | undefined = loadPostfix()?.maildir,
): Promise<string> {
  if (maildir === undefined) throw new Error('no Maildir: the test Postfix is not up');
  const folder = join(maildir, 'new');
  const deadline = Date.now() + timeoutMs;
  const seen = new Set<string>();
  for (;;) {
    for (const name of listFolder(folder)) {
      if (seen.has(name)) continue;
      const message = readMessage(join(folder, name));
      // A message being moved to cur/ by someone else vanishes: look again next round.
      if (message === undefined) continue;
      seen.add(name);
      if (predicate(message)) return message;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `no matching message in ${folder} within ${timeoutMs} ms (${seen.size} other message(s))`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function listFolder(folder: string): string[] {
  try {
    return readdirSync(folder).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function readMessage(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
