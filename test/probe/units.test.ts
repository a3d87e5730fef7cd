/**
 * The probe's small modules on their own: secret variants and redaction, the reply reader,
 * connect error classes, AUTH reply classes and mechanism choice, EHLO parsing, probeAll.
 */
import { describe, expect, it } from 'vitest';
import net from 'node:net';
import { chooseMechanism, classifyAuthReply } from '../../src/probe/auth.js';
import {
  checkAlternatives,
  classifyConnectError,
  connectTcp,
  errorCode,
} from '../../src/probe/connect.js';
import { probeAll } from '../../src/probe/index.js';
import { LineReader } from '../../src/probe/line-reader.js';
import { redact, redactDeep, secretVariants } from '../../src/probe/secrets.js';
import { parseEhlo, parseReplyLine } from '../../src/probe/session.js';
import { parseSubjectAltNames, looksLikePlaintext } from '../../src/probe/tls-inspect.js';
import { closedPort, options, rawServer, target, timed } from './helpers.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('secretVariants / redact', () => {
  it('covers the password, its base64, the PLAIN and LOGIN payloads', () => {
    const v = secretVariants({ username: 'user', password: 'pw!x' });
    for (const form of [
      'pw!x',
      b64('pw!x'),
      b64('\0user\0pw!x'),
      b64('user\0user\0pw!x'),
      encodeURIComponent('pw!x'),
    ]) {
      expect(v).toContain(form);
    }
    expect(v).not.toContain('user');
    expect(v).not.toContain(b64('user'));
  });

  it('keeps a short password (it is still secret) and skips empty ones', () => {
    expect(secretVariants({ username: 'u', password: 'ab' })).toContain('ab');
    expect(secretVariants({ username: 'u', password: '' })).toEqual([]);
    expect(secretVariants({})).toEqual([]);
  });

  it('covers the OAuth2 token and the XOAUTH2 string', () => {
    const v = secretVariants({ username: 'me@example.com', oauth2Token: 'ya29.abc' });
    expect(v).toContain('ya29.abc');
    expect(v).toContain(b64('user=me@example.com\x01auth=Bearer ya29.abc\x01\x01'));
  });

  it('redacts longest first, in nested values too', () => {
    const v = secretVariants({ username: 'user', password: 'hunter22' });
    const payload = b64('\0user\0hunter22');
    expect(redact(`AUTH PLAIN ${payload} and hunter22`, v)).toBe('AUTH PLAIN *** and ***');
    expect(redactDeep({ a: ['x hunter22'], b: { c: payload } }, v)).toEqual({
      a: ['x ***'],
      b: { c: '***' },
    });
  });
});

async function readerFor(
  chunks: Array<string | Buffer>,
  opts: { maxLineLength?: number; end?: boolean; reset?: boolean } = {},
) {
  const server = await rawServer((socket) => {
    for (const c of chunks) socket.write(c);
    if (opts.end) socket.end();
    if (opts.reset) setTimeout(() => socket.resetAndDestroy(), 20);
  });
  const socket = net.connect(server.port, '127.0.0.1');
  const lines: string[] = [];
  const reader = new LineReader({
    maxLineLength: opts.maxLineLength,
    onLine: (l) => lines.push(l),
  });
  reader.attach(socket);
  return {
    reader,
    lines,
    done: async () => {
      socket.destroy();
      await server.close();
    },
  };
}

