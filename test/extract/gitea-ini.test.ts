/**
 * Gitea / Forgejo app.ini `[mailer]` (SEMANTICS.md §10): PROTOCOL and SMTP_PORT infer each other
 * (no port: smtp 25 / smtps 465 / smtp+starttls 587; no PROTOCOL: 25 smtp, 465 smtps, 587
 * smtp+starttls, any other port smtps with a logged error); smtp+starttls is opportunistic; the
 * typo smtp+startls is accepted; FORCE_TRUST_SERVER_CERT turns verification off; legacy HOST =
 * host:port and IS_TLS_ENABLED (false means smtp+starttls, not plaintext).
 */
import { describe, expect, it } from 'vitest';
import { expectHidden, only, run, summary } from './helpers.js';

describe('Gitea app.ini [mailer]', () => {
  it('no PROTOCOL with SMTP_PORT 2525: Gitea assumes smtps (implicit TLS), observed on the port line', () => {
    const secret = 'Zr8kq2LmVx4T';
    const x = run('custom/conf/app.ini', [
      'APP_NAME = Gitea', // 1
      'RUN_MODE = prod', // 2
      '', // 3
      '[mailer]', // 4
      'ENABLED = true', // 5
      'SMTP_ADDR = smtp.example.com', // 6
      'SMTP_PORT = 2525', // 7
      'FROM = gitea@example.com', // 8
      'USER = gitea@example.com', // 9
      `PASSWD = \`${secret}\``, // 10
    ]);
    const ep = only(x);
    expect(summary(ep)).toMatchObject({
      ecosystem: 'gitea',
      line: 6,
      active: true,
      host: { value: 'smtp.example.com', origin: 'literal', line: 6 },
      port: { value: 2525, origin: 'literal', line: 7 },
      security: { value: 'implicit-tls' },
      password: { origin: 'literal', line: 10 },
    });
    expect(ep.ignored.map((o) => o.at.line)).toEqual([7]);
    expectHidden(x, secret);
  });

  it.each([
    [25, 'plain'],
    [465, 'implicit-tls'],
    [587, 'starttls-opportunistic'],
  ] as const)('no PROTOCOL with SMTP_PORT %i is %s (no observation)', (port, security) => {
    const ep = only(
      run('app.ini', [
        '[mailer]', // 1
        'ENABLED = true', // 2
        'SMTP_ADDR = mail.example.org', // 3
        `SMTP_PORT = ${port}`, // 4
      ]),
    );
    expect(ep.security.value).toBe(security);
    expect(ep.port).toMatchObject({ value: port, origin: 'literal' });
    expect(ep.ignored).toEqual([]);
  });

  it.each([
    ['smtps', 465, 'implicit-tls'],
    ['smtp+starttls', 587, 'starttls-opportunistic'],
    ['smtp+startls', 587, 'starttls-opportunistic'],
    ['smtp', 25, 'plain'],
  ] as const)(
    'PROTOCOL = %s with no SMTP_PORT: port %i (derived), %s anchored on PROTOCOL',
    (proto, port, security) => {
      const ep = only(
        run('app.ini', [
          '[mailer]', // 1
          'ENABLED = true', // 2
          `PROTOCOL = ${proto}`, // 3
          'SMTP_ADDR = mail.example.org', // 4
          'USER = gitea', // 5
        ]),
      );
      expect(summary(ep)).toMatchObject({
        ecosystem: 'gitea',
        line: 4,
        port: { value: port, origin: 'derived' },
        security: { value: security, line: 3 },
      });
    },
  );

  it('FORCE_TRUST_SERVER_CERT = true turns verification off', () => {
    const ep = only(
      run('app.ini', [
        '[mailer]', // 1
        'ENABLED = true', // 2
        'PROTOCOL = smtps', // 3
        'SMTP_ADDR = mail.example.org', // 4
        'SMTP_PORT = 465', // 5
        'FORCE_TRUST_SERVER_CERT = true', // 6
      ]),
    );
    expect(ep.tlsVerify).toMatchObject({ value: false, at: { line: 6 } });
  });

  it('ENABLED = false, or PROTOCOL = sendmail / dummy, is inert', () => {
    const off = only(
      run('app.ini', [
        '[mailer]', // 1
        'ENABLED = false', // 2
        'PROTOCOL = smtps', // 3
        'SMTP_ADDR = mail.example.org', // 4
      ]),
    );
    expect(off.active).toBe(false);
    const sendmail = only(
      run('app.ini', [
        '[mailer]', // 1
        'ENABLED = true', // 2
        'PROTOCOL = sendmail', // 3
        'SMTP_ADDR = mail.example.org', // 4
      ]),
    );
    expect(sendmail.active).toBe(false);
  });

  it('legacy HOST = host:port is split; IS_TLS_ENABLED = false means smtp+starttls (opportunistic), not plaintext', () => {
    const ep = only(
      run('app.ini', [
        '[mailer]', // 1
        'ENABLED = true', // 2
        'HOST = smtp.example.com:587', // 3
        'IS_TLS_ENABLED = false', // 4
        'USER = gitea', // 5
      ]),
    );
    expect(summary(ep)).toMatchObject({
      line: 3,
      host: { value: 'smtp.example.com', origin: 'literal', line: 3 },
      port: { value: 587, origin: 'literal', line: 3 },
      security: { value: 'starttls-opportunistic', line: 4 },
    });
  });

  it('legacy IS_TLS_ENABLED = true means smtps', () => {
    const ep = only(
      run('app.ini', [
        '[mailer]', // 1
        'HOST = smtp.example.com:465', // 2
        'IS_TLS_ENABLED = true', // 3
      ]),
    );
    expect(ep.security).toMatchObject({ value: 'implicit-tls', at: { line: 3 } });
  });
});
