/**
 * The probe against well-behaved and hostile servers on 127.0.0.1: smtp-server for real SMTP,
 * raw `net` servers for what smtp-server cannot do (silence, endless lines, garbage, resets,
 * drops mid-STARTTLS, echoed secrets). Every hostile case must resolve within its timeout + ~1 s.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { probeTarget } from '../../src/probe/probe.js';
import { secretVariants } from '../../src/probe/secrets.js';
import type { ProbeOptions } from '../../src/probe/types.js';
import {
  closedPort,
  options,
  rawServer,
  scriptedServer,
  target,
  testCerts,
  timed,
  type Listening,
} from './helpers.js';

const USER = 'probe-user';
const PASS = 'Sup3r-S3cret-Pa55!';
const creds = { username: USER, password: PASS };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

interface Started extends Listening {
  authCalls: number;
  messages: string[];
}

async function smtpServer(extra: Partial<SMTPServerOptions> = {}): Promise<Started> {
  const certs = testCerts();
  const state = { authCalls: 0, messages: [] as string[] };
  const server = new SMTPServer({
    key: certs.key,
    cert: certs.cert,
    authMethods: ['PLAIN', 'LOGIN'],
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      state.authCalls++;
      if (auth.username === USER && auth.password === PASS) return callback(null, { user: USER });
      return callback(
        Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }),
      );
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        state.messages.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
    ...extra,
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const started: Started = {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    get authCalls() {
      return state.authCalls;
    },
    get messages() {
      return state.messages;
    },
  };
  cleanups.push(started.close);
  return started;
}

async function raw(handler: Parameters<typeof rawServer>[0]): Promise<Listening> {
  const server = await rawServer(handler);
  cleanups.push(server.close);
  return server;
}

async function scripted(...args: Parameters<typeof scriptedServer>): Promise<Listening> {
  const server = await scriptedServer(...args);
  cleanups.push(server.close);
  return server;
}

function withCa(overrides: Partial<ProbeOptions> = {}): ProbeOptions {
  return options({ ca: [testCerts().ca], ...overrides });
}

describe('a well-behaved STARTTLS server', () => {
  it('upgrades, verifies the certificate with the extra CA, authenticates and sends', async () => {
    const server = await smtpServer();
    const result = await probeTarget(
      target(server.port, 'starttls-required'),
      withCa({ credentials: creds, send: { from: 'a@example.test', to: 'b@example.test' } }),
    );
    expect(result.connect.ok).toBe(true);
    expect(result.greeting?.code).toBe(220);
    expect(result.ehlo?.starttls).toBe(true);
    // smtp-server advertises AUTH before STARTTLS (and refuses it with 538): a real finding.
    expect(result.authBeforeTls).toEqual(['PLAIN', 'LOGIN']);
    expect(result.tls).toMatchObject({ mode: 'starttls', ok: true, authorized: true });
    expect(['TLSv1.2', 'TLSv1.3']).toContain(result.tls?.protocol);
    expect(result.tls?.certificate?.subjectAltNames).toContain('IP Address:127.0.0.1');
    expect(result.tls?.certificate?.selfSigned).toBe(false);
    expect(result.tls?.certificate?.keyType).toBe('EC');
    expect(result.tls?.certificate?.keyBits).toBe(256);
    expect(result.tls?.certificate?.chain[0]).toContain('smtp-preflight test CA');
    expect(result.tls?.certificate?.daysLeft).toBeGreaterThan(30_000);
    expect(result.ehloAfterTls?.auth).toEqual(expect.arrayContaining(['PLAIN', 'LOGIN']));
    expect(result.auth).toMatchObject({ attempted: true, ok: true, mechanism: 'PLAIN' });
    expect(result.auth?.reply?.code).toBe(235);
    expect(result.send).toMatchObject({ attempted: true, ok: true });
    expect(result.send?.reply?.code).toBe(250);
    expect(server.messages).toHaveLength(1);
    expect(server.messages[0]).toMatch(/^X-Smtp-Preflight: 1$/m);
    expect(result.problems).toEqual([]);
    expect(result.transcript).toContain('C: AUTH PLAIN <credentials redacted>');
    expect(result.transcript).toContain('C: STARTTLS');
    expect(result.transcript.at(-1)).toMatch(/^S: 221/);
  });

  it('uses LOGIN when only LOGIN is offered', async () => {
    const server = await smtpServer({ authMethods: ['LOGIN'] });
    const result = await probeTarget(
      target(server.port, 'starttls-required'),
      withCa({ credentials: creds }),
    );
    expect(result.auth).toMatchObject({ attempted: true, ok: true, mechanism: 'LOGIN' });
    expect(result.transcript.filter((l) => l === 'C: <credentials redacted>')).toHaveLength(2);
  });

  it('does not send credentials when the certificate does not verify', async () => {
    const server = await smtpServer();
    const result = await probeTarget(
      target(server.port, 'starttls-required'),
      options({ credentials: creds }),
    );
    expect(result.tls).toMatchObject({
      ok: true,
      authorized: false,
      authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
    expect(result.auth?.attempted).toBe(false);
    expect(result.auth?.skipped).toMatch(
      /certificate did not verify \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/,
    );
    expect(server.authCalls).toBe(0);
  });

  it('sends them anyway with allow-invalid-cert, and says so loudly', async () => {
    const server = await smtpServer();
    const result = await probeTarget(
      target(server.port, 'starttls-required'),
      options({ credentials: creds, allowInvalidCert: true }),
    );
    expect(result.auth).toMatchObject({ attempted: true, ok: true });
    expect(result.notes.join('\n')).toMatch(/allow-invalid-cert.*UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
  });

  it('reports a self-signed certificate', async () => {
    const certs = testCerts();
    const server = await smtpServer({ key: certs.selfKey, cert: certs.selfCert });
    const result = await probeTarget(target(server.port, 'starttls-required'), withCa());
    expect(result.tls).toMatchObject({
      authorized: false,
      authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(result.tls?.certificate?.selfSigned).toBe(true);
    expect(result.auth).toEqual({ attempted: false, skipped: 'no credentials given' });
  });

  it('reports a certificate for another host name', async () => {
    const certs = testCerts();
    const server = await smtpServer({ key: certs.wrongKey, cert: certs.wrongCert });
    const result = await probeTarget(
      target(server.port, 'starttls-required'),
      withCa({ credentials: creds }),
    );
    expect(result.tls).toMatchObject({
      authorized: false,
      authorizationError: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
    expect(result.tls?.certificate?.subjectAltNames).toEqual(['DNS:wrong.example']);
    expect(result.auth?.attempted).toBe(false);
    expect(server.authCalls).toBe(0);
  });

  it('speaks implicit TLS to an implicit TLS server', async () => {
    const server = await smtpServer({ secure: true });
    const result = await probeTarget(
      target(server.port, 'implicit-tls'),
      withCa({ credentials: creds }),
    );
    expect(result.tls).toMatchObject({ mode: 'implicit', ok: true, authorized: true });
    expect(result.ehlo?.auth).toContain('PLAIN');
    expect(result.ehloAfterTls).toBeUndefined();
    expect(result.auth?.ok).toBe(true);
  });
});

describe('old TLS', () => {
  it('a server that only speaks TLS 1.1 is detected, and gets no credentials', async () => {
    const certs = testCerts();
    let authSeen = false;
    const server = tls.createServer(
      {
        key: certs.key,
        cert: certs.cert,
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1.1',
        ciphers: 'DEFAULT:@SECLEVEL=0',
      },
      (socket) => {
        socket.on('error', () => undefined);
        socket.write('220 old ESMTP\r\n');
        let buffer = '';
        socket.on('data', (chunk) => {
          buffer += chunk.toString();
          let i: number;
          while ((i = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, i).trim();
            buffer = buffer.slice(i + 1);
            if (/^EHLO/i.test(line)) socket.write('250-old\r\n250 AUTH PLAIN LOGIN\r\n');
            else if (/^AUTH/i.test(line)) {
              authSeen = true;
              socket.write('235 ok\r\n');
            } else if (line === 'QUIT') socket.end('221 bye\r\n');
          }
        });
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as AddressInfo).port;
    const result = await probeTarget(target(port, 'implicit-tls'), withCa({ credentials: creds }));
    expect(result.tls).toMatchObject({ ok: true, protocol: 'TLSv1.1', authorized: true });
    expect(result.auth).toEqual({
      attempted: false,
      skipped: 'the connection uses TLSv1.1: credentials are sent only over TLSv1.2 or TLSv1.3',
    });
    expect(authSeen).toBe(false);
  });
});

describe('AUTH verdicts', () => {
  const cases: Array<[string, number, string, string]> = [
    ['bad credentials', 535, '5.7.8 Authentication credentials invalid', 'bad-credentials'],
    [
      'Microsoft tenant SMTP AUTH off',
      535,
      '5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.',
      'disabled-by-provider',
    ],
    [
      'Microsoft basic auth blocked',
      550,
      '5.7.30 Basic authentication is not supported for Client Submission.',
      'disabled-by-provider',
    ],
    ['temporary failure', 454, '4.7.0 Temporary authentication failure', 'temporary'],
    ['mechanism refused', 504, '5.5.4 Unrecognized authentication type', 'not-supported'],
  ];
  for (const [name, code, message, failure] of cases) {
    it(`${code} ${name} → ${failure}`, async () => {
      const server = await smtpServer({
        onAuth(_auth, _session, callback) {
          callback(Object.assign(new Error(message), { responseCode: code }));
        },
      });
      const result = await probeTarget(
        target(server.port, 'starttls-required'),
        withCa({ credentials: creds }),
      );
      expect(result.auth).toMatchObject({ attempted: true, ok: false, failure });
      expect(result.auth?.reply?.code).toBe(code);
      expect(result.auth?.reply?.enhanced).toBe(message.split(' ')[0]);
    });
  }

  it('XOAUTH2: reads the 334 error, answers with an empty line, reports the final 535', async () => {
    const server = await smtpServer({
      authMethods: ['XOAUTH2', 'PLAIN'],
      onAuth(auth, _session, callback) {
        expect(auth.method).toBe('XOAUTH2');
        callback(null, {
          data: { status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' },
        });
      },
    });
    const result = await probeTarget(
      target(server.port, 'starttls-required'),
      withCa({ credentials: { username: USER, oauth2Token: 'ya29.token-value' } }),
    );
    expect(result.auth).toMatchObject({
      attempted: true,
      ok: false,
      mechanism: 'XOAUTH2',
      failure: 'bad-credentials',
    });
    expect(result.auth?.reply?.code).toBe(535);
    expect(result.transcript).toContain('C: AUTH XOAUTH2 <credentials redacted>');
    expect(JSON.stringify(result)).not.toContain('ya29.token-value');
  });
});

describe('never AUTH in clear text', () => {
  it('records AUTH advertised before STARTTLS and authenticates only after it', async () => {
    const server = await smtpServer({ allowInsecureAuth: true });
    const result = await probeTarget(
      target(server.port, 'starttls-required'),
      withCa({ credentials: creds }),
    );
    expect(result.authBeforeTls).toEqual(['PLAIN', 'LOGIN']);
    expect(result.tls?.ok).toBe(true);
    expect(result.auth?.ok).toBe(true);
    const authLine = result.transcript.indexOf('C: AUTH PLAIN <credentials redacted>');
    expect(authLine).toBeGreaterThan(result.transcript.indexOf('C: STARTTLS'));
  });

  it('a plain target: AUTH offered in clear is recorded, never used', async () => {
    const server = await smtpServer({ allowInsecureAuth: true });
    const result = await probeTarget(target(server.port, 'plain'), withCa({ credentials: creds }));
    expect(result.authBeforeTls).toEqual(['PLAIN', 'LOGIN']);
    expect(result.ehlo?.starttls).toBe(true);
    expect(result.tls).toBeUndefined();
    expect(result.auth).toEqual({
      attempted: false,
      skipped: 'the connection is not encrypted: credentials are never sent in clear text',
    });
    expect(server.authCalls).toBe(0);
    expect(result.transcript.join('\n')).not.toMatch(/C: AUTH/);
  });

  it('STARTTLS not offered on a starttls-required target: no TLS, no AUTH', async () => {
    const server = await smtpServer({ hideSTARTTLS: true, allowInsecureAuth: true });
    const result = await probeTarget(
      target(server.port, 'starttls-required'),
      withCa({ credentials: creds, send: { from: 'a@example.test', to: 'b@example.test' } }),
    );
    expect(result.ehlo?.starttls).toBe(false);
    expect(result.tls).toBeUndefined();
    expect(result.auth?.attempted).toBe(false);
    expect(result.send).toMatchObject({ attempted: false });
    expect(server.authCalls).toBe(0);
    expect(server.messages).toHaveLength(0);
  });
});

describe('hostile and broken servers', () => {
  it('silence: a greeting timeout within its timeout (and no TLS either)', async () => {
    const server = await raw(() => undefined);
    const opts = options({
      timeouts: { connectMs: 500, greetingMs: 500, commandMs: 500, tlsMs: 400, sendMs: 500 },
    });
    const { value: result, ms } = await timed(() =>
      probeTarget(target(server.port, 'starttls-required'), opts),
    );
    expect(result.problems).toEqual([
      expect.objectContaining({ phase: 'greeting', kind: 'timeout' }),
    ]);
    expect(result.tls).toBeUndefined();
    expect(ms).toBeLessThan(500 + 400 + 1000);
  });

  it('a banner that trickles continuation lines forever: bounded by the greeting timeout', async () => {
    const server = await raw((socket) => {
      const timer = setInterval(() => socket.write('220-still greeting\r\n'), 20);
      socket.on('close', () => clearInterval(timer));
    });
    const opts = options({
      timeouts: { connectMs: 500, greetingMs: 400, commandMs: 500, tlsMs: 300, sendMs: 500 },
    });
    const { value: result, ms } = await timed(() =>
      probeTarget(target(server.port, 'starttls-required'), opts),
    );
    expect(result.problems[0]).toMatchObject({ phase: 'greeting', kind: 'timeout' });
    expect(ms).toBeLessThan(400 + 300 + 1000);
  });

  it('an endless banner line: line-too-long quickly, memory bounded', async () => {
    let sent = 0;
    const server = await raw((socket) => {
      const chunk = Buffer.alloc(1 << 20, 'A');
      const pump = (): void => {
        while (sent < 512 << 20 && !socket.destroyed) {
          sent += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
      };
      socket.write('220 ');
      pump();
    });
    const before = process.memoryUsage().rss;
    const { value: result, ms } = await timed(() =>
      probeTarget(target(server.port, 'starttls-required'), options({ maxLineLength: 4096 })),
    );
    expect(result.problems[0]).toMatchObject({ phase: 'greeting', kind: 'line-too-long' });
    expect(ms).toBeLessThan(1000);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 << 20);
    expect(sent).toBeLessThan(64 << 20);
    expect(JSON.stringify(result).length).toBeLessThan(10_000);
  });

  it('drops the connection right after 220 Ready to start TLS', async () => {
    const server = await scripted('220 hostile ESMTP\r\n', (line, conv) => {
      if (/^EHLO/i.test(line)) conv.send('250-hostile\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n');
      else if (line === 'STARTTLS') {
        conv.send('220 Ready to start TLS\r\n');
        conv.socket().end();
      }
    });
    const { value: result, ms } = await timed(() =>
      probeTarget(target(server.port, 'starttls-required'), withCa({ credentials: creds })),
    );
    expect(result.tls).toMatchObject({ mode: 'starttls', ok: false });
    expect(result.problems[0]).toMatchObject({ phase: 'starttls' });
    expect(['reset', 'closed']).toContain(result.problems[0].kind);
    expect(result.auth).toBeUndefined();
    expect(ms).toBeLessThan(1000 + 1000);
  });

  it('a STARTTLS injection is discarded and noted', async () => {
    let secure = false;
    const server = await scripted('220 hostile ESMTP\r\n', (line, conv) => {
      if (/^EHLO/i.test(line)) {
        conv.send(secure ? '250-hostile\r\n250 AUTH PLAIN\r\n' : '250-hostile\r\n250 STARTTLS\r\n');
      } else if (line === 'STARTTLS') {
        conv.send('220 Ready to start TLS\r\n250 injected before TLS\r\n');
        conv.startTls();
        secure = true;
      } else if (line === 'QUIT') conv.send('221 bye\r\n');
    });
    const result = await probeTarget(target(server.port, 'starttls-required'), withCa());
    expect(result.tls).toMatchObject({ ok: true, authorized: true });
    expect(result.notes.join('\n')).toMatch(/STARTTLS injection/);
    expect(result.transcript).toContain('S: 250 injected before TLS');
    expect(result.authBeforeTls).toBeUndefined();
    expect(result.ehlo?.auth).toEqual([]);
    expect(result.ehloAfterTls?.auth).toEqual(['PLAIN']);
  });

  it('garbage instead of a greeting', async () => {
    const server = await raw((socket) => socket.write('HTTP/1.1 400 Bad Request\r\n\r\n'));
    const { value: result, ms } = await timed(() =>
      probeTarget(target(server.port, 'starttls-required'), options()),
    );
    expect(result.problems).toEqual([
      expect.objectContaining({ phase: 'greeting', kind: 'garbage' }),
    ]);
    expect(result.problems[0].message).toContain('HTTP/1.1 400');
    expect(ms).toBeLessThan(1000);
  });

  it('garbage in the EHLO reply (code changes mid-reply)', async () => {
    const server = await scripted('220 ok\r\n', (line, conv) => {
      if (/^EHLO/i.test(line)) conv.send('250-first\r\n354-what\r\n250 last\r\n');
    });
    const result = await probeTarget(target(server.port, 'starttls-required'), options());
    expect(result.problems).toEqual([expect.objectContaining({ phase: 'ehlo', kind: 'garbage' })]);
  });

  it('a connection reset after the greeting', async () => {
    const server = await scripted('220 ok\r\n', (line, conv) => {
      if (/^EHLO/i.test(line)) conv.socket().resetAndDestroy();
    });
    const { value: result, ms } = await timed(() =>
      probeTarget(target(server.port, 'starttls-required'), options()),
    );
    expect(result.problems).toEqual([expect.objectContaining({ phase: 'ehlo', kind: 'reset' })]);
    expect(ms).toBeLessThan(1000);
  });

  it('a server that goes silent after EHLO: a command timeout', async () => {
    const server = await scripted('220 ok\r\n', () => undefined);
    const opts = options({
      timeouts: { connectMs: 500, greetingMs: 500, commandMs: 300, tlsMs: 500, sendMs: 500 },
    });
    const { value: result, ms } = await timed(() =>
      probeTarget(target(server.port, 'starttls-required'), opts),
    );
    expect(result.problems).toEqual([expect.objectContaining({ phase: 'ehlo', kind: 'timeout' })]);
    expect(ms).toBeLessThan(300 + 1000);
  });

  it('a multi-line banner, EHLO rejected, HELO accepted', async () => {
    const server = await scripted(
      '220-first line\r\n220-second line\r\n220 third line\r\n',
      (line, conv) => {
        if (/^EHLO/i.test(line)) conv.send('502 5.5.1 EHLO not implemented\r\n');
        else if (/^HELO/i.test(line)) conv.send('250 hello\r\n');
        else if (line === 'QUIT') conv.send('221 bye\r\n');
      },
    );
    const result = await probeTarget(target(server.port, 'starttls-opportunistic'), options());
    expect(result.greeting).toEqual({ code: 220, text: 'first line\nsecond line\nthird line' });
    expect(result.ehlo?.extensions).toEqual([]);
    expect(result.ehlo?.starttls).toBe(false);
    expect(result.notes.join('\n')).toMatch(/HELO/);
    expect(result.problems).toEqual([]);
  });

  it('a 554 greeting is a rejection', async () => {
    const server = await scripted('554 5.7.1 no service for you\r\n', (line, conv) => {
      if (line === 'QUIT') conv.send('221 bye\r\n');
    });
    const result = await probeTarget(target(server.port, 'starttls-required'), options());
    expect(result.problems).toEqual([
      expect.objectContaining({
        phase: 'greeting',
        kind: 'rejected',
        reply: { code: 554, enhanced: '5.7.1', text: '5.7.1 no service for you' },
      }),
    ]);
  });
});

describe('ports and TLS modes', () => {
  it('a refused port: the alternatives are checked and reported', async () => {
    const open = await raw((socket) => socket.write('220 alt\r\n'));
    const refused = await closedPort();
    const other = await closedPort();
    const { value: result, ms } = await timed(() =>
      probeTarget(
        target(refused, 'starttls-required'),
        options({ alternativePorts: [refused, open.port, other] }),
      ),
    );
    expect(result.connect).toMatchObject({ ok: false, error: 'refused', code: 'ECONNREFUSED' });
    expect(result.connect.alternatives).toEqual([
      { port: open.port, open: true },
      { port: other, open: false, error: 'refused' },
    ]);
    expect(ms).toBeLessThan(1000);
  });

  it('implicit TLS to a STARTTLS port: mismatch with the wrong-version symptom', async () => {
    const server = await smtpServer();
    const { value: result, ms } = await timed(() =>
      probeTarget(target(server.port, 'implicit-tls'), withCa({ credentials: creds })),
    );
    expect(result.tls).toMatchObject({
      mode: 'implicit',
      ok: false,
      mismatch: 'implicit-on-starttls-port',
    });
    expect(result.tls?.mismatchSymptom).toMatch(
      /^TLS handshake failed \(.+\): the server speaks plain SMTP\/STARTTLS on this port/,
    );
    expect(result.auth).toBeUndefined();
    expect(server.authCalls).toBe(0);
    expect(ms).toBeLessThan(2000);
  });

  it('STARTTLS to an implicit TLS port: no greeting, then a TLS handshake succeeds', async () => {
    const server = await smtpServer({ secure: true });
    const opts = withCa({
      timeouts: { connectMs: 500, greetingMs: 600, commandMs: 500, tlsMs: 600, sendMs: 500 },
    });
    const { value: result, ms } = await timed(() =>
      probeTarget(target(server.port, 'starttls-required'), opts),
    );
    expect(result.problems[0]).toMatchObject({ phase: 'greeting', kind: 'timeout' });
    expect(result.tls).toMatchObject({ mismatch: 'starttls-on-implicit-port', ok: false });
    expect(result.tls?.mismatchSymptom).toBe(
      'no greeting within 0.6 s: the port expects implicit TLS (the client waits for a greeting that never comes)',
    );
    expect(ms).toBeLessThan(600 + 600 + 1000);
  });
});

describe('the grep test: no secret in the result, whatever the server echoes', () => {
  it('a server echoing the password and the AUTH payloads in its greeting, EHLO and errors', async () => {
    const variants = secretVariants(creds);
    const echo = variants.join(' ');
    const server = await scripted(`220-hello ${PASS}\r\n220 ${echo}\r\n`, (line, conv) => {
      if (/^EHLO/i.test(line))
        conv.send(
          `250-hostile ${PASS}\r\n250-STARTTLS\r\n250-AUTH PLAIN LOGIN\r\n250 X-${PASS}\r\n`,
        );
      else if (line === 'STARTTLS') {
        conv.send('220 go ahead\r\n');
        conv.startTls();
      } else if (/^AUTH PLAIN /i.test(line)) {
        const payload = line.slice('AUTH PLAIN '.length);
        const decoded = Buffer.from(payload, 'base64').toString('utf8');
        conv.send(
          `535-5.7.8 you sent ${payload}\r\n535 5.7.8 which is ${decoded.replace(/\0/g, ' ')} ${PASS}\r\n`,
        );
      } else if (line === 'QUIT') conv.send(`221 bye ${PASS}\r\n`);
    });
    const result = await probeTarget(
      target(server.port, 'starttls-required'),
      withCa({ credentials: creds }),
    );
    expect(result.auth).toMatchObject({ attempted: true, ok: false, failure: 'bad-credentials' });
    const json = JSON.stringify(result);
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    for (const secret of [
      PASS,
      b64(PASS),
      b64(`\0${USER}\0${PASS}`),
      b64(`${USER}\0${USER}\0${PASS}`),
      ...variants,
    ]) {
      expect(json).not.toContain(secret);
    }
    expect(json).toContain('***');
    expect(result.transcript.some((l) => l.startsWith('S: 535'))).toBe(true);
  });
});