describe('LineReader', () => {
  it('reads multi-line replies split across chunks, one reply at a time', async () => {
    const r = await readerFor(['250-a\r\n25', '0-b\r\n250 c\r\n220 next\r\n']);
    expect(await r.reader.read(500)).toEqual({
      ok: true,
      reply: { code: 250, lines: ['a', 'b', 'c'] },
    });
    expect(await r.reader.read(500)).toEqual({ ok: true, reply: { code: 220, lines: ['next'] } });
    expect(r.lines).toEqual(['250-a', '250-b', '250 c', '220 next']);
    await r.done();
  });

  it('accepts a bare code and a multi-byte character split across chunks', async () => {
    const euro = Buffer.from('250 €\r\n');
    const r = await readerFor(['220\r\n', euro.subarray(0, 5), euro.subarray(5)]);
    expect(await r.reader.read(500)).toEqual({ ok: true, reply: { code: 220, lines: [''] } });
    expect(await r.reader.read(500)).toEqual({ ok: true, reply: { code: 250, lines: ['€'] } });
    await r.done();
  });

  it('times out on an incomplete reply', async () => {
    const r = await readerFor(['250-a\r\n']);
    const { value, ms } = await timed(() => r.reader.read(200));
    expect(value).toMatchObject({ ok: false, kind: 'timeout' });
    expect(ms).toBeLessThan(600);
    await r.done();
  });

  it('reports a close in the middle of a reply, and a reset', async () => {
    const closed = await readerFor(['250-a\r\n'], { end: true });
    expect(await closed.reader.read(1000)).toMatchObject({
      ok: false,
      kind: 'closed',
      message: expect.stringMatching(/middle of a reply/),
    });
    await closed.done();
    const reset = await readerFor([], { reset: true });
    expect(await reset.reader.read(1000)).toMatchObject({ ok: false, kind: 'reset' });
    await reset.done();
  });

  it('a line too long: terminated or not, the buffer stays bounded', async () => {
    const long = await readerFor([`250 ${'x'.repeat(200)}\r\n`], { maxLineLength: 100 });
    expect(await long.reader.read(500)).toMatchObject({ ok: false, kind: 'line-too-long' });
    await long.done();
    const endless = await readerFor(['2', '20 ', 'y'.repeat(5000)], { maxLineLength: 1000 });
    expect(await endless.reader.read(500)).toMatchObject({
      ok: false,
      kind: 'line-too-long',
      message: expect.stringMatching(/without a line end/),
    });
    expect(endless.lines[0].length).toBeLessThan(200);
    await endless.done();
  });

  it('garbage: not a reply line', async () => {
    const r = await readerFor(['SSH-2.0-OpenSSH_9.6\r\n']);
    expect(await r.reader.read(500)).toMatchObject({
      ok: false,
      kind: 'garbage',
      message: expect.stringContaining('SSH-2.0'),
    });
    await r.done();
  });

  it('detach returns what was sent beyond the replies read', async () => {
    const r = await readerFor(['220 go ahead\r\n250 injected\r\npartial']);
    expect(await r.reader.read(500)).toMatchObject({ ok: true, reply: { code: 220 } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.reader.detach()).toBe('250 injected\npartial');
    await r.done();
  });
});

describe('connect', () => {
  it('classifies error codes', () => {
    expect(classifyConnectError('ECONNREFUSED')).toBe('refused');
    expect(classifyConnectError('ETIMEDOUT')).toBe('timeout');
    expect(classifyConnectError('ENOTFOUND')).toBe('dns');
    expect(classifyConnectError('EAI_AGAIN')).toBe('dns');
    expect(classifyConnectError('EHOSTUNREACH')).toBe('unreachable');
    expect(classifyConnectError('ENETUNREACH')).toBe('unreachable');
    expect(classifyConnectError('ECONNRESET')).toBe('reset');
    expect(classifyConnectError('EWHATEVER')).toBe('other');
    expect(classifyConnectError(undefined)).toBe('other');
    expect(
      errorCode(
        Object.assign(
          new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]),
          {},
        ),
      ),
    ).toBe('ECONNREFUSED');
  });

  it('a refused port', async () => {
    const port = await closedPort();
    const { result, socket } = await connectTcp('127.0.0.1', port, 1000);
    expect(socket).toBeUndefined();
    expect(result).toMatchObject({
      ok: false,
      error: 'refused',
      code: 'ECONNREFUSED',
      address: '127.0.0.1',
    });
  });

  it('checkAlternatives checks every port concurrently', async () => {
    const open = await rawServer(() => undefined);
    const closed = await closedPort();
    expect(await checkAlternatives('127.0.0.1', [open.port, closed, open.port], 500)).toEqual([
      { port: open.port, open: true },
      { port: closed, open: false, error: 'refused' },
    ]);
    await open.close();
  });
});

