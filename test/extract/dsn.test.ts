/**
 * Connection URLs as values (SEMANTICS.md §1, §2): Symfony MAILER_DSN (smtp:// with no port and a
 * non-localhost host is implicit TLS on 465; localhost with no port is port 25; `?verify_peer=0`
 * turns verification off; `?require_tls=true` is required STARTTLS; `?auto_tls=false` is
 * plaintext; `?encryption=` / `?auth_mode=` are SwiftMailer options Symfony ignores (SP014);
 * `null://`, `native://`, `sendmail://` are not SMTP), Laravel MAIL_URL (a Symfony DSN), and a
 * generic SMTP_URL.
 */
import { describe, expect, it } from 'vitest';
import { expectHidden, only, run, summary } from './helpers.js';

describe('Symfony MAILER_DSN', () => {
  it('smtp:// with no port to a remote host is implicit TLS on 465 (derived); literal password hidden', () => {
    const secret = 'Kx8vQ2mLp9Tz';
    const x = run('.env', [
      'APP_ENV=prod', // 1
      '###> symfony/mailer ###', // 2
      `MAILER_DSN=smtp://mailer%40example.com:${secret}@smtp.example.com`, // 3
      '###< symfony/mailer ###', // 4
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'dsn-symfony',
      line: 3,
      active: true,
      host: { value: 'smtp.example.com', origin: 'literal', line: 3 },
      port: { value: 465, origin: 'derived', line: 3 },
      security: { value: 'implicit-tls', line: 3 },
      password: { origin: 'literal', line: 3 },
    });
    expectHidden(x, secret);
  });

  it('smtp://localhost with no port is port 25 with opportunistic STARTTLS', () => {
    const ep = only(run('.env', ['MAILER_DSN=smtp://localhost'])); // one-line file
    expect(summary(ep)).toMatchObject({
      host: { value: 'localhost', origin: 'literal', line: 1 },
      port: { value: 25, origin: 'derived', line: 1 },
      security: { value: 'starttls-opportunistic', line: 1 },
    });
  });

  it('smtp://host:587 is opportunistic STARTTLS; ?verify_peer=0 turns verification off', () => {
    const ep = only(
      run('.env.local', [
        'APP_SECRET=abc', // 1
        'MAILER_DSN=smtp://smtp.example.com:587?verify_peer=0', // 2
      ]),
    );
    expect(summary(ep)).toEqual({
      ecosystem: 'dsn-symfony',
      line: 2,
      active: true,
      host: { value: 'smtp.example.com', origin: 'literal', line: 2 },
      port: { value: 587, origin: 'literal', line: 2 },
      security: { value: 'starttls-opportunistic', line: 2 },
      tlsVerify: { value: false, line: 2 },
    });
  });

  it('?verify_peer= (empty) leaves verification on', () => {
    const ep = only(run('.env', ['MAILER_DSN=smtp://smtp.example.com:587?verify_peer='])); // one-line file
    expect(ep.tlsVerify?.value).not.toBe(false);
  });

  it('?require_tls=true is required STARTTLS', () => {
    const ep = only(run('.env', ['MAILER_DSN=smtp://smtp.example.com:587?require_tls=true'])); // one-line file
    expect(ep.security.value).toBe('starttls-required');
  });

  it('?auto_tls=false is plaintext', () => {
    const ep = only(run('.env', ['MAILER_DSN=smtp://relay.example.com:25?auto_tls=false'])); // one-line file
    expect(ep.security.value).toBe('plain');
  });

  it('?encryption=tls&auth_mode=login are SwiftMailer options: ignored (observed), security from scheme and port', () => {
    const ep = only(
      run('.env', [
        '# mailer', // 1
        'MAILER_DSN=smtp://smtp.example.com:587?encryption=tls&auth_mode=login', // 2
      ]),
    );
    expect(ep.security.value).toBe('starttls-opportunistic');
    expect(ep.ignored.length).toBeGreaterThanOrEqual(1);
    expect(ep.ignored.every((o) => o.at.line === 2)).toBe(true);
  });

  it('smtps:// with no port is implicit TLS on 465; smtp:// on 465 is implicit too', () => {
    const x = run('.env', [
      'MAILER_DSN=smtps://smtp.example.com', // 1
      'MAILER_DSN_FALLBACK=smtp://smtp.example.com:465', // 2
    ]);
    const got = x.endpoints.map(summary).sort((a, b) => a.line - b.line);
    expect(got.map((s) => [s.line, s.port?.value, s.security.value])).toEqual([
      [1, 465, 'implicit-tls'],
      [2, 465, 'implicit-tls'],
    ]);
  });

  it.each(['null://null', 'native://default', 'sendmail://default'])(
    '%s is not SMTP: no endpoint',
    (dsn) => {
      expect(run('.env', [`MAILER_DSN=${dsn}`]).endpoints).toEqual([]);
    },
  );

  it('a ${VAR} password inside the DSN is an env reference; host and port stay literal', () => {
    const ep = only(
      run('.env', ['MAILER_DSN=smtp://mailer:${MAILER_PASSWORD}@smtp.example.com:587']),
    ); // one-line file: everything on line 1
    expect(summary(ep)).toMatchObject({
      host: { value: 'smtp.example.com', origin: 'literal', line: 1 },
      port: { value: 587, origin: 'literal', line: 1 },
      password: { origin: 'env', line: 1 },
    });
  });
});

