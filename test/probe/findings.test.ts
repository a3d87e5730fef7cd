import { describe, expect, it } from 'vitest';
import type { Finding, Location } from '../../src/model.js';
import { probeFindings } from '../../src/probe/findings.js';
import type { ProbeResult, ProbeTarget } from '../../src/probe/types.js';
import { RULES } from '../../src/policy/rules.js';

const AT: Location = { file: 'config/mail.yml', line: 3 };
const FALLBACK: Location = { file: '.github/workflows/smtp.yml', line: 1 };
const OPTS = { certExpiryDays: 21, minDeliverabilityScore: 8, fallbackAt: FALLBACK };

const scanTarget = (over: Partial<ProbeTarget> = {}): ProbeTarget => ({
  id: 'config/mail.yml:3',
  host: 'smtp.example.com',
  port: 587,
  security: 'starttls-required',
  source: 'scan',
  at: AT,
  ...over,
});

/** A probe that found nothing wrong: STARTTLS, TLS 1.3, a valid certificate, AUTH and send ok. */
function healthy(over: Partial<ProbeResult> = {}): ProbeResult {
  return {
    target: scanTarget(),
    startedAt: '2026-11-27T12:00:00.000Z',
    ms: 420,
    connect: { ok: true, address: '93.184.215.14', ms: 12 },
    greeting: { code: 220, text: 'smtp.example.com ESMTP' },
    ehlo: {
      extensions: ['PIPELINING', 'SIZE', 'STARTTLS', '8BITMIME'],
      auth: [],
      starttls: true,
      size: 10240000,
      eightBitMime: true,
      smtpUtf8: false,
      pipelining: true,
      requireTls: false,
    },
    ehloAfterTls: {
      extensions: ['PIPELINING', 'SIZE', 'AUTH', '8BITMIME'],
      auth: ['PLAIN', 'LOGIN'],
      starttls: false,
      eightBitMime: true,
      smtpUtf8: false,
      pipelining: true,
      requireTls: false,
    },
    tls: {
      mode: 'starttls',
      ok: true,
      protocol: 'TLSv1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      authorized: true,
      certificate: {
        subject: 'CN=smtp.example.com',
        issuer: "CN=R11, O=Let's Encrypt, C=US",
        subjectAltNames: ['DNS:smtp.example.com'],
        validFrom: 'Oct  1 00:00:00 2026 GMT',
        validTo: 'Dec 30 00:00:00 2026 GMT',
        daysLeft: 33,
        selfSigned: false,
        keyType: 'EC',
        keyBits: 256,
        fingerprint256: 'AA:BB',
        chain: ["CN=R11, O=Let's Encrypt, C=US", 'CN=ISRG Root X1'],
      },
    },
    auth: {
      attempted: true,
      mechanism: 'PLAIN',
      ok: true,
      reply: { code: 235, enhanced: '2.7.0', text: 'Authentication successful' },
    },
    send: {
      attempted: true,
      ok: true,
      messageId: '<1@x>',
      reply: { code: 250, enhanced: '2.0.0', text: 'Ok: queued' },
    },
    problems: [],
    transcript: ['S: 220 smtp.example.com ESMTP', 'C: EHLO smtp-preflight.invalid'],
    notes: [],
    ...over,
  };
}

function only(results: ProbeResult[], opts = OPTS): Finding {
  const f = probeFindings(results, opts);
  expect(f, JSON.stringify(f, null, 1)).toHaveLength(1);
  return f[0];
}

function expectRule(
  f: Finding,
  id: string,
  severity: Finding['severity'],
  at: Location = AT,
): void {
  expect(f.ruleId).toBe(id);
  expect(f.severity).toBe(severity);
  expect(f.at).toEqual(at);
  expect(f.helpUri).toBe(
    `https://github.com/smtp-preflight/smtp-preflight/blob/main/docs/rules/${id}.md`,
  );
  expect(f.fix.length).toBeGreaterThan(10);
}

const tls = healthy().tls!;
const cert = tls.certificate!;