describe('AUTH', () => {
  const r = (line: string) => parseReplyLine(line, [])!;
  it('classifies replies', () => {
    expect(classifyAuthReply(r('235 2.7.0 Authentication successful'))).toBeUndefined();
    expect(classifyAuthReply(r('535 5.7.8 Username and Password not accepted'))).toBe(
      'bad-credentials',
    );
    expect(classifyAuthReply(r('535 5.7.3 Authentication unsuccessful'))).toBe('bad-credentials');
    expect(
      classifyAuthReply(
        r(
          '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.',
        ),
      ),
    ).toBe('disabled-by-provider');
    expect(
      classifyAuthReply(
        r('550 5.7.30 Basic authentication is not supported for Client Submission.'),
      ),
    ).toBe('disabled-by-provider');
    expect(
      classifyAuthReply(
        r('535 5.7.3 Authentication unsuccessful, basic authentication is disabled.'),
      ),
    ).toBe('disabled-by-provider');
    expect(classifyAuthReply(r('504 5.5.4 Unrecognized authentication type'))).toBe(
      'not-supported',
    );
    expect(classifyAuthReply(r('502 5.5.1 Command not implemented'))).toBe('not-supported');
    expect(classifyAuthReply(r('454 4.7.0 Temporary authentication failure'))).toBe('temporary');
    expect(classifyAuthReply(r('421 4.3.2 Service not available'))).toBe('temporary');
    expect(classifyAuthReply(r('530 5.7.0 Must issue a STARTTLS command first'))).toBe(
      'encryption-required',
    );
    expect(
      classifyAuthReply(r('538 5.7.11 Encryption required for requested authentication mechanism')),
    ).toBe('encryption-required');
    expect(classifyAuthReply(r('554 5.7.1 go away'))).toBe('other');
  });

  it('chooses XOAUTH2 for a token, else PLAIN, else LOGIN', () => {
    expect(
      chooseMechanism(['LOGIN', 'PLAIN', 'XOAUTH2'], {
        username: 'u',
        oauth2Token: 't',
        password: 'p',
      }),
    ).toBe('XOAUTH2');
    expect(chooseMechanism(['LOGIN', 'PLAIN'], { username: 'u', password: 'p' })).toBe('PLAIN');
    expect(chooseMechanism(['LOGIN'], { username: 'u', password: 'p' })).toBe('LOGIN');
    expect(chooseMechanism(['CRAM-MD5'], { username: 'u', password: 'p' })).toBeUndefined();
    expect(chooseMechanism(['PLAIN'], { username: 'u', oauth2Token: 't' })).toBeUndefined();
  });
});

describe('parsing', () => {
  it('EHLO extensions, both AUTH spellings', () => {
    const info = parseEhlo([
      'mx.example hello',
      'PIPELINING',
      'SIZE 10240000',
      'STARTTLS',
      'AUTH=LOGIN',
      'auth plain login',
      '8BITMIME',
      'SMTPUTF8',
      'REQUIRETLS',
    ]);
    expect(info).toEqual({
      extensions: ['PIPELINING', 'SIZE', 'STARTTLS', 'AUTH', '8BITMIME', 'SMTPUTF8', 'REQUIRETLS'],
      auth: ['LOGIN', 'PLAIN'],
      starttls: true,
      size: 10240000,
      eightBitMime: true,
      smtpUtf8: true,
      pipelining: true,
      requireTls: true,
    });
  });

  it('reply lines with and without enhanced codes', () => {
    expect(parseReplyLine('250 2.0.0 Ok: queued as ABC', [])).toEqual({
      code: 250,
      enhanced: '2.0.0',
      text: '2.0.0 Ok: queued as ABC',
    });
    expect(parseReplyLine('250 Ok', [])).toEqual({ code: 250, text: 'Ok' });
    expect(parseReplyLine('nonsense', [])).toBeUndefined();
  });

  it('subject alt names and plaintext handshake errors', () => {
    expect(parseSubjectAltNames('DNS:a.example, DNS:b.example, IP Address:127.0.0.1')).toEqual([
      'DNS:a.example',
      'DNS:b.example',
      'IP Address:127.0.0.1',
    ]);
    expect(parseSubjectAltNames(undefined)).toEqual([]);
    expect(looksLikePlaintext('ERR_SSL_WRONG_VERSION_NUMBER')).toBe(true);
    expect(looksLikePlaintext('ECONNRESET')).toBe(false);
  });
});

describe('probeAll', () => {
  it('probes concurrently and keeps the order', async () => {
    const slow = await rawServer((socket) => setTimeout(() => socket.end('220 slow\r\n'), 400));
    const fast = await rawServer((socket) => socket.end('220 fast\r\n'));
    const targets = [
      target(slow.port, 'plain'),
      target(fast.port, 'plain'),
      target(slow.port, 'plain'),
    ];
    const { value, ms } = await timed(() => probeAll(targets, () => options(), 8));
    expect(value.map((r) => r.greeting?.text)).toEqual(['slow', 'fast', 'slow']);
    expect(ms).toBeLessThan(400 * 2);
    const serial = await timed(() =>
      probeAll(targets.slice(0, 2).concat(targets[0]), () => options(), 1),
    );
    expect(serial.ms).toBeGreaterThanOrEqual(800);
    await slow.close();
    await fast.close();
  });
});