describe('Laravel MAIL_URL and generic SMTP_URL', () => {
  it('MAIL_URL is a Symfony DSN: smtp://host:2525 is opportunistic', () => {
    const secret = 'Wm4zR8tQk2Xv';
    const x = run('.env', [
      'MAIL_MAILER=smtp', // 1
      `MAIL_URL=smtp://apikey:${secret}@smtp.sendgrid.net:2525`, // 2
      'MAIL_FROM_ADDRESS=hello@example.com', // 3
    ]);
    expect(summary(only(x))).toEqual({
      ecosystem: 'dsn-symfony',
      line: 2,
      active: true,
      host: { value: 'smtp.sendgrid.net', origin: 'literal', line: 2 },
      port: { value: 2525, origin: 'literal', line: 2 },
      security: { value: 'starttls-opportunistic', line: 2 },
      password: { origin: 'literal', line: 2 },
    });
    expectHidden(x, secret);
  });

  it('SMTP_URL smtps://user:pass@host is implicit TLS on 465', () => {
    const secret = 'Jd7pW3xNq9Lk';
    const x = run('.env', [
      'NODE_ENV=production', // 1
      `SMTP_URL=smtps://noreply%40example.com:${secret}@mail.example.com`, // 2
    ]);
    expect(summary(only(x))).toMatchObject({
      line: 2,
      host: { value: 'mail.example.com', origin: 'literal', line: 2 },
      port: { value: 465, origin: 'derived', line: 2 },
      security: { value: 'implicit-tls', line: 2 },
      password: { origin: 'literal', line: 2 },
    });
    expectHidden(x, secret);
  });

  it('SMTP_URL smtp://host:587 is opportunistic STARTTLS', () => {
    const ep = only(run('.env', ['SMTP_URL=smtp://mail.example.com:587'])); // one-line file
    expect(summary(ep)).toMatchObject({
      port: { value: 587, origin: 'literal', line: 1 },
      security: { value: 'starttls-opportunistic', line: 1 },
    });
  });
});

describe('Symfony no-port rule is about the literal name localhost', () => {
  it('smtp://127.0.0.1 with no port is implicit TLS on 465 (only "localhost" gets plaintext 25)', () => {
    const ep = only(run('.env', ['MAILER_DSN=smtp://127.0.0.1'])); // one-line file
    expect(summary(ep)).toMatchObject({
      port: { value: 465, origin: 'derived' },
      security: { value: 'implicit-tls' },
    });
  });
});