describe('probeFindings', () => {
  it('a result with no problems yields no findings; a skipped one neither', () => {
    expect(probeFindings([healthy()], OPTS)).toEqual([]);
    expect(
      probeFindings([{ ...healthy(), skipped: 'fork pull request', connect: { ok: false } }], OPTS),
    ).toEqual([]);
  });

  it('LV001: refused vs timed out vs DNS, with the open alternative ports', () => {
    const timeout = only([
      healthy({
        target: scanTarget({
          port: 25,
          security: 'starttls-opportunistic',
          port25Configured: true,
        }),
        connect: {
          ok: false,
          error: 'timeout',
          code: 'ETIMEDOUT',
          alternatives: [
            { port: 587, open: true },
            { port: 465, open: true },
            { port: 2525, open: false, error: 'timeout' },
          ],
        },
      }),
    ]);
    expectRule(timeout, 'LV001', 'error');
    expect(timeout.endpointId).toBe('config/mail.yml:3');
    expect(timeout.message).toBe(
      "smtp.example.com:25 is unreachable from the runner: the connection timed out (`ETIMEDOUT`); port 25 is probably blocked by the runner's network (clouds and ISPs block outbound 25). From the runner, 587 and 465 are open; 2525 is closed too.",
    );
    expect(timeout.fix).toBe(
      'Use 587 with STARTTLS required: it is open from here, and configure the client to match.',
    );

    const refused = only([
      healthy({ connect: { ok: false, error: 'refused', code: 'ECONNREFUSED', alternatives: [] } }),
    ]);
    expect(refused.message).toContain('the connection was refused');
    expect(refused.fix).toBe('Check the port: the server does not accept connections on 587.');

    const dns = only([healthy({ connect: { ok: false, error: 'dns', code: 'ENOTFOUND' } })]);
    expect(dns.message).toContain('the host name does not resolve (`ENOTFOUND`)');
    expect(dns.fix).toContain('Check the host name');

    const only465 = only([
      healthy({
        connect: { ok: false, error: 'timeout', alternatives: [{ port: 465, open: true }] },
      }),
    ]);
    expect(only465.message).toContain('From the runner, 465 is open.');
    expect(only465.fix).toMatch(/^Use 465 with implicit TLS/);
  });

  it('LV002: STARTTLS not offered, refused with 454, handshake failed', () => {
    const ehlo = { ...healthy().ehlo!, starttls: false, extensions: ['PIPELINING'] };
    const missing = only([
      healthy({ ehlo, tls: undefined, ehloAfterTls: undefined, auth: undefined, send: undefined }),
    ]);
    expectRule(missing, 'LV002', 'error');
    expect(missing.message).toBe(
      'smtp.example.com:587 does not offer STARTTLS (it is not in the EHLO reply): a client that requires STARTTLS stops here, so mail fails.',
    );
    const opportunistic = only([
      healthy({
        target: scanTarget({ security: 'starttls-opportunistic' }),
        ehlo,
        tls: undefined,
        auth: undefined,
        send: undefined,
      }),
    ]);
    expect(opportunistic.message).toContain('sends credentials and mail in clear text');

    const refused = only([
      healthy({
        tls: undefined,
        auth: undefined,
        send: undefined,
        problems: [
          {
            phase: 'starttls',
            kind: 'rejected',
            message: 'STARTTLS refused',
            reply: { code: 454, enhanced: '4.7.0', text: 'TLS not available due to local problem' },
          },
        ],
      }),
    ]);
    expectRule(refused, 'LV002', 'error');
    expect(refused.message).toContain(
      'refused it with `454 4.7.0 TLS not available due to local problem`',
    );

    const handshake = only([
      healthy({
        tls: {
          mode: 'starttls',
          ok: false,
          error: { code: 'ECONNRESET', message: 'socket hang up' },
        },
        auth: undefined,
        send: undefined,
      }),
    ]);
    expect(handshake.ruleId).toBe('LV002');
    expect(handshake.message).toContain(
      'The TLS handshake with smtp.example.com:587 failed after STARTTLS',
    );
    expect(handshake.fix).toContain(
      'openssl s_client -connect smtp.example.com:587 -starttls smtp',
    );
  });

  it('LV003: TLS mode mismatch with the exact symptom', () => {
    const f = only([
      healthy({
        target: scanTarget({ port: 465, security: 'starttls-required' }),
        tls: {
          mode: 'starttls',
          ok: false,
          mismatch: 'starttls-on-implicit-port',
          mismatchSymptom: 'Greeting never received (no 220 within 10000 ms)',
        },
        ehlo: undefined,
        auth: undefined,
        send: undefined,
      }),
    ]);
    expectRule(f, 'LV003', 'error');
    expect(f.message).toContain('the port speaks implicit TLS');
    expect(f.message).toContain('`Greeting never received (no 220 within 10000 ms)`');
    expect(f.fix).toContain('`secure: true`');
    // The greeting timeout that revealed the mismatch is not reported again as LV012.
    const withTimeout = probeFindings(
      [
        healthy({
          target: scanTarget({ port: 465, security: 'starttls-required' }),
          tls: { mode: 'starttls', ok: false, mismatch: 'starttls-on-implicit-port' },
          problems: [{ phase: 'greeting', kind: 'timeout', message: 'no complete reply' }],
          ehlo: undefined,
          auth: undefined,
          send: undefined,
        }),
      ],
      OPTS,
    );
    expect(withTimeout.map((x) => x.ruleId)).toEqual(['LV003']);
    const reverse = only([
      healthy({
        target: scanTarget({ security: 'implicit-tls' }),
        tls: {
          mode: 'implicit',
          ok: false,
          mismatch: 'implicit-on-starttls-port',
          mismatchSymptom: 'ERR_SSL_WRONG_VERSION_NUMBER',
          error: { code: 'ERR_SSL_WRONG_VERSION_NUMBER', message: 'wrong version number' },
        },
        auth: undefined,
        send: undefined,
      }),
    ]);
    expect(reverse.ruleId).toBe('LV003');
    expect(reverse.message).toContain('expects a plain greeting and STARTTLS');
    expect(reverse.message).toContain('`ERR_SSL_WRONG_VERSION_NUMBER`');
  });

  it('LV004 with AUTH skipped for the certificate adds LV015 with the certificate fix', () => {
    const f = probeFindings(
      [
        healthy({
          tls: {
            ...tls,
            authorized: false,
            authorizationError: 'SELF_SIGNED_CERT_IN_CHAIN',
            certificate: { ...cert, chain: ['CN=Corp Root CA'] },
          },
          auth: { attempted: false, skipped: 'certificate not verified: no AUTH' },
          send: undefined,
        }),
      ],
      OPTS,
    );
    expect(f.map((x) => `${x.ruleId}:${x.severity}`)).toEqual(['LV004:error', 'LV015:warning']);
    expect(f[0].message).toContain(
      'chains to a self-signed root that is not trusted (`CN=Corp Root CA`)',
    );
    expect(f[1].fix).toContain('`ca-file`');
  });

  it('LV004: certificate not trusted (wrong host, self-signed, missing chain)', () => {
    const base = { auth: undefined, send: undefined };
    const wrong = only([
      healthy({
        ...base,
        tls: {
          ...tls,
          authorized: false,
          authorizationError: 'ERR_TLS_CERT_ALTNAME_INVALID',
          certificate: {
            ...cert,
            subjectAltNames: ['DNS:*.hosting.example.net', 'DNS:hosting.example.net'],
          },
        },
      }),
    ]);
    expectRule(wrong, 'LV004', 'error');
    expect(wrong.message).toBe(
      'The certificate of smtp.example.com:587 is issued to `*.hosting.example.net`, `hosting.example.net`, not to `smtp.example.com` (`ERR_TLS_CERT_ALTNAME_INVALID`): a client that verifies refuses it, and one that does not cannot tell the server from an impostor.',
    );
    const self = only([
      healthy({
        ...base,
        tls: {
          ...tls,
          authorized: false,
          authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
          certificate: { ...cert, selfSigned: true, issuer: 'CN=smtp.example.com' },
        },
      }),
    ]);
    expect(self.message).toContain(
      'is self-signed (subject `CN=smtp.example.com`, issuer `CN=smtp.example.com`)',
    );
    expect(self.fix).toContain('`tls.ca`');
    const chain = only([
      healthy({
        ...base,
        tls: { ...tls, authorized: false, authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
      }),
    ]);
    expect(chain.fix).toContain('full chain');
  });

  it('LV005: expired is an error, expiring within the window a warning', () => {
    const expired = only([
      healthy({
        tls: {
          ...tls,
          authorized: false,
          authorizationError: 'CERT_HAS_EXPIRED',
          certificate: { ...cert, validTo: 'Nov  1 00:00:00 2026 GMT', daysLeft: -26 },
        },
        auth: undefined,
        send: undefined,
      }),
    ]);
    expectRule(expired, 'LV005', 'error');
    expect(expired.message).toBe(
      'The certificate of smtp.example.com:587 has expired (valid until Nov  1 00:00:00 2026 GMT): clients that verify refuse the connection.',
    );
    const expiredByDate = only([
      healthy({
        tls: {
          ...tls,
          certificate: { ...cert, validTo: 'Nov 26 00:00:00 2026 GMT', daysLeft: -1 },
        },
      }),
    ]);
    expect(expiredByDate.message).toContain('expired on Nov 26 00:00:00 2026 GMT (1 day ago)');
    const soon = only([
      healthy({
        tls: { ...tls, certificate: { ...cert, validTo: 'Dec  6 00:00:00 2026 GMT', daysLeft: 9 } },
      }),
    ]);
    expectRule(soon, 'LV005', 'warning');
    expect(soon.message).toBe(
      'The certificate of smtp.example.com:587 expires on Dec  6 00:00:00 2026 GMT, in 9 days (warning threshold: 21 days).',
    );
    expect(
      probeFindings([healthy({ tls: { ...tls, certificate: { ...cert, daysLeft: 22 } } })], OPTS),
    ).toEqual([]);
    expect(
      probeFindings([healthy({ tls: { ...tls, certificate: { ...cert, daysLeft: 22 } } })], {
        ...OPTS,
        certExpiryDays: 30,
      })[0].ruleId,
    ).toBe('LV005');
  });

  it('LV006: TLS below 1.2 negotiated, or nothing newer offered', () => {
    const old = only([
      healthy({
        target: scanTarget({ configMinTls: 'TLSv1' }),
        tls: { ...tls, protocol: 'TLSv1.1' },
      }),
    ]);
    expectRule(old, 'LV006', 'error');
    expect(old.message).toContain(
      'negotiated `TLSv1.1`, below TLS 1.2, and the configuration allows it (`TLSv1`)',
    );
    const none = only([
      healthy({
        tls: {
          mode: 'starttls',
          ok: false,
          error: { code: 'ERR_SSL_UNSUPPORTED_PROTOCOL', message: 'unsupported protocol' },
        },
        auth: undefined,
        send: undefined,
      }),
    ]);
    expect(none.ruleId).toBe('LV006');
    expect(none.message).toContain('offers no TLS version of 1.2 or newer');
  });

  it('LV007: AUTH advertised before TLS names the mechanisms', () => {
    const f = only([healthy({ authBeforeTls: ['PLAIN', 'LOGIN'] })]);
    expectRule(f, 'LV007', 'warning');
    expect(f.message).toBe(
      'smtp.example.com:587 advertises AUTH (`PLAIN`, `LOGIN`) before TLS: the server lets clients send passwords in clear text, so any client that does not require TLS leaks them.',
    );
    expect(f.fix).toContain('smtpd_tls_auth_only = yes');
  });

  it('LV008: by failure kind, with provider advice', () => {
    const failed = (over: Partial<ProbeResult>) => only([healthy({ send: undefined, ...over })]);
    const gmail = failed({
      target: scanTarget({ host: 'smtp.gmail.com' }),
      auth: {
        attempted: true,
        mechanism: 'PLAIN',
        ok: false,
        failure: 'bad-credentials',
        reply: { code: 535, enhanced: '5.7.8', text: 'Username and Password not accepted.' },
      },
    });
    expectRule(gmail, 'LV008', 'error');
    expect(gmail.message).toBe(
      'smtp.gmail.com:587 rejected the credentials (AUTH PLAIN) with `535 5.7.8 Username and Password not accepted.`.',
    );
    expect(gmail.fix).toContain('app password');

    const microsoft = failed({
      target: scanTarget({ host: 'smtp.office365.com' }),
      auth: {
        attempted: true,
        mechanism: 'LOGIN',
        ok: false,
        failure: 'disabled-by-provider',
        reply: {
          code: 535,
          enhanced: '5.7.139',
          text: 'Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.',
        },
      },
    });
    expect(microsoft.message).toContain(
      '`535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.`',
    );
    expect(microsoft.fix).toContain('-SmtpClientAuthenticationDisabled $false');
    expect(microsoft.fix).toContain('OAuth2');

    const unsupported = failed({
      ehloAfterTls: { ...healthy().ehloAfterTls!, auth: [] },
      auth: {
        attempted: true,
        ok: false,
        failure: 'not-supported',
        reply: { code: 502, enhanced: '5.5.1', text: 'command not implemented' },
      },
    });
    expect(unsupported.message).toContain('it advertises no AUTH on this port');

    const temporary = failed({
      auth: {
        attempted: true,
        mechanism: 'PLAIN',
        ok: false,
        failure: 'temporary',
        reply: { code: 454, enhanced: '4.7.0', text: 'Temporary authentication failure' },
      },
    });
    expectRule(temporary, 'LV008', 'warning');

    const encryption = failed({
      auth: {
        attempted: true,
        mechanism: 'PLAIN',
        ok: false,
        failure: 'encryption-required',
        reply: { code: 538, enhanced: '5.7.11', text: 'Encryption required' },
      },
    });
    expect(encryption.fix).toContain('Require TLS before AUTH');
  });

  it('LV009: the test message was rejected, quoting the reply', () => {
    const f = only([
      healthy({
        send: {
          attempted: true,
          ok: false,
          reply: {
            code: 554,
            enhanced: '5.7.1',
            text: 'Message rejected: Email address is not verified.',
          },
        },
        problems: [{ phase: 'send', kind: 'rejected', message: 'MAIL FROM rejected' }],
      }),
    ]);
    expectRule(f, 'LV009', 'error');
    expect(f.message).toBe(
      'The test message through smtp.example.com:587 was not accepted: `554 5.7.1 Message rejected: Email address is not verified.`.',
    );
    expect(f.fix).toContain('send from an address the account may send as');
  });

  const deliverability = (over: Partial<NonNullable<ProbeResult['deliverability']>>) => ({
    tester: 'mail-tester' as const,
    address: 'acme-run-1@srv1.mail-tester.com',
    resultsUrl: 'https://www.mail-tester.com/acme-run-1',
    ok: true,
    score: 9.5,
    maxScore: 10,
    minScore: 8,
    checks: [],
    polls: 2,
    ms: 31000,
    ...over,
  });

  it('LV010: score below the minimum is an error; no score a warning', () => {
    const low = only([healthy({ deliverability: deliverability({ ok: false, score: 6.5 }) })]);
    expectRule(low, 'LV010', 'error');
    expect(low.message).toBe(
      'Mail Tester scored the test message sent through smtp.example.com:587 6.5/10, below the minimum 8 (results: https://www.mail-tester.com/acme-run-1).',
    );
    const none = only([
      healthy({
        deliverability: deliverability({
          ok: false,
          score: undefined,
          maxScore: undefined,
          error:
            'the test message did not arrive at Mail Tester within 180 s (7 polls, 7 "not found")',
        }),
      }),
    ]);
    expectRule(none, 'LV010', 'warning');
    expect(none.message).toContain('gave no score');
    expect(none.message).toContain('did not arrive at Mail Tester within 180 s');
  });

  it('LV011: one finding per failed check, SpamAssassin rules folded into one', () => {
    const f = probeFindings(
      [
        healthy({
          deliverability: deliverability({
            score: 8.5,
            checks: [
              {
                id: 'spf',
                title: 'SPF',
                status: 'failure',
                deduction: 1,
                description: 'The server 203.0.113.7 is not allowed',
              },
              { id: 'dkim', title: 'DKIM', status: 'failure', deduction: 0.5 },
              { id: 'dmarc', title: 'DMARC', status: 'neutral' },
              {
                id: 'blacklist:Spamhaus SBL',
                title: 'Listed on Spamhaus SBL',
                status: 'failure',
                deduction: 1,
              },
              {
                id: 'spamassassin:MISSING_DATE',
                title: 'MISSING_DATE',
                status: 'failure',
                deduction: 1.396,
                solution: 'Add a Date: header.',
              },
              {
                id: 'spamassassin:HTML_IMAGE_ONLY_24',
                title: 'HTML_IMAGE_ONLY_24',
                status: 'warning',
                deduction: 0.7,
                solution: 'Add more text.',
              },
              {
                id: 'spamassassin:HTML_MESSAGE',
                title: 'HTML_MESSAGE',
                status: 'warning',
                deduction: 0.001,
              },
            ],
          }),
        }),
      ],
      OPTS,
    );
    expect(f.map((x) => `${x.ruleId}:${x.severity}`)).toEqual([
      'LV011:warning',
      'LV011:warning',
      'LV011:warning',
      'LV011:warning',
    ]);
    for (const x of f) expectRule(x, 'LV011', 'warning');
    expect(f[0].message).toBe(
      'Mail Tester: for the test message sent through smtp.example.com:587, SPF failed (−1 point): `The server 203.0.113.7 is not allowed`.',
    );
    expect(f[0].fix).toContain('SPF record');
    expect(f[1].message).toContain('DKIM failed (−0.5 points)');
    expect(f[2].message).toContain('the sending server is listed on Spamhaus SBL (−1 point)');
    expect(f[2].fix).toContain('delisting');
    expect(f[3].message).toBe(
      'Mail Tester: SpamAssassin rules hit the test message sent through smtp.example.com:587: `MISSING_DATE` (+1.396), `HTML_IMAGE_ONLY_24` (+0.7).',
    );
    expect(f[3].fix).toBe('MISSING_DATE: Add a Date: header. HTML_IMAGE_ONLY_24: Add more text.');
  });

  it('LV012: protocol problems with phase and kind', () => {
    const f = only([
      healthy({
        ehlo: undefined,
        tls: undefined,
        auth: undefined,
        send: undefined,
        problems: [
          { phase: 'ehlo', kind: 'line-too-long', message: 'reply line longer than 4096 bytes' },
        ],
      }),
    ]);
    expectRule(f, 'LV012', 'error');
    expect(f.message).toBe(
      'smtp.example.com:587 misbehaved during ehlo: it sent a reply line longer than any SMTP server should (`reply line longer than 4096 bytes`).',
    );
    const greeting = only([
      healthy({
        ehlo: undefined,
        tls: undefined,
        auth: undefined,
        send: undefined,
        problems: [
          {
            phase: 'greeting',
            kind: 'rejected',
            message: 'greeting 554',
            reply: { code: 554, enhanced: '5.7.1', text: 'No SMTP service here' },
          },
        ],
      }),
    ]);
    expect(greeting.message).toContain(
      'it refused the session with `554 5.7.1 No SMTP service here`',
    );
    expect(greeting.fix).toContain("runner's address");
  });

  it('LV013: verification off in the configuration, but the certificate is valid', () => {
    const f = only([healthy({ target: scanTarget({ configVerifyOff: true }) })]);
    expectRule(f, 'LV013', 'note');
    expect(f.message).toContain(
      'presents a certificate that verifies (`smtp.example.com`, valid until Dec 30 00:00:00 2026 GMT)',
    );
    expect(f.fix).toContain('`rejectUnauthorized: false`');
  });

  it('LV014: weak certificate keys (RSA < 2048, EC < 256)', () => {
    const rsa = only([
      healthy({ tls: { ...tls, certificate: { ...cert, keyType: 'RSA', keyBits: 1024 } } }),
    ]);
    expectRule(rsa, 'LV014', 'warning');
    expect(rsa.message).toBe(
      'The certificate of smtp.example.com:587 has a weak RSA key of 1024 bits (minimum RSA 2048).',
    );
    expect(
      only([healthy({ tls: { ...tls, certificate: { ...cert, keyType: 'EC', keyBits: 224 } } })])
        .ruleId,
    ).toBe('LV014');
    expect(
      probeFindings(
        [healthy({ tls: { ...tls, certificate: { ...cert, keyType: 'RSA', keyBits: 2048 } } })],
        OPTS,
      ),
    ).toEqual([]);
  });

  it('LV015: credentials withheld by the guard, or AUTH skipped for TLS', () => {
    const reason =
      'smtp.example.com is named only by the repository (config/mail.yml:3), which a pull request can change, not by the smtp-host input or live.allow-hosts. To probe it with credentials, add smtp.example.com to live.allow-hosts in .github/smtp-preflight.yml on the base branch.';
    const withheld = only([
      healthy({
        notes: [`credentials withheld: ${reason}`],
        auth: { attempted: false, skipped: 'credentials withheld by the secret guard' },
        send: undefined,
      }),
    ]);
    expectRule(withheld, 'LV015', 'warning');
    expect(withheld.message).toBe(
      `The probe did not send credentials to smtp.example.com:587, so AUTH was not tested: ${reason}`,
    );
    expect(withheld.fix).toContain('live.allow-hosts');

    const oldTls = probeFindings(
      [
        healthy({
          tls: { ...tls, protocol: 'TLSv1' },
          auth: { attempted: false, skipped: 'TLS below 1.2 (TLSv1): no AUTH' },
          send: undefined,
        }),
      ],
      OPTS,
    );
    expect(oldTls.map((x) => x.ruleId)).toEqual(['LV006', 'LV015']);
    expect(oldTls[1].message).toContain(
      'The probe did not authenticate to smtp.example.com:587: `TLS below 1.2 (TLSv1): no AUTH`.',
    );
    expect(oldTls[1].fix).toContain('TLS 1.2');

    // No credentials given: not a finding.
    expect(
      probeFindings(
        [healthy({ auth: { attempted: false, skipped: 'no credentials given' }, send: undefined })],
        OPTS,
      ),
    ).toEqual([]);
  });

  it('LV016: allow-invalid-cert bypass is loud, saying credentials were sent', () => {
    const f = probeFindings(
      [
        healthy({
          tls: { ...tls, authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
          notes: [
            'allow-invalid-cert: the certificate of smtp.example.com:587 did not verify (DEPTH_ZERO_SELF_SIGNED_CERT) and the probe went on anyway',
          ],
        }),
      ],
      OPTS,
    );
    expect(f.map((x) => x.ruleId)).toEqual(['LV016', 'LV004']);
    expectRule(f[0], 'LV016', 'warning');
    expect(f[0].message).toContain(
      'the probe sent credentials to a server whose identity it could not verify',
    );
    expect(f[0].message).toContain('(DEPTH_ZERO_SELF_SIGNED_CERT)');
  });

  it('input targets anchor at the fallback location and carry no endpoint id', () => {
    const target: ProbeTarget = {
      id: 'input',
      host: 'smtp.example.com',
      port: 587,
      security: 'starttls-required',
      source: 'input',
    };
    const f = only([healthy({ target, authBeforeTls: ['PLAIN'] })]);
    expectRule(f, 'LV007', 'warning', FALLBACK);
    expect(f.endpointId).toBeUndefined();
  });

  it('server text cannot add markup: backticks in replies are neutralised', () => {
    const f = only([
      healthy({
        send: {
          attempted: true,
          ok: false,
          reply: { code: 550, text: 'no ``` way `rm -rf`\nsecond line' },
        },
      }),
    ]);
    expect(f.message).toBe(
      "The test message through smtp.example.com:587 was not accepted: `550 no ''' way 'rm -rf'`.",
    );
  });

  it('every LV rule is in the catalogue with a doc page', async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const lv = RULES.filter((r) => r.id.startsWith('LV'));
    expect(lv.map((r) => r.id)).toEqual(
      Array.from({ length: 16 }, (_, i) => `LV${String(i + 1).padStart(3, '0')}`),
    );
    const readme = readFileSync(new URL('../../docs/rules/README.md', import.meta.url), 'utf8');
    for (const r of lv) {
      const page = new URL(`../../docs/rules/${r.id}.md`, import.meta.url);
      expect(existsSync(page), r.id).toBe(true);
      expect(
        readFileSync(page, 'utf8').startsWith(
          `# ${r.id}: ${r.title}\n\nDefault severity: **${r.severity}**\n`,
        ),
      ).toBe(true);
      expect(readme).toContain(`| [${r.id}](${r.id}.md) | ${r.severity} | ${r.title} |`);
    }
  });
});
