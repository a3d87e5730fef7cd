/**
 * The probe's verdicts next to swaks's on the same Postfix ports: STARTTLS, certificate
 * verification and AUTH must agree. swaks exit codes (swaks --help, EXIT CODES): 0 ok, 2 connect
 * error, 28 AUTH failed, 29 TLS failed (not advertised, handshake or verification failed).
 * swaks 20201014 (Debian bookworm) verifies the chain only, not the host name: there the probe is
 * stricter, and the test says so.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { probeTarget } from '../../src/probe/probe.js';
import type { ProbeOptions, ProbeResult, ProbeTarget } from '../../src/probe/types.js';
import { requirePostfix, type PostfixEnv } from '../support/postfix.js';

const env = requirePostfix();

const SWAKS_OK = 0;
const SWAKS_AUTH_FAILED = 28;
const SWAKS_TLS_FAILED = 29;

interface SwaksRun {
  code: number;
}

/** Runs swaks up to AUTH; only the exit code leaves this function (its output holds AUTH data). */
function swaks(
  pf: PostfixEnv,
  port: number,
  tlsArgs: string[],
  password = pf.password,
): Promise<SwaksRun> {
  const args = [
    '--server',
    pf.host,
    '--port',
    String(port),
    ...tlsArgs,
    '--auth',
    'PLAIN',
    '--auth-user',
    pf.username,
    '--auth-password',
    password,
    '--quit-after',
    'AUTH',
    '--timeout',
    '5',
  ];
  return new Promise((resolve) => {
    execFile('swaks', args, { timeout: 20_000 }, (error) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code });
    });
  });
}

/** swaks's version as a number, e.g. 20201014. */
function swaksVersion(): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile('swaks', ['--version'], { timeout: 10_000 }, (error, stdout) => {
      const m = /version (\d{8})/.exec(String(stdout));
      if (error || !m) reject(new Error(`swaks --version: ${error?.message ?? stdout}`));
      else resolve(Number(m[1]));
    });
  });
}

function probe(
  pf: PostfixEnv,
  port: number,
  security: ProbeTarget['security'],
  password = pf.password,
): Promise<ProbeResult> {
  const options: ProbeOptions = {
    timeouts: { connectMs: 2000, greetingMs: 5000, commandMs: 5000, tlsMs: 5000, sendMs: 10000 },
    allowInvalidCert: false,
    certExpiryDays: 21,
    alternativePorts: [],
    ehloName: 'probe.test.local',
    ca: [readFileSync(pf.caFile, 'utf8')],
    credentials: { username: pf.username, password },
  };
  return probeTarget(
    { id: `swaks:${port}`, host: pf.host, port, security, source: 'input' },
    options,
  );
}

describe.skipIf(!env)('the probe agrees with swaks', () => {
  const pf = env!;
  const verify = () => ['--tls-verify', '--tls-ca-path', pf.caFile];

  it('submission, STARTTLS + verified certificate + AUTH: both succeed', async () => {
    const [s, p] = await Promise.all([
      swaks(pf, pf.ports.submission, ['--tls', ...verify()]),
      probe(pf, pf.ports.submission, 'starttls-required'),
    ]);
    expect(s.code).toBe(SWAKS_OK);
    expect(p.tls).toMatchObject({ ok: true, authorized: true });
    expect(p.auth?.ok).toBe(true);
  });

  it('implicit TLS + verified certificate + AUTH: both succeed', async () => {
    const [s, p] = await Promise.all([
      swaks(pf, pf.ports.implicit, ['--tls-on-connect', ...verify()]),
      probe(pf, pf.ports.implicit, 'implicit-tls'),
    ]);
    expect(s.code).toBe(SWAKS_OK);
    expect(p.tls).toMatchObject({ mode: 'implicit', authorized: true });
    expect(p.auth?.ok).toBe(true);
  });

  it('a wrong password: both report an AUTH failure', async () => {
    const [s, p] = await Promise.all([
      swaks(pf, pf.ports.submission, ['--tls', ...verify()], 'wrong-password'),
      probe(pf, pf.ports.submission, 'starttls-required', 'wrong-password'),
    ]);
    expect(s.code).toBe(SWAKS_AUTH_FAILED);
    expect(p.auth).toMatchObject({ attempted: true, ok: false, failure: 'bad-credentials' });
  });

  it('an expired certificate: both refuse it', async () => {
    const [s, p] = await Promise.all([
      swaks(pf, pf.ports.expired, ['--tls-on-connect', ...verify()]),
      probe(pf, pf.ports.expired, 'implicit-tls'),
    ]);
    expect(s.code).toBe(SWAKS_TLS_FAILED);
    expect(p.tls).toMatchObject({ authorized: false, authorizationError: 'CERT_HAS_EXPIRED' });
    expect(p.auth?.attempted).toBe(false);
  });

  it('a self-signed certificate: both refuse it', async () => {
    const [s, p] = await Promise.all([
      swaks(pf, pf.ports.selfsigned, ['--tls', ...verify()]),
      probe(pf, pf.ports.selfsigned, 'starttls-required'),
    ]);
    expect(s.code).toBe(SWAKS_TLS_FAILED);
    expect(p.tls).toMatchObject({
      authorized: false,
      authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(p.auth?.attempted).toBe(false);
  });

  it('a certificate for another host: the probe refuses the name; swaks does from 2024 on', async () => {
    const [s, p, version] = await Promise.all([
      swaks(pf, pf.ports.wronghost, ['--tls-on-connect', ...verify()]),
      probe(pf, pf.ports.wronghost, 'implicit-tls'),
      swaksVersion(),
    ]);
    expect(p.tls).toMatchObject({
      authorized: false,
      authorizationError: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
    expect(p.auth?.attempted).toBe(false);
    // swaks 20201014 checks the chain only (the CA signed it); later versions' --tls-verify
    // also checks the host name, and then agree with the probe.
    expect(s.code).toBe(version <= 20201014 ? SWAKS_OK : SWAKS_TLS_FAILED);
  });

  it('the plain port: STARTTLS not offered (swaks --tls fails), AUTH works in clear (swaks) but the probe never sends it', async () => {
    const [withTls, clear, p] = await Promise.all([
      swaks(pf, pf.ports.plain, ['--tls']),
      swaks(pf, pf.ports.plain, []),
      probe(pf, pf.ports.plain, 'plain'),
    ]);
    expect(withTls.code).toBe(SWAKS_TLS_FAILED);
    expect(p.ehlo?.starttls).toBe(false);
    expect(clear.code).toBe(SWAKS_OK);
    expect(p.authBeforeTls).toContain('PLAIN');
    expect(p.auth?.attempted).toBe(false);
  });

  it('implicit TLS against the STARTTLS port: both see the TLS failure', async () => {
    const [s, p] = await Promise.all([
      swaks(pf, pf.ports.submission, ['--tls-on-connect']),
      probe(pf, pf.ports.submission, 'implicit-tls'),
    ]);
    expect(s.code).toBe(SWAKS_TLS_FAILED);
    expect(p.tls).toMatchObject({ ok: false, mismatch: 'implicit-on-starttls-port' });
  });
});
