/**
 * The probe against a real Postfix (scripts/live/postfix.sh up): every port's TLS verdict, AUTH
 * where it may and may not happen, a real delivery into the Maildir, a 550 at RCPT. Skips locally
 * when the server is not up; fails on CI (requirePostfix).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { probeTarget } from '../../src/probe/probe.js';
import { secretVariants } from '../../src/probe/secrets.js';
import type { ProbeOptions, ProbeResult, ProbeTarget } from '../../src/probe/types.js';
import { requirePostfix, waitForMaildir, type PostfixEnv } from '../support/postfix.js';

const env = requirePostfix();

function probeOptions(pf: PostfixEnv, overrides: Partial<ProbeOptions> = {}): ProbeOptions {
  return {
    timeouts: { connectMs: 2000, greetingMs: 5000, commandMs: 5000, tlsMs: 5000, sendMs: 15000 },
    allowInvalidCert: false,
    certExpiryDays: 21,
    alternativePorts: [],
    ehloName: 'probe.test.local',
    ca: [readFileSync(pf.caFile, 'utf8')],
    credentials: { username: pf.username, password: pf.password },
    ...overrides,
  };
}

function at(pf: PostfixEnv, port: number, security: ProbeTarget['security']): ProbeTarget {
  return { id: `postfix:${port}`, host: pf.host, port, security, source: 'input' };
}

function expectNoSecret(pf: PostfixEnv, result: ProbeResult): void {
  const json = JSON.stringify(result);
  for (const secret of secretVariants({ username: pf.username, password: pf.password })) {
    expect(json.includes(secret), 'a secret form appears in the result').toBe(false);
  }
}

describe.skipIf(!env)('live probe against Postfix', () => {
  const pf = env!;

  it('optional STARTTLS (10025): AUTH advertised before TLS, verified TLS, AUTH after it', async () => {
    const result = await probeTarget(
      at(pf, pf.ports.optional, 'starttls-required'),
      probeOptions(pf),
    );
    expect(result.greeting?.code).toBe(220);
    expect(result.ehlo?.starttls).toBe(true);
    expect(result.authBeforeTls).toEqual(expect.arrayContaining(['PLAIN', 'LOGIN']));
    expect(result.tls).toMatchObject({ mode: 'starttls', ok: true, authorized: true });
    expect(['TLSv1.2', 'TLSv1.3']).toContain(result.tls?.protocol);
    expect(result.tls?.certificate).toMatchObject({
      selfSigned: false,
      keyType: 'RSA',
      keyBits: 2048,
    });
    expect(result.tls?.certificate?.chain.join()).toContain('smtp-preflight test CA');
    expect(result.auth).toMatchObject({ attempted: true, ok: true, mechanism: 'PLAIN' });
    expect(result.problems).toEqual([]);
    expectNoSecret(pf, result);
  });

  it('submission (10587): no AUTH before TLS, AUTH ok after STARTTLS', async () => {
    const result = await probeTarget(
      at(pf, pf.ports.submission, 'starttls-required'),
      probeOptions(pf),
    );
    expect(result.authBeforeTls).toBeUndefined();
    expect(result.ehloAfterTls?.auth).toContain('PLAIN');
    expect(result.tls).toMatchObject({ mode: 'starttls', ok: true, authorized: true });
    expect(result.auth).toMatchObject({ attempted: true, ok: true });
    expect(result.auth?.reply).toMatchObject({ code: 235, enhanced: '2.7.0' });
  });

  it('submission: a wrong password is bad-credentials (535 5.7.8)', async () => {
    const result = await probeTarget(
      at(pf, pf.ports.submission, 'starttls-required'),
      probeOptions(pf, { credentials: { username: pf.username, password: 'not-the-password' } }),
    );
    expect(result.auth).toMatchObject({ attempted: true, ok: false, failure: 'bad-credentials' });
    expect(result.auth?.reply).toMatchObject({ code: 535, enhanced: '5.7.8' });
    expect(JSON.stringify(result)).not.toContain('not-the-password');
  });

  it('implicit TLS (10465): verified, AUTH ok', async () => {
    const result = await probeTarget(at(pf, pf.ports.implicit, 'implicit-tls'), probeOptions(pf));
    expect(result.tls).toMatchObject({ mode: 'implicit', ok: true, authorized: true });
    expect(['TLSv1.2', 'TLSv1.3']).toContain(result.tls?.protocol);
    expect(result.ehlo?.auth).toContain('PLAIN');
    expect(result.auth).toMatchObject({ attempted: true, ok: true });
    expectNoSecret(pf, result);
  });

  it('plain (10026): AUTH offered in clear text, never attempted', async () => {
    const result = await probeTarget(at(pf, pf.ports.plain, 'plain'), probeOptions(pf));
    expect(result.tls).toBeUndefined();
    expect(result.ehlo?.starttls).toBe(false);
    expect(result.authBeforeTls).toEqual(expect.arrayContaining(['PLAIN']));
    expect(result.auth).toEqual({
      attempted: false,
      skipped: 'the connection is not encrypted: credentials are never sent in clear text',
    });
    expect(result.transcript.some((line) => line.startsWith('C: AUTH'))).toBe(false);
  });

  it('plain port as starttls-required: STARTTLS not offered, no TLS, no AUTH', async () => {
    const result = await probeTarget(at(pf, pf.ports.plain, 'starttls-required'), probeOptions(pf));
    expect(result.ehlo?.starttls).toBe(false);
    expect(result.tls).toBeUndefined();
    expect(result.auth?.attempted).toBe(false);
  });

  it('expired (10466): CERT_HAS_EXPIRED, negative daysLeft, no AUTH', async () => {
    const result = await probeTarget(at(pf, pf.ports.expired, 'implicit-tls'), probeOptions(pf));
    expect(result.tls).toMatchObject({
      ok: true,
      authorized: false,
      authorizationError: 'CERT_HAS_EXPIRED',
    });
    expect(result.tls?.certificate?.daysLeft).toBeLessThan(0);
    expect(result.tls?.certificate?.validTo).toMatch(/^2021-01-01/);
    expect(result.auth?.attempted).toBe(false);
    expect(result.auth?.skipped).toMatch(/CERT_HAS_EXPIRED/);
  });

  it('expired with allow-invalid-cert: AUTH goes ahead, with a loud note', async () => {
    const result = await probeTarget(
      at(pf, pf.ports.expired, 'implicit-tls'),
      probeOptions(pf, { allowInvalidCert: true }),
    );
    expect(result.auth).toMatchObject({ attempted: true, ok: true });
    expect(result.notes.join('\n')).toMatch(/allow-invalid-cert.*CERT_HAS_EXPIRED/);
  });

  it('wronghost (10467): ERR_TLS_CERT_ALTNAME_INVALID, no AUTH', async () => {
    const result = await probeTarget(at(pf, pf.ports.wronghost, 'implicit-tls'), probeOptions(pf));
    expect(result.tls).toMatchObject({
      authorized: false,
      authorizationError: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
    expect(result.tls?.certificate?.subjectAltNames).toEqual(['DNS:wrong.example.net']);
    expect(result.auth?.attempted).toBe(false);
  });

  it('selfsigned (10468): DEPTH_ZERO_SELF_SIGNED_CERT, no AUTH', async () => {
    const result = await probeTarget(
      at(pf, pf.ports.selfsigned, 'starttls-required'),
      probeOptions(pf),
    );
    expect(result.tls).toMatchObject({
      mode: 'starttls',
      ok: true,
      authorized: false,
      authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(result.tls?.certificate?.selfSigned).toBe(true);
    expect(result.auth?.attempted).toBe(false);
  });

  it.skipIf(!env?.ports.weakkey)('weakkey: a 1024-bit RSA key is reported', async () => {
    const result = await probeTarget(at(pf, pf.ports.weakkey!, 'implicit-tls'), probeOptions(pf));
    expect(result.tls?.certificate).toMatchObject({ keyType: 'RSA', keyBits: 1024 });
  });

  it('implicit TLS against the STARTTLS port: implicit-on-starttls-port', async () => {
    const result = await probeTarget(at(pf, pf.ports.submission, 'implicit-tls'), probeOptions(pf));
    expect(result.tls).toMatchObject({
      mode: 'implicit',
      ok: false,
      mismatch: 'implicit-on-starttls-port',
    });
    expect(result.tls?.mismatchSymptom).toMatch(/wrong version number|greets in clear text/);
    expect(result.auth).toBeUndefined();
  });

  it('STARTTLS against the implicit TLS port: starttls-on-implicit-port within greeting + TLS time', async () => {
    const options = probeOptions(pf, {
      timeouts: { connectMs: 2000, greetingMs: 1000, commandMs: 2000, tlsMs: 2000, sendMs: 5000 },
    });
    const started = Date.now();
    const result = await probeTarget(at(pf, pf.ports.implicit, 'starttls-required'), options);
    expect(Date.now() - started).toBeLessThan(1000 + 2000 + 1000);
    expect(result.problems[0]).toMatchObject({ phase: 'greeting', kind: 'timeout' });
    expect(result.tls).toMatchObject({ mismatch: 'starttls-on-implicit-port', authorized: true });
  });

  it('a real send lands in the Maildir, with the probe header', async () => {
    const subject = `smtp-preflight live ${randomUUID()}`;
    const result = await probeTarget(
      at(pf, pf.ports.submission, 'starttls-required'),
      probeOptions(pf, { send: { from: pf.inbox, to: pf.inbox, subject } }),
    );
    expect(result.send).toMatchObject({ attempted: true, ok: true });
    expect(result.send?.reply?.code).toBe(250);
    expect(result.send?.messageId).toMatch(/^<.+>$/);
    const message = await waitForMaildir((m) => m.includes(subject), 10_000, pf.maildir);
    expect(message).toMatch(/^X-Smtp-Preflight: 1$/m);
    expectNoSecret(pf, result);
  });

  it('a send to the reject address fails with 550', async () => {
    const result = await probeTarget(
      at(pf, pf.ports.submission, 'starttls-required'),
      probeOptions(pf, { send: { from: pf.inbox, to: pf.reject } }),
    );
    expect(result.auth?.ok).toBe(true);
    expect(result.send).toMatchObject({ attempted: true, ok: false });
    expect(result.send?.reply?.code).toBe(550);
    expect(result.send?.error).toMatch(/550/);
  });
});
