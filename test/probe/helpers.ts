/**
 * Test support for the probe: certificates made with openssl at test time (a CA, a leaf for
 * 127.0.0.1 signed by it, a self-signed leaf), raw `net` servers for hostile behaviour, and
 * default probe options with small timeouts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProbeOptions, ProbeTarget } from '../../src/probe/types.js';

export interface TestCerts {
  ca: string;
  /** Leaf for 127.0.0.1 / localhost, signed by `ca`. */
  key: string;
  cert: string;
  /** A self-signed leaf for 127.0.0.1. */
  selfKey: string;
  selfCert: string;
  /** Signed by `ca`, for `wrong.example` only. */
  wrongKey: string;
  wrongCert: string;
}

let cached: TestCerts | undefined;

export function testCerts(): TestCerts {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'probe-certs-'));
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  try {
    ssl(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '36500',
      '-subj',
      '/CN=smtp-preflight test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
    ssl('req', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=127.0.0.1');
    writeFileSync(
      join(dir, 'leaf.ext'),
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
    );
    ssl(
      'x509',
      '-req',
      '-in',
      'leaf.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'leaf.pem',
      '-days',
      '36500',
      '-extfile',
      'leaf.ext',
    );
    ssl('req', ...ec, '-keyout', 'wrong.key', '-out', 'wrong.csr', '-subj', '/CN=wrong.example');
    writeFileSync(join(dir, 'wrong.ext'), 'subjectAltName=DNS:wrong.example\n');
    ssl(
      'x509',
      '-req',
      '-in',
      'wrong.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'wrong.pem',
      '-days',
      '36500',
      '-extfile',
      'wrong.ext',
    );
    ssl(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'self.key',
      '-out',
      'self.pem',
      '-days',
      '36500',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    );
    const read = (name: string) => readFileSync(join(dir, name), 'utf8');
    cached = {
      ca: read('ca.pem'),
      key: read('leaf.key'),
      cert: read('leaf.pem'),
      selfKey: read('self.key'),
      selfCert: read('self.pem'),
      wrongKey: read('wrong.key'),
      wrongCert: read('wrong.pem'),
    };
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Listening {
  port: number;
  close: () => Promise<void>;
}

/** A raw TCP server on 127.0.0.1 that runs `handler` for each connection. */
export async function rawServer(handler: (socket: net.Socket) => void): Promise<Listening> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    handler(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Calls `onLine` for each CRLF/LF-terminated line the client sends. */
export function onLines(socket: net.Socket, onLine: (line: string) => void): void {
  let buffer = '';
  socket.on('data', (chunk) => {
    buffer += chunk.toString('latin1');
    let i: number;
    while ((i = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, i).replace(/\r$/, '');
      buffer = buffer.slice(i + 1);
      onLine(line);
    }
  });
}

export function target(
  port: number,
  security: ProbeTarget['security'],
  host = '127.0.0.1',
): ProbeTarget {
  return { id: 'test', host, port, security, source: 'input' };
}

export function options(overrides: Partial<ProbeOptions> = {}): ProbeOptions {
  return {
    timeouts: { connectMs: 1000, greetingMs: 1000, commandMs: 1000, tlsMs: 1000, sendMs: 3000 },
    allowInvalidCert: false,
    certExpiryDays: 21,
    alternativePorts: [],
    ehloName: 'probe.test',
    ...overrides,
  };
}

/** Milliseconds `fn` took, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  const value = await fn();
  return { value, ms: Date.now() - start };
}

export interface Conversation {
  /** Writes raw text (add `\r\n` yourself). */
  send: (text: string) => void;
  /** Replaces the plain socket with a server-side TLS socket (after `220` to STARTTLS). */
  startTls: () => void;
  socket: () => net.Socket;
}

/**
 * A scripted SMTP server: `greeting` on connect, then `onCommand` for every client line, over
 * clear text or (after `startTls`) TLS with the test leaf certificate.
 */
export async function scriptedServer(
  greeting: string | undefined,
  onCommand: (line: string, conv: Conversation) => void,
): Promise<Listening> {
  const certs = testCerts();
  return rawServer((plain) => {
    let current: net.Socket = plain;
    const conv: Conversation = {
      send: (text) => {
        if (!current.destroyed) current.write(text);
      },
      startTls: () => {
        plain.removeAllListeners('data');
        const secure = new tls.TLSSocket(plain, {
          isServer: true,
          key: certs.key,
          cert: certs.cert,
        });
        secure.on('error', () => undefined);
        current = secure;
        onLines(secure, (line) => onCommand(line, conv));
      },
      socket: () => current,
    };
    onLines(plain, (line) => onCommand(line, conv));
    if (greeting !== undefined) plain.write(greeting);
  });
}
